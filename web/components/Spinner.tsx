import { useTranslation } from 'react-i18next';

export function Spinner() {
  const { t } = useTranslation();
  return <div className="spinner" role="status" aria-label={t('common.loading')} />;
}

/** A page-sized wait (a page's chunk or its first data). */
export const PageSpinner = () => <div className="page-center"><Spinner /></div>;
