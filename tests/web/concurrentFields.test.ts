import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { watchConcurrentFields, type FieldConflict } from '../../web/editor/concurrentFields.js';

/** A report with one OKR item and one KPI row, as the editor writes them (attributes of Y.XmlElements). */
function base() {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('default');
  const okr = new Y.XmlElement('okrItem');
  okr.setAttribute('blockId', 'b1');
  okr.setAttribute('progress', 10 as unknown as string);
  const row = new Y.XmlElement('kpiRow');
  row.setAttribute('blockId', 'k1');
  row.setAttribute('value', 99.9 as unknown as string);
  fragment.insert(0, [okr, row]);
  return doc;
}

const copyOf = (doc: Y.Doc) => {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(doc));
  return d;
};
const okrOf = (doc: Y.Doc) => doc.getXmlFragment('default').get(0) as Y.XmlElement;
const rowOf = (doc: Y.Doc) => doc.getXmlFragment('default').get(1) as Y.XmlElement;

/** `to` catches up with what `from` has, as a reconnecting client does (or as a live update brings it): conflicts involving `mine` are collected. */
function catchUp(from: Y.Doc, to: Y.Doc, mine: number[], origin: unknown = 'server') {
  const found: FieldConflict[] = [];
  const stop = watchConcurrentFields(to, { involves: (c) => mine.includes(c), onConflicts: (c) => found.push(...c) });
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), origin);
  stop();
  return found.map((c) => ({ attr: c.attr, kept: c.kept, lost: c.lost, keptBy: c.keptBy, lostBy: c.lostBy, with: c.with }));
}

describe('concurrent field values (an offline edit meets an online one)', () => {
  it.each([[101, 202], [202, 101]])('finds the pair on both sides, whichever value Yjs keeps, and names who wrote each (client ids %i, %i)', (offlineId, onlineId) => {
    const server = base();
    const offline = copyOf(server), online = copyOf(server);
    // Yjs keeps one of two values by client id: both orders, every run.
    offline.clientID = offlineId;
    online.clientID = onlineId;
    okrOf(offline).setAttribute('progress', 30 as unknown as string);
    okrOf(online).setAttribute('progress', 50 as unknown as string);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(online));
    // What the offline side wrote, as it sends it on reconnecting (once it has lost, Yjs collects its value).
    const sent = copyOf(offline);

    const atOffline = catchUp(server, offline, [offline.clientID]);
    const kept = okrOf(offline).getAttribute('progress') as unknown;
    expect(atOffline).toHaveLength(1);
    expect(atOffline[0]).toMatchObject({ attr: 'progress', kept, lost: kept === 30 ? 50 : 30 });
    expect(atOffline[0].keptBy).toBe(kept === 30 ? offline.clientID : online.clientID);

    // Read from the other side (had it been away too), the same pair, and the same value kept. It ran on what the
    // offline side holds after catching up, where a lost 30 is already collected: it failed whenever Yjs kept 50.
    const atOnline = catchUp(sent, online, [online.clientID]);
    expect(atOnline).toEqual([{ ...atOffline[0] }]);
    expect(okrOf(online).getAttribute('progress') as unknown).toBe(kept);
    // The higher id wins: so each order of the two covers one side keeping its own value.
    expect(kept).toBe(offlineId > onlineId ? 30 : 50);
  });

  it('takes the offline writer\'s last value when they set the field several times', () => {
    const server = base();
    const offline = copyOf(server), online = copyOf(server);
    for (const v of [3, 30, 35]) okrOf(offline).setAttribute('progress', v as unknown as string);
    okrOf(online).setAttribute('progress', 50 as unknown as string);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(online));
    const [c] = catchUp(server, offline, [offline.clientID]);
    expect([c.kept, c.lost].sort()).toEqual([35, 50]);
  });

  it('is no conflict when the other value was written after seeing this one, or is the same value', () => {
    const server = base();
    const a = copyOf(server);
    okrOf(a).setAttribute('progress', 30 as unknown as string);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
    const b = copyOf(server);
    okrOf(b).setAttribute('progress', 60 as unknown as string); // saw 30
    expect(catchUp(b, a, [a.clientID, b.clientID])).toEqual([]);
    expect(okrOf(a).getAttribute('progress') as unknown).toBe(60);

    const c = copyOf(a), d = copyOf(a);
    okrOf(c).setAttribute('progress', 70 as unknown as string);
    okrOf(d).setAttribute('progress', 70 as unknown as string);
    expect(catchUp(d, c, [c.clientID])).toEqual([]);
  });

  it.each([[101, 202], [202, 101]])('tells only the people whose value it is; a live update is looked at too, whichever value stays (client ids %i, %i)', (offlineId, onlineId) => {
    const server = base();
    const offline = copyOf(server), online = copyOf(server), third = copyOf(server);
    offline.clientID = offlineId;
    online.clientID = onlineId;
    okrOf(offline).setAttribute('progress', 30 as unknown as string);
    okrOf(online).setAttribute('progress', 50 as unknown as string);
    Y.applyUpdate(third, Y.encodeStateAsUpdate(online));
    expect(catchUp(offline, third, [third.clientID])).toEqual([]);
    // Walkthrough: a live update was not looked at, so the person online saw their value replaced without a word.
    const atOnline = catchUp(offline, online, [online.clientID], 'live');
    const kept = okrOf(online).getAttribute('progress') as unknown;
    expect(atOnline).toEqual([expect.objectContaining({ attr: 'progress', kept, lost: kept === 30 ? 50 : 30 })]);
    expect(atOnline[0].lostBy).toBe(kept === 30 ? onlineId : offlineId);
  });

  it('finds it when the offline edit comes from the local copy (IndexedDB), under a client id of an earlier session', () => {
    const server = base();
    const earlierTab = copyOf(server);
    okrOf(earlierTab).setAttribute('progress', 30 as unknown as string);
    const offlineCopy = Y.encodeStateAsUpdate(earlierTab);
    const online = copyOf(server);
    okrOf(online).setAttribute('progress', 50 as unknown as string);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(online));

    const page = copyOf(server); // the new page's document, synced before its local copy loaded
    const found: FieldConflict[] = [];
    watchConcurrentFields(page, { involves: (c) => c === earlierTab.clientID, onConflicts: (c) => found.push(...c) });
    Y.applyUpdate(page, offlineCopy, 'idb');
    expect(found.map((c) => [c.attr, [c.kept, c.lost].sort()])).toEqual([['progress', [30, 50]]]);
  });

  it('carries a KPI value\'s typed form with it, and never reports ids', () => {
    const server = base();
    const offline = copyOf(server), online = copyOf(server);
    offline.transact(() => {
      rowOf(offline).setAttribute('value', 99.99 as unknown as string);
      rowOf(offline).setAttribute('display', '99.990');
      rowOf(offline).setAttribute('blockId', 'x1');
    });
    online.transact(() => {
      rowOf(online).setAttribute('value', 99.5 as unknown as string);
      rowOf(online).setAttribute('display', '99.50');
      rowOf(online).setAttribute('blockId', 'x2');
    });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(online));
    const found = catchUp(server, offline, [offline.clientID]);
    expect(found).toHaveLength(1);
    const [c] = found;
    expect(c.attr).toBe('value');
    expect(c.with).toEqual({ display: c.lost === 99.99 ? '99.990' : '99.50' });
  });
});
