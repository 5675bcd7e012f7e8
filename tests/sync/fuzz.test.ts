/**
 * Socket fuzz (issue 9). Raw authenticated sockets of a viewer, a commenter and an editor on each of several
 * reports send frames of every message type: random bytes, truncated varints, unknown message types, junk state
 * vectors, corrupted real updates (bit flips, truncation, spliced junk), hostile but well-formed updates (types
 * the editor cannot show, unknown elements and marks, embeds, subdocuments, other roots, deletes beyond clocks,
 * structs beyond or at another client's clock, unknown origins), malformed, spoofed and oversized awareness, and
 * queryAwareness floods. A closed hostile socket reconnects. Meanwhile stock y-websocket clients keep editing.
 *
 * Afterwards the server answers, the honest clients were never refused and converge with each other and with a
 * fresh client, every report's routes answer 200, and the stored documents (read raw from the store, before the
 * loader sets anything aside) hold only what the report schema allows and none of the hostile marker strings.
 *
 * 2,000 frames by default; CADENCE_LONG=1 sends 10,000. CADENCE_FUZZ_SEED=<n> replays a seed's frame schedule
 * (the documents the frames are built on depend on timing, so a replay is close, not exact).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Every refused frame logs a warning; thousands of them would drown the output. Errors still show.
vi.hoisted(() => {
  process.env.LOG_LEVEL = 'error';
});

import fs from 'node:fs';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { appendParagraph, connect, eventually, signedUp, sleep, spaceWith, type Conn, type TestUser } from '../helpers/client.js';
import { rawSocket } from '../helpers/rawSocket.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { applyStored, createDocStore } from '../../server/db/docStore.js';
import { reportShape } from '../../shared/blocks/docShape.js';
import { isKnownMark, isPlainAttribute, MAX_ATTRIBUTE_CHARS, mayHold } from '../../shared/doc/shape.js';

const LONG = process.env.CADENCE_LONG === '1';
const FRAMES = LONG ? 10_000 : 2_000;
const SEED = Number(process.env.CADENCE_FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31);
const REPORTS = 3;
const ROLES = ['viewer', 'commenter', 'editor'] as const;
type Role = (typeof ROLES)[number];
/** In everything hostile that could end up in a document; must never be stored. */
const M = 'Mallory';
const shape = reportShape();

// ---------------------------------------------------------------------------------------------- randomness

type Rng = () => number;
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1)); // inclusive
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const bytes = (rng: Rng, n: number) => Uint8Array.from({ length: n }, () => Math.floor(rng() * 256));
const newClientId = (rng: Rng) => int(rng, 1, 2 ** 31);

// ---------------------------------------------------------------------------------------------- frames

const enc = (f: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  f(e);
  return encoding.toUint8Array(e);
};
const syncFrame = (sub: number, payload: Uint8Array) => enc((e) => {
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
});
const updateMsg = (rng: Rng, update: Uint8Array) => syncFrame(rng() < 0.3 ? 1 : 2, update); // step 2 or update
const awarenessMsg = (payload: Uint8Array) => enc((e) => {
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, payload);
});
const awarenessEntries = (entries: { clientID: number; clock: number; state: string }[]) => enc((e) => {
  encoding.writeVarUint(e, entries.length);
  for (const x of entries) {
    encoding.writeVarUint(e, x.clientID);
    encoding.writeVarUint(e, x.clock);
    encoding.writeVarString(e, x.state);
  }
});
const stateVector = (entries: [number, number][], count = entries.length) => enc((e) => {
  encoding.writeVarUint(e, count);
  for (const [client, clock] of entries) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
  }
});

/** A hand-written Yjs v1 update: struct groups and a delete set, exactly as given (for what no Y.Doc would write). */
type RawStruct =
  | { gc: number }
  | { skip: number }
  | { origin?: [number, number]; right?: [number, number]; parentKey?: string; parentId?: [number, number]; parentSub?: string; ref: number; content: (e: encoding.Encoder) => void };
function rawUpdate(groups: { client: number; clock: number; structs: RawStruct[] }[], ds: { client: number; ranges: [number, number][] }[] = []) {
  return enc((e) => {
    encoding.writeVarUint(e, groups.length);
    for (const g of groups) {
      encoding.writeVarUint(e, g.structs.length);
      encoding.writeVarUint(e, g.client);
      encoding.writeVarUint(e, g.clock);
      for (const s of g.structs) {
        if ('gc' in s) {
          encoding.writeUint8(e, 0);
          encoding.writeVarUint(e, s.gc);
        } else if ('skip' in s) {
          encoding.writeUint8(e, 10);
          encoding.writeVarUint(e, s.skip);
        } else {
          encoding.writeUint8(e, (s.ref & 31) | (s.origin ? 0x80 : 0) | (s.right ? 0x40 : 0) | (s.parentSub !== undefined ? 0x20 : 0));
          if (s.origin) s.origin.forEach((n) => encoding.writeVarUint(e, n));
          if (s.right) s.right.forEach((n) => encoding.writeVarUint(e, n));
          if (!s.origin && !s.right) {
            if (s.parentKey !== undefined) {
              encoding.writeVarUint(e, 1);
              encoding.writeVarString(e, s.parentKey);
            } else {
              encoding.writeVarUint(e, 0);
              s.parentId!.forEach((n) => encoding.writeVarUint(e, n));
            }
            if (s.parentSub !== undefined) encoding.writeVarString(e, s.parentSub);
          }
          s.content(e);
        }
      }
    }
    encoding.writeVarUint(e, ds.length);
    for (const d of ds) {
      encoding.writeVarUint(e, d.client);
      encoding.writeVarUint(e, d.ranges.length);
      for (const [clock, len] of d.ranges) {
        encoding.writeVarUint(e, clock);
        encoding.writeVarUint(e, len);
      }
    }
  });
}
const REF_DELETED = 1;
const REF_STRING = 4;
const stringContent = (s: string) => (e: encoding.Encoder) => encoding.writeVarString(e, s);
const deletedContent = (len: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, len);

