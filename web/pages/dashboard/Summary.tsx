import { useMutation, useQuery } from '@tanstack/react-query';
import { Download, FileText, Save, Sparkles, X } from 'lucide-react';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { canEdit, type Role } from '../../api.js';
import { Spinner } from '../../components/Spinner.js';
import { errorText } from '../../i18n/errors.js';
import { useReports } from '../../lib/data.js';
import { queryClient } from '../../lib/queryClient.js';
import { formatDateTime } from '../../lib/time.js';
import { toast } from '../../lib/toast.js';
import { rhythmApi, rhythmKeys } from '../report/rhythmApi.js';
import { monthOfWeek, monthsToWeeks } from './periods.js';
import './summary.css';

// The Markdown tooling (mdast, GFM) loads with the first summary shown, not with the dashboard.
const LazyMarkdown = lazy(() => import('./SummaryMarkdown.js').then((m) => ({ default: m.MarkdownView })));
const MarkdownView = (props: { markdown: string; className?: string }) => <Suspense fallback={<Spinner />}><LazyMarkdown {...props} /></Suspense>;

/**
 * The period on one page (issue 15), on the dashboard: "Summarize" picks a month, a quarter or any weeks, shows the
 * server's Markdown (GET /api/spaces/:id/summary), and saves it as a document of the space or downloads it. Saved
 * documents are listed below it and open in place (`?doc=<id>`).
 */

type Period = { kind: 'month'; month: string } | { kind: 'quarter'; year: number; q: number } | { kind: 'weeks'; from: string; to: string };

/** The weeks, the default title and the file name of a period. */
function periodOf(p: Period, t: (k: string, o?: Record<string, unknown>) => string): { from: string; to: string; title: string; file: string } | null {
  if (p.kind === 'month') {
    const m = /^(\d{4})-(\d{2})$/.exec(p.month);
    if (!m) return null;
    const w = monthsToWeeks(Number(m[1]), Number(m[2]), Number(m[2]));
    return { ...w, title: t('summary.titleMonth', { year: m[1], month: Number(m[2]), mm: m[2] }), file: `summary-${p.month}.md` };
  }
  if (p.kind === 'quarter') {
    const w = monthsToWeeks(p.year, p.q * 3 - 2, p.q * 3);
    return { ...w, title: t('summary.titleQuarter', { year: p.year, q: p.q }), file: `summary-${p.year}-Q${p.q}.md` };
  }
  if (!p.from || !p.to) return null;
  const [from, to] = p.from <= p.to ? [p.from, p.to] : [p.to, p.from];
  return { from, to, title: t('summary.titleWeeks', { from, to }), file: `summary-${from}-${to}.md` };
}

/**
 * The summary under the title the page shows (`2024 年 8 月总结`), not the server's week range
 * (`# 周期总结 2024-W31 – 2024-W35`): shown, saved and downloaded alike. The weeks stay in its first lines.
 */
