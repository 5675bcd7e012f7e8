import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { keys } from '../lib/data.js';
import { commentsApi, toThreads } from './api.js';
import { useEventStream } from './useEventStream.js';

/**
 * The report's comments through the query layer, kept live: the report's event stream marks them stale when a
 * comment is added or changed (or the document restored, which can attach or detach threads), and they refetch.
 */
export function useComments(reportId: string) {
  const q = useQuery({ queryKey: keys.comments(reportId), queryFn: () => commentsApi.list(reportId), enabled: !!reportId });
  useEventStream(reportId || null);
  const threads = useMemo(() => toThreads(q.data ?? []), [q.data]);
  return { comments: q.data ?? null, threads, error: q.error, loading: q.isPending && !q.error };
}
