import { AlertTriangle, CalendarClock, Search } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentWeek } from '../../../shared/week.js';
import { incidentTimes } from './incidentTime.js';
import { Spinner } from '../../components/Spinner.js';
import { openSearchPalette } from '../search/mount.js';
import { errorText } from '../../i18n/errors.js';
import { blockUrl, useDashboard, type OkrCard } from './api.js';
import { IncidentChart, KpiChart, Sparkline } from './charts.js';
import { OpenItems } from './OpenItems.js';
import { incidentHeadline } from '../../../shared/parse/incidentText.js';
import './dashboard.css';
import { targetText } from '../../../shared/kpiTarget.js';

/** No overall progress stated (issue 12): said so, never shown as 0. */
function NotStated() {
  const { t } = useTranslation();
  return <span className="db-muted db-not-stated" title={t('projects.notStatedHint')}>{t('projects.notStated')}</span>;
}

function Progress({ value }: { value: number | null }) {
  if (value === null) return <NotStated />;
  return (
    <span className="db-progress" title={`${value}%`}>
      <span className="db-bar"><span style={{ width: `${Math.max(0, Math.min(100, value))}%` }} /></span>
      <span className="db-pct">{value}%</span>
    </span>
  );
}

function Status({ status }: { status: string | null }) {
  const { t } = useTranslation();
  return status ? <span className={`db-status db-status-${status}`}>{t(`okrStatus.${status}`, { defaultValue: status })}</span> : null;
}


function OkrLine({ item, reportId }: { item: OkrCard; reportId: string }) {
  const { t } = useTranslation();
  return (
    <Link className="db-okr" to={blockUrl(reportId, item.blockId)}>
      <span className="db-okr-name">{item.project || item.text.slice(0, 40)}</span>
      {item.carried && <span className="db-carried" title={t('dashboard.carriedHint')}>{t('dashboard.carried')}</span>}
      <Progress value={item.progress} />
      <Status status={item.status} />
      {item.due && <span className="db-due">{item.due.slice(5)}</span>}
    </Link>
  );
}

