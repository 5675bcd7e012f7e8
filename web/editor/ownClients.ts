/**
 * The Yjs client ids this browser has written under. A document gets a new id each time a page opens it, and edits
 * made offline wait in IndexedDB under the id of the page that made them; so "is this value mine?" (a conflict
 * after reconnecting, concurrentFields.ts) asks this list, kept in localStorage (memory only when storage is off).
 */
const KEY = 'cadence.clientIds';
/** Enough for months of page loads; the oldest go first. */
const KEEP = 300;

let ids: number[] | null = null;

function load(): number[] {
  if (ids) return ids;
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    ids = Array.isArray(parsed) ? parsed.filter((x): x is number => typeof x === 'number') : [];
  } catch {
    ids = [];
  }
  return ids;
}

export function rememberClient(id: number) {
  const list = load();
  if (list.includes(id)) return;
  ids = [...list, id].slice(-KEEP);
  try { localStorage.setItem(KEY, JSON.stringify(ids)); } catch { /* storage off or full: this page still knows */ }
}

export const isOwnClient = (id: number) => load().includes(id);
