import { CalendarPlus, FileText } from 'lucide-react';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { currentWeek } from '../../shared/week.js';
import { canEdit } from '../api.js';
import { EmptyState } from '../components/EmptyState.js';
import { PageSpinner, Spinner } from '../components/Spinner.js';
import { setCurrentSpace } from '../lib/currentSpace.js';
import { useReports, useSpaces } from '../lib/data.js';
import { formatUpdated, weekRangeText } from '../lib/time.js';
import { useTitle } from '../lib/useTitle.js';
import { toast } from '../lib/toast.js';
import { createNewWeek } from '../lib/weeks.js';
import { NotFoundPage } from './NotFoundPage.js';

// The dashboard and its charts are a chunk of their own, loaded when a space with reports is shown.
const SpaceDashboard = lazy(() => import('./dashboard/SpaceDashboard.js').then((m) => ({ default: m.SpaceDashboard })));

/** `/s/:spaceId`: the space's home — its reports, newest week first. */
export function SpaceHomePage() {
  const { t } = useTranslation();
  const { spaceId = '' } = useParams();
  const spaces = useSpaces();
  const reports = useReports(spaceId);
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const space = spaces.data?.find((s) => s.id === spaceId);
  useEffect(() => { if (space) setCurrentSpace(space.id); }, [space]);
  useTitle(space?.name);

  if (spaces.isPending) return <PageSpinner />;
  if (!space) return <NotFoundPage />;
  const newWeek = async () => {
    setBusy(true);
    try {
      const id = await createNewWeek(space.id, (week) => window.confirm(t('nav.newWeekAhead', { week })));
      if (id) navigate(`/r/${id}`);
    } catch (e) { toast.error(e); } finally { setBusy(false); }
  };
  const thisWeek = currentWeek();
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <div className="eyebrow">{t('spaceHome.eyebrow')}</div>
          <h1>{space.name}</h1>
        </div>
        {canEdit(space.role) && <button className="btn btn-primary" onClick={newWeek} disabled={busy}><CalendarPlus size={16} aria-hidden /> {t('nav.newWeek')}</button>}
      </header>

      {/* DASHBOARD SLOT — the space dashboard (web/pages/dashboard/) mounts here, above the report list. */}
      {(reports.data?.length ?? 0) > 0 && <Suspense fallback={<div className="db-loading"><Spinner /></div>}><SpaceDashboard spaceId={space.id} /></Suspense>}

      <section>
        <h2 className="section-title">{t('spaceHome.reports')}</h2>
        {reports.isPending && <Spinner />}
        {reports.data?.length === 0 && (
          <EmptyState icon={<FileText size={28} />} title={t('spaceHome.empty')}>
            <p className="muted">{t('spaceHome.emptyIntro', { week: thisWeek, range: weekRangeText(thisWeek) })}</p>
            {canEdit(space.role) && <button className="btn btn-primary" onClick={newWeek} disabled={busy}>{t('spaceHome.start', { week: thisWeek })}</button>}
          </EmptyState>
        )}
        <div className="report-list">
          {reports.data?.map((r) => (
            <Link key={r.id} to={`/r/${r.id}`} className="report-row">
              <FileText size={18} className="muted" aria-hidden />
              <span className="report-week">{r.title || r.week}</span>
              {r.week === thisWeek && <span className="chip chip-accent">{t('common.thisWeek')}</span>}
              <span className="grow" />
              <span className="muted small">{weekRangeText(r.week)}</span>
              <span className="muted small report-updated">{t('spaceHome.edited', { time: formatUpdated(r.updatedAt) })}</span>
            </Link>
          ))}
        </div>
      </section>
    </div>
  );
}
