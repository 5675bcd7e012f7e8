import { Eye } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { currentWeek } from '../../shared/week.js';
import { ApiError, canEdit } from '../api.js';
import { LoadError } from '../components/LoadError.js';
import { ConnectionBadge } from '../components/ConnectionBadge.js';
import { PresenceAvatars } from '../components/PresenceAvatars.js';
import { useUser } from '../components/RequireAuth.js';
import { PageSpinner } from '../components/Spinner.js';
import { WeekNav } from '../components/WeekNav.js';
import { ConcurrentEdits } from '../editor/ConcurrentEdits.js';
import { ReportEditor } from '../editor/ReportEditor.js';
import { ReportContext, reportContextValue, type PreviousKpis } from '../editor/blocks/context.js';
import { useReportExtras } from '../comments/ReportExtras.js';
import { useCollab } from '../editor/useCollab.js';
import { usePresence } from '../editor/usePresence.js';
import { setCurrentSpace } from '../lib/currentSpace.js';
import { useItems, useMembers, useObjectives, useReport, useReports, useSpaces, type ReportSummary } from '../lib/data.js';
import { userColor } from '../lib/userColor.js';
import { weekRangeText } from '../lib/time.js';
import { useTitle } from '../lib/useTitle.js';
import { NotFoundPage } from './NotFoundPage.js';
import { ExportLink } from '../import/ExportLink.js';
import { useRhythm } from './report/Rhythm.js';
import { AccessEnded } from './report/AccessEnded.js';

/** `/r/:reportId`: one week's report, edited live with everyone who has it open. */
export function ReportPage() {
  const { t } = useTranslation();
  const { reportId = '' } = useParams();
  const report = useReport(reportId);
  const spaces = useSpaces();
  const reports = useReports(report.data?.spaceId);
  const user = useUser();
  const { collab, connection, saved, typing, roleChanges, afterRoleCheck } = useCollab(report.data ? reportId : null);
  const roleNotice = useRoleChange(roleChanges, report, afterRoleCheck);
  const people = usePresence(collab?.provider);
  // Comments, history and the weekly cycle (web/comments, web/history): side panels, bar buttons, editor badges.
  const extras = useReportExtras({ reportId, spaceId: report.data?.spaceId ?? '', week: report.data?.week ?? '', role: report.data?.role ?? 'viewer',
    me: { id: user?.id ?? '', name: user?.name ?? '' }, reports: reports.data ?? [] });
  // The weekly rhythm (issue 15): update status, changes since last week, stuck flags (web/pages/report/Rhythm.tsx).
  const rhythm = useRhythm({ reportId: report.data ? reportId : '', role: report.data?.role ?? 'viewer', collab });
  const extensions = useMemo(() => [...extras.extensions, ...rhythm.extensions], [extras.extensions, rhythm.extensions]);
  const { onEditor: extrasOnEditor } = extras;
  const { onEditor: rhythmOnEditor } = rhythm;
  const onEditor = useCallback((e: Parameters<typeof extrasOnEditor>[0]) => { extrasOnEditor(e); rhythmOnEditor(e); }, [extrasOnEditor, rhythmOnEditor]);
  const blockData = useBlockData(report.data?.spaceId, report.data?.week, reports.data, reports.error !== null);
  useEffect(() => { if (report.data) setCurrentSpace(report.data.spaceId); }, [report.data]);
  useTitle(report.data?.title || report.data?.week, spaces.data?.find((s) => s.id === report.data?.spaceId)?.name);

  // A failed refresh (e.g. offline) keeps the loaded report and its editor on screen.
  if (report.error && !report.data) return report.error instanceof ApiError && report.error.status !== 0 ? <NotFoundPage /> : <LoadError error={report.error} retry={() => void report.refetch()} />;
  if (!report.data || !user) return <PageSpinner />;
  const r = report.data;
  const space = spaces.data?.find((s) => s.id === r.spaceId);
  const withdrawn = connection === 'removed' || connection === 'signedOut';
  const editable = canEdit(r.role) && !withdrawn && !roleNotice.checking;
  return (
    <div className="report">
      <div className="report-bar">
        <nav className="crumbs" aria-label={t('report.breadcrumb')}>
          <Link to={`/s/${r.spaceId}`}>{space?.name ?? t('common.space')}</Link>
          <span className="muted" aria-hidden>/</span>
          <span>{r.week}</span>
        </nav>
        <span className="grow" />
        {/* Access withdrawn (removed, signed out): nothing here can work any more, so nothing is offered. */}
        {!withdrawn && <ExportLink reportId={reportId} week={r.week} />}
        {!withdrawn && extras.toolbar}
        <PresenceAvatars people={people} />
        <ConnectionBadge connection={connection} saved={saved} typing={typing} readOnly={!editable} />
      </div>
      <div className="report-body">
        <header className="report-head">
          <div className="report-kicker">
            <span>{weekRangeText(r.week)}</span>
            {r.week === currentWeek() && <span className="chip chip-accent">{t('common.thisWeek')}</span>}
            {!editable && <span className="chip"><Eye size={12} aria-hidden /> {withdrawn ? t('report.readOnlyNoAccess') : t('report.readOnly', { role: t(`roles.${r.role}`) })}</span>}
          </div>
          <h1 className="report-title">{r.title || r.week}</h1>
          <WeekNav spaceId={r.spaceId} week={r.week} reports={reports.data ?? []} role={r.role} />
        </header>
        {withdrawn && <AccessEnded reason={connection} />}
        {roleNotice.said && !withdrawn && (
          <div className="role-changed" role="status" data-testid="role-changed">{t(`report.roleChanged.${roleNotice.said}`, { role: t(`roles.${r.role}`) })}</div>
        )}
        {/* The side panels show blocks too (a version in history): they read the same members, objectives and KPIs. */}
        <ReportContext.Provider value={reportContextValue({ spaceId: r.spaceId, reportId: r.id, week: r.week, canEdit: editable, ...blockData })}>
          {!withdrawn && extras.panel}
          {!withdrawn && rhythm.top}
          {collab && !withdrawn && <ConcurrentEdits collab={collab} editable={editable} />}
          {collab && (
            <ReportEditor key={reportId} collab={collab} editable={editable} extensions={extensions} onEditor={onEditor}
              user={{ id: user.id, name: user.name, color: userColor(user.id) }} />
          )}
        </ReportContext.Provider>
      </div>
    </div>
  );
}

