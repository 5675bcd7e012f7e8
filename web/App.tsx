import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { RequireAuth } from './components/RequireAuth.js';
import { PageSpinner } from './components/Spinner.js';
import { LanguageSync } from './i18n/useLanguage.js';
import { queryClient } from './lib/queryClient.js';
import { Toasts } from './lib/toast.js';
import { routes } from './routes.js';

// The signed-in frame (sidebar, inbox, import, search palette) loads only once someone is signed in.
const AppLayout = lazy(() => import('./components/AppLayout.js').then((m) => ({ default: m.AppLayout })));

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LanguageSync />
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
