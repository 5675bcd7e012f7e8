import { WifiOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/errors.js';
import { EmptyState } from './EmptyState.js';

/** A page that could not load for a reason other than "not found" (usually the network). */
export function LoadError({ error, retry }: { error: Error; retry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <EmptyState icon={<WifiOff size={28} />} title={t('loadError.title')}>
        <p className="muted">{errorText(error)}</p>
        <button className="btn" onClick={retry}>{t('common.tryAgain')}</button>
      </EmptyState>
    </div>
  );
}
