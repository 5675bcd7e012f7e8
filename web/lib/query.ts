import { useQuery as useTanstackQuery } from '@tanstack/react-query';

/**
 * TRANSITIONAL (issue 13): the old `useQuery(key, fetcher)` signature, now a thin adapter over TanStack Query and
 * the app's one QueryClient (no cache of its own), kept only until the dashboard pages move to web/lib/data.ts.
 */
export interface Query<T> { data: T | undefined; error: Error | null; loading: boolean; reload: () => void }

export function useQuery<T>(key: string | null, fetcher: () => Promise<T>): Query<T> {
  const q = useTanstackQuery({ queryKey: ['legacy', key], queryFn: fetcher, enabled: key !== null });
  return { data: q.data, error: q.error, loading: q.isPending, reload: () => void q.refetch() };
}
