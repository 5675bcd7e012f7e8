import { lazy, type ComponentType, type ReactNode } from 'react';
import { matchPath } from 'react-router';
import { bootReport } from './lib/boot.js';
import { keys, fetchReport, fetchReports, fetchSpaces } from './lib/data.js';
import { queryClient } from './lib/queryClient.js';
import { SignInPage, SignUpPage } from './pages/AuthPage.js';

/**
 * A component in a chunk of its own, loaded when first needed: `lazyComponent(() => import('./pages/X.js'), 'X')`.
 * Once its chunk has come (`load`, which routes call ahead of rendering: preloadRoute) it renders at once; before
 * that it suspends like React.lazy. Plain React.lazy suspends on its first render even when the chunk is already
 * here, and React holds back revealing a suspended page for up to 300 ms after its fallback showed (measured: a
 * quarter of a report's first load spent idle).
 */
export function lazyComponent<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  let Loaded: ComponentType | null = null;
  let loading: Promise<ComponentType> | null = null;
  const keep = () => (loading ??= load().then((m) => (Loaded = m[name] as ComponentType), (e) => { loading = null; throw e; }));
  const Lazy = lazy(() => keep().then((C) => ({ default: C })));
  const Component = () => (Loaded ? <Loaded /> : <Lazy />);
  return { Component, load: keep };
}

/** A page of the routing table: its element, and `load` to fetch its chunk ahead of rendering. */
const page = <M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) => {
  const { Component, load: keep } = lazyComponent(load, name);
  return { element: <Component />, load: keep };
};

/**
 * THE routing table of the web app. To add a page, add one line here. Pages other than sign-in and sign-up load
 * when first needed (route-level code splitting: the editor, the dashboard and its charts are chunks of their own).
 * `shell: 'app'` pages need a session and render inside the sidebar layout; `'bare'` pages stand alone.
 * `data` starts a page's first queries as soon as the session is known (before its chunk has run).
 * Paths use react-router syntax (`:param`); the catch-all `*` stays last.
 */
export interface AppRoute {
  path: string; element: ReactNode; shell: 'app' | 'bare';
  load?: () => Promise<unknown>;
  data?: (params: Record<string, string | undefined>) => void;
  /** At start, before the session is checked: what the server's shell already says of the page (server/shell.ts). */
  boot?: (params: Record<string, string | undefined>) => void;
}

const prefetch = <T,>(queryKey: readonly unknown[], queryFn: () => Promise<T>) => void queryClient.prefetchQuery({ queryKey, queryFn });
const spaceData = ({ spaceId }: Record<string, string | undefined>) => {
  prefetch(keys.spaces(), fetchSpaces);
  if (spaceId) prefetch(keys.reports(spaceId), () => fetchReports(spaceId));
};

export const routes: AppRoute[] = [
  { path: '/signin', element: <SignInPage />, shell: 'bare' },
  { path: '/signup', element: <SignUpPage />, shell: 'bare' },
  { path: '/', ...page(() => import('./pages/HomePage.js'), 'HomePage'), shell: 'app', data: spaceData },
  { path: '/s/:spaceId', ...page(() => import('./pages/SpaceHomePage.js'), 'SpaceHomePage'), shell: 'app', data: spaceData },
  { path: '/s/:spaceId/members', ...page(() => import('./pages/MembersPage.js'), 'MembersPage'), shell: 'app', data: spaceData },
  {
    path: '/r/:reportId', ...page(() => import('./pages/ReportPage.js'), 'ReportPage'), shell: 'app',
    // The shell carried the report (so it is readable): its data is here and its socket opens now, while the chunks
    // the shell preloaded arrive and the session is checked.
    boot: ({ reportId }) => {
      const report = reportId ? bootReport(reportId) : null;
      if (!report) return;
      queryClient.setQueryData(keys.report(report.id), report);
      void import('./editor/collabSession.js').then((m) => m.openEarly(report.id));
    },
    data: ({ reportId }) => {
      prefetch(keys.spaces(), fetchSpaces);
      if (!reportId) return;
      // The report, then (it is readable) its live document: socket and local copy start before the editor's code has run.
      queryClient.fetchQuery({ queryKey: keys.report(reportId), queryFn: () => fetchReport(reportId) })
        .then(() => import('./editor/collabSession.js'))
        .then((m) => m.openEarly(reportId), () => {});
    },
  },
  { path: '/s/:spaceId/search', ...page(() => import('./pages/search/SearchPage.js'), 'SearchPage'), shell: 'app', data: spaceData },
  { path: '/s/:spaceId/dashboard', ...page(() => import('./pages/dashboard/DashboardPage.js'), 'DashboardPage'), shell: 'app', data: spaceData },
  { path: '/s/:spaceId/projects', ...page(() => import('./pages/projects/ProjectsPage.js'), 'ProjectsPage'), shell: 'app', data: spaceData },
  { path: '/s/:spaceId/projects/:project', ...page(() => import('./pages/dashboard/ProjectTimelinePage.js'), 'ProjectTimelinePage'), shell: 'app' },
  { path: '/s/:spaceId/kpis/:name', ...page(() => import('./pages/dashboard/KpiPage.js'), 'KpiPage'), shell: 'app' },
  { path: '*', ...page(() => import('./pages/NotFoundPage.js'), 'NotFoundPage'), shell: 'app' },
];

const routeOf = (pathname: string) => {
  for (const r of routes) {
    const m = matchPath({ path: r.path, end: true }, pathname);
    if (m) return { route: r, params: m.params };
  }
  return null;
};

/**
 * At start: the chunks the first page needs (the signed-in frame and the page), fetched in parallel with everything
 * else. Settles when they have come (or failed: the page then shows its error as usual).
 */
export function preloadRoute(pathname: string, frame: () => Promise<unknown>): Promise<unknown> {
  const found = routeOf(pathname);
  if (found?.route.shell !== 'app') return Promise.resolve();
  found.route.boot?.(found.params);
  return Promise.allSettled([frame(), found.route.load?.()]);
}

/** Once the session is known: the first page's data, fetched while its chunk loads and runs. */
export function prefetchRouteData(pathname: string) {
  const found = routeOf(pathname);
  found?.route.data?.(found.params);
}
