/** Sends one dropped file to POST /api/spaces/:spaceId/import; resolves with the outcome, never throws. */

export type ImportState =
  | { kind: 'waiting' }
  | { kind: 'importing' }
  | { kind: 'imported'; reportId: string; week: string; counts: Record<string, number>; warnings: string[] }
  | { kind: 'failed'; code: string; message: string };

export async function importFile(spaceId: string, file: File, week?: string): Promise<ImportState> {
  const query = week ? `?week=${encodeURIComponent(week)}` : '';
  let res: Response;
  try {
    res = await fetch(`/api/spaces/${encodeURIComponent(spaceId)}/import${query}`, {
      method: 'POST',
      body: file,
      credentials: 'same-origin',
      headers: { 'content-type': 'text/markdown' },
    });
  } catch {
    return { kind: 'failed', code: 'network', message: 'Cannot reach the server. Check your connection.' };
  }
  const body = await res.json().catch(() => null);
  if (res.status === 201 && body?.report) {
    return { kind: 'imported', reportId: body.report.id, week: body.report.week, counts: body.counts, warnings: body.warnings ?? [] };
  }
  return { kind: 'failed', code: body?.error?.code ?? `http_${res.status}`, message: body?.error?.message ?? `Import failed (${res.status}).` };
}

/** Markdown files only: `.md` / `.markdown`, or a text/markdown type. */
export const isMarkdown = (f: File) => /\.(md|markdown)$/i.test(f.name) || f.type === 'text/markdown';
