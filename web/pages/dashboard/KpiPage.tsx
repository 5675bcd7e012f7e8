import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Spinner } from '../../components/Spinner.js';
import { useTitle } from '../../lib/useTitle.js';
import { useKpiSeries } from './api.js';
import { KpiChart } from './charts.js';
import './dashboard.css';
import { targetText } from '../../../shared/kpiTarget.js';

/** `/s/:spaceId/kpis/:name`: one metric across every week, with its target and the weeks below it. */
export function KpiPage() {
  const { t } = useTranslation();
  const { spaceId = '', name = '' } = useParams();
  const s = useKpiSeries(spaceId, name);
  useTitle(name);
  const points = s.data?.points ?? [];
  const unit = points.at(-1)?.unit ?? '';
  return (
    <div className="page db-page">
      <header className="page-head">
        <div>
          <div className="eyebrow"><Link to={`/s/${spaceId}/dashboard`}>{t('dashboard.title')}</Link> / {t('dashboard.kpi')}</div>
          <h1>{name}</h1>
        </div>
      </header>
      {s.isPending && <Spinner />}
      {s.data && points.length === 0 && <p className="db-muted">{t('dashboard.noKpiWeeks', { name })}</p>}
      {points.length > 0 && (
        <>
          <p className="db-muted">{t('dashboard.kpiSummary', { count: points.length })}{s.data!.target !== null && <> · {t('dashboard.kpiTarget', { value: targetText(s.data!.target, unit, s.data!.targetOp), count: s.data!.belowTarget.length })}</>}</p>
          <div className="card db-card"><KpiChart points={points} target={s.data!.target} targetOp={s.data!.targetOp} unit={unit} height={280} /></div>
          <div className="db-table-wrap">
            <table className="db-table db-kpi-table">
              <thead><tr><th>{t('dashboard.week')}</th><th>{t('dashboard.value')}</th><th>{t('dashboard.delta')}</th><th>{t('dashboard.targetCol')}</th></tr></thead>
              <tbody>
                {[...points].reverse().map((p) => (
                  <tr key={p.week} className={p.belowTarget ? 'is-below' : ''}>
                    <td><Link to={`/r/${p.reportId}`}>{p.week}</Link></td>
                    <td>{p.value === null ? '—' : `${p.value}${p.unit}`}</td>
                    <td className="db-muted">{p.delta === null ? '' : `${p.delta >= 0 ? '+' : ''}${p.delta}`}</td>
                    <td className="db-muted">{p.target === null ? '' : targetText(p.target, '', p.targetOp)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
