/**
 * Checks a peer's Yjs update against the room's document before it is applied, so that nothing is stored or
 * broadcast that would blank the report for everyone (content the editor cannot show) or park in the document
 * waiting for structs or deletes that never come (which silently swallows later edits).
 *
 *   ok       apply, store, broadcast
 *   missing  it depends on structs the server has not seen: ask the peer for its state instead
 *   invalid  hostile or broken: refuse and close the peer
 *
 * Structs are also checked against who writes them: a client id is one editor's, and structs under it at clocks the
 * document has not reached yet would be taken as that editor's own next edits, which then never arrive anywhere.
 */
import * as Y from 'yjs';
import { isKnownMark, isPlainAttribute, isPlainMarkValue, MAX_ATTRIBUTES, MAX_DEPTH, mayHold, type DocShape } from '../../shared/doc/shape.js';

export type UpdateVerdict = { ok: true } | { ok: false; reason: 'missing' | 'invalid'; detail: string };

type Struct = Y.Item | Y.GC | Y.Skip;
/** The type an item sits in (a root by name, or an integrated or decoded type), and whether under a key (an attribute). */
type Seat = { in: Y.AbstractType<any> | { root: string } | 'gone' | 'cycle'; keyed: boolean };
/** Where an item lives: the fragment (a root), an element, a text, something else, or a deleted parent. */
type Place = { t: 'root'; name: string } | { t: 'element'; name: string } | { t: 'text' } | { t: 'other' } | { t: 'gone' } | { t: 'cycle' };

const OK: UpdateVerdict = { ok: true };
const invalid = (detail: string): UpdateVerdict => ({ ok: false, reason: 'invalid', detail });
const missing = (detail: string): UpdateVerdict => ({ ok: false, reason: 'missing', detail });

/**
 * `mayWrite(client)` is asked for every client id whose clock the update would advance; false refuses the update
 * (structs under another person's client id). Without it, any id may be written.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, shape: DocShape, mayWrite?: (client: number) => boolean): UpdateVerdict {
  let decoded: { structs: Struct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };
  try {
    decoded = Y.decodeUpdate(update) as never;
  } catch {
    return invalid('undecodable update');
  }
  // The update's structs by client, in clock order, and how far each client's clock then reaches.
  const own = new Map<number, Struct[]>();
  for (const s of decoded.structs) {
    if (s instanceof Y.Skip) return missing('update has gaps');
    const list = own.get(s.id.client);
    if (list) list.push(s);
    else own.set(s.id.client, [s]);
  }
  const reach = new Map<number, number>();
  for (const [client, list] of own) {
    const known = Y.getState(doc.store, client);
    const end = list[list.length - 1].id.clock + list[list.length - 1].length;
    if (end > known && mayWrite && !mayWrite(client)) return invalid(`writes under client ${client}, someone else's`);
    if (list[0].id.clock > known) return missing(`client ${client} from clock ${list[0].id.clock}, have ${known}`);
    for (let i = 1; i < list.length; i++) {
      if (list[i].id.clock !== list[i - 1].id.clock + list[i - 1].length) return missing('update has gaps');
    }
    const last = list[list.length - 1];
    reach.set(client, Math.max(known, last.id.clock + last.length));
  }
  const reachOf = (client: number) => reach.get(client) ?? Y.getState(doc.store, client);
  const known = (id: Y.ID) => id.clock < reachOf(id.client);

  // Deletes may only cover what the document has seen (or this update brings).
  for (const [client, ranges] of decoded.ds.clients) {
    for (const r of ranges) if (r.len < 0 || r.clock + r.len > reachOf(client)) return invalid(`delete beyond client ${client}'s clock`);
  }

  const inUpdate = (id: Y.ID): Struct | null => {
    const list = own.get(id.client);
    const last = list?.[list.length - 1];
    if (!list || !last || id.clock < list[0].id.clock || id.clock >= last.id.clock + last.length) return null;
    return list[Y.findIndexSS(list as never, id.clock)] ?? null;
  };
  const structAt = (id: Y.ID): Struct | null => inUpdate(id) ?? (id.clock < Y.getState(doc.store, id.client) ? (Y.getItem(doc.store, id) as Struct) : null);

  // Types this update brings (decoded, not integrated): like a root, they have no _item yet.
  const decodedItems = new Map<Y.AbstractType<any>, Y.Item>();
  for (const [, list] of own) for (const s of list) if (s instanceof Y.Item && s.content instanceof Y.ContentType) decodedItems.set(s.content.type, s);
  const seatIn = (type: Y.AbstractType<any>): Seat['in'] =>
    type._item === null && !decodedItems.has(type) ? { root: Y.findRootTypeKey(type) } : type;

  // Where an item sits. One written without its parent takes its neighbour's parent and key (as Item.getMissing
  // does); neighbours chain (typed text, a map entry overwritten again and again), so resolve iteratively, and the
  // key comes from the end of the chain (a decoded item placed by its neighbour carries no parentSub).
  const seats = new Map<Y.Item, Seat>();
  const seatOf = (item: Y.Item): Seat => {
    const chain: Y.Item[] = [];
    const chained = new Set<Y.Item>();
    let at: Y.Item = item;
    let seat: Seat | undefined;
    while (!(seat = seats.get(at))) {
      const p = at.parent as unknown;
      const keyed = at.parentSub !== null;
      if (typeof p === 'string') seat = { in: { root: p }, keyed };
      else if (p instanceof Y.AbstractType) seat = { in: seatIn(p), keyed };
      else if (p instanceof Y.ID) {
        const s = structAt(p);
        seat = { in: s instanceof Y.Item && s.content instanceof Y.ContentType ? seatIn(s.content.type) : 'gone', keyed };
      } else {
        const next = structAt((at.origin ?? at.rightOrigin)!);
        if (!(next instanceof Y.Item)) seat = { in: 'gone', keyed: false };
        else {
          chain.push(at);
          chained.add(at);
          // Neighbours that lead back round (a crafted update): no place. Followed, the chain grew until V8 gave up
          // and the whole process died.
          if (!chained.has(next)) {
            at = next;
            continue;
          }
          seat = { in: 'cycle', keyed };
        }
      }
      break;
    }
    for (const i of chain) seats.set(i, seat);
    seats.set(at, seat);
    return seat;
  };

  // How deep an element sits (1: a block at the top), counting up through its parents; past MAX_DEPTH, Infinity.
  const depths = new Map<Y.AbstractType<any>, number>();
  const depthOfType = (type: Y.AbstractType<any>): number => {
    const chain: Y.AbstractType<any>[] = [];
    let at: Y.AbstractType<any> = type;
    let depth: number | undefined;
    while ((depth = depths.get(at)) === undefined) {
      chain.push(at);
      if (chain.length > MAX_DEPTH) return Infinity;
      const item = at._item ?? decodedItems.get(at);
      const up = item ? seatOf(item).in : null;
      if (!(up instanceof Y.AbstractType)) {
        depth = 0; // below a root (or gone)
        break;
      }
      at = up;
    }
    for (let i = chain.length - 1; i >= 0; i--) depths.set(chain[i], ++depth);
    return depths.get(type)!;
  };
  /** Attribute names each element has, as stored plus as this update sets them. */
  const attributes = new Map<Y.AbstractType<any>, Set<string>>();

  for (const [, list] of own) {
    for (const s of list) {
      if (!(s instanceof Y.Item)) continue;
      for (const ref of [s.origin, s.rightOrigin, s.parent instanceof Y.ID ? s.parent : null]) {
        if (ref && !known(ref)) return missing('refers to an unknown struct');
      }
      if (!s.origin && !s.rightOrigin && !s.parent) return invalid('item without a place');
      const seat = seatOf(s);
      const place = placeOf(seat);
      const verdict = contentFits(s, place, seat.keyed, shape);
      if (verdict) return invalid(verdict);
      if (s.content instanceof Y.ContentDeleted || place.t === 'gone') continue;
      if (s.content instanceof Y.ContentType && s.content.type instanceof Y.XmlElement && depthOfType(s.content.type) > MAX_DEPTH) {
        return invalid(`elements nested more than ${MAX_DEPTH} deep`);
      }
      if (seat.keyed && place.t === 'element') {
        const parent = seat.in as Y.XmlElement;
        let names = attributes.get(parent);
        if (!names) attributes.set(parent, (names = new Set(parent._map.keys())));
        names.add(s.parentSub!);
        if (names.size > MAX_ATTRIBUTES) return invalid(`more than ${MAX_ATTRIBUTES} attributes on <${place.name}>`);
      }
    }
  }
  return OK;
}

