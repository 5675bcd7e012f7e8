import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Spinner } from '../../components/Spinner.js';
import { weekRangeText } from '../../lib/time.js';
import { useTitle } from '../../lib/useTitle.js';
import { blockUrl, useTimeline } from './api.js';
import { ProgressChart } from './charts.js';
import './dashboard.css';

/** `/s/:spaceId/projects/:project`: a project week by week — progress line, go-live dates, slips, the text of each week. */
export function ProjectTimelinePage() {
  const { spaceId = '', project = '' } = useParams();
  const { t } = useTranslation();
  const timeline = useTimeline(spaceId, project);
  const points = timeline.data?.points ?? [];
  // The address names the project by any of its names or by its key (issue 12): the title is its newest name.
  const name = points.at(-1)?.project || project;
  useTitle(name);
  const slips = points.filter((p) => p.slipped).length;
  return (
    <div className="page db-page">
      <header className="page-head">
        <div>
          <div className="eyebrow"><Link to={`/s/${spaceId}/dashboard`}>{t('dashboard.title')}</Link> / {t('dashboard.projectEyebrow')}</div>
          <h1>{name}</h1>
        </div>
      </header>
      {timeline.isPending && <Spinner />}
      {timeline.data && points.length === 0 && <p className="db-muted">{t('dashboard.noProjectWeeks', { project })}</p>}
      {points.length > 0 && (
        <>
          <p className="db-muted">{t('dashboard.timelineSummary', { count: points.length, from: points[0].week, to: points.at(-1)!.week })}{slips > 0 && <> · <span className="db-slip">{t('dashboard.slipped', { count: slips })}</span></>}</p>
          {/* Without any stated progress the chart was an empty frame without a scale: say why instead. */}
          {points.some((p) => p.progress !== null)
            ? <div className="card db-card"><ProgressChart points={points} /></div>
            : <p className="card db-card db-muted db-no-progress">{t('dashboard.noProgress')}</p>}
          <ol className="db-timeline">
            {[...points].reverse().map((p) => (
              <li key={p.week} className={p.slipped ? 'is-slipped' : ''}>
                <div className="db-tl-head">
                  <Link to={blockUrl(p.reportId, p.blockId)} className="db-tl-week">{p.week}</Link>
                  <span className="db-muted small">{weekRangeText(p.week)}</span>
                  {p.objective && <span className="chip">{p.objective}</span>}
                  {p.progress !== null ? <span className="chip chip-accent">{p.progress}%</span> : <span className="chip db-not-stated" title={t('projects.notStatedHint')}>{t('projects.notStated')}</span>}
                  {p.due && <span className={`chip ${p.slipped ? 'db-slip' : ''}`}>{t('dashboard.goLive', { date: p.due })}{p.slipped ? t('dashboard.slippedMark') : ''}</span>}
                </div>
                <p className="db-tl-text">{p.text}</p>
                {p.others.map((o) => (
                  <p key={o.blockId} className="db-tl-text db-tl-other">
                    <Link to={blockUrl(p.reportId, o.blockId)} className="db-muted small">{[o.objective, o.progress !== null ? `${o.progress}%` : null].filter(Boolean).join(' · ') || '↗'}</Link> {o.text}
                  </p>
                ))}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