export const withTitle = (markdown: string, title: string) => markdown.replace(/^# .*$/m, `# ${title.replace(/\s+/g, ' ')}`);

/** Saves text as a file in the browser (a Markdown download). */
export function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function SummarySection({ spaceId, role }: { spaceId: string; role: Role | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <section className="db-section sum-section" aria-labelledby="sum-title">
      <div className="sum-head">
        <h2 id="sum-title">{t('summary.title')}</h2>
        <span className="grow" />
        {!open && <button type="button" className="btn btn-primary btn-sm" onClick={() => setOpen(true)}><Sparkles size={14} aria-hidden /> {t('summary.summarize')}</button>}
      </div>
      {open && <Summarizer spaceId={spaceId} canSave={canEdit(role)} onClose={() => setOpen(false)} />}
      <SavedDocuments spaceId={spaceId} />
    </section>
  );
}

function Summarizer({ spaceId, canSave, onClose }: { spaceId: string; canSave: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [, setParams] = useSearchParams();
  const weeks = (useReports(spaceId).data ?? []).map((r) => r.week).sort();
  const newest = weeks.at(-1);
  const now = new Date();
  const [kind, setKind] = useState<Period['kind']>('month');
  const [month, setMonth] = useState(() => (newest ? monthOfWeek(newest) : `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`));
  const [year, setYear] = useState(() => Number(month.slice(0, 4)));
  const [q, setQ] = useState(() => Math.ceil(Number(month.slice(5, 7)) / 3));
  const [from, setFrom] = useState(weeks[0] ?? '');
  const [to, setTo] = useState(newest ?? '');
  useEffect(() => { if (!from && weeks[0]) setFrom(weeks[0]); if (!to && newest) setTo(newest); }, [weeks, newest, from, to]);
  // The reports may arrive after the form opened: until someone picks a period, it follows the newest report's
  // (it stayed on this month and year, a summary of nothing, when the space's reports are from earlier years).
  const picked = useRef(false);
  useEffect(() => {
    if (!newest || picked.current) return;
    const m = monthOfWeek(newest);
    setMonth(m);
    setYear(Number(m.slice(0, 4)));
    setQ(Math.ceil(Number(m.slice(5, 7)) / 3));
  }, [newest]);
  const pick = <T,>(set: (v: T) => void) => (v: T) => { picked.current = true; set(v); };
  const [asked, setAsked] = useState<ReturnType<typeof periodOf>>(null);
  const [title, setTitle] = useState('');
  const period: Period = kind === 'month' ? { kind, month } : kind === 'quarter' ? { kind, year, q } : { kind, from, to };
  const summary = useQuery({
    queryKey: rhythmKeys.summary(spaceId, asked?.from ?? '', asked?.to ?? ''),
    queryFn: () => rhythmApi.summary(spaceId, asked!.from, asked!.to),
    enabled: !!asked,
  });
  const save = useMutation({
    mutationFn: () => rhythmApi.saveDocument(spaceId, { title: title.trim() || asked!.title, markdown: withTitle(summary.data!, title.trim() || asked!.title) }),
    onSuccess: (doc) => {
      void queryClient.invalidateQueries({ queryKey: rhythmKeys.documents(spaceId) });
      toast.info(t('summary.saved'));
      setParams((p) => { const n = new URLSearchParams(p); n.set('doc', doc.id); return n; }, { replace: true });
    },
    onError: (e) => toast.error(e),
  });
  const go = (e: React.FormEvent) => {
    e.preventDefault();
    const p = periodOf(period, t);
    if (!p) return;
    setAsked(p);
    setTitle(p.title);
  };
  const years = [...new Set([...weeks.map((w) => Number(w.slice(0, 4))), now.getFullYear()])].sort((a, b) => b - a);
  return (
    <div className="sum-box card">
      <form className="sum-form" onSubmit={go}>
        <label>{t('summary.period')}{' '}
          <select className="select" aria-label={t('summary.period')} value={kind} onChange={(e) => setKind(e.target.value as Period['kind'])}>
            <option value="month">{t('summary.month')}</option>
            <option value="quarter">{t('summary.quarter')}</option>
            <option value="weeks">{t('summary.weeks')}</option>
          </select>
        </label>
        {kind === 'month' && (
          <label>{t('summary.month')} <input className="input" type="month" aria-label={t('summary.whichMonth')} value={month} required onChange={(e) => pick(setMonth)(e.target.value)} /></label>
        )}
        {kind === 'quarter' && (
          <>
            <select className="select" aria-label={t('summary.year')} value={year} onChange={(e) => pick(setYear)(Number(e.target.value))}>
              {years.map((y) => <option key={y} value={y}>{y}</option>)}
            </select>
            <select className="select" aria-label={t('summary.whichQuarter')} value={q} onChange={(e) => pick(setQ)(Number(e.target.value))}>
              {[1, 2, 3, 4].map((n) => <option key={n} value={n}>{t('summary.q', { q: n })}</option>)}
            </select>
          </>
        )}
        {kind === 'weeks' && (
          <>
            <select className="select" aria-label={t('summary.from')} value={from} onChange={(e) => setFrom(e.target.value)}>
              {weeks.map((w) => <option key={w} value={w}>{w}</option>)}
            </select>
            <span aria-hidden>–</span>
            <select className="select" aria-label={t('summary.to')} value={to} onChange={(e) => setTo(e.target.value)}>
              {weeks.map((w) => <option key={w} value={w}>{w}</option>)}
            </select>
          </>
        )}
        <button type="submit" className="btn btn-primary btn-sm">{t('summary.show')}</button>
        <span className="grow" />
        <button type="button" className="icon-btn" aria-label={t('common.close')} title={t('common.close')} onClick={onClose}><X size={15} aria-hidden /></button>
      </form>
      {asked && (
        <div className="sum-result" data-testid="summary-result">
          <p className="muted small">{t('summary.weeksOf', { from: asked.from, to: asked.to })}</p>
          {summary.isPending && <Spinner />}
          {summary.error && <p className="sum-error" role="alert">{errorText(summary.error)}</p>}
          {summary.data !== undefined && (
            <>
              <div className="sum-actions">
                {canSave && (
                  <>
                    <input className="input grow" aria-label={t('summary.docTitle')} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
                    <button type="button" className="btn btn-sm" disabled={save.isPending} onClick={() => save.mutate()}><Save size={14} aria-hidden /> {t('summary.save')}</button>
                  </>
                )}
                <button type="button" className="btn btn-sm" onClick={() => download(asked.file, withTitle(summary.data!, title.trim() || asked.title))}><Download size={14} aria-hidden /> {t('summary.download')}</button>
              </div>
              <MarkdownView markdown={withTitle(summary.data, title.trim() || asked.title)} className="sum-md" />
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** The space's saved documents; one opens in place (`?doc=<id>`). */
function SavedDocuments({ spaceId }: { spaceId: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const docs = useQuery({ queryKey: rhythmKeys.documents(spaceId), queryFn: () => rhythmApi.documents(spaceId), enabled: !!spaceId });
  const openId = params.get('doc');
  const setDoc = (id: string | null) => setParams((p) => { const n = new URLSearchParams(p); if (id) n.set('doc', id); else n.delete('doc'); return n; }, { replace: true });
  const list = docs.data?.documents ?? [];
  return (
    <div className="sum-docs">
      <h3>{t('summary.documents')}</h3>
      {docs.isPending && <Spinner />}
      {docs.data && list.length === 0 && <p className="muted small">{t('summary.noDocuments')}</p>}
      {list.length > 0 && (
        <ul className="sum-doc-list" aria-label={t('summary.documents')}>
          {list.map((d) => (
            <li key={d.id}>
              <Link to={`?doc=${encodeURIComponent(d.id)}`} replace className={d.id === openId ? 'is-open' : ''} aria-current={d.id === openId ? 'true' : undefined}
                onClick={(e) => { e.preventDefault(); setDoc(d.id); }}>
                <FileText size={14} aria-hidden /> {d.title}
              </Link>
              <span className="muted small"> {formatDateTime(d.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
      {openId && <DocumentViewer documentId={openId} onClose={() => setDoc(null)} />}
    </div>
  );
}

function DocumentViewer({ documentId, onClose }: { documentId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const doc = useQuery({ queryKey: rhythmKeys.document(documentId), queryFn: () => rhythmApi.document(documentId) });
  const ref = useRef<HTMLElement>(null);
  useEffect(() => { if (doc.data) ref.current?.scrollIntoView({ block: 'nearest' }); }, [doc.data]);
  return (
    <article ref={ref} className="sum-doc card" aria-labelledby="sum-doc-title" data-testid="summary-document">
      {doc.isPending && <Spinner />}
      {doc.error && <p className="sum-error" role="alert">{errorText(doc.error)}</p>}
      {doc.data && (
        <>
          <div className="sum-head">
            <h3 id="sum-doc-title">{doc.data.title}</h3>
            <span className="muted small">{formatDateTime(doc.data.createdAt)}</span>
            <span className="grow" />
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => download(`${doc.data.title.replace(/[\\/:*?"<>|]+/g, '-')}.md`, doc.data.markdown)}>
              <Download size={14} aria-hidden /> {t('summary.download')}
            </button>
            <button type="button" className="icon-btn" aria-label={t('common.close')} title={t('common.close')} onClick={onClose}><X size={15} aria-hidden /></button>
          </div>
          <MarkdownView markdown={doc.data.markdown} className="sum-md" />
        </>
      )}
    </article>
  );
}
