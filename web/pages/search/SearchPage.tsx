import { Search } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { searchKinds, type SearchKind } from '../../../shared/blocks/index.js';
import { Spinner } from '../../components/Spinner.js';
import { errorText } from '../../i18n/errors.js';
import { setCurrentSpace } from '../../lib/currentSpace.js';
import { useSpaces } from '../../lib/data.js';
import { weekRangeText } from '../../lib/time.js';
import { useTitle } from '../../lib/useTitle.js';
import { byWeek, hitUrl, kindLabel } from './api.js';
import { HitRow } from './HitRow.js';
import { useSearch } from './useSearch.js';
import './search.css';
import { MAX_QUERY_CHARS } from '../../../shared/api/search.js';
import { useComposedText } from './useComposedText.js';

const KINDS: (SearchKind | 'all')[] = ['all', ...searchKinds];

/** `/s/:spaceId/search?q=`: every hit in the space, newest week first, filterable by kind. */
export function SearchPage() {
  const { t } = useTranslation();
  const { spaceId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const q = params.get('q') ?? '';
  // What the box shows, and what is searched: the same, except while an input method is still composing (pinyin).
  const box = useComposedText(q);
  const draft = box.committed;
  const [kind, setKind] = useState<(typeof KINDS)[number]>('all');
  const space = useSpaces().data?.find((s) => s.id === spaceId);
  useEffect(() => { if (space) setCurrentSpace(space.id); }, [space]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => { box.reset(q); }, [q]);
  useTitle(q ? `“${q}”` : t('search.title'), space?.name);
  // Typing updates the URL (replace), so the page can be shared and the back button returns here.
  useEffect(() => {
    const timer = setTimeout(() => { if (draft.trim() !== q) setParams(draft.trim() ? { q: draft.trim() } : {}, { replace: true }); }, 250);
    return () => clearTimeout(timer);
  }, [draft, q, setParams]);

  const { hits, loading, error, q: answered } = useSearch(spaceId, q, 200, 0);
  const shown = useMemo(() => (kind === 'all' ? hits : hits.filter((h) => h.kind === kind)), [hits, kind]);
  const counts = useMemo(() => Object.fromEntries(KINDS.map((k) => [k, k === 'all' ? hits.length : hits.filter((h) => h.kind === k).length])), [hits]);
  const groups = byWeek(shown);

  return (
    <div className="page sr-page">
      <header className="page-head">
        <div>
          <div className="eyebrow"><Link to={`/s/${spaceId}`}>{space?.name ?? t('common.space')}</Link></div>
          <h1>{t('search.title')}</h1>
        </div>
        <Link className="btn" to={`/s/${spaceId}/dashboard`}>{t('search.dashboard')}</Link>
      </header>
      <label className="sr-page-input">
        <Search size={18} className="muted" aria-hidden />
        <input autoFocus maxLength={MAX_QUERY_CHARS} placeholder={t('search.placeholderPage')} aria-label={t('search.label')} {...box.inputProps} />
        {loading && <span className="sr-spinner" aria-hidden />}
      </label>
      {hits.length > 0 && (
        <div className="sr-filters" role="group" aria-label={t('search.kinds')}>
          {KINDS.map((k) => (
            <button key={k} type="button" aria-pressed={kind === k} className={`chip ${kind === k ? 'chip-accent' : ''}`} onClick={() => setKind(k)} disabled={counts[k] === 0}>
              {k === 'all' ? t('search.all') : kindLabel(k)} <span className="muted">{counts[k]}</span>
            </button>
          ))}
        </div>
      )}
      <div aria-live="polite">
        {error && <p className="sr-error">{errorText(error)}</p>}
        {q && answered === q && !loading && shown.length === 0 && !error && <p className="muted">{t('search.noResults', { q })}</p>}
      </div>
      {!q && <p className="muted"><Trans i18nKey="search.intro" components={{ kbd: <kbd /> }} /></p>}
      {q && answered !== q && loading && <Spinner />}
      {groups.map((g) => (
        <section key={g.week} className="sr-page-group">
          <h2 className="sr-page-week">
            <Link to={`/r/${g.hits[0].reportId}`}>{g.week}</Link> <span className="muted small">{weekRangeText(g.week)} · {t('search.hits', { count: g.hits.length })}</span>
          </h2>
          <div className="card sr-card">
            {g.hits.map((h, i) => <HitRow key={`${h.kind}:${h.blockId}:${i}`} hit={h} onOpen={() => navigate(hitUrl(h))} />)}
          </div>
        </section>
      ))}
    </div>
  );
}
