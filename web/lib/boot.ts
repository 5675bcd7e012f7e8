import type { authClient } from '../api.js';
import type { fetchReport } from './data.js';

type Report = Awaited<ReturnType<typeof fetchReport>>;
type Session = NonNullable<typeof authClient.$Infer.Session>;

/**
 * What the server put in the app shell for this address (server/shell.ts, issue 13 first load): on `/r/:reportId`,
 * for someone who may read it, the report as `GET /api/reports/:id` answers it and the session as get-session does.
 * Read once; null when absent.
 */
let boot: { report?: Report; session?: Session } | null | undefined;

function read() {
  if (boot !== undefined) return boot;
  boot = null;
  try {
    const text = typeof document === 'undefined' ? null : document.getElementById('cadence-boot')?.textContent;
    if (text) boot = JSON.parse(text) as typeof boot;
  } catch { /* a malformed shell: the app asks the API as usual */ }
  return boot;
}

/** The report the shell carries, when it is this one. */
export const bootReport = (reportId: string): Report | null => {
  const r = read()?.report;
  return r && r.id === reportId ? r : null;
};

/** The session the shell carries (the app checks it with the server all the same, without waiting for the answer). */
export const bootSession = (): Session | null => read()?.session ?? null;
