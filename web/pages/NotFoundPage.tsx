import { Compass } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../components/EmptyState.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <EmptyState icon={<Compass size={28} />} title={t('notFound.title')}>
        <p className="muted">{t('notFound.text')}</p>
        <Link className="btn" to="/">{t('notFound.back')}</Link>
      </EmptyState>
    </div>
  );
}
