import { call } from '../comments/api.js';
import type { DocNode } from '../../shared/blocks/types.js';

export interface Snapshot { id: string; createdAt: string; reason: 'auto' | 'manual' | 'next_week' | 'before_restore'; authors: { id: string; name: string }[] }
export interface DiffBlock { key: string; blockId: string | null; type: string; text: string; index: number | null }
export interface SnapshotView extends Snapshot {
  doc: DocNode;
  /** From the snapshot to the current document. */
  diff: { added: DiffBlock[]; removed: DiffBlock[]; changed: (DiffBlock & { before: string; after: string })[] };
}

export const historyApi = {
  list: (reportId: string) => call<Snapshot[]>('GET', `/api/reports/${reportId}/history`),
  get: (reportId: string, id: string) => call<SnapshotView>('GET', `/api/reports/${reportId}/history/${id}`),
  save: (reportId: string) => call<{ id: string }>('POST', `/api/reports/${reportId}/history`),
  restore: (reportId: string, id: string) => call<{ ok: true; before: string }>('POST', `/api/reports/${reportId}/history/${id}/restore`),
  next: (reportId: string) => call<{ id: string; week: string }>('POST', `/api/reports/${reportId}/next`),
};

export const reasonLabel: Record<Snapshot['reason'], string> = {
  auto: 'Edited',
  manual: 'Saved by hand',
  next_week: 'Next week started',
  before_restore: 'Before a restore',
};