function corrupt(rng: Rng, u: Uint8Array): Uint8Array {
  const out = Uint8Array.from(u);
  switch (int(rng, 0, 3)) {
    case 0: // bit flips
      for (let i = int(rng, 1, 8); i > 0 && out.length; i--) out[int(rng, 0, out.length - 1)] ^= 1 << int(rng, 0, 7);
      return out;
    case 1: // cut short
      return out.slice(0, int(rng, 0, Math.max(0, out.length - 1)));
    case 2: { // junk spliced in
      const at = int(rng, 0, out.length);
      return Uint8Array.from([...out.slice(0, at), ...bytes(rng, int(rng, 1, 16)), ...out.slice(at)]);
    }
    default: { // a byte overwritten with a varint continuation or an extreme value
      if (out.length) out[int(rng, 0, out.length - 1)] = pick(rng, [0x80, 0xff, 0x00, 0x7f]);
      return out;
    }
  }
}

// ---------------------------------------------------------------------------------------------- the world

interface Report {
  id: string;
  /** Honest stock clients: two writers and a reader whose document is exactly what the server sent. */
  a: Conn; b: Conn; v: Conn;
  written: string[];
  /** The reader's state, refreshed now and then: what hostile updates are built on (the server has all of it). */
  base: Uint8Array;
}
interface Ctx { rng: Rng; r: Report; role: Role; n: number }

/** A hostile change on top of the server's document (the reader's copy), as a client would encode it. */
function changeOf(r: Report, change: (doc: Y.Doc) => void, clientID?: number): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, r.base);
  // Set after the base is in: a doc that receives structs under its own id takes a new one.
  if (clientID !== undefined) doc.clientID = clientID;
  const before = Y.encodeStateVector(doc);
  change(doc);
  const u = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return u;
}
const frag = (d: Y.Doc) => d.getXmlFragment('default');
const para = (text: string) => {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
};
/** A paragraph's text in the base document to attach hostile content to (a new paragraph if there is none). */
function someText(rng: Rng, d: Y.Doc): Y.XmlText {
  const ps = frag(d).toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph' && n.get(0) instanceof Y.XmlText);
  if (ps.length && rng() < 0.7) return pick(rng, ps).get(0) as Y.XmlText;
  const p = para('x');
  frag(d).push([p]);
  return p.get(0) as Y.XmlText;
}
function someElement(rng: Rng, d: Y.Doc): Y.XmlElement {
  const es = frag(d).toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
  if (es.length && rng() < 0.7) return pick(rng, es);
  const p = para('y');
  frag(d).push([p]);
  return p;
}
const honestIds = (r: Report) => [r.a.doc.clientID, r.b.doc.clientID, r.v.doc.clientID];
const serverState = (r: Report, client: number) => Y.getState(r.v.doc.store, client);
/** A Yjs type that may not stand where it is put (an XmlText may, inside an element: `inElement` leaves it out). */
const hostileType = (rng: Rng, tag: string, inElement = false): Y.AbstractType<any> => {
  switch (inElement ? pick(rng, [0, 1, 2, 4, 5]) : int(rng, 0, 5)) {
    case 0: return new Y.Map([[M, tag]]);
    case 1: return Y.Array.from([tag]);
    case 2: return new Y.Text(tag);
    case 3: return new Y.XmlText(tag);
    case 4: return new Y.XmlHook(M);
    default: return new Y.XmlFragment();
  }
};
const ELEMENT_NAMES = ['script', 'iframe', 'img', 'svg', M, 'Paragraph', 'paragraph ', '', 'listItem', 'kpiRow', 'taskItem', 'mention', 'hardBreak', 'text', 'doc', 'x'.repeat(300)];
const UNKNOWN_MARKS = [M, 'script', 'onclick', 'boldx', '--bold', 'link2', 'style', '__proto__', 'ychange', 'comment'];

/** Kinds of frame, by family/variant; each builds the frames of one fuzz step (most are one frame). */
type Kind = { name: string; weight: number; make(c: Ctx): Uint8Array[] };
const K = (name: string, weight: number, make: (c: Ctx) => Uint8Array | Uint8Array[]): Kind => ({
  name, weight, make: (c) => { const f = make(c); return Array.isArray(f) ? f : [f]; },
});

