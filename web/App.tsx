import { BrowserRouter, Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout.js';
import { RequireAuth } from './components/RequireAuth.js';
import { Toasts } from './lib/toast.js';
import { routes } from './routes.js';

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        {routes.filter((r) => r.shell === 'bare').map((r) => <Route key={r.path} path={r.path} element={r.element} />)}
        <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
          {routes.filter((r) => r.shell === 'app').map((r) => <Route key={r.path} path={r.path} element={r.element} />)}
        </Route>
      </Routes>
      <Toasts />
    </BrowserRouter>
  );
}
