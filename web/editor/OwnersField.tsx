import { X } from 'lucide-react';
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../components/Avatar.js';
import type { SpaceMember } from './blocks/context.js';
import { PeerTag, peerOutline } from './blocks/fields.js';
import { useFieldPeers } from './fieldPresence.js';
import './owners.css';

/**
 * Owners of a block (issue 15: OKR items, key projects, risks): space members, several of them. They are kept in
 * the block's `owners` attribute as user ids joined by commas ("u1,u2"); OKR items also keep their older single
 * `owner` (the first one), which their views write alongside (see `ownersAttrs`).
 *
 * One native select does everything, so the keyboard works as in every other field of a block (Tab reaches it,
 * arrows and Enter pick): its options add a member who is not an owner yet, or remove one who is. The owners are
 * shown beside it as chips (avatar, name), each with a remove button for the mouse.
 */

/** Owner ids from the attribute value ("u1,u2"), each once, in order. */
export function ownerIds(owners: unknown, owner?: unknown): string[] {
  const ids = [typeof owner === 'string' ? owner : '', ...(typeof owners === 'string' ? owners.split(',') : [])].map((s) => s.trim()).filter(Boolean);
  return [...new Set(ids)];
}

/** The attributes to write for a list of owners: `owners`, and `owner` (the first, or null) when the block has one. */
export function ownersAttrs(ids: readonly string[], withOwner: boolean): Record<string, string | null> {
  const unique = [...new Set(ids)];
  const owners = unique.length ? unique.join(',') : null;
  return withOwner ? { owners, owner: unique[0] ?? null } : { owners };
}

export function OwnersField({ ids, members, label, emptyText, disabled, onChange }: {
  ids: readonly string[];
  members: readonly SpaceMember[];
  /** The select's accessible name (also the field's name for presence). */
  label: string;
  /** What the empty chip says; the label unless the field shows the label above it already (a risk's). */
  emptyText?: string;
  disabled?: boolean;
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLSelectElement>(null);
  const { peers } = useFieldPeers(ref, label);
  const nameOf = (id: string) => members.find((m) => m.userId === id)?.name ?? t('editor.okr.formerMember');
  const others = members.filter((m) => !ids.includes(m.userId));
  // Each option is an action (add or remove someone): arrows on the closed select would take one at every press, so
  // they open the list instead, where arrows move and Enter picks.
  const openList = (e: KeyboardEvent<HTMLSelectElement>) => {
    if ((e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || e.altKey) return;
    const el = e.currentTarget as HTMLSelectElement & { showPicker?: () => void };
    e.preventDefault();
    try { el.showPicker?.(); } catch { /* no picker (an old browser): the arrows do nothing */ }
  };
  const pick = (value: string) => {
    if (value.startsWith('+')) onChange([...ids, value.slice(1)]);
    else if (value.startsWith('-')) onChange(ids.filter((id) => id !== value.slice(1)));
  };
  return (
    <span className="cb-owners" data-owners={ids.join(',')}>
      {ids.map((id) => (
        <span key={id} className="cb-owner cb-owner-chip">
          <Avatar id={id} name={nameOf(id)} size={18} />
          <span className="cb-owner-name">{nameOf(id)}</span>
          {!disabled && (
            <button type="button" className="cb-owner-x" tabIndex={-1} aria-label={t('editor.owners.removeNamed', { name: nameOf(id) })}
              title={t('editor.owners.removeNamed', { name: nameOf(id) })} onMouseDown={(e) => e.preventDefault()}
              onClick={() => onChange(ids.filter((x) => x !== id))}><X size={11} aria-hidden /></button>
          )}
        </span>
      ))}
      {/* Read-only: no "+" that looks clickable (a viewer took the chips for buttons that did nothing). */}
      <label className={`cb-owner cb-owners-add${ids.length ? '' : ' is-empty'}${disabled ? ' is-disabled' : ''}`} title={label} style={peerOutline(peers)}
        data-peers={peers.length ? peers.map((p) => p.name).join(', ') : undefined}>
        {!disabled && <span className="cb-avatar" aria-hidden>+</span>}
        {!ids.length && <span className="cb-owners-empty">{emptyText ?? label}</span>}
        <select ref={ref} className="cb-owners-select" aria-label={label} value="" disabled={disabled} onChange={(e) => pick(e.target.value)}
          onKeyDown={openList}>
          <option value="">{ids.length ? t('editor.owners.change') : t('editor.owners.none')}</option>
          {others.length > 0 && (
            <optgroup label={t('editor.owners.add')}>
              {others.map((m) => <option key={m.userId} value={`+${m.userId}`}>{m.name}</option>)}
            </optgroup>
          )}
          {ids.length > 0 && (
            <optgroup label={t('editor.owners.remove')}>
              {ids.map((id) => <option key={id} value={`-${id}`}>{t('editor.owners.removeNamed', { name: nameOf(id) })}</option>)}
            </optgroup>
          )}
        </select>
        <PeerTag anchor={ref} peers={peers} />
      </label>
    </span>
  );
}
