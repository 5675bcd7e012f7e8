import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { MAX_QUERY_CHARS } from '../../../shared/api/search.js';
import { keys } from '../../lib/data.js';
import { searchSpace, type SearchHit } from './api.js';

/**
 * Results as you type, through the query layer: the query waits `delay` ms after the last keystroke, and the
 * previous results stay on screen until the new ones come. `q` is the query the hits answer.
 */
export function useSearch(spaceId: string | null, q: string, limit = 50, delay = 120) {
  // A longer query (pasted into the address) is searched for its first MAX_QUERY_CHARS characters, not refused.
  const typed = q.trim().slice(0, MAX_QUERY_CHARS).trim();
  const [query, setQuery] = useState(typed);
  useEffect(() => {
    if (delay === 0) { setQuery(typed); return; }
    const t = setTimeout(() => setQuery(typed), delay);
    return () => clearTimeout(t);
  }, [typed, delay]);
  const r = useQuery({
    queryKey: keys.search(spaceId ?? '', query, limit),
    queryFn: async () => ({ q: query, hits: await searchSpace(spaceId!, query, limit) }),
    enabled: !!spaceId && !!query,
    placeholderData: keepPreviousData,
  });
  if (!spaceId || !typed) return { q: '', hits: [] as SearchHit[], loading: false, error: null };
  return { q: r.data?.q ?? '', hits: r.data?.hits ?? [], loading: typed !== query || r.isFetching, error: r.error };
}