const kinds: Kind[] = [
  // --- random bytes, truncated varints, unknown types
  K('random/bytes', 6, ({ rng }) => bytes(rng, int(rng, 0, 64))),
  K('random/typed', 4, ({ rng }) => Uint8Array.from([int(rng, 0, 3), ...bytes(rng, int(rng, 0, 48))])),
  K('random/large', 1, ({ rng }) => bytes(rng, int(rng, 1024, 65536))),
  K('truncated/varint', 6, ({ rng }) => Uint8Array.from(pick(rng, [
    [0x80], [0xff, 0xff], [0, 0x80], [0, 0, 0x81], [0, 1, 0xff], [0, 2, 0x80, 0x80], [1, 0x80], [1, 5, 0x80], [1, 3, 1, 0x80],
    [1, 4, 1, 0xff, 0xff, 0xff], [0, 0, 5, 1], [0, 2, 10, 0, 0], [1, 10, 1, 1, 1], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
  ]))),
  K('unknown/type', 4, ({ rng }) => enc((e) => {
    encoding.writeVarUint(e, pick(rng, [2, 4, 5, 6, 7, 8, 100, 127, 128, 300, 65535, 2 ** 31]));
    encoding.writeUint8Array(e, bytes(rng, int(rng, 0, 8)));
  })),
  K('unknown/syncSubtype', 2, ({ rng }) => enc((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, int(rng, 3, 300));
    encoding.writeUint8Array(e, bytes(rng, int(rng, 0, 8)));
  })),
  K('unknown/empty', 1, () => new Uint8Array(0)),

  // --- junk state vectors (sync step 1)
  K('stateVector/random', 3, ({ rng }) => syncFrame(0, bytes(rng, int(rng, 0, 40)))),
  K('stateVector/countWithoutEntries', 2, ({ rng }) => syncFrame(0, stateVector([], int(rng, 1, 1_000_000)))),
  K('stateVector/cutShort', 2, ({ rng }) => { const sv = stateVector([[newClientId(rng), int(rng, 0, 1e6)]]); return syncFrame(0, sv.slice(0, int(rng, 1, sv.length - 1))); }),
  K('stateVector/overflow', 1, () => syncFrame(0, Uint8Array.from([1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 1]))),
  K('stateVector/empty', 1, () => syncFrame(0, new Uint8Array(0))),
  K('stateVector/hugeClocks', 2, ({ rng, r }) => syncFrame(0, stateVector([...honestIds(r), newClientId(rng)].map((c) => [c, pick(rng, [2 ** 31, 2 ** 53 - 1, 1e9])])))),
  K('stateVector/manyClients', 1, ({ rng }) => syncFrame(0, stateVector(Array.from({ length: int(rng, 100, 3000) }, () => [newClientId(rng), int(rng, 0, 1e6)])))),
  K('stateVector/wholeDoc', 1, () => syncFrame(0, stateVector([]))), // valid: "send me everything"

  // --- corrupted real updates
  K('corrupt/smallUpdate', 6, ({ rng, r, n }) => updateMsg(rng, corrupt(rng, changeOf(r, (d) => frag(d).push([para(`corrupt-${n}`)]), newClientId(rng))))),
  K('corrupt/textEdit', 3, ({ rng, r, n }) => updateMsg(rng, corrupt(rng, changeOf(r, (d) => someText(rng, d).insert(0, `corrupt-${n} `), newClientId(rng))))),
  K('corrupt/wholeDoc', 2, ({ rng, r }) => updateMsg(rng, corrupt(rng, r.base))),
  K('corrupt/frameLength', 2, ({ rng, r, n }) => {
    const f = updateMsg(rng, changeOf(r, (d) => frag(d).push([para(`corrupt-${n}`)]), newClientId(rng)));
    return f.slice(0, int(rng, 2, f.length - 1)); // the varUint8Array claims more than the frame holds
  }),

  // --- hostile but well-formed updates: content the editor cannot show
  K('hostile/topType', 5, ({ rng, r, n }) => updateMsg(rng, changeOf(r, (d) => frag(d).insert(int(rng, 0, frag(d).length), [hostileType(rng, `${M}-${n}`) as never])))),
  K('hostile/topUnknownElement', 4, ({ rng, r, n }) => updateMsg(rng, changeOf(r, (d) => {
    const el = new Y.XmlElement(pick(rng, ELEMENT_NAMES));
    el.insert(0, [new Y.XmlText(`${M}-${n}`)]);
    frag(d).insert(int(rng, 0, frag(d).length), [el]);
  }))),
  K('hostile/nestedUnknownElement', 3, ({ rng, r, n }) => updateMsg(rng, changeOf(r, (d) => {
    const el = new Y.XmlElement(pick(rng, ['script', 'iframe', M, 'blink', 'doc']));
    el.insert(0, [new Y.XmlText(`${M}-${n}`)]);
    if (rng() < 0.5) someElement(rng, d).insert(0, [el]);
    else { const p = new Y.XmlElement('paragraph'); p.insert(0, [el]); frag(d).push([p]); }
  }))),
  K('hostile/misnested', 4, ({ rng, r, n }) => updateMsg(rng, changeOf(r, (d) => {
    // Known elements where the schema does not allow them, and text where only blocks may be.
    const [outer, inner] = pick(rng, [['paragraph', 'paragraph'], ['bulletList', 'paragraph'], ['paragraph', 'heading'], ['orderedList', 'taskItem'], ['blockquote', 'listItem'], ['kpiTable', 'paragraph'], ['heading', 'bulletList'], ['listItem', 'listItem'], ['bulletList', 'text']]);
    const o = new Y.XmlElement(outer);
    if (inner === 'text') o.insert(0, [new Y.XmlText(`${M}-${n}`)]);
    else { const i = new Y.XmlElement(inner); i.insert(0, [new Y.XmlText(`${M}-${n}`)]); o.insert(0, [i]); }
    frag(d).insert(int(rng, 0, frag(d).length), [o]);
  }))),
  K('hostile/attributeValue', 3, ({ rng, r, n }) => updateMsg(rng, changeOf(r, (d) => {
    // Element attributes are plain values: no objects, arrays or megabyte strings.
    const value = pick<unknown>(rng, [{ [M]: n }, [M, n], `${M}-${n}`.padEnd(MAX_ATTRIBUTE_CHARS + 1, 'x'), { toString: M }]);
    someElement(rng, d).setAttribute(pick(rng, ['level', 'checked', 'href', M]), value as never);
  }))),
  K('hostile/elementHoldsType', 3, ({ rng, r, n }) => updateMsg(rng, changeOf(r, (d) => someElement(rng, d).insert(0, [hostileType(rng, `${M}-${n}`, true) as never])))),
  K('hostile/attributeHoldsType', 3, ({ rng, r, n }) => updateMsg(rng, changeOf(r, (d) => {
    const value = rng() < 0.2 ? new Y.Doc({ guid: `${M}-${n}` }) : rng() < 0.5 ? para(`${M}-${n}`) : hostileType(rng, `${M}-${n}`);
    someElement(rng, d).setAttribute(pick(rng, ['level', 'checked', M, 'href']), value as never);
  }))),
  K('hostile/textAttributeHoldsType', 2, ({ rng, r, n }) => updateMsg(rng, changeOf(r, (d) => someText(rng, d).setAttribute(M, hostileType(rng, `${M}-${n}`) as never)))),
  K('hostile/subdoc', 3, ({ rng, r, n }) => updateMsg(rng, changeOf(r, (d) => {
    const sub = new Y.Doc({ guid: `${M}-${n}` });
    const where = int(rng, 0, 2);
    if (where === 0) frag(d).push([sub as never]);
    else if (where === 1) someElement(rng, d).insert(0, [sub as never]);
    else d.getMap(M).set('doc', sub);
  }))),
  K('hostile/unknownMark', 4, ({ rng, r, n }) => updateMsg(rng, changeOf(r, (d) => {
    const t = someText(rng, d);
    const mark = { [pick(rng, UNKNOWN_MARKS)]: rng() < 0.5 ? true : { href: `${M}-${n}` } };
    if (rng() < 0.5 || t.length === 0) t.insert(0, `${M}-${n}`, mark);
    else t.format(0, t.length, mark);
  }))),
  K('hostile/embedInText', 3, ({ rng, r, n }) => updateMsg(rng, changeOf(r, (d) => {
    const t = someText(rng, d);
    t.insertEmbed(int(rng, 0, t.length), rng() < 0.5 ? { image: `${M}-${n}` } : (hostileType(rng, `${M}-${n}`) as never));
  }))),
  K('hostile/otherRoot', 4, ({ rng, r, n }) => updateMsg(rng, changeOf(r, (d) => {
    const name = pick(rng, [M, 'prosemirror', 'comments', '', 'default ', 'Default', 'x'.repeat(1000)]);
    switch (int(rng, 0, 4)) {
      case 0: d.getMap(name).set('k', `${M}-${n}`); break;
      case 1: d.getText(name).insert(0, `${M}-${n}`); break;
      case 2: d.getArray(name).push([`${M}-${n}`]); break;
      case 3: d.getXmlFragment(name).push([para(`${M}-${n}`)]); break;
      default: d.getMap('default').set(M, `${M}-${n}`); // the fragment's name, used as a map
    }
  }))),
  K('hostile/mixed', 3, ({ rng, r, n }) => updateMsg(rng, changeOf(r, (d) => {
    // A valid paragraph and one bad part in one transaction: all or nothing.
    frag(d).push([para(`${M}-${n}`)]);
    frag(d).push([hostileType(rng, `${M}-${n}`) as never]);
  }))),
  K('hostile/validFromReader', 2, ({ rng, r, n, role }) => updateMsg(rng, role === 'editor'
    // From an editor a valid edit is an edit: it carries no marker, and it is stored.
    ? changeOf(r, (d) => frag(d).push([para(`benign-${n}`)]), newClientId(rng))
    : changeOf(r, (d) => frag(d).push([para(`${M}-${n}`)]), newClientId(rng)))),

  // --- hostile but well-formed updates: clocks, deletes, origins
  K('clocks/deleteBeyond', 3, ({ rng, r }) => {
    const victim = pick(rng, honestIds(r));
    const clock = int(rng, 0, serverState(r, victim));
    return updateMsg(rng, rawUpdate([], [{ client: victim, ranges: [[clock, pick(rng, [1e9, 2 ** 31, serverState(r, victim) + 10_000])]] }]));
  }),
  K('clocks/deleteUnknownClient', 2, ({ rng }) => updateMsg(rng, rawUpdate([], [{ client: newClientId(rng), ranges: [[int(rng, 0, 100), int(rng, 1, 1e6)]] }]))),
  K('clocks/structsFarBeyond', 3, ({ rng, r, n }) => {
    const client = rng() < 0.5 ? pick(rng, honestIds(r)) : newClientId(rng);
    const clock = serverState(r, client) + pick(rng, [10_000, 1e6, 2 ** 31]);
    return updateMsg(rng, rawUpdate([{ client, clock, structs: [{ parentKey: 'default', ref: REF_STRING, content: stringContent(`${M}-${n}`) }] }]));
  }),
  K('clocks/gap', 2, ({ rng, r, n }) => {
    // A real client's later edits without its earlier ones.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, r.base);
    const sv = Y.encodeStateVector(doc);
    const t = para(`${M}-${n}a`);
    frag(doc).push([t]);
    const mid = Y.encodeStateVector(doc);
    frag(doc).push([para(`${M}-${n}b`)]);
    // Without the first paragraph (the second one's origin is missing), or without the first struct of it.
    const u = rng() < 0.5 ? Y.encodeStateAsUpdate(doc, mid) : Y.encodeStateAsUpdate(doc, stateVector([...Y.decodeStateVector(sv), [doc.clientID, 1]]));
    doc.destroy();
    return updateMsg(rng, u);
  }),
  K('clocks/skip', 1, ({ rng, n }) => updateMsg(rng, rawUpdate([{ client: newClientId(rng), clock: 0, structs: [{ skip: 5 }, { parentKey: 'default', ref: REF_STRING, content: stringContent(`${M}-${n}`) }] }]))),
  K('clocks/unknownOrigin', 4, ({ rng, r, n }) => {
    const other = rng() < 0.5 ? pick(rng, honestIds(r)) : newClientId(rng);
    // Far enough past the reader's copy that the server (a little ahead of it) cannot have it either.
    const unknown: [number, number] = [other, serverState(r, other) + int(rng, 10_000, 20_000)];
    const which = int(rng, 0, 2);
    const s: RawStruct = { ref: REF_STRING, content: stringContent(`${M}-${n}`), ...(which === 0 ? { origin: unknown } : which === 1 ? { right: unknown } : { parentId: unknown }) };
    return updateMsg(rng, rawUpdate([{ client: newClientId(rng), clock: 0, structs: [s] }]));
  }),
  K('clocks/noPlace', 1, ({ rng, n }) => {
    // An item with neither origins nor a parent key: parent id pointing at itself.
    const client = newClientId(rng);
    return updateMsg(rng, rawUpdate([{ client, clock: 0, structs: [{ parentId: [client, 0], ref: REF_STRING, content: stringContent(`${M}-${n}`) }] }]));
  }),
  K('clocks/takeover', 4, ({ rng, r, n }) => {
    // Structs written under another client's id at the clock that client writes next: its own edits would be skipped.
    const victim = pick(rng, [r.a.doc.clientID, r.b.doc.clientID]);
    const clock = serverState(r, victim);
    switch (int(rng, 0, 2)) {
      case 0: return updateMsg(rng, rawUpdate([{ client: victim, clock, structs: [{ gc: int(rng, 1, 5000) }] }]));
      case 1: return updateMsg(rng, rawUpdate([{ client: victim, clock, structs: [{ parentKey: 'default', ref: REF_DELETED, content: deletedContent(int(rng, 1, 5000)) }] }]));
      default: return updateMsg(rng, changeOf(r, (d) => frag(d).push([para(`${M}-${n}`)]), victim));
    }
  }),

  // --- awareness
  K('awareness/random', 3, ({ rng }) => awarenessMsg(bytes(rng, int(rng, 0, 64)))),
  K('awareness/truncated', 3, ({ rng, n }) => {
    const full = awarenessEntries([{ clientID: 5000 + n, clock: 1, state: JSON.stringify({ user: { name: M } }) }]);
    return rng() < 0.5 ? awarenessMsg(full.slice(0, int(rng, 0, full.length - 1))) : awarenessMsg(Uint8Array.from([int(rng, 2, 200), ...full.slice(1)]));
  }),
  K('awareness/spoofOthers', 4, ({ rng, r }) => awarenessMsg(awarenessEntries([{ clientID: pick(rng, honestIds(r)), clock: int(rng, 0, 1e6), state: JSON.stringify({ user: { name: M, color: '#f00' } }) }]))),
  K('awareness/nullOthers', 3, ({ rng, r }) => awarenessMsg(awarenessEntries([{ clientID: pick(rng, honestIds(r)), clock: int(rng, 0, 1e6), state: 'null' }]))),
  K('awareness/nonJson', 3, ({ rng, n }) => awarenessMsg(awarenessEntries([{ clientID: 6000 + n, clock: 1, state: pick(rng, ['{', 'undefined', 'NaN', "{'a':1}", '\u0000', M, '[1,]', String.fromCharCode(...bytes(rng, 12))]) }]))),
  K('awareness/huge', 3, ({ rng, n }) => awarenessMsg(awarenessEntries([{ clientID: 7000 + n, clock: 1, state: JSON.stringify({ user: { name: M }, pad: 'x'.repeat(int(rng, 4097, 65536)) }) }]))),
  K('awareness/hugeRare', 0.2, ({ n }) => awarenessMsg(awarenessEntries([{ clientID: 8000 + n, clock: 1, state: JSON.stringify({ user: { name: M }, pad: 'x'.repeat(2 * 1024 * 1024) }) }]))),
  K('awareness/manyIds', 3, ({ rng, n }) => awarenessMsg(awarenessEntries(Array.from({ length: int(rng, 5, 300) }, (_, i) => ({ clientID: 100_000 + n * 1000 + i, clock: 1, state: JSON.stringify({ user: { name: M } }) }))))),
  K('awareness/clockOverflow', 1, () => awarenessMsg(Uint8Array.from([1, 9, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 2, 0x7b, 0x7d]))),
  K('awareness/own', 4, ({ rng, n }) => awarenessMsg(awarenessEntries([{ clientID: 9000 + (n % 3), clock: n, state: JSON.stringify({ user: { name: M, color: '#0f0' }, cursor: { anchor: { item: { client: 9000 + (n % 3), clock: n }, assoc: 0 }, head: { item: { client: 9000 + (n % 3), clock: n }, assoc: 0 } }, pad: 'y'.repeat(int(rng, 0, 4000)) }) }]))),
  K('awareness/ownNull', 1, ({ n }) => awarenessMsg(awarenessEntries([{ clientID: 9000 + (n % 3), clock: n + 1, state: 'null' }]))),
  K('awareness/empty', 1, () => awarenessMsg(awarenessEntries([]))),

  // --- query awareness
  K('queryAwareness/single', 2, () => Uint8Array.from([3])),
  K('queryAwareness/trailingJunk', 2, ({ rng }) => Uint8Array.from([3, ...bytes(rng, int(rng, 1, 16))])),
  K('queryAwareness/flood', 0.5, ({ rng }) => Array.from({ length: int(rng, 20, 200) }, () => Uint8Array.from([3]))),
];
/**
 * Forced every 1,000 frames, so every run sees the rate cap trip (a burst of 1,000, refilled at 300 a second): 2,500
 * trip it unless the server reads them over more than five seconds (1,100 went under it on a busy machine).
 */
