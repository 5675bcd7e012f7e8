import { AlertTriangle, CheckCircle2, FileText, Loader2, Upload, X, XCircle } from 'lucide-react';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { Link } from 'react-router';
import { itemBlocks } from '../../shared/blocks/index.js';
import { canEdit } from '../api.js';
import type { Space } from '../lib/data.js';
import { invalidate } from '../lib/query.js';
import { importFile, isMarkdown, type ImportState } from './importFiles.js';
import './import.css';

type Row = { key: string; file: File; state: ImportState };

/** Sidebar entry "Import" (owners and editors) that opens the import dialog for the space. */
export function ImportButton({ space }: { space: Space }) {
  const [open, setOpen] = useState(false);
  if (!canEdit(space.role)) return null;
  return (
    <>
      <button className="side-link" onClick={() => setOpen(true)} aria-haspopup="dialog"><Upload size={16} /> Import</button>
      {open && <ImportDialog space={space} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * Drop exported `.md` weekly reports (or pick them); each is imported on its own, one after another,
 * and its row shows what came of it: the week and its items, warnings, or the server's reason.
 */
export function ImportDialog({ space, onClose }: { space: Space; onClose: () => void }) {
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
      state: isMarkdown(file) ? { kind: 'waiting' } : { kind: 'failed', code: 'not_markdown', message: 'Only .md files can be imported.' },
    }));
    setRows((rs) => [...rs, ...fresh]);
    for (const row of fresh.filter((r) => r.state.kind === 'waiting')) {
      // One at a time, in the order dropped: a bad file only fails its own row.
      queue.current = queue.current.then(async () => {
        update(row.key, { kind: 'importing' });
        const state = await importFile(space.id, row.file);
        update(row.key, state);
        if (state.kind === 'imported') invalidate(`reports:${space.id}`);
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
        <h2 id="import-title">Import weekly reports</h2>
        <span className="grow" />
        <button className="icon-btn" aria-label="Close" onClick={() => ref.current?.close()}><X size={16} /></button>
      </div>
      <p className="muted small">
        Markdown exports (such as Notion's) with a <code># 2024-W12</code> title become reports of <strong>{space.name}</strong>.
        A week that already has a report is never overwritten.
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
        <Upload size={22} />
        <span>Drop <strong>.md</strong> files here, or click to choose</span>
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
          <p className="small muted import-total">{done} imported · {failed} not imported · {rows.length} in all</p>
        </>
      )}
    </dialog>
  );
}

function ImportRow({ row, onOpen }: { row: Row; onOpen: () => void }) {
  const s = row.state;
  return (
    <li className={`import-row is-${s.kind}`} data-file={row.file.name}>
      <span className="import-icon">
        {s.kind === 'waiting' && <FileText size={16} />}
        {s.kind === 'importing' && <Loader2 size={16} className="spin" />}
        {s.kind === 'imported' && <CheckCircle2 size={16} />}
        {s.kind === 'failed' && <XCircle size={16} />}
      </span>
      <span className="import-text">
        <span className="import-name">{row.file.name}</span>
        {s.kind === 'waiting' && <span className="muted small">Waiting…</span>}
        {s.kind === 'importing' && <span className="muted small">Importing…</span>}
        {s.kind === 'imported' && (
          <span className="small">
            <Link to={`/r/${s.reportId}`} onClick={onOpen}>{s.week}</Link>
            {itemBlocks.filter((b) => s.counts[b.items.key]).map((b) => ` · ${b.items.label} ${s.counts[b.items.key]}`).join('')}
          </span>
        )}
        {s.kind === 'imported' && s.warnings.map((w) => (
          <span key={w} className="import-warning small"><AlertTriangle size={13} /> {w}</span>
        ))}
        {s.kind === 'failed' && <span className="import-error small">{s.message}</span>}
      </span>
    </li>
  );
}
