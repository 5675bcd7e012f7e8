import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';

/** "Markdown" in the report bar: downloads the report in the shape it can be imported from. */
export function ExportLink({ reportId, week }: { reportId: string; week: string }) {
  const { t } = useTranslation();
  return (
    <a className="btn btn-ghost btn-sm" href={`/api/reports/${encodeURIComponent(reportId)}/markdown`} download={`${week}.md`} title={t('export.title')}>
      <Download size={14} aria-hidden /> {t('export.label')}
    </a>
  );
}
