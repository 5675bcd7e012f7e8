import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { addWeek, isWeek } from '../../../shared/week.js';
import { api, unwrap } from '../../api.js';
import { Spinner } from '../../components/Spinner.js';
import { useReports } from '../../lib/data.js';
import { errorText } from '../../i18n/errors.js';
import { blockUrl } from './api.js';
import { OpenItems } from './OpenItems.js';
import { incidentHeadline } from '../../../shared/parse/incidentText.js';
import './dashboard.css';
import './range.css';
import { targetText } from '../../../shared/kpiTarget.js';
import { incidentTimes } from './incidentTime.js';

const s = api.api.spaces[':spaceId'];
const fetchDashboard = (spaceId: string, from?: string, to?: string) =>
  unwrap(s.dashboard.$get({ param: { spaceId }, query: { ...(from ? { from } : {}), ...(to ? { to } : {}) } }));

/** The range asked in the page's address (`?from=2024-W12&to=2024-W34`); none: the server's default (12 weeks up to the newest report). */
export function useRange() {
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  // The address bar, not this render's params: the router updates its state in a transition, so a second pick made
  // before the re-render (From, then To, quickly) would otherwise undo the first.
  const current = () => new URLSearchParams(window.location.search);
  const set = (f: string | undefined, t: string | undefined) => {
    const next = current();
    for (const [k, v] of [['from', f], ['to', t]] as const) { if (v) next.set(k, v); else next.delete(k); }
    setParams(next, { replace: true });
  };
  /** Moves one end; the other follows when it would be on the wrong side. `shown` is the range on screen (a default). */
  const setFrom = (v: string, shownTo: string) => {
    const to = current().get('to') ?? shownTo;
    set(v, to && to >= v ? to : v);
  };
  const setTo = (v: string, shownFrom: string) => {
    const f = current().get('from') ?? shownFrom;
    set(f && f <= v ? f : v, v);
  };
  return { from: from && isWeek(from) ? from : undefined, to: to && isWeek(to) ? to : undefined, set, setFrom, setTo };
}

const PRESETS = [1, 4, 12, 26, 52];

/** Picks the weeks: from and to among the space's reports, or the last N weeks up to the chosen end. */
function RangePicker({ spaceId, range, shown }: { spaceId: string; range: ReturnType<typeof useRange>; shown: { from: string; to: string } | null }) {
  const { t } = useTranslation();
  const weeks = (useReports(spaceId).data ?? []).map((r) => r.week).sort();
  const from = range.from ?? shown?.from ?? '';
  const to = range.to ?? shown?.to ?? '';
  const options = (value: string) => [...new Set([...weeks, value].filter(Boolean))].sort().reverse();
  return (
    <div className="db-range" role="group" aria-label={t('range.label')}>
      <label>{t('range.from')} <select className="select" aria-label={t('range.from')} value={from} onChange={(e) => range.setFrom(e.target.value, to)}>
        {options(from).map((w) => <option key={w} value={w}>{w}</option>)}
      </select></label>
      <label>{t('range.to')} <select className="select" aria-label={t('range.to')} value={to} onChange={(e) => range.setTo(e.target.value, from)}>
        {options(to).map((w) => <option key={w} value={w}>{w}</option>)}
      </select></label>
      {to && PRESETS.map((n) => (
        <button key={n} type="button" className={`btn btn-small ${from === addWeek(to, -(n - 1)) ? 'is-active' : ''}`} onClick={() => range.set(addWeek(to, -(n - 1)), to)}>
          {t('range.lastWeeks', { count: n })}
        </button>
      ))}
    </div>
  );
}

const Progress = ({ value }: { value: number | null }) => {
  const { t } = useTranslation();
  return value === null
    ? <span className="db-muted db-not-stated" title={t('projects.notStatedHint')}>{t('projects.notStated')}</span>
    : <span className="db-progress"><span className="db-bar"><span style={{ width: `${Math.max(0, Math.min(100, value))}%` }} /></span><span className="db-pct">{value}%</span></span>;
};

/**
 * The dashboard over a week or a range (issue 12), history included: every project reported in the range with its
 * last-known progress and go-live slips, each linked to its timeline; KPIs against target with the weeks below it;
 * incidents and pending reviews of the range; risks still open at its end.
 */
