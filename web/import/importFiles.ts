import { api, unwrap } from '../api.js';
import type { ImportNotice } from '../../shared/importNotices.js';

export type ImportState =
  | { kind: 'waiting' }
  | { kind: 'importing' }
  /** `notices`: the warnings and notes as codes with parameters (shared/importNotices.ts), worded by ImportDialog from the catalogue. */
  | { kind: 'imported'; reportId: string; week: string; counts: Record<string, number>; notices: (ImportNotice & { level: 'warning' | 'note' })[] }
  /** Why not: the server's error (shown by its code, web/i18n/errors.ts), or a transport failure. */
  | { kind: 'failed'; error: unknown };

/** Sends one dropped file to POST /api/spaces/:spaceId/import; resolves with the outcome, never throws. */
export async function importFile(spaceId: string, file: File): Promise<ImportState> {
  try {
    // Through the app's one typed client; the body is the file itself (the route reads it raw, up to its limit).
    const body = await unwrap(api.api.spaces[':spaceId'].import.$post({ param: { spaceId } }, { init: { body: file, headers: { 'content-type': 'text/markdown' } } }));
    // What import decided beyond the text (names linked to nearby weeks' projects, issue 12) shows with the warnings.
    return { kind: 'imported', reportId: body.report.id, week: body.report.week, counts: body.counts, notices: body.notices };
  } catch (e) {
    return { kind: 'failed', error: e };
  }
}

/** Markdown files only: `.md` / `.markdown`, or a text/markdown type. */
export const isMarkdown = (f: File) => /\.(md|markdown)$/i.test(f.name) || f.type === 'text/markdown';
