import { Search, X } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { weekRange } from '../../../shared/week.js';
import { useCurrentSpace } from '../../lib/currentSpace.js';
import { byWeek, hitUrl, type SearchHit } from './api.js';
import { HitRow } from './HitRow.js';
import { navigateTo } from './navigate.js';
import { useSearch } from './useSearch.js';

/** Ctrl/Cmd+K anywhere: search the current space's reports, results as you type, grouped by week. */
export function SearchPalette() {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const spaceId = useCurrentSpace();
  const signedIn = !['/signin', '/signup'].includes(window.location.pathname);
  const { hits, loading, error, q: answered } = useSearch(open ? spaceId : null, q);
  const groups = useMemo(() => byWeek(hits), [hits]);
  const flat = useMemo(() => groups.flatMap((g) => g.hits), [groups]);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    const onOpen = () => setOpen(true);
    window.addEventListener('keydown', onKey);
    window.addEventListener('cadence:search', onOpen);
    return () => { window.removeEventListener('keydown', onKey); window.removeEventListener('cadence:search', onOpen); };
  }, []);
  useEffect(() => { if (open) setTimeout(() => input.current?.select(), 0); }, [open]);
  useEffect(() => setActive(0), [hits]);
  useEffect(() => { list.current?.querySelector('.sr-hit.is-active')?.scrollIntoView({ block: 'nearest' }); }, [active]);

  if (!open || !signedIn) return null;
  const go = (url: string) => { setOpen(false); navigateTo(url); };
  const openHit = (h: SearchHit) => go(hitUrl(h));
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') { e.preventDefault(); setOpen(false); }
    else if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(flat.length - 1, a + 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(0, a - 1)); }
    else if (e.key === 'Enter') {
      e.preventDefault();
      if ((e.metaKey || e.ctrlKey) && spaceId && q.trim()) go(`/s/${spaceId}/search?q=${encodeURIComponent(q.trim())}`);
      else if (flat[active]) openHit(flat[active]);
    }
  };
  let index = -1;
  return (
    <div className="sr-overlay" onMouseDown={(e) => { if (e.target === e.currentTarget) setOpen(false); }}>
      <div className="sr-palette" role="dialog" aria-label="Search reports" onKeyDown={onKeyDown}>
        <div className="sr-input-row">
          <Search size={18} className="muted" />
          <input ref={input} className="sr-input" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Search"
            placeholder={spaceId ? 'Search every week: 项目, OKR, KPI, incidents…' : 'Open a space to search it'} disabled={!spaceId} />
          {loading && <span className="sr-spinner" aria-hidden />}
          <button type="button" className="sr-close" onClick={() => setOpen(false)} aria-label="Close"><X size={16} /></button>
        </div>
        <div className="sr-results" ref={list}>
          {error && <div className="sr-empty sr-error">{error}</div>}
          {!error && answered && !loading && flat.length === 0 && <div className="sr-empty">No results for “{answered}”.</div>}
          {!answered && <div className="sr-empty muted">Type to search. Two characters are enough for Chinese (好店), any case for Latin (docai).</div>}
          {groups.map((g) => (
            <section key={g.week} className="sr-group">
              <h3 className="sr-week">{g.week} <span className="muted">{weekRange(g.week)}</span></h3>
              {g.hits.map((h) => {
                const i = ++index;
                return <HitRow key={`${h.reportId}:${h.kind}:${h.blockId}:${i}`} hit={h} active={i === active} onOpen={() => openHit(h)} onHover={() => setActive(i)} />;
              })}
            </section>
          ))}
        </div>
        <footer className="sr-foot">
          <span><kbd>↑</kbd><kbd>↓</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close</span>
          {spaceId && q.trim() && (
            <a href={`/s/${spaceId}/search?q=${encodeURIComponent(q.trim())}`} onClick={(e) => { e.preventDefault(); go(`/s/${spaceId}/search?q=${encodeURIComponent(q.trim())}`); }}>
              All results <kbd>Ctrl</kbd><kbd>Enter</kbd>
            </a>
          )}
        </footer>
      </div>
    </div>
  );
}
