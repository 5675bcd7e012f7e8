import { Search } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { searchKinds } from '../../../shared/blocks/index.js';
import { weekRange } from '../../../shared/week.js';
import { Spinner } from '../../components/Spinner.js';
import { setCurrentSpace } from '../../lib/currentSpace.js';
import { useSpaces } from '../../lib/data.js';
import { useTitle } from '../../lib/useTitle.js';
import { byWeek, hitUrl, kindLabel, type SearchHit } from './api.js';
import { HitRow } from './HitRow.js';
import { useSearch } from './useSearch.js';
import './mount.js';

const KINDS: (SearchHit['kind'] | 'all')[] = ['all', ...searchKinds];

/** `/s/:spaceId/search?q=`: every hit in the space, newest week first, filterable by kind. */
export function SearchPage() {
  const { spaceId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const [kind, setKind] = useState<(typeof KINDS)[number]>('all');
  const space = useSpaces().data?.find((s) => s.id === spaceId);
  useEffect(() => { if (space) setCurrentSpace(space.id); }, [space]);
  useEffect(() => setDraft(q), [q]);
  useTitle(q ? `“${q}”` : 'Search', space?.name);
  // Typing updates the URL (replace), so the page can be shared and the back button returns here.
  useEffect(() => {
    const t = setTimeout(() => { if (draft.trim() !== q) setParams(draft.trim() ? { q: draft.trim() } : {}, { replace: true }); }, 250);
    return () => clearTimeout(t);
  }, [draft, q, setParams]);

  const { hits, loading, error, q: answered } = useSearch(spaceId, q, 200, 0);
  const shown = useMemo(() => (kind === 'all' ? hits : hits.filter((h) => h.kind === kind)), [hits, kind]);
  const counts = useMemo(() => Object.fromEntries(KINDS.map((k) => [k, k === 'all' ? hits.length : hits.filter((h) => h.kind === k).length])), [hits]);
  const groups = byWeek(shown);

  return (
    <div className="page sr-page">
      <header className="page-head">
        <div>
          <div className="eyebrow"><Link to={`/s/${spaceId}`}>{space?.name ?? 'Space'}</Link></div>
          <h1>Search</h1>
        </div>
        <Link className="btn" to={`/s/${spaceId}/dashboard`}>Dashboard</Link>
      </header>
      <label className="sr-page-input">
        <Search size={18} className="muted" />
        <input autoFocus value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="贝易转, 好店, POS, DocAI…" aria-label="Search" />
        {loading && <span className="sr-spinner" aria-hidden />}
      </label>
      {hits.length > 0 && (
        <div className="sr-filters" role="tablist">
          {KINDS.map((k) => (
            <button key={k} type="button" role="tab" aria-selected={kind === k} className={`chip ${kind === k ? 'chip-accent' : ''}`} onClick={() => setKind(k)} disabled={counts[k] === 0}>
              {k === 'all' ? 'All' : kindLabel[k]} <span className="muted">{counts[k]}</span>
            </button>
          ))}
        </div>
      )}
      {error && <p className="sr-error">{error}</p>}
      {!q && <p className="muted">Search every week of this space: project names, OKR items, KPIs, incidents and the text around them. Press <kbd>Ctrl</kbd>/<kbd>⌘</kbd>+<kbd>K</kbd> anywhere for quick search.</p>}
      {q && answered === q && !loading && shown.length === 0 && !error && <p className="muted">No results for “{q}”.</p>}
      {q && answered !== q && loading && <Spinner />}
      {groups.map((g) => (
        <section key={g.week} className="sr-page-group">
          <h2 className="sr-page-week">
            <Link to={`/r/${g.hits[0].reportId}`}>{g.week}</Link> <span className="muted small">{weekRange(g.week)} · {g.hits.length} {g.hits.length === 1 ? 'hit' : 'hits'}</span>
          </h2>
          <div className="card sr-card">
            {g.hits.map((h, i) => <HitRow key={`${h.kind}:${h.blockId}:${i}`} hit={h} onOpen={() => navigate(hitUrl(h))} />)}
          </div>
        </section>
      ))}
    </div>
  );
}