const floodBig = K('queryAwareness/floodOverCap', 0, () => Array.from({ length: 2500 }, () => Uint8Array.from([3])));
/** Forced once per 5,000 frames (the first at 1,250): a frame over the socket's 16 MiB payload limit (ws closes 1009). */
const oversized = K('oversized/frame', 0, () => new Uint8Array(16 * 1024 * 1024 + 64).fill(1));

// ---------------------------------------------------------------------------------------------- checks

/** Whatever in a document the report schema does not allow (stricter than the loader: nothing is set aside). */
function misfits(doc: Y.Doc): string[] {
  const found: string[] = [];
  for (const key of doc.share.keys()) if (key !== 'default') found.push(`root "${key.slice(0, 40)}"`);
  if (doc.getSubdocs().size) found.push(`${doc.getSubdocs().size} subdocuments`);
  const attrs = (node: Y.XmlElement | Y.XmlText, path: string) => {
    for (const [k, v] of Object.entries(node.getAttributes() as Record<string, unknown>)) {
      if (node instanceof Y.XmlElement ? !isPlainAttribute(v) : v instanceof Y.AbstractType || v instanceof Y.Doc) found.push(`${path}: attribute ${k} holds ${(v as object)?.constructor?.name ?? typeof v}`);
    }
  };
  const walk = (parent: Y.XmlFragment | Y.XmlElement, path: string, name: string | null) => {
    (parent.toArray() as unknown[]).forEach((child, i) => {
      const here = `${path}/${i}`;
      if (child instanceof Y.XmlElement) {
        if (!mayHold(shape, name, child.nodeName)) found.push(`${here}: <${child.nodeName.slice(0, 40)}> in <${name ?? 'fragment'}>`);
        attrs(child, here);
        walk(child, `${here}:${child.nodeName}`, child.nodeName);
      } else if (child instanceof Y.XmlText && name !== null && shape.textIn.has(name)) {
        attrs(child, here);
        for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
          if (typeof op.insert !== 'string') found.push(`${here}: embed`);
          for (const k of Object.keys(op.attributes ?? {})) if (!isKnownMark(shape, k)) found.push(`${here}: mark ${k.slice(0, 40)}`);
        }
      } else found.push(`${here}: ${(child as object)?.constructor?.name ?? typeof child}`);
    });
  };
  walk(doc.getXmlFragment('default'), 'default', null);
  return found;
}
const holdsMarker = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength).includes(M);