/** The space at a glance (this week's report): OKRs by objective, projects, due soon, KPIs, incidents, open risks. */
/** `withOpen`: false under the range dashboard, which lists the open items itself (once, not twice). */
export function SpaceDashboard({ spaceId, week, withOpen = true }: { spaceId: string; week?: string; withOpen?: boolean }) {
  const { t } = useTranslation();
  const d = useDashboard(spaceId, week);
  const [allProjects, setAllProjects] = useState(false);
  if (d.isPending) return <div className="db-loading"><Spinner /></div>;
  if (d.error) return <p className="sr-error">{errorText(d.error)}</p>;
  const data = d.data!;
  if (!data.week || !data.reportId) return null;
  const reportId = data.reportId;
  const stalled = data.projects.filter((p) => p.stalled);
  // Stalled first, then by progress (projects without any progress last); the long tail behind "show all".
  const projects = [...data.projects].sort((a, b) => Number(b.stalled) - Number(a.stalled) || (b.progress ?? -1) - (a.progress ?? -1));
  const PROJECTS_SHOWN = 10;
  const pendingTime = incidentTimes(data.incidents?.pending ?? []);
  return (
    <div className="db">
      <div className="db-head">
        <h2 className="section-title">{t('dashboard.titleWeek', { week: data.week })}</h2>
        <button type="button" className="btn" onClick={openSearchPalette}><Search size={14} aria-hidden /> {t('dashboard.search')} <kbd>Ctrl K</kbd></button>
      </div>

      <div className="db-grid">
        <section className="card db-card">
          <h3><CalendarClock size={15} aria-hidden /> {t('dashboard.dueSoon')}</h3>
          {data.dueSoon.length === 0 && <p className="db-muted">{t('dashboard.nothingDue', { date: data.asOf?.slice(5) ?? '' })}</p>}
          {data.dueSoon.map((i) => (
            <Link key={i.blockId} className={`db-duesoon ${i.overdue ? 'is-overdue' : ''}`} to={blockUrl(reportId, i.blockId)}>
              <span className="db-due">{i.due}</span>
              {i.kind === 'risk' && <span className="chip small">{t('rhythm.kind.risk')}</span>}
              <span className="db-okr-name">{i.project || i.text.slice(0, 40)}</span>
              {i.overdue && <span className="db-status db-status-blocked">{t('dashboard.overdue')}</span>}
            </Link>
          ))}
        </section>

        <section className="card db-card">
          <h3><AlertTriangle size={15} aria-hidden /> {t('dashboard.incidentsRange', { from: data.range?.from ?? data.week, to: data.range?.to ?? data.week })}</h3>
          {data.incidents && data.incidents.total > 0 ? <IncidentChart months={data.incidents.months} /> : <p className="db-muted">{t('dashboard.noIncidents')}</p>}
          {data.incidents && data.incidents.pending.length > 0 && (
            <>
              <div className="db-subtitle">{t('dashboard.pendingReview', { count: data.incidents.pending.length })}</div>
              {data.incidents.pending.slice(0, 6).map((i) => (
                <Link key={i.blockId} className="db-incident" to={blockUrl(i.reportId, i.blockId)}>
                  <span className="db-due">{pendingTime(i)}</span>
                  <span className="db-incident-text">{incidentHeadline(i.summary)}</span>
                  {i.durationMinutes !== null && <span className="db-muted">{t('dashboard.minutes', { count: i.durationMinutes })}</span>}
                </Link>
              ))}
            </>
          )}
        </section>

        {withOpen && <OpenItems open={data.open ?? {}} />}

        <section className="card db-card db-wide">
          <h3>{t('dashboard.projects')} {stalled.length > 0 && <span className="db-status db-status-at_risk">{t('dashboard.stalledCount', { count: stalled.length })}</span>}</h3>
          <div className="db-table-wrap">
            <table className="db-table">
              <thead><tr><th>{t('dashboard.project')}</th><th className="db-spark">{t('dashboard.last12')}</th><th>{t('dashboard.progress')}</th><td /></tr></thead>
              <tbody>
                {(allProjects ? projects : projects.slice(0, PROJECTS_SHOWN)).map((p) => (
                  <tr key={p.key}>
                    <td><Link to={`/s/${spaceId}/projects/${encodeURIComponent(p.project)}`}>{p.project}</Link></td>
                    <td className="db-spark"><Sparkline points={p.series} /></td>
                    <td><Progress value={p.progress} />{p.progress !== null && p.progressWeek !== data.week && <span className="db-muted small"> {t('range.asOf', { week: p.progressWeek })}</span>}</td>
                    <td>{p.stalled && <span className="db-status db-status-at_risk" title={t('dashboard.noChangeFor', { count: p.unchangedReports })}>{t('dashboard.stalledReports', { count: p.unchangedReports })}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {projects.length > PROJECTS_SHOWN && (
            <button type="button" className="db-more" onClick={() => setAllProjects((x) => !x)}>
              {allProjects ? t('dashboard.showFewer') : t('dashboard.showAll', { count: projects.length })}
            </button>
          )}
        </section>

        {data.kpis.map((k) => (
          <section key={k.blockId} className={`card db-card db-kpi ${k.belowTarget ? 'is-below' : ''}`}>
            <Link to={`/s/${spaceId}/kpis/${encodeURIComponent(k.name)}`} className="db-kpi-head">
              <span className="db-kpi-name">{k.name}</span>
              <span className="db-kpi-value">{k.value ?? '—'}{k.unit}</span>
            </Link>
            <div className="db-muted small">
              {[
                k.target !== null ? t('dashboard.target', { value: targetText(k.target, k.unit, k.targetOp) }) : null,
                k.previous !== null && k.value !== null ? t('dashboard.vsPrevious', { delta: `${k.value - k.previous >= 0 ? '+' : ''}${+(k.value - k.previous).toFixed(4)}` }) : null,
                k.belowTarget ? t('dashboard.belowTarget') : null,
              ].filter(Boolean).join(' · ') || ' '}
            </div>
            <KpiChart points={k.series} target={k.target} targetOp={k.targetOp} unit={k.unit} height={120} />
          </section>
        ))}
        <section className="card db-card db-wide">
          <h3>{data.week === currentWeek() ? t('dashboard.okrs') : t('dashboard.okrsOf', { week: data.week })}</h3>
          <div className="db-objectives">
          {data.objectives.filter((o) => o.items.length > 0).map((o) => (
            <div key={o.code ?? 'other'} className="db-objective">
              <div className="db-objective-title">{o.code ? `${o.code} ${o.title}` : o.title} <span className="db-muted">{o.items.length}</span></div>
              {o.items.map((i) => <OkrLine key={i.blockId} item={i} reportId={reportId} />)}
            </div>
          ))}
          </div>
          {data.objectives.every((o) => o.items.length === 0) && <p className="db-muted">{t('dashboard.noOkrs', { week: data.week })}</p>}
        </section>

      </div>
    </div>
  );
}