/**
 * After the server closed the socket for a role change (4009): reads the report's role again, then lets the
 * collaboration go on under it (useCollab.afterRoleCheck) and says what changed. `checking`: the role is being read;
 * the editor takes no edits meanwhile.
 */
function useRoleChange(roleChanges: number, report: ReturnType<typeof useReport>, afterRoleCheck: (canWrite: boolean) => Promise<boolean>) {
  const [checking, setChecking] = useState(false);
  const [said, setSaid] = useState<'editor' | 'commenter' | 'reader' | 'discarded' | null>(null);
  const handled = useRef(0);
  const { refetch } = report;
  useEffect(() => {
    if (roleChanges === handled.current) return;
    handled.current = roleChanges;
    setChecking(true);
    void (async () => {
      const fresh = await refetch();
      const role = fresh.data?.role;
      if (!role) return; // no longer readable: the 4403 that follows says so
      const write = canEdit(role);
      const discarded = await afterRoleCheck(write);
      setSaid(write ? 'editor' : discarded ? 'discarded' : role === 'commenter' ? 'commenter' : 'reader');
      setChecking(false);
    })();
  }, [roleChanges, refetch, afterRoleCheck]);
  return { checking, said };
}

/**
 * What the blocks of a report need besides its document, loaded here through the data layer so that block views
 * only read ReportContext: the space's members and objectives, and the previous report's KPI values.
 */
function useBlockData(spaceId: string | undefined, week: string | undefined, reports: ReportSummary[] | undefined, reportsFailed: boolean) {
  const members = useMembers(spaceId).data;
  const objectives = useObjectives(spaceId).data;
  const prev = week ? reports?.filter((x) => x.week < week).sort((a, b) => (a.week < b.week ? 1 : -1))[0] ?? null : null;
  const items = useItems(prev?.id);
  const previousKpis = useMemo((): PreviousKpis => {
    if (!spaceId || !week || reportsFailed || items.error || (reports && !prev)) return { byName: new Map(), status: 'none' };
    if (!items.data) return { byName: new Map(), status: 'loading' };
    return { byName: new Map((items.data.kpis ?? []).map((k) => [k.name, k])), status: 'ready' };
  }, [spaceId, week, reportsFailed, items.error, items.data, reports, prev]);
  return useMemo(() => ({
    previousKpis,
    ...(members ? { members } : {}),
    ...(objectives ? { objectives } : {}),
  }), [previousKpis, members, objectives]);
}