export function RangeDashboard({ spaceId }: { spaceId: string }) {
  const { t } = useTranslation();
  const range = useRange();
  const q = useQuery({ queryKey: ['dashboard', spaceId, 'range', range.from ?? '', range.to ?? ''], queryFn: () => fetchDashboard(spaceId, range.from, range.to) });
  const d = q.data;
  const shown = d?.range ? { from: d.range.from, to: d.range.to } : null;
  const incidentTime = incidentTimes(d?.incidents?.list ?? []);
  return (
    <div className="db db-range-dashboard">
      <RangePicker spaceId={spaceId} range={range} shown={shown} />
      {q.isPending && <Spinner />}
      {q.error && <p className="sr-error">{errorText(q.error)}</p>}
      {d && !d.week && <p className="db-muted">{t('range.empty')}</p>}
      {d?.week && (
        <div className="db-grid">
          <section className="card db-card db-wide" aria-label={t('range.projects')}>
            <h3>{t('range.projects')} <span className="db-muted">{d.projects.length}</span> <Link className="small" to={`/s/${spaceId}/projects`}>{t('projects.title')}</Link></h3>
            <div className="db-table-wrap">
              <table className="db-table">
                <thead><tr><th>{t('projects.project')}</th><th>{t('projects.lastProgress')}</th><th>{t('range.goLive')}</th><th>{t('projects.lastSeen')}</th></tr></thead>
                <tbody>
                  {d.projects.map((p) => (
                    <tr key={p.key} data-project-key={p.key}>
                      <td><Link to={`/s/${spaceId}/projects/${encodeURIComponent(p.key)}`}>{p.project}</Link></td>
                      <td><Progress value={p.progress} />{p.progress !== null && p.progressWeek !== d.range?.to && <span className="db-muted small"> {t('range.asOf', { week: p.progressWeek })}</span>}</td>
                      <td className="db-nowrap">
                        {p.live && <span className="db-status db-status-done">{t('range.live')}</span>}
                        {p.due ?? ''}
                        {p.due && p.dueWeek && p.dueWeek !== d.range?.to && <span className="db-muted small"> {t('range.asOf', { week: p.dueWeek })}</span>}
                        {p.slips.length > 0 && (
                          <span className="db-status db-status-at_risk" title={p.slips.map((x) => `${x.week}: ${x.from} → ${x.to}`).join('\n')}>{t('range.slipped', { count: p.slips.length })}</span>
                        )}
                      </td>
                      <td className="db-muted small">{p.lastWeek}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="card db-card" aria-label={t('range.kpis')}>
            <h3>{t('range.kpis')}</h3>
            {d.kpis.length === 0 && <p className="db-muted">{t('range.noKpis')}</p>}
            {d.kpis.map((k) => (
              // Red when the latest value misses its target; weeks that missed it earlier in the range are the chip's to tell.
              <Link key={k.name} className={`db-kpi-line ${k.belowTarget ? 'is-below' : ''}`} to={`/s/${spaceId}/kpis/${encodeURIComponent(k.name)}`}>
                <span className="db-kpi-name">{k.name}</span>
                <span className="db-kpi-value">{k.display ?? (k.value === null ? t('projects.notStated') : `${k.value}${k.unit}`)}</span>
                {k.value !== null && k.week !== d.range?.to && <span className="db-muted small">{t('range.asOf', { week: k.week })}</span>}
                {k.target !== null && <span className="db-muted small">{t('range.target', { target: targetText(k.target, k.unit, k.targetOp) })}</span>}
                {k.breaches.length > 0 && <span className="db-status db-status-blocked" title={k.breaches.map((b) => `${b.week}: ${b.value}${k.unit}`).join('\n')}>{t('range.breaches', { count: k.breaches.length })}</span>}
              </Link>
            ))}
          </section>

          <section className="card db-card" aria-label={t('range.incidents')}>
            <h3>{t('range.incidents')} <span className="db-muted">{d.incidents?.total ?? 0}</span></h3>
            {(d.incidents?.list.length ?? 0) === 0 && <p className="db-muted">{t('range.noIncidents')}</p>}
            {d.incidents?.list.map((i) => (
              <Link key={`${i.reportId}:${i.blockId}`} className="db-incident" to={blockUrl(i.reportId, i.blockId)}>
                <span className="db-due">{incidentTime(i)}</span>
                <span className="db-incident-text">{incidentHeadline(i.summary)}</span>
                {i.status === 'review_pending' && <span className="db-status db-status-at_risk">{t('range.pendingReview')}</span>}
              </Link>
            ))}
          </section>

          <OpenItems open={d.open} />
        </div>
      )}
    </div>
  );
}
