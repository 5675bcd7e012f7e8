import { lazy, type ComponentType, type ReactNode } from 'react';
import { SignInPage, SignUpPage } from './pages/AuthPage.js';

/** A page loaded when first shown (its own chunk): `page(() => import('./pages/X.js'), 'X')`. */
const page = <M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) => {
  const Page = lazy(() => load().then((m) => ({ default: m[name] as ComponentType })));
  return <Page />;
};

/**
 * THE routing table of the web app. To add a page, add one line here. Pages other than sign-in and sign-up load
 * when first needed (route-level code splitting: the editor, the dashboard and its charts are chunks of their own).
 * `shell: 'app'` pages need a session and render inside the sidebar layout; `'bare'` pages stand alone.
 * Paths use react-router syntax (`:param`); the catch-all `*` stays last.
 */
export interface AppRoute { path: string; element: ReactNode; shell: 'app' | 'bare' }

export const routes: AppRoute[] = [
  { path: '/signin', element: <SignInPage />, shell: 'bare' },
  { path: '/signup', element: <SignUpPage />, shell: 'bare' },
  { path: '/', element: page(() => import('./pages/HomePage.js'), 'HomePage'), shell: 'app' },
  { path: '/s/:spaceId', element: page(() => import('./pages/SpaceHomePage.js'), 'SpaceHomePage'), shell: 'app' },
  { path: '/s/:spaceId/members', element: page(() => import('./pages/MembersPage.js'), 'MembersPage'), shell: 'app' },
  { path: '/r/:reportId', element: page(() => import('./pages/ReportPage.js'), 'ReportPage'), shell: 'app' },
  { path: '/s/:spaceId/search', element: page(() => import('./pages/search/SearchPage.js'), 'SearchPage'), shell: 'app' },
  { path: '/s/:spaceId/dashboard', element: page(() => import('./pages/dashboard/DashboardPage.js'), 'DashboardPage'), shell: 'app' },
  { path: '/s/:spaceId/projects/:project', element: page(() => import('./pages/dashboard/ProjectTimelinePage.js'), 'ProjectTimelinePage'), shell: 'app' },
  { path: '/s/:spaceId/kpis/:name', element: page(() => import('./pages/dashboard/KpiPage.js'), 'KpiPage'), shell: 'app' },
  { path: '*', element: page(() => import('./pages/NotFoundPage.js'), 'NotFoundPage'), shell: 'app' },
];
