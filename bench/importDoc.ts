/**
 * A Markdown report of about `bytes` bytes for the import bench: a sample report's title and header, then its body
 * (sections, key projects, OKR items, KPI tables, incidents) repeated, each copy's lines numbered so none repeats.
 */
import fs from 'node:fs';
import path from 'node:path';

const samples = path.resolve(process.env.CADENCE_SAMPLES ?? path.join(import.meta.dirname, '../../shared/samples'));

export function bigMarkdown(bytes = 2 * 1024 * 1024, sample = '2024-W12'): string {
  const text = fs.readFileSync(path.join(samples, `${sample}.md`), 'utf8');
  const lines = text.split('\n');
  const bodyStart = lines.findIndex((l, i) => i > 0 && /^#{1,3} /.test(l));
  const head = lines.slice(0, bodyStart).join('\n');
  const body = lines.slice(bodyStart);
  const parts = [head];
  let size = Buffer.byteLength(head);
  for (let copy = 1; size < bytes; copy++) {
    const chunk = body.map((l) => (/^\s*([-*]|\d+\.)\s+\S/.test(l) && !/【/.test(l) ? `${l} (${copy})` : l)).join('\n');
    parts.push(chunk);
    size += Buffer.byteLength(chunk) + 1;
  }
  return parts.join('\n');
}
