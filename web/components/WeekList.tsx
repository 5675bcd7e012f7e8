import { FileText, Plus } from 'lucide-react';
import { useState } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { currentWeek, weekRange } from '../../shared/week.js';
import { canEdit } from '../api.js';
import { useReports, type Space } from '../lib/data.js';
import { toast } from '../lib/toast.js';
import { createNewWeek } from '../lib/weeks.js';

/** The space's weekly reports, newest first, with the "New week" action. */
export function WeekList({ space }: { space: Space }) {
  const reports = useReports(space.id);
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const newWeek = async () => {
    setBusy(true);
    try {
      navigate(`/r/${await createNewWeek(space.id)}`);
    } catch (e) {
      toast.error(e);
    } finally {
      setBusy(false);
    }
  };
  const thisWeek = currentWeek();
  return (
    <div className="weeks">
      <div className="side-section">
        <span>Weeks</span>
        {canEdit(space.role) && (
          <button className="icon-btn" onClick={newWeek} disabled={busy} title="New week" aria-label="New week"><Plus size={15} /></button>
        )}
      </div>
      <div className="week-scroll">
        {reports.data?.map((r, i, all) => [
          // A year heading wherever the year changes (the list is newest first), except above the current year.
          r.week.slice(0, 4) !== (all[i - 1]?.week ?? thisWeek).slice(0, 4) && <div key={`y${r.week}`} className="side-year">{r.week.slice(0, 4)}</div>,
          <NavLink key={r.id} to={`/r/${r.id}`} className="side-link week-link">
            <FileText size={15} />
            <span className="grow">{r.week}</span>
            {r.week === thisWeek ? <span className="now-dot" title="This week" /> : <span className="week-range">{weekRange(r.week)}</span>}
          </NavLink>,
        ])}
        {reports.data?.length === 0 && <div className="side-empty">No reports yet.</div>}
      </div>
      {canEdit(space.role) && (
        <button className="side-link new-week" onClick={newWeek} disabled={busy}><Plus size={15} /> New week</button>
      )}
    </div>
  );
}
