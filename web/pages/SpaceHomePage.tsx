import { CalendarPlus, FileText } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { currentWeek, weekRange } from '../../shared/week.js';
import { canEdit } from '../api.js';
import { EmptyState } from '../components/EmptyState.js';
import { Spinner } from '../components/Spinner.js';
import { setCurrentSpace } from '../lib/currentSpace.js';
import { useReports, useSpaces } from '../lib/data.js';
import { formatUpdated } from '../lib/time.js';
import { useTitle } from '../lib/useTitle.js';
import { toast } from '../lib/toast.js';
import { createNewWeek } from '../lib/weeks.js';
import { NotFoundPage } from './NotFoundPage.js';
import { SpaceDashboard } from './dashboard/SpaceDashboard.js';

/** `/s/:spaceId`: the space's home — its reports, newest week first. */
export function SpaceHomePage() {
  const { spaceId = '' } = useParams();
  const spaces = useSpaces();
  const reports = useReports(spaceId);
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const space = spaces.data?.find((s) => s.id === spaceId);
  useEffect(() => { if (space) setCurrentSpace(space.id); }, [space]);
  useTitle(space?.name);

  if (spaces.loading) return <div className="page-center"><Spinner /></div>;
  if (!space) return <NotFoundPage />;
  const newWeek = async () => {
    setBusy(true);
    try { navigate(`/r/${await createNewWeek(space.id)}`); } catch (e) { toast.error(e); } finally { setBusy(false); }
  };
  const thisWeek = currentWeek();
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <div className="eyebrow">Space</div>
          <h1>{space.name}</h1>
        </div>
        {canEdit(space.role) && <button className="btn btn-primary" onClick={newWeek} disabled={busy}><CalendarPlus size={16} /> New week</button>}
      </header>

      {/* DASHBOARD SLOT — the space dashboard (web/pages/dashboard/) mounts here, above the report list. */}
      {(reports.data?.length ?? 0) > 0 && <SpaceDashboard spaceId={space.id} />}

      <section>
        <h2 className="section-title">Weekly reports</h2>
        {reports.loading && <Spinner />}
        {reports.data?.length === 0 && (
          <EmptyState icon={<FileText size={28} />} title="No weekly reports yet">
            <p className="muted">Start this week's report ({thisWeek}, {weekRange(thisWeek)}) and invite your team to write it with you.</p>
            {canEdit(space.role) && <button className="btn btn-primary" onClick={newWeek} disabled={busy}>Start {thisWeek}</button>}
          </EmptyState>
        )}
        <div className="report-list">
          {reports.data?.map((r) => (
            <Link key={r.id} to={`/r/${r.id}`} className="report-row">
              <FileText size={18} className="muted" />
              <span className="report-week">{r.title || r.week}</span>
              {r.week === thisWeek && <span className="chip chip-accent">This week</span>}
              <span className="grow" />
              <span className="muted small">{weekRange(r.week)}</span>
              <span className="muted small report-updated">Edited {formatUpdated(r.updatedAt)}</span>
            </Link>
          ))}
        </div>
      </section>
    </div>
  );
}
