import { useEffect, useRef, useSyncExternalStore } from 'react';

/**
 * Field text typed but not yet written to the document. A number or a date is written when it is finished (Enter,
 * leaving the field: fields.tsx, DateField.tsx), so a reload or a closed tab took what was typed with it while the
 * badge said "saved" (browser walkthrough). Each such field registers its draft here: the page writes every valid
 * draft when it is hidden or left (`pagehide`, `visibilitychange`: the socket still sends then), and the save state
 * says "not saved" while any is pending (useCollab.ts).
 */
const drafts = new Map<object, () => void>();
const listeners = new Set<() => void>();
const changed = () => { for (const l of listeners) l(); };

/** Writes every pending draft that is valid (each field decides; an invalid one stays as typed). */
export function writeDrafts() {
  for (const write of [...drafts.values()]) {
    try { write(); } catch { /* the editor is gone: nothing to write to */ }
  }
}

/** Whether some field holds typed text not written yet, as React state. */
export function useUnwrittenDrafts(): boolean {
  return useSyncExternalStore((l) => { listeners.add(l); return () => listeners.delete(l); }, () => drafts.size > 0, () => false);
}

/**
 * Registers this field's draft while `unwritten` (what it shows is not the stored value); `write` stores it as the
 * field would on leaving, without closing it.
 */
export function useFieldDraft(unwritten: boolean, write: () => void) {
  const key = useRef({});
  const latest = useRef(write);
  latest.current = write;
  useEffect(() => {
    if (!unwritten) return;
    const k = key.current;
    drafts.set(k, () => latest.current());
    changed();
    return () => { drafts.delete(k); changed(); };
  }, [unwritten]);
}

if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', writeDrafts);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') writeDrafts(); });
}
