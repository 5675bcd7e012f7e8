import fs from 'node:fs';
import path from 'node:path';

/** The real sample reports, read in place (never copied into the repo). */
export const repoRoot = path.resolve(import.meta.dirname, '../..');
/** `../shared/samples` beside the repo (as CI lays it out); CADENCE_SAMPLES overrides it. */
export const samplesDir = path.resolve(process.env.CADENCE_SAMPLES ?? path.join(repoRoot, '../shared/samples'));
export const sampleNames = ['2024-W12', '2024-W25', '2024-W34'] as const;
export const readSample = (name: string) => fs.readFileSync(path.join(samplesDir, `${name}.md`), 'utf8');

/** The fields an import must reproduce, without blockIds and free text. */
export function comparable(items: { okrs: any[]; kpis: any[]; incidents: any[]; projects: any[] }) {
  return {
    okrs: items.okrs.map((o) => [o.objective, o.project, o.progress, o.due]),
    kpis: items.kpis.map((k) => [k.name, k.value, k.unit]),
    incidents: items.incidents.map((i) => [i.start, i.end, i.durationMinutes, i.status]),
    projects: items.projects.map((p) => p.project),
  };
}
