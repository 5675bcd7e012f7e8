import { api, unwrap } from '../api.js';

const report = api.api.reports[':reportId'];

/** History and next-week calls, through the app's one typed client (web/api.ts); answers typed by the routes. */
export const historyApi = {
  list: (reportId: string) => unwrap(report.history.$get({ param: { reportId } })),
  get: (reportId: string, id: string) => unwrap(report.history[':snapshotId'].$get({ param: { reportId, snapshotId: id } })),
  save: (reportId: string) => unwrap(report.history.$post({ param: { reportId } })),
  restore: (reportId: string, id: string) => unwrap(report.history[':snapshotId'].restore.$post({ param: { reportId, snapshotId: id } })),
  next: (reportId: string) => unwrap(report.next.$post({ param: { reportId } })),
};

export type Snapshot = Awaited<ReturnType<typeof historyApi.list>>[number];
export type SnapshotView = Awaited<ReturnType<typeof historyApi.get>>;