function placeOf(seat: Seat): Place {
  const at = seat.in;
  if (at === 'gone' || at === 'cycle') return { t: at };
  if (!(at instanceof Y.AbstractType)) return { t: 'root', name: at.root };
  if (at instanceof Y.XmlElement) return { t: 'element', name: at.nodeName };
  if (at instanceof Y.XmlText) return { t: 'text' };
  return { t: 'other' };
}

/** Why this content may not sit in this place, or null when it may. */
function contentFits(item: Y.Item, place: Place, keyed: boolean, shape: DocShape): string | null {
  const c = item.content;
  if (c instanceof Y.ContentDeleted || place.t === 'gone') return null;
  if (c instanceof Y.ContentDoc) return 'subdocuments are not allowed';
  const element = c instanceof Y.ContentType && c.type instanceof Y.XmlElement ? c.type.nodeName : null;
  const isText = c instanceof Y.ContentType && c.type instanceof Y.XmlText;
  switch (place.t) {
    case 'root':
      if (place.name !== shape.fragment) return `unknown root "${place.name.slice(0, 40)}"`;
      if (keyed) return 'keyed entry in the fragment';
      return element !== null && mayHold(shape, null, element) ? null : `not a block at the top: ${what(c)}`;
    case 'element':
      if (keyed) return c instanceof Y.ContentAny && c.arr.every(isPlainAttribute) ? null : `attribute holds ${what(c)}`;
      if (isText) return shape.textIn.has(place.name) ? null : `<${place.name}> holds text`;
      return element !== null && mayHold(shape, place.name, element) ? null : `<${place.name}> holds ${what(c)}`;
    case 'text':
      if (keyed) return c instanceof Y.ContentAny && c.arr.every(isPlainAttribute) ? null : `text attribute holds ${what(c)}`;
      if (c instanceof Y.ContentString) return null;
      if (c instanceof Y.ContentFormat) {
        if (!isKnownMark(shape, c.key)) return `unknown mark "${c.key.slice(0, 40)}"`;
        return isPlainMarkValue(c.value) ? null : `mark "${c.key.slice(0, 40)}" holds more than a mark's attributes`;
      }
      return `text holds ${what(c)}`;
    case 'other':
      return 'content in a type the report does not use';
    case 'cycle':
      return 'items whose neighbours lead back to them';
  }
}

function what(c: Y.Item["content"]): string {
  if (c instanceof Y.ContentType) return c.type instanceof Y.XmlElement ? `<${c.type.nodeName.slice(0, 40)}>` : c.type.constructor.name;
  return c.constructor.name;
}
