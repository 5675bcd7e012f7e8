import { History, RotateCcw, Save, X } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { Spinner } from '../components/Spinner.js';
import { formatUpdated } from '../lib/time.js';
import { toast } from '../lib/toast.js';
import { useEvents } from '../comments/useEventStream.js';
import { historyApi, reasonLabel, type Snapshot, type SnapshotView } from './api.js';
import { SnapshotViewer } from './SnapshotViewer.js';
import './history.css';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/**
 * Version history of a report: the list of snapshots (time, why, who edited), a read-only view of one with
 * what changed since highlighted, and restore — applied as a new change, so everyone editing follows live.
 */
export function HistoryPanel({ reportId, canEdit, onClose }: { reportId: string; canEdit: boolean; onClose: () => void }) {
  const [list, setList] = useState<Snapshot[] | null>(null);
  const [open, setOpen] = useState<SnapshotView | null>(null);
  const [loadingId, setLoadingId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reload = useCallback(() => { historyApi.list(reportId).then(setList, toast.error); }, [reportId]);
  useEffect(reload, [reload]);
  useEvents(reportId, { restored: (d: { reportId?: string }) => d.reportId === reportId && reload() });

  const view = async (s: Snapshot) => {
    setLoadingId(s.id);
    try { setOpen(await historyApi.get(reportId, s.id)); } catch (e) { toast.error(e); } finally { setLoadingId(null); }
  };
  const save = async () => {
    setBusy(true);
    try { await historyApi.save(reportId); reload(); toast.info('Version saved.'); } catch (e) { toast.error(e); } finally { setBusy(false); }
  };
  const restore = async (s: SnapshotView) => {
    if (!confirm(`Restore the version of ${when(s.createdAt)}? The current content is kept in the history first.`)) return;
    setBusy(true);
    try {
      await historyApi.restore(reportId, s.id);
      setOpen(null);
      reload();
      toast.info(`Restored the version of ${when(s.createdAt)}.`);
    } catch (e) { toast.error(e); } finally { setBusy(false); }
  };
  const changes = open ? open.diff.added.length + open.diff.removed.length + open.diff.changed.length : 0;

  return (
    <>
      <aside className="side-panel history-panel" aria-label="Version history">
        <header className="side-panel-head">
          <History size={16} />
          <h2>History</h2>
          <span className="grow" />
          {canEdit && <button className="btn btn-ghost btn-sm" disabled={busy} onClick={save} title="Save the current content as a version"><Save size={14} /> Save version</button>}
          <button className="icon-btn" aria-label="Close history" onClick={onClose}><X size={16} /></button>
        </header>
        <p className="muted small pad">Versions are saved while the report is edited (at most hourly) and when next week is started.</p>
        <div className="version-list">
          {list === null && <div className="pad"><Spinner /></div>}
          {list?.length === 0 && <p className="muted small pad">No versions yet.</p>}
          {list?.map((s) => (
            <button key={s.id} className={`version${open?.id === s.id ? ' is-on' : ''}`} onClick={() => view(s)} aria-label={`Version of ${when(s.createdAt)}`}>
              <span className="version-time">{when(s.createdAt)} {loadingId === s.id && <Spinner />}</span>
              <span className="muted small">{reasonLabel[s.reason] ?? s.reason} · {formatUpdated(s.createdAt)}</span>
              {s.authors.length > 0 && <span className="version-authors small">{s.authors.map((a) => a.name).join(', ')}</span>}
            </button>
          ))}
        </div>
      </aside>
      {open && (
        <section className="snapshot-overlay" aria-label="Version preview">
          <header className="snapshot-bar">
            <div>
              <div className="eyebrow">Version · read only</div>
              <strong>{when(open.createdAt)}</strong> <span className="muted">· {reasonLabel[open.reason]}{open.authors.length ? ` · ${open.authors.map((a) => a.name).join(', ')}` : ''}</span>
            </div>
            <span className="grow" />
            <div className="snapshot-legend small">
              {changes === 0 ? <span className="muted">Same as now</span> : <>
                {open.diff.removed.length > 0 && <span className="legend legend-removed">{open.diff.removed.length} gone since</span>}
                {open.diff.changed.length > 0 && <span className="legend legend-changed">{open.diff.changed.length} changed since</span>}
                {open.diff.added.length > 0 && <span className="legend legend-added">{open.diff.added.length} added since</span>}
              </>}
            </div>
            {canEdit && <button className="btn btn-primary btn-sm" disabled={busy || changes === 0} onClick={() => restore(open)}><RotateCcw size={14} /> Restore this version</button>}
            <button className="icon-btn" aria-label="Close preview" onClick={() => setOpen(null)}><X size={16} /></button>
          </header>
          <div className="snapshot-body">
            <SnapshotViewer snapshot={open} />
            {open.diff.added.length > 0 && (
              <div className="added-since">
                <div className="section-title">Added since this version</div>
                {open.diff.added.map((b) => <div key={b.key} className="added-block">{b.text || b.type}</div>)}
              </div>
            )}
          </div>
        </section>
      )}
    </>
  );
}
