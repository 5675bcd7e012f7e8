import { createContext, useContext, useLayoutEffect, useState, useSyncExternalStore, type RefObject } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { presentUser } from '../../shared/doc/presence.js';
import { catalogues } from '../i18n/index.js';

/**
 * Who is in which field of a block. Each person's awareness state carries `field: {blockId, name}` while a field of
 * a block has their focus (the block's blockId — a KPI row's own — and the field's accessible name), and null
 * otherwise; fields show the colour and name of everyone else in them, and a change that lands while you type names
 * the person who was last in that field.
 */

export interface FieldRef { blockId: string; name: string }
export interface FieldPeer { clientId: number; userId: string; name: string; color: string }

/**
 * A field is named by its accessible name, which is in the viewer's language; two people in different languages
 * must still meet in the same field, so a name that is a catalogue entry is keyed by that entry (the same in every
 * language), not by its words.
 */
const entryOf = (() => {
  const byText = new Map<string, string>();
  const walk = (node: unknown, path: string) => {
    if (typeof node === 'string') {
      const had = byText.get(node);
      if (had === undefined || path < had) byText.set(node, path);
    } else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
  };
  for (const c of Object.values(catalogues)) walk(c, '');
  return (name: string) => byText.get(name) ?? name;
})();
const keyOf = (blockId: string, name: string) => `${blockId}\u0000${entryOf(name)}`;
const RECENT_MS = 15_000;

export class FieldPresence {
  private listeners = new Set<() => void>();
  private current = new Map<string, FieldPeer[]>();
  /** The last person seen in each field, kept a little while after they leave it. */
  private recent = new Map<string, { peer: FieldPeer; at: number }>();
  private readonly onChange = () => this.read();

  constructor(readonly awareness: Awareness) {
    awareness.on('change', this.onChange);
    this.read();
  }

  destroy() {
    this.awareness.off('change', this.onChange);
    this.listeners.clear();
  }

  /** Announces which field of which block this person is in (null: none). */
  setMine(field: FieldRef | null) {
    const prev = this.awareness.getLocalState()?.field as FieldRef | null | undefined;
    if ((prev?.blockId ?? null) === (field?.blockId ?? null) && (prev?.name ?? null) === (field?.name ?? null)) return;
    this.awareness.setLocalStateField('field', field);
  }

  private read() {
    const next = new Map<string, FieldPeer[]>();
    const now = Date.now();
    for (const [clientId, state] of this.awareness.getStates()) {
      if (clientId === this.awareness.clientID) continue;
      // Only well-formed presences (the server relays no other; a state from elsewhere is read by the same rules).
      const u = presentUser(state);
      const f = state.field as FieldRef | null | undefined;
      if (!u?.name || !f?.blockId || !f.name) continue;
      const key = keyOf(f.blockId, f.name);
      const peer = { clientId, userId: u.id ?? String(clientId), name: u.name, color: u.color ?? '#888' };
      next.set(key, [...(next.get(key) ?? []), peer]);
      this.recent.set(key, { peer, at: now });
    }
    this.current = next;
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  };

  /** Everyone else in a field now (a stable array while nothing changes). */
  peersIn(blockId: string, name: string): FieldPeer[] {
    return this.current.get(keyOf(blockId, name)) ?? NONE;
  }

  /** Who is, or was last (in the last seconds), in a field besides this person. */
  lastIn(blockId: string, name: string): FieldPeer | null {
    const now = this.peersIn(blockId, name)[0];
    if (now) return now;
    const r = this.recent.get(keyOf(blockId, name));
    return r && Date.now() - r.at < RECENT_MS ? r.peer : null;
  }
}

const NONE: FieldPeer[] = [];

export const FieldPresenceContext = createContext<FieldPresence | null>(null);

/** The field an element is: the nearest block's id and the element's accessible name. */
export function fieldOf(el: Element | null): FieldRef | null {
  const blockId = el?.closest('[data-block-id]')?.getAttribute('data-block-id');
  const name = el?.getAttribute('aria-label');
  return blockId && name ? { blockId, name } : null;
}

/** The people in the field an input is (rendered inside a block's view), and who was last in it. */
export function useFieldPeers(ref: RefObject<HTMLElement | null>, name: string | undefined) {
  const presence = useContext(FieldPresenceContext);
  const [blockId, setBlockId] = useState<string | null>(null);
  useLayoutEffect(() => {
    setBlockId(ref.current?.closest('[data-block-id]')?.getAttribute('data-block-id') ?? null);
  });
  const peers = useSyncExternalStore(
    presence?.subscribe ?? noSubscribe,
    () => (presence && blockId && name ? presence.peersIn(blockId, name) : NONE),
  );
  return { peers, lastIn: () => (presence && blockId && name ? presence.lastIn(blockId, name) : null) };
}

const noSubscribe = () => () => {};
