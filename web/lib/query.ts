import { useCallback, useEffect, useState } from 'react';

/**
 * A very small data hook: loads `fetcher` for `key`, caches the result, and reloads every mounted
 * query whose key starts with a prefix passed to `invalidate()` (e.g. after creating a week).
 */
const cache = new Map<string, unknown>();
const listeners = new Set<(key: string) => void>();

export function invalidate(prefix: string) {
  for (const k of [...cache.keys()]) if (k.startsWith(prefix)) cache.delete(k);
  listeners.forEach((l) => l(prefix));
}

// Coming back to the tab refreshes what is on screen (someone may have added you to a space or created a week).
if (typeof window !== 'undefined') window.addEventListener('focus', () => invalidate(''));

export interface Query<T> { data: T | undefined; error: Error | null; loading: boolean; reload: () => void }

export function useQuery<T>(key: string | null, fetcher: () => Promise<T>): Query<T> {
  const [state, setState] = useState<{ key: string | null; data?: T; error: Error | null }>(() => ({ key, data: key ? (cache.get(key) as T | undefined) : undefined, error: null }));
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    const onInvalidate = (prefix: string) => { if (key?.startsWith(prefix)) reload(); };
    listeners.add(onInvalidate);
    return () => { listeners.delete(onInvalidate); };
  }, [key, reload]);

  useEffect(() => {
    if (!key) return;
    let live = true;
    if (state.key !== key) setState({ key, data: cache.get(key) as T | undefined, error: null });
    fetcher().then(
      (data) => { cache.set(key, data); if (live) setState({ key, data, error: null }); },
      (error: Error) => { if (live) setState((s) => ({ key, data: s.key === key ? s.data : undefined, error })); },
    );
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);

  const current = state.key === key;
  return { data: current ? state.data : undefined, error: current ? state.error : null, loading: !current || (state.data === undefined && !state.error), reload };
}
