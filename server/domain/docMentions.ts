import type { Db } from '../db/client.js';
import type { DocStore } from '../db/docStore.js';
import type { EventBus } from '../events/bus.js';
import { logger } from '../log.js';
import { debounceByKey } from '../../shared/debounce.js';
import type { StoredEvent } from '../sync/room.js';
import type { Rooms } from '../sync/rooms.js';
import type { DocNode } from '../../shared/blocks/types.js';
import { notify } from './notifications.js';
import { readReportJson } from './reportDoc.js';
import { findReport } from './reports.js';
import { listMembers } from './spaces.js';

const log = logger('mentions');
/** While edits keep coming without a pause, the check still runs this often (it reads the whole document). */
const MENTION_MAX_WAIT_MS = 30_000;

export interface DocMention { userId: string; place: string; blockId: string | null; excerpt: string; by: string | null }

/** The text of a paragraph around one mention in it: up to 60 characters either side. */
function around(textblock: DocNode, target: DocNode): string {
  const parts: string[] = [];
  let at = -1;
  const walk = (n: DocNode) => {
    if (n === target) at = parts.join('').length;
    if (n.type === 'mention') parts.push(`@${n.attrs?.label ?? ''}`);
    else if (n.text) parts.push(n.text);
    else (n.content ?? []).forEach(walk);
  };
  walk(textblock);
  const text = parts.join('');
  if (at < 0) return text.trim();
  const from = Math.max(0, at - 60);
  return `${from > 0 ? '…' : ''}${text.slice(from, at + 60).trim()}${at + 60 < text.length ? '…' : ''}`;
}

/** Every member mention in a document, with where it is (nearest structured block) and the text around it. */
export function mentionsIn(doc: DocNode): DocMention[] {
  const out: DocMention[] = [];
  const walk = (n: DocNode, blockId: string | null, textblock: DocNode | null) => {
    const id = typeof n.attrs?.blockId === 'string' && n.attrs.blockId ? (n.attrs.blockId as string) : blockId;
    const tb = n.content?.some((c) => c.type === 'text' || c.type === 'mention') ? n : textblock;
    if (n.type === 'mention' && typeof n.attrs?.id === 'string') {
      // A mention typed in the editor names itself (mentionId): each is told once, however many of the same person a
      // block or the loose text holds. Mentions without one (imported, older) are told once per block, or once in
      // the loose text (a second `@Bo` typed days later went untold).
      const own = typeof n.attrs.mentionId === 'string' && n.attrs.mentionId ? `mention:${n.attrs.mentionId.slice(0, 64)}` : null;
      out.push({ userId: n.attrs.id, place: own ?? id ?? 'doc', blockId: id, excerpt: tb ? around(tb, n) : '', by: typeof n.attrs.by === 'string' ? n.attrs.by : null });
    }
    for (const c of n.content ?? []) walk(c, id, tb);
  };
  walk(doc, null, null);
  return out;
}

/** Records mentions as already told (a carried-forward report must not notify again). Returns the new ones. */
export async function recordMentions(db: Db, reportId: string, found: DocMention[]): Promise<DocMention[]> {
  if (found.length === 0) return [];
  const known = await db.k.selectFrom('doc_mention').select(['user_id', 'place']).where('report_id', '=', reportId).execute();
  const seen = new Set(known.map((k) => `${k.user_id}\u0000${k.place}`));
  const fresh = found.filter((m) => {
    const key = `${m.userId}\u0000${m.place}`;
    return !seen.has(key) && seen.add(key);
  });
  if (fresh.length === 0) return [];
  const now = new Date().toISOString();
  await db.k.insertInto('doc_mention').values(fresh.map((m) => ({ report_id: reportId, user_id: m.userId, place: m.place, created_at: now })))
    .onConflict((oc) => oc.doNothing()).execute();
  return fresh;
}

/**
 * Notifies members newly `@`-mentioned in a report's document: hooked to RoomHooks.onStored, debounced per
 * report (a mention is typed, then the text around it), and at least every 30 s while edits keep coming. The actor is the writer who inserted the mention when
 * they wrote in the period, else one who did; a mention no person's edit brought is recorded and told to no one.
 */
export class DocMentions {
  private writers = new Map<string, Set<string>>();
  /** One timer per quiet period (shared/debounce.ts), not a clearTimeout and setTimeout per stored edit. */
  private readonly debounced: ReturnType<typeof debounceByKey>;

  constructor(private readonly d: { db: Db; events: EventBus; rooms: Rooms; store: DocStore }, delayMs = 800) {
    this.debounced = debounceByKey((id) => {
      this.run(id).catch((err) => log.warn('mention check failed', { report: id, error: String(err) }));
    }, delayMs, MENTION_MAX_WAIT_MS);
  }

  onStored(e: StoredEvent) {
    const id = e.reportId;
    const w = this.writers.get(id) ?? new Set<string>();
    for (const u of e.writers) w.add(u);
    this.writers.set(id, w);
    this.debounced(id);
  }

  close() {
    this.debounced.cancel();
  }

  private async run(reportId: string) {
    const writers = [...(this.writers.get(reportId) ?? [])];
    this.writers.delete(reportId);
    const fresh = await recordMentions(this.d.db, reportId, mentionsIn(await readReportJson(this.d, reportId)));
    if (fresh.length === 0) return;
    const report = await findReport(this.d.db, reportId);
    if (!report) return;
    const members = new Set((await listMembers(this.d.db, report.spaceId)).map((m) => m.userId));
    const list = fresh.filter((m) => members.has(m.userId)).map((m) => {
      // `by` is written by the client: it names the actor only when that person wrote in this period, or anyone
      // could send a mention in someone else's name (inserted, then brought back by a restore with no writer).
      const actorId = m.by && writers.includes(m.by) ? m.by : writers[0];
      return actorId ? { userId: m.userId, kind: 'doc_mention' as const, reportId, commentId: null, blockId: m.blockId, actorId, excerpt: m.excerpt } : null;
    }).filter((n) => n !== null);
    await notify(this.d.db, this.d.events, list);
  }
}
