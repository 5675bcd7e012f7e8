import { useQuery } from '@tanstack/react-query';
import { GitMerge, Scissors } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, canManage, unwrap } from '../../api.js';
import { PageSpinner, Spinner } from '../../components/Spinner.js';
import { setCurrentSpace } from '../../lib/currentSpace.js';
import { useSpaces } from '../../lib/data.js';
import { queryClient } from '../../lib/queryClient.js';
import { toast } from '../../lib/toast.js';
import { useTitle } from '../../lib/useTitle.js';
import { NotFoundPage } from '../NotFoundPage.js';
import '../dashboard/dashboard.css';
import '../dashboard/range.css';
import { useConfirm } from '../../components/ConfirmDialog.js';

const s = api.api.spaces[':spaceId'];
export const projectsKey = (spaceId: string) => ['projects', spaceId] as const;
const fetchProjects = (spaceId: string) => unwrap(s.projects.$get({ param: { spaceId } }));
type Project = Awaited<ReturnType<typeof fetchProjects>>['projects'][number];

/**
 * `/s/:spaceId/projects` (issue 12): every project the space has reported, under all the names it was written with,
 * its last progress ("not stated" when no week stated one) and the last week it was seen, each linked to its
 * timeline. Owners merge a project into another and split a name off into a project of its own.
 */
export function ProjectsPage() {
  const { t } = useTranslation();
  const { spaceId = '' } = useParams();
  const spaces = useSpaces();
  const space = spaces.data?.find((x) => x.id === spaceId);
  const list = useQuery({ queryKey: projectsKey(spaceId), queryFn: () => fetchProjects(spaceId), enabled: !!spaceId });
  const [filter, setFilter] = useState('');
  const [confirm, confirmDialog] = useConfirm();
  useEffect(() => { if (space) setCurrentSpace(space.id); }, [space]);
  useTitle(t('projects.title'), space?.name);
  if (spaces.isPending) return <PageSpinner />;
  if (!space) return <NotFoundPage />;
  const isOwner = canManage(space.role);
  const projects = list.data?.projects ?? [];
  const shown = filter.trim() ? projects.filter((p) => p.aliases.some((a) => a.name.toLowerCase().includes(filter.trim().toLowerCase()))) : projects;

  const act = async (fn: () => Promise<unknown>) => {
    try { await fn(); } catch (e) { toast.error(e); }
    // Timelines, search and the dashboard follow a merge or a split.
    void queryClient.invalidateQueries({ queryKey: projectsKey(spaceId) });
    void queryClient.invalidateQueries({ queryKey: ['dashboard', spaceId] });
    void queryClient.invalidateQueries({ queryKey: ['timeline', spaceId] });
    void queryClient.invalidateQueries({ queryKey: ['search', spaceId] });
  };
  const merge = async (from: Project, into: Project) =>
    (await confirm({ message: t('projects.mergeConfirm', { from: from.name, into: into.name }), confirmLabel: t('projects.merge') }))
    && act(() => unwrap(s.projects.merge.$post({ param: { spaceId }, json: { from: from.key, into: into.key } })));
  const split = async (p: Project, alias: string) =>
    (await confirm({
      // The project goes by the name being split off: "split X off from X" said nothing; the names that stay do.
      message: alias === p.name
        ? t('projects.splitMainConfirm', { alias, others: p.aliases.filter((a) => a.name !== alias).map((a) => a.name).join(t('common.listSeparator')) })
        : t('projects.splitConfirm', { alias, project: p.name }),
      confirmLabel: t('projects.split'),
    }))
    && act(() => unwrap(s.projects[':projectKey'].split.$post({ param: { spaceId, projectKey: p.key }, json: { alias } })));

  return (
    <div className="page db-page">
      {confirmDialog}
      <header className="page-head">
        <div>
          <div className="eyebrow"><Link to={`/s/${spaceId}/dashboard`}>{space.name}</Link></div>
          <h1>{t('projects.title')}</h1>
          <p className="muted small">{t('projects.intro')}</p>
        </div>
        <input className="input" type="search" placeholder={t('projects.filter')} aria-label={t('projects.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} />
      </header>
      {list.isPending && <Spinner />}
      {list.data && projects.length === 0 && <p className="db-muted">{t('projects.none')}</p>}
      {shown.length > 0 && (
        <div className="db-table-wrap">
          <table className="db-table db-projects" aria-label={t('projects.title')}>
            <thead>
              <tr>
                <th>{t('projects.project')}</th><th>{t('projects.aliases')}</th><th>{t('projects.lastProgress')}</th>
                <th>{t('projects.lastSeen')}</th>{isOwner && <th>{t('projects.merge')}</th>}
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.key} data-project-key={p.key}>
                  <td><Link to={`/s/${spaceId}/projects/${encodeURIComponent(p.key)}`}>{p.name}</Link></td>
                  <td>
                    <span className="db-aliases">
                      {p.aliases.map((a) => (
                        <span key={a.name} className="chip" title={t('projects.aliasWeeks', { count: a.weeks, first: a.firstWeek, last: a.lastWeek })}>
                          {a.name} <span className="db-muted small">{a.weeks}</span>
                          {isOwner && p.aliases.length > 1 && (
                            <button type="button" className="icon-btn" aria-label={t('projects.splitNamed', { alias: a.name })} title={t('projects.split')} onClick={() => split(p, a.name)}>
                              <Scissors size={12} aria-hidden />
                            </button>
                          )}
                        </span>
                      ))}
                    </span>
                  </td>
                  <td>
                    {p.lastProgress === null
                      ? <span className="db-muted db-not-stated" title={t('projects.notStatedHint')}>{t('projects.notStated')}</span>
                      : <span>{p.lastProgress}% <span className="db-muted small">{p.lastProgressWeek}</span></span>}
                  </td>
                  <td><Link to={`/r/${p.lastReportId}`}>{p.lastWeek}</Link> <span className="db-muted small">{t('projects.weeks', { count: p.weeks })}</span></td>
                  {isOwner && (
                    <td>
                      <label className="db-merge">
                        <GitMerge size={13} aria-hidden />
                        <select className="select" value="" aria-label={t('projects.mergeNamed', { name: p.name })}
                          onChange={(e) => { const into = projects.find((x) => x.key === e.target.value); if (into) void merge(p, into); }}>
                          <option value="">{t('projects.mergeInto')}</option>
                          {projects.filter((x) => x.key !== p.key).map((x) => <option key={x.key} value={x.key}>{x.name}</option>)}
                        </select>
                      </label>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
