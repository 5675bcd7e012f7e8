import { itemBlocks, type ReportItems } from '../../shared/blocks/index.js';
import type { Db } from '../db/client.js';
import { deadlineOf, dayIn, getDeadline } from '../domain/deadline.js';
import { itemUpdates } from '../domain/itemUpdates.js';
import type { ReportRow } from '../domain/reports.js';
import { listMembers } from '../domain/spaces.js';
import { readReportItems } from '../search/itemStore.js';
import { rowsToItems } from '../search/itemRows.js';

export interface OwnedItem {
  blockId: string; kind: string; project: string | null; text: string;
  updated: boolean; updatedBy: string | null; updatedByName: string | null; updatedAt: string | null;
}
export interface OwnerStatus { userId: string; name: string; updated: boolean; remindedToday: boolean; items: OwnedItem[] }

/** Every item that has owners (the blocks whose `items.owners` says who), with the members owning it. */
export function ownedItems(items: ReportItems) {
  const lists = items as unknown as Record<string, { blockId: string }[]>;
  return itemBlocks.flatMap((b) => (b.items.owners ? (lists[b.items.key] ?? []).map((item) => {
    const row = b.items.row(item as never);
    return { blockId: item.blockId, kind: b.items.kind, project: row.project ?? null, text: row.text.split('\n')[0].slice(0, 120), owners: b.items.owners!(item as never) };
  }) : []));
}

/**
 * GET /api/reports/:id/status (issue 15): the week's deadline, and each member who owns items in the report with
 * their items and whether each was updated since the report was started (domain/itemUpdates.ts). An owner has
 * updated when every one of their items has. Owners who are no longer members are left out; an item all of whose
 * owners have left is listed under `unowned` with them (`formerOwners`): it needs a new owner, and the card said
 * "no owners yet" when a removed member had owned the report's only items (walkthrough).
 */
export async function reportStatus(db: Db, report: ReportRow, now = new Date()) {
  const items = rowsToItems(await readReportItems(db, report.id));
  const updates = await itemUpdates(db, report.id, items);
  const members = await listMembers(db, report.spaceId);
  const names = new Map(members.map((m) => [m.userId, m.name]));
  const deadline = await getDeadline(db, report.spaceId);
  const reminded = new Set((await db.k.selectFrom('reminder').select('user_id').where('report_id', '=', report.id)
    .where('day', '=', dayIn(now, deadline.timeZone)).where('kind', '=', 'reminder').execute()).map((r) => r.user_id));

  const byOwner = new Map<string, OwnedItem[]>();
  const unowned: (OwnedItem & { formerOwners: string[] })[] = [];
  for (const item of ownedItems(items)) {
    const u = updates.get(item.blockId);
    const view: OwnedItem = {
      blockId: item.blockId, kind: item.kind, project: item.project, text: item.text,
      updated: u?.updated ?? false, updatedBy: u?.updatedBy ?? null, updatedByName: u?.updatedBy ? names.get(u.updatedBy) ?? null : null, updatedAt: u?.updatedAt ?? null,
    };
    for (const owner of item.owners) if (names.has(owner)) (byOwner.get(owner) ?? byOwner.set(owner, []).get(owner)!).push(view);
    if (item.owners.length > 0 && !item.owners.some((o) => names.has(o))) unowned.push({ ...view, formerOwners: item.owners });
  }
  const owners: OwnerStatus[] = members.filter((m) => byOwner.has(m.userId)).map((m) => {
    const own = byOwner.get(m.userId)!;
    return { userId: m.userId, name: m.name, updated: own.every((i) => i.updated), remindedToday: reminded.has(m.userId), items: own };
  });
  return {
    deadline: deadlineOf(report.week, deadline).toISOString(),
    owners,
    unowned,
    counts: { owners: owners.length, updatedOwners: owners.filter((o) => o.updated).length, unowned: unowned.length },
  };
}