// ---------------------------------------------------------------------------------------------- the run

let s: TestServer;
let owner: TestUser, editor: TestUser, commenter: TestUser, viewer: TestUser;
/** The hostile sockets' accounts: members like any other, but not the people typing (whose own presence and ids are theirs to reuse). */
let hostileUsers: Record<Role, TestUser>;
const reports: Report[] = [];
const serverErrors: string[] = [];
/** Yjs says so when a remote update wrote under a local client's id (someone else's structs at its clock). */
const clientIdClashes: string[] = [];

beforeAll(async () => {
  process.setMaxListeners(100); // y-websocket adds a process 'exit' listener per provider
  // Server error lines, however the logger writes them (console, or straight to fd 1/2 as pino's sync destination does).
  const noteError = (text: string) => {
    for (const line of text.split('\n')) if (/ ERROR |"level":"(error|fatal)"|"level":[56]0\b/.test(line)) serverErrors.push(line.slice(0, 400));
  };
  const original = console.error.bind(console);
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    noteError(args.map(String).join(' '));
    original(...args);
  });
  const writeSync = fs.writeSync.bind(fs) as (...a: unknown[]) => number;
  vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
    if ((fd === 1 || fd === 2) && (typeof data === 'string' || data instanceof Uint8Array)) noteError(String(typeof data === 'string' ? data : Buffer.from(data)));
    return writeSync(fd, data, ...rest);
  }) as typeof fs.writeSync);
  const log = console.log.bind(console);
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    if (args.some((a) => String(a).includes('Changed the client-id'))) clientIdClashes.push(args.map(String).join(''));
    else log(...args);
  });
  s = await startTestServer();
  let malViewer: TestUser, malCommenter: TestUser, malEditor: TestUser;
  [owner, editor, commenter, viewer, malViewer, malCommenter, malEditor] = await signedUp(s.base, 'Owner', 'Editor', 'Commenter', 'Viewer', 'MalViewer', 'MalCommenter', 'MalEditor');
  hostileUsers = { viewer: malViewer, commenter: malCommenter, editor: malEditor };
  const spaceId = await spaceWith(owner, [[editor, 'editor'], [commenter, 'commenter'], [viewer, 'viewer'], [malViewer, 'viewer'], [malCommenter, 'commenter'], [malEditor, 'editor']]);
  for (let i = 0; i < REPORTS; i++) {
    const r = await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: `2025-W${String(10 + i).padStart(2, '0')}` });
    expect(r.status).toBe(201);
    const id = r.json.id as string;
    const [a, b, v] = [connect(owner, id), connect(editor, id), connect(viewer, id)];
    a.provider.awareness.setLocalStateField('user', { name: 'Owner' });
    b.provider.awareness.setLocalStateField('user', { name: 'Editor' });
    v.provider.awareness.setLocalStateField('user', { name: 'Viewer' });
    await Promise.all([a.synced, b.synced, v.synced]);
    reports.push({ id, a, b, v, written: [], base: Y.encodeStateAsUpdate(v.doc) });
  }
});
afterAll(async () => {
  for (const r of reports) for (const c of [r.a, r.b, r.v]) if (!c.doc.isDestroyed) try { c.close(); } catch {}
  await s?.close();
  vi.restoreAllMocks();
});

