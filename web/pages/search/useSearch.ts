import { useEffect, useRef, useState } from 'react';
import { searchSpace, type SearchHit } from './api.js';

/** Results as you type: debounced, and answers to older queries are dropped. */
export function useSearch(spaceId: string | null, q: string, limit = 50, delay = 120) {
  const [state, setState] = useState<{ q: string; hits: SearchHit[]; loading: boolean; error: string | null }>({ q: '', hits: [], loading: false, error: null });
  const seq = useRef(0);
  useEffect(() => {
    const query = q.trim();
    const mine = ++seq.current;
    if (!spaceId || !query) { setState({ q: query, hits: [], loading: false, error: null }); return; }
    setState((s) => ({ ...s, loading: true }));
    const t = setTimeout(() => {
      searchSpace(spaceId, query, limit).then(
        (hits) => { if (mine === seq.current) setState({ q: query, hits, loading: false, error: null }); },
        (e: Error) => { if (mine === seq.current) setState({ q: query, hits: [], loading: false, error: e.message }); },
      );
    }, delay);
    return () => clearTimeout(t);
  }, [spaceId, q, limit, delay]);
  return state;
}
