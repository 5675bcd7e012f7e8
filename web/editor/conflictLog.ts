import type { FieldConflict } from './concurrentFields.js';

/** The conflicts found in one open report, until the person deals with them (ConcurrentEdits.tsx reads it). */
export interface ConflictLog {
  list(): readonly FieldConflict[];
  add(found: FieldConflict[]): void;
  remove(c: FieldConflict): void;
  /** Drops the conflicts whose replaced value is back in the field (put back by someone, from either side's notice). */
  settle(): void;
  clear(): void;
  subscribe(f: () => void): () => void;
}

export function conflictLog(): ConflictLog {
  let list: readonly FieldConflict[] = [];
  const subscribers = new Set<() => void>();
  const set = (next: readonly FieldConflict[]) => { list = next; subscribers.forEach((f) => f()); };
  return {
    list: () => list,
    // A later conflict on the same field replaces the earlier one (what was dropped last is what can still matter).
    add: (found) => set([...list.filter((c) => !found.some((f) => f.element === c.element && f.attr === c.attr)), ...found]),
    remove: (c) => set(list.filter((x) => x !== c)),
    settle: () => {
      if (!list.length) return;
      const open = list.filter((c) => !Object.is(c.element.getAttribute(c.attr) as unknown, c.lost));
      if (open.length !== list.length) set(open);
    },
    clear: () => set([]),
    subscribe: (f) => { subscribers.add(f); return () => { subscribers.delete(f); }; },
  };
}
