import cliProgress from 'cli-progress';
import { itemBlocks } from '../../shared/blocks/index.js';
import type { CadenceClient } from './http.js';

export interface ImportSource { name: string; body: Uint8Array | string }
export interface ImportOutcome { file: string; result: 'imported' | 'skipped'; week: string; detail: string }

/**
 * Imports many reports one after another through the HTTP API, with a progress bar; a file that fails
 * is recorded as skipped with the server's reason and the others go on.
 */
export async function importAll(client: CadenceClient, spaceId: string, sources: ImportSource[], opts: { week?: string; progress?: boolean } = {}) {
  const bar = opts.progress === false ? null : new cliProgress.SingleBar({
    format: 'importing [{bar}] {value}/{total} {file}',
    hideCursor: true,
    stream: process.stderr,
  }, cliProgress.Presets.shades_classic);
  bar?.start(sources.length, 0, { file: '' });
  const outcomes: ImportOutcome[] = [];
  for (const s of sources) {
    bar?.update({ file: s.name });
    try {
      const r = await client.importMarkdown(spaceId, s.body, opts.week);
      if (r.status === 201) {
        const c = r.json.counts as Record<string, number>;
        const warn = (r.json.warnings?.length ? `; warnings: ${r.json.warnings.join(' | ')}` : '')
          + (r.json.notes?.length ? `; ${r.json.notes.join(' | ')}` : ''); // projects linked to nearby weeks' (issue 12)
        outcomes.push({ file: s.name, result: 'imported', week: r.json.report.week, detail: `${itemBlocks.map((b) => `${c[b.items.key] ?? 0} ${b.items.label}`).join(', ')}${warn}` });
      } else {
        const reason = r.json?.error ? `${r.json.error.code}: ${r.json.error.message}` : `HTTP ${r.status}`;
        outcomes.push({ file: s.name, result: 'skipped', week: '', detail: reason });
      }
    } catch (e) {
      outcomes.push({ file: s.name, result: 'skipped', week: '', detail: (e as Error).message });
    }
    bar?.increment();
  }
  bar?.stop();
  return outcomes;
}

/** The summary table: one row per file, then the totals. */
export function printSummary(outcomes: ImportOutcome[]) {
  const rows = outcomes.map((o) => ({ file: o.file, result: o.result, week: o.week, detail: o.detail.length > 110 ? o.detail.slice(0, 107) + '…' : o.detail }));
  if (rows.length) console.table(rows);
  const imported = outcomes.filter((o) => o.result === 'imported').length;
  console.log(`${imported} imported, ${outcomes.length - imported} skipped, ${outcomes.length} in all.`);
}
