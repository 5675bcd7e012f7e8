/**
 * Restores started in this tab: the panel that restored says so (a toast), so the report's "you restored …" notice,
 * which the event stream brings to every tab, is not shown here too (the walkthrough saw the same message twice).
 */
const pending = new Set<string>();

export const restoringHere = (reportId: string) => { pending.add(reportId); };
/** Whether this tab restored the report (once: a later restore from another tab is told as usual). */
export const restoredHere = (reportId: string) => pending.delete(reportId);
