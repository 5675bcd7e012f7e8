import type { FieldConflict } from './concurrentFields.js';

/** The conflicts found in one open report, until the person deals with them (ConcurrentEdits.tsx reads it). */
export interface ConflictLog {
  list(): readonly FieldConflict[];
  add(found: FieldConflict[]): void;
  remove(c: FieldConflict): void;
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
    clear: () => set([]),
    subscribe: (f) => { subscribers.add(f); return () => { subscribers.delete(f); }; },
  };
}
