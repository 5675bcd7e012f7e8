import { useCallback, useEffect, useMemo, useState } from 'react';
import { commentsApi, toThreads, type Comment } from './api.js';
import { useEvents } from './useEventStream.js';

/**
 * The report's comments, kept live: loaded once, then reloaded whenever the report's event stream says a
 * comment was added or changed (or the document was restored, which can attach or detach threads).
 */
export function useComments(reportId: string) {
  const [comments, setComments] = useState<Comment[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const reload = useCallback(() => {
    commentsApi.list(reportId).then((c) => { setComments(c); setError(null); }, setError);
  }, [reportId]);
  useEffect(() => { setComments(null); reload(); }, [reload]);
  const mine = (d: { reportId?: string; comment?: { reportId: string } }) => (d.comment?.reportId ?? d.reportId) === reportId;
  useEvents(reportId, { comment: (d) => mine(d) && reload(), restored: (d) => mine(d) && reload() }, reload);
  const threads = useMemo(() => toThreads(comments ?? []), [comments]);
  return { comments, threads, error, reload, loading: comments === null && !error };
}