/**
 * A stock client typing: paragraphs with a marker, text added to paragraphs, bold, headings and their level
 * changed, deletions of its own scratch paragraphs; now and then it goes offline for a few edits and comes back
 * (the same person's reconnect, with its own edits to send).
 */
async function typist(r: Report, c: Conn, tag: string, rng: Rng, stop: () => boolean) {
  let n = 0;
  let offlineFor = 0;
  while (!stop()) {
    if (offlineFor > 0 && --offlineFor === 0) c.provider.connect();
    else if (offlineFor === 0 && rng() < 0.03) {
      c.provider.disconnect();
      offlineFor = int(rng, 1, 5);
    }
    const x = rng();
    const paras = c.frag.toArray().filter((p): p is Y.XmlElement => p instanceof Y.XmlElement && p.get(0) instanceof Y.XmlText);
    if (x < 0.55 || paras.length === 0) {
      const text = `${tag}n${n++};`;
      appendParagraph(c, text);
      r.written.push(text);
    } else if (x < 0.7) {
      const t = pick(rng, paras).get(0) as Y.XmlText;
      t.insert(t.length, ' more');
    } else if (x < 0.8) {
      const t = pick(rng, paras).get(0) as Y.XmlText;
      t.format(0, t.length, { bold: true });
    } else if (x < 0.84) {
      const h = c.frag.toArray().filter((p): p is Y.XmlElement => p instanceof Y.XmlElement && p.nodeName === 'heading');
      if (h.length) pick(rng, h).setAttribute('level', int(rng, 1, 3) as never);
    } else if (x < 0.9) {
      c.doc.transact(() => {
        const h = new Y.XmlElement('heading');
        h.setAttribute('level', int(rng, 1, 3) as never);
        h.insert(0, [new Y.XmlText(`${tag}h${n++};`)]);
        c.frag.push([h]);
      });
    } else {
      const scratch = c.frag.toArray().findIndex((p) => p instanceof Y.XmlElement && p.toString().includes(`${tag}scratch`));
      if (scratch >= 0) c.frag.delete(scratch, 1);
      else appendParagraph(c, `${tag}scratch`);
    }
    await sleep(int(rng, 80, 220));
  }
  if (offlineFor > 0) c.provider.connect();
}

