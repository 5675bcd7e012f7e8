import { QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { authClient } from './api.js';
import { BrowserRouter, Route, Routes } from 'react-router';
import { RequireAuth } from './components/RequireAuth.js';
import { PageSpinner } from './components/Spinner.js';
import { LanguageSync } from './i18n/useLanguage.js';
import { queryClient } from './lib/queryClient.js';
import { Toasts } from './lib/toast.js';
import { bootSession } from './lib/boot.js';
import { lazyComponent, prefetchRouteData, preloadRoute, routes } from './routes.js';

// The signed-in frame (sidebar, inbox, import, search palette) loads only for the app's pages, not sign-in.
const { Component: AppLayout, load: loadFrame } = lazyComponent(() => import('./components/AppLayout.js'), 'AppLayout');

/**
 * The first page's chunks come while the session is checked, not after; a session the shell carried is used at once.
 * main.tsx renders the app once they are here (at most a few seconds), so the first page shows without a fallback.
 */
export function startFirstPage(): Promise<unknown> {
  const session = bootSession();
  if (session) authClient.hydrateSession(session);
  return preloadRoute(location.pathname, loadFrame);
}

/**
 * Once the session is known, the first page's data is asked for at once, while the page's code still loads
 * (outside the Suspense boundary, which holds back its children's effects until their chunks have come).
 */
function FirstPageData() {
  const signedIn = !!authClient.useSession().data;
  useEffect(() => { if (signedIn) prefetchRouteData(location.pathname); }, [signedIn]);
  return null;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LanguageSync />
      <FirstPageData />
      <BrowserRouter>
        <Suspense fallback={<PageSpinner />}>
          <Routes>
            {routes.filter((r) => r.shell === 'bare').map((r) => <Route key={r.path} path={r.path} element={r.element} />)}
            <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
              {routes.filter((r) => r.shell === 'app').map((r) => <Route key={r.path} path={r.path} element={r.element} />)}
            </Route>
          </Routes>
        </Suspense>
        <Toasts />
      </BrowserRouter>
    </QueryClientProvider>
  );
}
