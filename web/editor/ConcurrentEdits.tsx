import { useEffect, useReducer, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import * as Y from 'yjs';
import i18n from '../i18n/index.js';
import { blockLabelText } from '../i18n/blocks.js';
import { blockUrl } from '../lib/blockUrl.js';
import { toast } from '../lib/toast.js';
import { useReportContext, type SpaceMember } from './blocks/context.js';
import type { FieldConflict } from './concurrentFields.js';
import { isOwnClient } from './ownClients.js';
import type { Collab } from './useCollab.js';
import './concurrentEdits.css';

/**
 * Above the report: the fields this person changed offline that someone else changed meanwhile (concurrentFields.ts).
 * Yjs kept one value of each; the line says which, whose, and what was replaced, and "改用 …" puts the replaced one
 * back (an edit like any other, seen live by everyone). Nothing is said when nothing collided.
 */
export function ConcurrentEdits({ collab, editable }: { collab: Collab; editable: boolean }) {
  const { t } = useTranslation();
  const { members, reportId } = useReportContext();
  const list = useSyncExternalStore(collab.conflicts.subscribe, collab.conflicts.list);
  // Who wrote a value is read from presence, which may come in after the conflict is found.
  const [, presenceChanged] = useReducer((n: number) => n + 1, 0);
  const { awareness } = collab.provider;
  const watching = list.length > 0;
  useEffect(() => {
    if (!watching) return;
    awareness.on('change', presenceChanged);
    return () => awareness.off('change', presenceChanged);
  }, [awareness, watching]);
  if (!list.length) return null;
  const who = (client: number) => {
    if (isOwnClient(client)) return t('concurrent.you');
    const state = collab.provider.awareness.getStates().get(client) as { user?: { name?: unknown } } | undefined;
    return typeof state?.user?.name === 'string' && state.user.name ? state.user.name : t('concurrent.someone');
  };
  return (
    <section className="concurrent-edits" role="status" aria-live="polite" data-testid="concurrent-edits">
      <h2 className="concurrent-title">{t('concurrent.title')}</h2>
      <p className="concurrent-hint">{t('concurrent.hint')}</p>
      <ul className="concurrent-list">
        {list.map((c) => {
          const gone = removed(c.element);
          const blockId = c.element.getAttribute('blockId');
          const block = blockLabelText(c.element.nodeName, c.element.getAttributes(), textOf(c.element));
          const field = fieldLabel(c.element.nodeName, c.attr);
          const lost = valueText(c.element.nodeName, c.attr, c.lost, members, c.with.display);
          const use = () => {
            if (removed(c.element)) return;
            collab.doc.transact(() => {
              for (const [attr, value] of Object.entries({ [c.attr]: c.lost, ...c.with })) {
                if (value === null || value === undefined) c.element.removeAttribute(attr);
                else c.element.setAttribute(attr, value as string);
              }
            });
            collab.conflicts.remove(c);
            toast.info(t('concurrent.used', { field, value: lost }));
          };
          return (
            <li key={keyOf(c)} className="concurrent-line">
              <span>{t('concurrent.line', { block, field, kept: valueText(c.element.nodeName, c.attr, c.kept, members), keptWho: who(c.keptBy), lost, lostWho: who(c.lostBy) })}</span>
              {gone && <span className="muted"> · {t('concurrent.gone')}</span>}
              <span className="concurrent-actions">
                {/* The list sits above the report, far from the field: this takes the person to it. */}
                {!gone && reportId && blockId && <Link className="btn btn-sm btn-ghost" to={blockUrl(reportId, blockId)}>{t('concurrent.show')}</Link>}
                {editable && !gone && <button type="button" className="btn btn-sm" onClick={use}>{t('concurrent.use', { value: lost })}</button>}
                <button type="button" className="btn btn-sm btn-ghost" onClick={() => collab.conflicts.remove(c)}>{t('concurrent.dismiss')}</button>
              </span>
            </li>
          );
        })}
      </ul>
      {list.length > 1 && <button type="button" className="btn btn-sm btn-ghost" onClick={collab.conflicts.clear}>{t('concurrent.dismissAll')}</button>}
    </section>
  );
}

const keys = new WeakMap<FieldConflict, number>();
let nextKey = 0;
const keyOf = (c: FieldConflict) => keys.get(c) ?? (keys.set(c, ++nextKey), nextKey);

const removed = (el: Y.XmlElement) => el.doc === null || (el._item?.deleted ?? false);

/** The block's text, for its label when it has no name of its own. */
function textOf(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) return node.toDelta().map((d: { insert?: unknown }) => (typeof d.insert === 'string' ? d.insert : '')).join('');
  if (node instanceof Y.XmlElement) return node.toArray().map(textOf).join(' ').trim();
  return '';
}

/** What a field is called: the block's own word for it (an OKR item's 上线日期), else the common one. */
export const fieldLabel = (block: string, attr: string) => i18n.t([`concurrent.fields.${block}.${attr}`, `concurrent.fields.any.${attr}`], { defaultValue: attr });

/** A field's value as its block shows it: 50%, member names, a status's word; （空） for nothing. */
function valueText(block: string, attr: string, v: unknown, members: readonly SpaceMember[], display?: unknown): string {
  const t = i18n.t.bind(i18n);
  if (v === null || v === undefined || v === '') return t('concurrent.empty');
  if (attr === 'value' && typeof display === 'string' && display) return display;
  if (attr === 'progress') return `${String(v)}%`;
  if (attr === 'checked') return v === true || v === 'true' ? t('concurrent.done') : t('concurrent.notDone');
  if (attr === 'owners' || attr === 'owner') {
    return String(v).split(',').filter(Boolean).map((id) => members.find((m) => m.userId === id)?.name ?? id).join('、');
  }
  const words: Record<string, Record<string, string>> = {
    status: { okrItem: `okrStatus.${String(v)}`, risk: `risk.status.${String(v)}`, incident: `editor.incident.${String(v)}` },
    severity: { risk: `risk.severity.${String(v)}` },
  };
  const word = words[attr]?.[block];
  if (word && i18n.exists(word)) return t(word);
  if (attr === 'severity' && block === 'incident') return t('editor.incident.sev', { level: String(v) });
  return String(v);
}
