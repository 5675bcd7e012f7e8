import type { ReactNode } from 'react';
import { SignInPage, SignUpPage } from './pages/AuthPage.js';
import { HomePage } from './pages/HomePage.js';
import { MembersPage } from './pages/MembersPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { ReportPage } from './pages/ReportPage.js';
import { SpaceHomePage } from './pages/SpaceHomePage.js';
import { SearchPage } from './pages/search/SearchPage.js';
import { DashboardPage } from './pages/dashboard/DashboardPage.js';
import { ProjectTimelinePage } from './pages/dashboard/ProjectTimelinePage.js';
import { KpiPage } from './pages/dashboard/KpiPage.js';

/**
 * THE routing table of the web app. To add a page, add one line here (import your page above).
 * `shell: 'app'` pages need a session and render inside the sidebar layout; `'bare'` pages stand alone.
 * Paths use react-router syntax (`:param`); the catch-all `*` stays last.
 */
export interface AppRoute { path: string; element: ReactNode; shell: 'app' | 'bare' }

export const routes: AppRoute[] = [
  { path: '/signin', element: <SignInPage />, shell: 'bare' },
  { path: '/signup', element: <SignUpPage />, shell: 'bare' },
  { path: '/', element: <HomePage />, shell: 'app' },
  { path: '/s/:spaceId', element: <SpaceHomePage />, shell: 'app' },
  { path: '/s/:spaceId/members', element: <MembersPage />, shell: 'app' },
  { path: '/r/:reportId', element: <ReportPage />, shell: 'app' },
  { path: '/s/:spaceId/search', element: <SearchPage />, shell: 'app' },
  { path: '/s/:spaceId/dashboard', element: <DashboardPage />, shell: 'app' },
  { path: '/s/:spaceId/projects/:project', element: <ProjectTimelinePage />, shell: 'app' },
  { path: '/s/:spaceId/kpis/:name', element: <KpiPage />, shell: 'app' },
  { path: '*', element: <NotFoundPage />, shell: 'app' },
];
