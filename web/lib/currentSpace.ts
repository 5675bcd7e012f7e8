import { useSyncExternalStore } from 'react';

/** The space the sidebar shows: set by space pages and report pages, remembered across reloads. */
const KEY = 'cadence.space';
const subs = new Set<() => void>();

export function setCurrentSpace(id: string) {
  if (localStorage.getItem(KEY) === id) return;
  localStorage.setItem(KEY, id);
  subs.forEach((s) => s());
}

export const useCurrentSpace = () =>
  useSyncExternalStore((cb) => { subs.add(cb); return () => subs.delete(cb); }, () => localStorage.getItem(KEY));
