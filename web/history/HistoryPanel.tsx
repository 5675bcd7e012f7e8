import { restoringHere } from './restoredHere.js';
import { useQuery } from '@tanstack/react-query';
import { History, RotateCcw, Save, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Spinner } from '../components/Spinner.js';
import { errorText } from '../i18n/errors.js';
import { keys } from '../lib/data.js';
import { queryClient } from '../lib/queryClient.js';
import { formatDateTime, formatUpdated } from '../lib/time.js';
import { toast } from '../lib/toast.js';
import { useEventStream } from '../comments/useEventStream.js';
import { historyApi, type SnapshotView } from './api.js';
import { SnapshotViewer } from './SnapshotViewer.js';
import i18n from '../i18n/index.js';
import './history.css';
import { useConfirm } from '../components/ConfirmDialog.js';

/** What a block without text is called in the list of what was added (its kind, never its internal type name). */
const kindName = (type: string) => (i18n.exists(`blocks.${type}.title`) ? i18n.t(`blocks.${type}.title`)
  : i18n.exists(`history.kind.${type}`) ? i18n.t(`history.kind.${type}`) : i18n.t('history.kind.other'));

/**
 * Version history of a report: the list of snapshots (time, why, who edited), a read-only view of one with
 * what changed since highlighted, and restore — applied as a new change, so everyone editing follows live.
 * The list is a query: a restore (by anyone, heard through the event stream) marks it stale.
 */
export function HistoryPanel({ reportId, canEdit, onClose }: { reportId: string; canEdit: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: keys.history(reportId), queryFn: () => historyApi.list(reportId) });
  useEventStream(reportId);
  const [open, setOpen] = useState<SnapshotView | null>(null);
  const [loadingId, setLoadingId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const changed = () => queryClient.invalidateQueries({ queryKey: keys.history(reportId) });
  const [confirm, confirmDialog] = useConfirm();

  const view = async (id: string) => {
    setLoadingId(id);
    try {
      setOpen(await queryClient.fetchQuery({ queryKey: keys.snapshot(reportId, id), queryFn: () => historyApi.get(reportId, id), staleTime: 0 }));
    } catch (e) { toast.error(e); } finally { setLoadingId(null); }
  };
  const save = async () => {
    setBusy(true);
    try { await historyApi.save(reportId); void changed(); toast.info(t('history.saved')); } catch (e) { toast.error(e); } finally { setBusy(false); }
  };
  const restore = async (s: SnapshotView) => {
    if (!(await confirm({ message: t('history.restoreConfirm', { time: formatDateTime(s.createdAt) }), confirmLabel: t('history.restore') }))) return;
    setBusy(true);
    try {
      restoringHere(reportId);
      await historyApi.restore(reportId, s.id);
      setOpen(null);
      void changed();
      toast.info(t('history.restored', { time: formatDateTime(s.createdAt) }));
    } catch (e) { toast.error(e); } finally { setBusy(false); }
  };
  const changes = open ? open.diff.added.length + open.diff.removed.length + open.diff.changed.length : 0;
  const authors = (a: { name: string }[]) => a.map((x) => x.name).join(t('common.listSeparator'));

  return (
    <>
      {confirmDialog}
      <aside className="side-panel history-panel" aria-label={t('history.panel')}>
        <header className="side-panel-head">
          <History size={16} aria-hidden />
          <h2>{t('history.title')}</h2>
          <span className="grow" />
          {canEdit && <button className="btn btn-ghost btn-sm" disabled={busy} onClick={save} title={t('history.saveHint')}><Save size={14} aria-hidden /> {t('history.save')}</button>}
          <button className="icon-btn" aria-label={t('history.close')} onClick={onClose}><X size={16} /></button>
        </header>
        <p className="muted small pad">{t('history.intro')}</p>
        <div className="version-list">
          {list.isPending && !list.error && <div className="pad"><Spinner /></div>}
          {list.error && <p className="form-error pad">{errorText(list.error)}</p>}
          {list.data?.length === 0 && <p className="muted small pad">{t('history.empty')}</p>}
          {list.data?.map((s) => (
            <button key={s.id} className={`version${open?.id === s.id ? ' is-on' : ''}`} onClick={() => view(s.id)}>
              <span className="version-time">{formatDateTime(s.createdAt)} {loadingId === s.id && <Spinner />}</span>
              <span className="muted small">{t(`history.reason.${s.reason}`)} · {formatUpdated(s.createdAt)}</span>
              {s.authors.length > 0 && <span className="version-authors small">{authors(s.authors)}</span>}
            </button>
          ))}
        </div>
      </aside>
      {open && (
        <section className="snapshot-overlay" aria-label={t('history.preview')}>
          <header className="snapshot-bar">
            <div>
              <div className="eyebrow">{t('history.readOnly')}</div>
              <strong>{formatDateTime(open.createdAt)}</strong> <span className="muted">· {t(`history.reason.${open.reason}`)}{open.authors.length ? ` · ${authors(open.authors)}` : ''}</span>
            </div>
            <span className="grow" />
            <div className="snapshot-legend small">
              {changes === 0 ? <span className="muted">{t('history.same')}</span> : <>
                {open.diff.removed.length > 0 && <span className="legend legend-removed">{t('history.gone', { count: open.diff.removed.length })}</span>}
                {open.diff.changed.length > 0 && <span className="legend legend-changed">{t('history.changed', { count: open.diff.changed.length })}</span>}
                {open.diff.added.length > 0 && <span className="legend legend-added">{t('history.added', { count: open.diff.added.length })}</span>}
              </>}
            </div>
            {canEdit && <button className="btn btn-primary btn-sm" disabled={busy || changes === 0} onClick={() => restore(open)}><RotateCcw size={14} aria-hidden /> {t('history.restore')}</button>}
            <button className="icon-btn" aria-label={t('history.closePreview')} onClick={() => setOpen(null)}><X size={16} /></button>
          </header>
          <div className="snapshot-body">
            <SnapshotViewer snapshot={open} />
            {open.diff.added.length > 0 && (
              <div className="added-since">
                <div className="section-title">{t('history.addedSince')}</div>
                {open.diff.added.map((b) => <div key={b.key} className="added-block">{b.text || kindName(b.type)}</div>)}
              </div>
            )}
          </div>
        </section>
      )}
    </>
  );
}
