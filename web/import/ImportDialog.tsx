import { AlertTriangle, CheckCircle2, FileText, Info, Loader2, Upload, X, XCircle } from 'lucide-react';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { itemBlocks } from '../../shared/blocks/index.js';
import { errorText } from '../i18n/errors.js';
import { keys, type Space } from '../lib/data.js';
import { queryClient } from '../lib/queryClient.js';
import { kindLabel } from '../pages/search/api.js';
import { importFile, isMarkdown, type ImportState } from './importFiles.js';
import './import.css';

type Row = { key: string; file: File; state: ImportState };

/**
 * Drop exported `.md` weekly reports (or pick them); each is imported on its own, one after another,
 * and its row shows what came of it: the week and its items, warnings, or the server's reason.
 */
export function ImportDialog({ space, onClose }: { space: Space; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [over, setOver] = useState(false);
  const queue = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const update = (key: string, state: ImportState) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, state } : r)));

  const add = (files: File[]) => {
    const fresh = files.map((file, i): Row => ({
      key: `${Date.now()}-${i}-${file.name}`,
      file,
      state: isMarkdown(file) ? { kind: 'waiting' } : { kind: 'failed', error: { code: 'not_markdown' } },
    }));
    setRows((rs) => [...rs, ...fresh]);
    for (const row of fresh.filter((r) => r.state.kind === 'waiting')) {
      // One at a time, in the order dropped: a bad file only fails its own row.
      queue.current = queue.current.then(async () => {
        update(row.key, { kind: 'importing' });
        const state = await importFile(space.id, row.file);
        update(row.key, state);
        if (state.kind === 'imported') {
          // The import answers once the report is indexed: the week list and the rollups behind the dialog read it now.
          void queryClient.invalidateQueries({ queryKey: keys.reports(space.id) });
          void queryClient.invalidateQueries({ queryKey: ['dashboard', space.id] });
        }
      });
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    add([...e.dataTransfer.files]);
  };

  const done = rows.filter((r) => r.state.kind === 'imported').length;
  const failed = rows.filter((r) => r.state.kind === 'failed').length;
  return (
    <dialog ref={ref} className="import-dialog" onClose={onClose} aria-labelledby="import-title">
      <div className="import-head">
        <h2 id="import-title">{t('import.title')}</h2>
        <span className="grow" />
        <button className="icon-btn" aria-label={t('common.close')} onClick={() => ref.current?.close()}><X size={16} /></button>
      </div>
      <p className="muted small">
        <Trans i18nKey="import.intro" values={{ space: space.name }} components={{ code: <code />, strong: <strong /> }} />
      </p>
      <div
        className={`import-drop${over ? ' is-over' : ''}`}
        onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        onClick={() => input.current?.click()}
        role="button"
        tabIndex={0}
        onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.current?.click(); } }}
        data-testid="import-drop"
      >
        <Upload size={22} aria-hidden />
        <span><Trans i18nKey="import.drop" components={{ strong: <strong /> }} /></span>
        <input
          ref={input}
          type="file"
          accept=".md,.markdown,text/markdown"
          multiple
          hidden
          onChange={(e) => { add([...(e.target.files ?? [])]); e.target.value = ''; }}
        />
      </div>
      {rows.length > 0 && (
        <>
          <ul className="import-rows">
            {rows.map((r) => <ImportRow key={r.key} row={r} onOpen={() => ref.current?.close()} />)}
          </ul>
          <p className="small muted import-total" aria-live="polite">{t('import.total', { done, failed, all: rows.length })}</p>
        </>
      )}
    </dialog>
  );
}

function ImportRow({ row, onOpen }: { row: Row; onOpen: () => void }) {
  const { t } = useTranslation();
  const s = row.state;
  return (
    <li className={`import-row is-${s.kind}`} data-file={row.file.name}>
      <span className="import-icon" aria-hidden>
        {s.kind === 'waiting' && <FileText size={16} />}
        {s.kind === 'importing' && <Loader2 size={16} className="spin" />}
        {s.kind === 'imported' && <CheckCircle2 size={16} />}
        {s.kind === 'failed' && <XCircle size={16} />}
      </span>
      <span className="import-text">
        <span className="import-name">{row.file.name}</span>
        {s.kind === 'waiting' && <span className="muted small">{t('import.waiting')}</span>}
        {s.kind === 'importing' && <span className="muted small">{t('import.importing')}</span>}
        {s.kind === 'imported' && (
          <span className="small">
            <Link to={`/r/${s.reportId}`} onClick={onOpen}>{s.week}</Link>
            {itemBlocks.filter((b) => s.counts[b.items.key]).map((b) => ` · ${kindLabel(b.items.kind)} ${s.counts[b.items.key]}`).join('')}
          </span>
        )}
        {s.kind === 'imported' && s.notices.map((n, i) => (
          <span key={i} className={`import-warning small is-${n.level}`} data-code={n.code}>
            {n.level === 'warning' ? <AlertTriangle size={13} aria-hidden /> : <Info size={13} aria-hidden />} {t(`notices.${n.code}`, n.params)}
          </span>
        ))}
        {s.kind === 'failed' && <span className="import-error small">{errorText(s.error)}</span>}
      </span>
    </li>
  );
}