describe('socket fuzz', () => {
  it(`${FRAMES} hostile frames from viewer, commenter and editor sockets while stock clients edit`, { timeout: LONG ? 1_200_000 : 180_000 }, async () => {
    const t0 = Date.now();
    console.log(`[fuzz] seed ${SEED} (CADENCE_FUZZ_SEED=${SEED} replays it), ${FRAMES} frames${LONG ? ' (CADENCE_LONG)' : ''}`);
    const master = mulberry32(SEED);

    // Honest clients never closed.
    const honestCloses: string[] = [];
    reports.forEach((r, ri) => {
      for (const [who, c] of [['a', r.a], ['b', r.b], ['v', r.v]] as const) {
        // A close the client made itself (the typists go offline now and then) has no event.
        c.provider.on('connection-close', (ev: { code?: number } | null) => ev && honestCloses.push(`report ${ri} ${who}: ${ev.code}`));
      }
    });

    // The schedule: which socket sends which kind, fixed by the seed.
    const sockets = reports.flatMap((r) => ROLES.map((role) => ({ r, role, user: hostileUsers[role], queue: [] as { n: number; kind: Kind }[] })));
    const total = kinds.reduce((t, k) => t + k.weight, 0);
    for (let n = 0; n < FRAMES; n++) {
      let kind: Kind;
      if (n % 1000 === 500) kind = floodBig;
      else if (n % 5000 === 1250) kind = oversized;
      else {
        let x = master() * total;
        kind = kinds.find((k) => (x -= k.weight) < 0) ?? kinds[0];
      }
      pick(master, sockets).queue.push({ n, kind });
    }

    let stopped = false;
    const typing = reports.flatMap((r, ri) => [
      typist(r, r.a, `r${ri}A`, mulberry32(SEED + 1 + ri * 2), () => stopped),
      typist(r, r.b, `r${ri}B`, mulberry32(SEED + 2 + ri * 2), () => stopped),
    ]);
    const refresh = setInterval(() => { for (const r of reports) r.base = Y.encodeStateAsUpdate(r.v.doc); }, 200);

    const sent = new Map<string, number>();
    const stepKind = new Map<number, string>();
    const byRole = new Map<Role, number>();
    const closes = new Map<string, number>();
    let framesOnWire = 0;
    let barriers = 0;
    let connects = 0;
    let ending = false;
    const open = new Set<Awaited<ReturnType<typeof rawSocket>>>();

    async function run(sock: (typeof sockets)[number]) {
      let raw: Awaited<ReturnType<typeof rawSocket>> | null = null;
      for (const { n, kind } of sock.queue) {
        // The forced flood goes on a fresh socket: on one the server was already closing for the step before (whose
        // barrier an unrelated broadcast had answered), it went unread, and a run saw no 4429.
        if (kind === floodBig && raw?.isOpen()) {
          raw.close();
          await raw.closed;
        }
        if (!raw || !raw.isOpen()) {
          if (raw) await raw.closed;
          for (let attempt = 0; ; attempt++) {
            try {
              raw = await rawSocket(sock.user, sock.r.id);
              break;
            } catch (e) {
              if (attempt >= 20) throw new Error(`hostile ${sock.role} could not reconnect: ${String(e)}`);
              await sleep(50);
            }
          }
          connects++;
          const mine = raw;
          open.add(mine);
          mine.ws.on('error', () => {});
          void mine.closed.then((code) => {
            open.delete(mine);
            if (!ending) closes.set(String(code), (closes.get(String(code)) ?? 0) + 1);
          });
        }
        const frames = kind.make({ rng: mulberry32(SEED ^ Math.imul(n + 1, 0x9e3779b1)), r: sock.r, role: sock.role, n });
        sent.set(kind.name, (sent.get(kind.name) ?? 0) + 1);
        stepKind.set(n, `${kind.name} (${sock.role})`);
        byRole.set(sock.role, (byRole.get(sock.role) ?? 0) + 1);
        const heard = new Promise((res) => raw!.ws.once('message', res));
        for (const f of frames) {
          if (!raw.isOpen()) break;
          raw.ws.send(f);
          framesOnWire++;
        }
        // A barrier: ask for presence (always answered: the stock clients are present) and wait for an answer or the close.
        if (raw.isOpen()) {
          raw.ws.send(Uint8Array.of(3));
          barriers++;
        }
        await Promise.race([raw.closed, heard, sleep(2000)]);
        raw.received.length = 0;
      }
    }
    await Promise.all(sockets.map(run));
    const fuzzMs = Date.now() - t0;
    ending = true;
    for (const raw of open) raw.close();
    stopped = true;
    await Promise.all(typing);
    clearInterval(refresh);
    // After the storm each writer types once more: that must reach everyone, the export and the store.
    const finals = reports.map((r, i) => [`r${i}A-final;`, `r${i}B-final;`]);
    reports.forEach((r, i) => { appendParagraph(r.a, finals[i][0]); appendParagraph(r.b, finals[i][1]); });

    // ----- figures
    const families = new Map<string, number>();
    for (const [k, v] of sent) families.set(k.split('/')[0], (families.get(k.split('/')[0]) ?? 0) + v);
    const fmt = (m: Map<string, number>) => [...m].sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log([
      `[fuzz] seed ${SEED}: ${FRAMES} fuzz steps in ${(fuzzMs / 1000).toFixed(1)} s `,
      `[fuzz] by role: ${fmt(byRole as Map<string, number>)}`,
      `[fuzz] by family: ${fmt(families)}`,
      `[fuzz] by kind: ${fmt(sent)}`,
      `[fuzz] frames on the wire: ${framesOnWire} (+ ${barriers} presence barriers), ${connects} hostile connections`,
      `[fuzz] closes: 4400 × ${closes.get('4400') ?? 0}, 4429 × ${closes.get('4429') ?? 0}, other: ${fmt(new Map([...closes].filter(([c]) => c !== '4400' && c !== '4429'))) || 'none'}`,
      `[fuzz] honest paragraphs typed: ${reports.reduce((t, r) => t + r.written.length, 0)}`,
    ].join('\n'));
    // ----- the server is up; honest clients converge with each other and with a fresh client
    expect((await fetch(s.base + '/api/health')).status).toBe(200);
    const fresh = reports.map((r) => connect(commenter, r.id));
    await Promise.all(fresh.map((f) => f.synced));
    for (const [i, r] of reports.entries()) {
      const all = [r.a, r.b, r.v, fresh[i]];
      await eventually(() => {
        const sv = Buffer.from(Y.encodeStateVector(r.a.doc)).toString('hex');
        return all.every((c) => c.text() === r.a.text() && Buffer.from(Y.encodeStateVector(c.doc)).toString('hex') === sv);
      }, `report ${i}: honest clients and a fresh client converge`, 20_000, 50).catch((e) => {
        for (const c of all) console.log(`[fuzz] report ${i} ${c.text().length} chars, sv ${JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(c.doc))])}`);
        throw e;
      });
      const text = r.a.text();
      if (text.includes(M)) console.log(`[fuzz] report ${i}: ${text.slice(Math.max(0, text.indexOf(M) - 200), text.indexOf(M) + 100)}\n[fuzz] from: ${[...new Set([...text.matchAll(/Mallory-(\d+)/g)].map((m) => `${m[0]} ${stepKind.get(Number(m[1]))}`))].join(', ')}`);
      expect(text.includes(M), `report ${i}: hostile text in the live document`).toBe(false);
      expect(misfits(r.a.doc), `report ${i}: live document`).toEqual([]);
      for (const w of finals[i]) expect(text, `report ${i}`).toContain(w);
    }
    expect(honestCloses, 'honest clients were never disconnected').toEqual([]);
    expect(clientIdClashes.length, 'no stock client saw its own client id written by someone else').toBe(0);

    // Presence: each stock client still sees the others under their own names. (A client that came back from
    // offline ignores a peer's state until its clock moves past what it saw: everyone moves their caret first.)
    for (const r of reports) for (const c of [r.a, r.b, r.v]) c.provider.awareness.setLocalStateField('cursor', { anchor: { tname: 'default', assoc: 0 }, head: { tname: 'default', assoc: 0 } });
    for (const r of reports) {
      const names = new Map([[r.a.doc.clientID, 'Owner'], [r.b.doc.clientID, 'Editor'], [r.v.doc.clientID, 'Viewer']]);
      await eventually(() => [r.a, r.b, r.v].every((c) => [...names].every(([id, name]) => (c.provider.awareness.getStates().get(id) as any)?.user?.name === name)), 'presence intact', 5000).catch((e) => {
        for (const c of [r.a, r.b, r.v]) console.log(`[fuzz] ${c.doc.clientID} sees ${JSON.stringify([...c.provider.awareness.getStates()].map(([id, st]) => [id, (st as any)?.user?.name]))} (honest: ${JSON.stringify([...names])})`);
        throw e;
      });
    }

    // ----- every report loads
    for (const [i, r] of reports.entries()) {
      for (const path of ['markdown', 'items', 'comments', 'history']) {
        const res = await owner.call('GET', `/api/reports/${r.id}/${path}`);
        expect(res.status, `${path}: ${res.text.slice(0, 200)}`).toBe(200);
        expect(res.text.includes(M), `${path} holds hostile text`).toBe(false);
        if (path === 'markdown') for (const w of finals[i]) expect(res.text).toContain(w.replace(';', ''));
      }
      const snap = await owner.call('POST', `/api/reports/${r.id}/history`);
      expect(snap.status).toBe(201);
      const view = await owner.call('GET', `/api/reports/${r.id}/history/${snap.json.id}`);
      expect(view.status).toBe(200);
      expect(view.text.includes(M)).toBe(false);
    }

    // ----- nothing hostile stored: every client and room closed, the raw store read without setting anything aside
    for (const r of reports) for (const c of [r.a, r.b, r.v]) c.close();
    for (const f of fresh) f.close();
    for (const r of reports) await eventually(async () => (await s.rooms.peek(r.id)) === null, 'room released', 10_000);
    const store = createDocStore(s.db);
    for (const [i, r] of reports.entries()) {
      const stored = await store.load(r.id);
      const raw = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
      expect(raw.filter(holdsMarker).length, `report ${i}: stored updates holding "${M}"`).toBe(0);
      const doc = new Y.Doc();
      applyStored(doc, stored, r.id);
      expect(misfits(doc), `report ${i}: stored document`).toEqual([]);
      expect(doc.store.pendingStructs, 'nothing pending').toBeNull();
      doc.destroy();
      const cold = connect(viewer, r.id);
      await cold.synced;
      expect(misfits(cold.doc)).toEqual([]);
      expect(holdsMarker(Y.encodeStateAsUpdate(cold.doc))).toBe(false);
      for (const w of finals[i]) expect(cold.text()).toContain(w);
      cold.close();
    }
    expect((await fetch(s.base + '/api/health')).status).toBe(200);

    expect(closes.get('4400') ?? 0).toBeGreaterThan(0);
    expect(closes.get('4429') ?? 0).toBeGreaterThan(0);
    expect(serverErrors, 'the server logged no errors').toEqual([]);
    console.log(`[fuzz] all checks passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });
});
