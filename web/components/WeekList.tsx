import { FileText, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router';
import { currentWeek } from '../../shared/week.js';
import { weekRangeText } from '../lib/time.js';
import { canEdit } from '../api.js';
import { useReports, type Space } from '../lib/data.js';
import { toast } from '../lib/toast.js';
import { createNewWeek } from '../lib/weeks.js';
import { nextMissingWeek } from '../lib/nextMissingWeek.js';

/** The space's weekly reports, newest first, with the "New week" action. */
export function WeekList({ space }: { space: Space }) {
  const { t } = useTranslation();
  const reports = useReports(space.id);
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const newWeek = async () => {
    setBusy(true);
    try {
      const id = await createNewWeek(space.id, (week) => window.confirm(t('nav.newWeekAhead', { week })));
      if (id) navigate(`/r/${id}`);
    } catch (e) {
      toast.error(e);
    } finally {
      setBusy(false);
    }
  };
  const thisWeek = currentWeek();
  // The week "New week" makes, shown on the button so that it is no surprise.
  const upcoming = reports.data ? nextMissingWeek(reports.data.map((r) => r.week), thisWeek) : null;
  return (
    <div className="weeks">
      <div className="side-section">
        <span>{t('nav.weeks')}</span>
        {canEdit(space.role) && (
          <button className="icon-btn" onClick={newWeek} disabled={busy} title={t('nav.newWeek')} aria-label={t('nav.newWeek')}><Plus size={15} aria-hidden /></button>
        )}
      </div>
      <div className="week-scroll">
        {reports.data?.map((r, i, all) => [
          // A year heading wherever the year changes (the list is newest first), except above the current year.
          r.week.slice(0, 4) !== (all[i - 1]?.week ?? thisWeek).slice(0, 4) && <div key={`y${r.week}`} className="side-year">{r.week.slice(0, 4)}</div>,
          <NavLink key={r.id} to={`/r/${r.id}`} className="side-link week-link">
            <FileText size={15} aria-hidden />
            <span className="grow">{r.week}</span>
            {r.week === thisWeek ? <span className="now-dot" title={t('common.thisWeek')} /> : <span className="week-range">{weekRangeText(r.week)}</span>}
          </NavLink>,
        ])}
        {reports.data?.length === 0 && <div className="side-empty">{t('nav.noReports')}</div>}
      </div>
      {canEdit(space.role) && (
        <button className="side-link new-week" onClick={newWeek} disabled={busy}>
          <Plus size={15} aria-hidden /> <span className="grow">{t('nav.newWeek')}</span>{upcoming && <span className="week-range">{upcoming}</span>}
        </button>
      )}
    </div>
  );
}
