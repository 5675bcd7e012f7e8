import { api, ApiError, unwrap } from '../api.js';
import { invalidate } from './query.js';
import type { ReportSummary } from './data.js';
import { nextMissingWeek } from './nextMissingWeek.js';

const listReports = (spaceId: string) =>
  unwrap(api.api.spaces[':spaceId'].reports.$get({ param: { spaceId } })) as Promise<ReportSummary[]>;

/** The report of `week` in a space: created when missing; a 409 week_exists (someone was faster) opens theirs. */
export async function openOrCreateWeek(spaceId: string, week: string): Promise<string> {
  try {
    const r = await unwrap(api.api.spaces[':spaceId'].reports.$post({ param: { spaceId }, json: { week } }));
    invalidate(`reports:${spaceId}`);
    return r.id;
  } catch (e) {
    if (!(e instanceof ApiError && e.code === 'week_exists')) throw e;
    const found = (await listReports(spaceId)).find((r) => r.week === week);
    invalidate(`reports:${spaceId}`);
    if (!found) throw e;
    return found.id;
  }
}


export async function createNewWeek(spaceId: string): Promise<string> {
  return openOrCreateWeek(spaceId, nextMissingWeek((await listReports(spaceId)).map((r) => r.week)));
}
