import type { Db } from '../db/client.js';
import type { EventBus } from '../events/bus.js';
import { logger } from '../log.js';
import { reportStatus } from '../rollups/status.js';
import { addWeek, weekOf } from '../../shared/week.js';
import { dayIn, deadlineOf, getDeadline } from './deadline.js';
import { notify } from './notifications.js';
import type { ReportRow } from './reports.js';

const log = logger('reminders');

/**
 * Reminders to update the week's items (issue 15). Each is a row keyed by (report, person, kind, day) written before
 * the notification: whoever writes it — one request, or one of several server processes at a deadline — sends it;
 * everyone else finds it there. So a person gets at most one reminder of a kind per report per day.
 */
async function claim(db: Db, reportId: string, userId: string, kind: 'reminder' | 'deadline', day: string, sentBy: string | null): Promise<boolean> {
  const r = await db.k.insertInto('reminder').values({ report_id: reportId, user_id: userId, kind, day, sent_by: sentBy, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['report_id', 'user_id', 'kind', 'day']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * POST /api/reports/:id/remind: reminds the given owners (default: every owner who has not updated) of the report.
 * Only owners of items in it can be reminded; someone reminded today is skipped.
 */
export async function remindOwners(db: Db, events: EventBus, report: ReportRow, senderId: string, userIds?: string[], now = new Date()) {
  const status = await reportStatus(db, report, now);
  const owners = new Set(status.owners.map((o) => o.userId));
  const asked = userIds ? [...new Set(userIds)] : null;
  // "Everyone not updated" is everyone else: the sender is not told they were reminded already (walkthrough).
  const wanted = asked ? asked.filter((id) => owners.has(id)) : status.owners.filter((o) => !o.updated && o.userId !== senderId).map((o) => o.userId);
  const { timeZone } = await getDeadline(db, report.spaceId);
  const day = dayIn(now, timeZone);
  const sent: string[] = [];
  const skipped: string[] = [];
  for (const userId of wanted) {
    if (userId !== senderId && await claim(db, report.id, userId, 'reminder', day, senderId)) sent.push(userId);
    else skipped.push(userId);
  }
  await notify(db, events, sent.map((userId) => ({ userId, kind: 'reminder', reportId: report.id, commentId: null, blockId: null, actorId: senderId, excerpt: '' })));
  return { sent, skipped, notOwners: asked ? asked.filter((id) => !owners.has(id)) : [] };
}

/** How long after a deadline it is still worth reminding (a server down over the deadline catches up). */
const CATCH_UP_MS = 3 * 86_400_000;

/**
 * At each space's weekly deadline: every owner with an item not updated in that week's report gets one reminder.
 * Runs on every server process (`start`); the reminder rows make exactly one of them send each reminder.
 */
export class DeadlineReminders {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(private readonly db: Db, private readonly events: EventBus, private readonly now: () => Date) {}

  start(everyMs: number) {
    this.timer = setInterval(() => void this.check(), everyMs);
    this.timer.unref();
    void this.check();
  }

  /** Stops looking, once a look under way has finished. */
  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Looks once for deadlines just passed; returns how many reminders this process sent. Never overlaps itself. */
  check(): Promise<number> {
    this.running ??= this.run().catch((e) => {
      log.error('deadline check failed', { error: String(e?.stack ?? e) });
      return 0;
    }).finally(() => { this.running = null; });
    return this.running;
  }

  private async run(): Promise<number> {
    const now = this.now();
    // This week's and last week's reports are the only ones whose deadline can have just passed.
    const weeks = [addWeek(weekOf(now), -1), weekOf(now)];
    const reports = await this.db.k.selectFrom('report').select(['id', 'space_id', 'week', 'title', 'updated_at']).where('week', 'in', weeks).execute();
    let sent = 0;
    for (const r of reports) {
      const deadline = await getDeadline(this.db, r.space_id);
      const at = deadlineOf(r.week, deadline);
      if (now < at || now.getTime() - at.getTime() > CATCH_UP_MS) continue;
      const report: ReportRow = { id: r.id, spaceId: r.space_id, week: r.week, title: r.title, updatedAt: r.updated_at };
      const status = await reportStatus(this.db, report, now);
      const day = dayIn(at, deadline.timeZone);
      const due = status.owners.filter((o) => !o.updated);
      const claimed: string[] = [];
      for (const o of due) if (await claim(this.db, report.id, o.userId, 'deadline', day, null)) claimed.push(o.userId);
      await notify(this.db, this.events, claimed.map((userId) => ({ userId, kind: 'deadline', reportId: report.id, commentId: null, blockId: null, actorId: userId, excerpt: '' })));
      if (claimed.length) log.info('deadline reminders sent', { report: report.id, week: report.week, count: claimed.length });
      sent += claimed.length;
    }
    return sent;
  }
}
