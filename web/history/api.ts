import { api, unwrap } from '../api.js';
import type { DocNode } from '../../shared/blocks/types.js';

export interface Snapshot { id: string; createdAt: string; reason: 'auto' | 'manual' | 'next_week' | 'before_restore'; authors: { id: string; name: string }[] }
export interface DiffBlock { key: string; blockId: string | null; type: string; text: string; index: number | null }
export interface SnapshotView extends Snapshot {
  doc: DocNode;
  /** From the snapshot to the current document. */
  diff: { added: DiffBlock[]; removed: DiffBlock[]; changed: (DiffBlock & { before: string; after: string })[] };
}

const report = api.api.reports[':reportId'];

/** History and next-week calls, through the app's one typed client (web/api.ts). */
export const historyApi = {
  list: (reportId: string) => unwrap(report.history.$get({ param: { reportId } })) as Promise<Snapshot[]>,
  get: (reportId: string, id: string) => unwrap(report.history[':snapshotId'].$get({ param: { reportId, snapshotId: id } })) as Promise<SnapshotView>,
  save: (reportId: string) => unwrap(report.history.$post({ param: { reportId } })) as Promise<{ id: string }>,
  restore: (reportId: string, id: string) =>
    unwrap(report.history[':snapshotId'].restore.$post({ param: { reportId, snapshotId: id } })) as Promise<{ ok: true; before: string }>,
  next: (reportId: string) => unwrap(report.next.$post({ param: { reportId } })) as Promise<{ id: string; week: string }>,
};

export const reasonLabel: Record<Snapshot['reason'], string> = {
  auto: 'Edited',
  manual: 'Saved by hand',
  next_week: 'Next week started',
  before_restore: 'Before a restore',
};
