import { addWeek, currentWeek } from '../../shared/week.js';
import { api, ApiError, unwrap } from '../api.js';
import { fetchReports, keys } from './data.js';
import { nextMissingWeek } from './nextMissingWeek.js';
import { queryClient } from './queryClient.js';

/** The space's reports, fresh from the server (through the query cache, which they also update). */
const freshReports = (spaceId: string) => queryClient.fetchQuery({ queryKey: keys.reports(spaceId), queryFn: () => fetchReports(spaceId), staleTime: 0 });

/** The report of `week` in a space: created when missing; a 409 week_exists (someone was faster) opens theirs. */
export async function openOrCreateWeek(spaceId: string, week: string): Promise<string> {
  try {
    const r = await unwrap(api.api.spaces[':spaceId'].reports.$post({ param: { spaceId }, json: { week } }));
    void queryClient.invalidateQueries({ queryKey: keys.reports(spaceId) });
    return r.id;
  } catch (e) {
    if (!(e instanceof ApiError && e.code === 'week_exists')) throw e;
    const found = (await freshReports(spaceId)).find((r) => r.week === week);
    if (!found) throw e;
    return found.id;
  }
}

/**
 * "New week": this week's report, or the first missing one after it. A week past next week is created only when
 * `askAhead` agrees (it was made at once, and the dashboard's "this week" became an empty week ahead); null when not.
 */
export async function createNewWeek(spaceId: string, askAhead: (week: string) => boolean): Promise<string | null> {
  const week = nextMissingWeek((await freshReports(spaceId)).map((r) => r.week));
  if (week > addWeek(currentWeek(), 1) && !askAhead(week)) return null;
  return openOrCreateWeek(spaceId, week);
}
