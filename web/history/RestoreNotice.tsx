import { RotateCcw, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onStreamEvent } from '../comments/useEventStream.js';
import { formatDateTime } from '../lib/time.js';
import { restoredHere } from './restoredHere.js';

/**
 * When a version of the report is restored, everyone with it open is told who restored which version (the report's
 * event stream says `restored`, with the person and the version's time), until they dismiss it: the document
 * changed under them, and they see why.
 */
export function RestoreNotice({ reportId, me }: { reportId: string; me: string }) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<{ name: string; at: string | null; self: boolean } | null>(null);
  useEffect(() => {
    setNotice(null);
    return onStreamEvent('restored', (d) => {
      if (d.reportId !== reportId) return;
      const by = d.by as { id?: string; name?: string } | undefined;
      if (by?.id === me && restoredHere(reportId)) return; // this tab's panel said so already
      setNotice({ name: by?.name ?? '', at: typeof d.at === 'string' ? d.at : null, self: by?.id === me });
    });
  }, [reportId, me]);
  if (!notice) return null;
  const time = notice.at ? formatDateTime(notice.at) : '';
  return (
    <div className="restore-notice" role="status" aria-live="polite" data-testid="restore-notice">
      <RotateCcw size={15} aria-hidden />
      <span>{notice.self ? t('history.restoredByYou', { time }) : t('history.restoredBy', { name: notice.name, time })}</span>
      <button className="icon-btn" aria-label={t('common.dismiss')} onClick={() => setNotice(null)}><X size={14} /></button>
    </div>
  );
}
