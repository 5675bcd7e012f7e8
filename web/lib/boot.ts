import type { fetchReport } from './data.js';

type Report = Awaited<ReturnType<typeof fetchReport>>;

/**
 * What the server put in the app shell for this address (server/shell.ts, issue 13 first load): on `/r/:reportId`,
 * for someone who may read it, the report as `GET /api/reports/:id` answers it. Read once; null when absent.
 */
let boot: { report?: Report } | null | undefined;

function read() {
  if (boot !== undefined) return boot;
  boot = null;
  try {
    const text = typeof document === 'undefined' ? null : document.getElementById('cadence-boot')?.textContent;
    if (text) boot = JSON.parse(text) as { report?: Report };
  } catch { /* a malformed shell: the app asks the API as usual */ }
  return boot;
}

/** The report the shell carries, when it is this one. */
export const bootReport = (reportId: string): Report | null => {
  const r = read()?.report;
  return r && r.id === reportId ? r : null;
};
