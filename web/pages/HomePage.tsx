import { LayoutGrid } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { CreateSpaceForm } from '../components/CreateSpaceForm.js';
import { EmptyState } from '../components/EmptyState.js';
import { PageSpinner } from '../components/Spinner.js';
import { useCurrentSpace } from '../lib/currentSpace.js';
import { useSpaces } from '../lib/data.js';

/** `/`: straight to the last (or first) space; a first-run screen when the user has none. */
export function HomePage() {
  const { t } = useTranslation();
  const spaces = useSpaces();
  const stored = useCurrentSpace();
  const navigate = useNavigate();
  if (spaces.isPending) return <PageSpinner />;
  const target = spaces.data?.find((s) => s.id === stored) ?? spaces.data?.[0];
  if (target) return <Navigate to={`/s/${target.id}`} replace />;
  return (
    <div className="page">
      <EmptyState icon={<LayoutGrid size={28} />} title={t('home.firstSpace')}>
        <p className="muted">{t('home.firstSpaceIntro')}</p>
        <CreateSpaceForm autoFocus onCreated={(id) => navigate(`/s/${id}`)} />
      </EmptyState>
    </div>
  );
}
