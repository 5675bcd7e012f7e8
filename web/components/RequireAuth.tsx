import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { authClient } from '../api.js';
import { PageSpinner } from './Spinner.js';

/** Pages of the app need a session: without one, go to sign-in and come back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data, isPending } = authClient.useSession();
  const loc = useLocation();
  if (isPending) return <PageSpinner />;
  if (!data) return <Navigate to={`/signin?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  return <>{children}</>;
}

export function useUser() {
  const { data } = authClient.useSession();
  return data?.user ?? null;
}
