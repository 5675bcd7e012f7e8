import { differenceInCalendarWeeks } from 'date-fns';
import type { Compilable } from 'kysely';
import { newBlockId } from '../../shared/blocks/attrs.js';
import { blockOf } from '../../shared/blocks/index.js';
import type { DocNode } from '../../shared/blocks/types.js';
import { addWeek, weekStart } from '../../shared/week.js';
import { perSqlite, type Db } from '../db/client.js';
import { inValues } from '../db/inValues.js';
import type { ItemRow } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import { projectKey as nameKey } from '../search/keys.js';
import { forgetStoredRows } from '../search/itemStore.js';
import { nextTurn } from '../nextTurn.js';

/**
 * Project identity (issue 12). A space's projects each have a stable key; every name a project was written with is
 * an alias of it (`project_alias`, by the name normalized as search/keys.ts does). An item that names a project is
 * that project: its name's alias when the name is known, else the project its block's `projectKey` attribute names
 * (kept by "Start next week", set by import), else a new project. Owners merge a project into another (its names
 * and its rows move, and a key that named it now names the other) and split a name off into a project of its own.
 * Item and search rows hold the project they resolved to (`project_id`), so timelines, search and the dashboard
 * group by it; queries also take the keys merged into a project, so a row indexed during a merge still counts.
 */

export const newProjectKey = () => `p${newBlockId()}`;
/** A key from a document attribute: short and plain, or ignored. */
const validKey = (k: unknown): k is string => typeof k === 'string' && /^[\w-]{4,64}$/.test(k);

const PUNCTUATION = /[\p{P}\p{S}\s]/gu;
/** Suffixes that name the same project: `实时数仓项目`, `物保二期`, `风控平台工程`. */
const SUFFIX = /(?:项目|工程|专项|[一二三四五六七八九十\d]+期)$/;

/** A name without punctuation, spacing and such suffixes: names with the same core are one project's. */
export function projectCore(name: string): string {
  let core = nameKey(name).replace(PUNCTUATION, '');
  for (let i = 0; i < 3 && SUFFIX.test(core); i++) {
    const shorter = core.replace(SUFFIX, '');
    if ([...shorter].length < 2) break;
    core = shorter;
  }
  return core;
}

/** Whether two names are the same project written differently (suffix, punctuation, brackets). */
export const sameProject = (a: string, b: string) => {
  const x = projectCore(a);
  return [...x].length >= 2 && x === projectCore(b);
};

/** Where a key points now: the project it was merged into, or itself. */
async function live(db: Db, spaceId: string, key: string): Promise<string | null> {
  const row = await db.k.selectFrom('project').select(['key', 'merged_into']).where('space_id', '=', spaceId).where('key', '=', key).executeTakeFirst();
  return row ? (row.merged_into ?? row.key) : null;
}

async function ensureProject(db: Db, spaceId: string, key: string) {
  await db.k.insertInto('project').values({ space_id: spaceId, key, merged_into: null, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['space_id', 'key']).doNothing()).execute();
}

/** The project a name is an alias of, creating both when new (another process may win: its choice is read back). */
async function aliasProject(db: Db, spaceId: string, key: string, name: string, proposed: string): Promise<string> {
  await ensureProject(db, spaceId, proposed);
  await db.k.insertInto('project_alias').values({ space_id: spaceId, name_key: key, name, project_key: proposed })
    .onConflict((oc) => oc.columns(['space_id', 'name_key']).doNothing()).execute();
  const row = await db.k.selectFrom('project_alias').select('project_key').where('space_id', '=', spaceId).where('name_key', '=', key).executeTakeFirstOrThrow();
  return row.project_key;
}

/** Fills `project_id` of the rows that name a project (the indexer, before it writes a report's rows). */
export async function resolveProjects(db: Db, spaceId: string, rows: ItemRow[], lastKnown?: Map<string, string> | null) {
  const named = rows.filter((r) => r.project && r.project_key);
  if (named.length === 0) return;
  // On SQLite the aliases already looked up are remembered (this module alone writes them; merges and splits drop them).
  // On PostgreSQL the caller may know some (search/itemStore.ts lastAliases).
  const known = db.sqlite ? aliasCacheOf(db, spaceId) : lastKnown ?? new Map<string, string>();
  const keys = [...new Set(named.map((r) => r.project_key!))].filter((k) => !known.has(k));
  if (keys.length > 0) for (const a of await aliasesOf(db, spaceId, keys)) known.set(a.name_key, a.project_key);
  let created = 0;
  for (const r of named) {
    let id = known.get(r.project_key!);
    if (!id) {
      // A few statements per new name, each synchronous on SQLite: a pasted week of 5,000 new names held every other
      // request 3.5 s (hostile probe); other requests get a turn every 100 names.
      if (++created % 100 === 0) await nextTurn();
      const own = (JSON.parse(r.json) as { projectKey?: unknown }).projectKey;
      const proposed = validKey(own) ? ((await live(db, spaceId, own)) ?? own) : newProjectKey();
      id = await aliasProject(db, spaceId, r.project_key!, r.project!, proposed);
      known.set(r.project_key!, id);
    }
    r.project_id = id;
  }
}

/** Per space, name key → project key, as looked up on this SQLite connection. */
const aliasCachesOf = perSqlite((): Map<string, Map<string, string>> => new Map());
function aliasCacheOf(db: Db, spaceId: string) {
  const spaces = aliasCachesOf(db);
  let m = spaces.get(spaceId);
  if (!m) {
    if (spaces.size >= 100) spaces.clear();
    spaces.set(spaceId, (m = new Map()));
  }
  if (m.size >= 20_000) m.clear();
  return m;
}

/** The aliases among these name keys (on SQLite one prepared statement, whatever the number of keys). */
async function aliasesOf(db: Db, spaceId: string, keys: string[]): Promise<{ name_key: string; project_key: string }[]> {
  if (db.sqlite) return aliasStatement(db).all(spaceId, JSON.stringify(keys)) as { name_key: string; project_key: string }[];
  return db.k.selectFrom('project_alias').select(['name_key', 'project_key']).where('space_id', '=', spaceId).where('name_key', 'in', keys).execute();
}
const aliasStatement = perSqlite((db) => db.sqlite!.prepare('select name_key, project_key from project_alias where space_id = ? and name_key in (select value from json_each(?))'));

/** A project's key and the keys merged into it (rows may still hold those for a moment). */
export async function projectFamily(db: Db, spaceId: string, key: string): Promise<string[]> {
  const merged = await db.k.selectFrom('project').select('key').where('space_id', '=', spaceId).where('merged_into', '=', key).execute();
  return [key, ...merged.map((m) => m.key)];
}

/** The project a name (any of its aliases) or a key stands for, or null. */
export async function findProject(db: Db, spaceId: string, raw: string): Promise<string | null> {
  // Names come from URLs and search boxes: control characters (a NUL breaks PostgreSQL's text) name nothing.
  const nameOrKey = raw.replace(/\p{Cc}/gu, ' ').trim();
  if (!nameOrKey) return null;
  const k = nameKey(nameOrKey);
  if (k) {
    const alias = await db.k.selectFrom('project_alias').select('project_key').where('space_id', '=', spaceId).where('name_key', '=', k).executeTakeFirst();
    if (alias) return (await live(db, spaceId, alias.project_key)) ?? alias.project_key;
  }
  return validKey(nameOrKey) ? live(db, spaceId, nameOrKey) : null;
}

export interface ProjectAlias { name: string; weeks: number; firstWeek: string; lastWeek: string }
export interface ProjectSummary {
  key: string;
  /** The name it was written with most recently. */
  name: string;
  aliases: ProjectAlias[];
  /** The newest progress any week stated (null: never stated), and that week. */
  lastProgress: number | null;
  lastProgressWeek: string | null;
  lastWeek: string;
  lastReportId: string;
  firstWeek: string;
  weeks: number;
}

/** Every project the space ever reported, with its names, last progress and last week seen; most recently seen first. */
export async function listProjects(db: Db, spaceId: string): Promise<ProjectSummary[]> {
  const projects = await db.k.selectFrom('project').select(['key', 'merged_into']).where('space_id', '=', spaceId).execute();
  const liveOf = new Map(projects.map((p) => [p.key, p.merged_into ?? p.key]));
  const rows = await db.k.selectFrom('item').select(['project_id', 'project', 'week', 'report_id', 'progress', 'kind', 'position'])
    .where('space_id', '=', spaceId).where('project_id', 'is not', null).where('kind', 'in', ['okr', 'project'])
    .orderBy('week').orderBy('kind').orderBy('position').execute();
  const out = new Map<string, ProjectSummary & { names: Map<string, { weeks: Set<string>; first: string; last: string }>; seen: Set<string> }>();
  for (const r of rows) {
    const key = liveOf.get(r.project_id!) ?? r.project_id!;
    let p = out.get(key);
    if (!p) {
      p = { key, name: r.project ?? '', aliases: [], lastProgress: null, lastProgressWeek: null, lastWeek: r.week, lastReportId: r.report_id, firstWeek: r.week, weeks: 0, names: new Map(), seen: new Set() };
      out.set(key, p);
    }
    const name = r.project ?? '';
    const n = p.names.get(name) ?? { weeks: new Set<string>(), first: r.week, last: r.week };
    n.weeks.add(r.week);
    n.last = r.week;
    p.names.set(name, n);
    p.seen.add(r.week);
    if (r.week >= p.lastWeek) {
      if (r.week > p.lastWeek || r.kind === 'okr') p.name = name;
      p.lastWeek = r.week;
      p.lastReportId = r.report_id;
    }
    if (r.progress !== null && (p.lastProgressWeek === null || r.week > p.lastProgressWeek)) {
      p.lastProgress = Number(r.progress);
      p.lastProgressWeek = r.week;
    }
  }
  return [...out.values()].map(({ names, seen, ...p }) => ({
    ...p,
    weeks: seen.size,
    aliases: [...names].map(([name, n]) => ({ name, weeks: n.weeks.size, firstWeek: n.first, lastWeek: n.last })).sort((a, b) => b.lastWeek.localeCompare(a.lastWeek) || a.name.localeCompare(b.name)),
  })).sort((a, b) => b.lastWeek.localeCompare(a.lastWeek) || a.name.localeCompare(b.name));
}

/**
 * Runs statements in one transaction. On SQLite synchronously on the raw connection, like the indexer's writes:
 * an async Kysely transaction on the shared connection could take the sync path's document appends into itself.
 */
async function atomically(db: Db, statements: Compilable[]) {
  const compiled = statements.map((s) => s.compile());
  if (db.sqlite) {
    const sqlite = db.sqlite;
    sqlite.transaction(() => { for (const q of compiled) sqlite.prepare(q.sql).run(...(q.parameters as unknown[])); })();
    // Aliases, item and search rows moved to another project: read them back.
    aliasCachesOf(db).clear();
    forgetStoredRows(db);
    return;
  }
  await db.k.transaction().execute(async (tx) => { for (const q of compiled) await tx.executeQuery(q); });
}

/**
 * Merges and splits rewrite rows of many reports: each report's revision moves on (search/itemStore.ts), first in the
 * transaction, so an indexing run does not write over them from what it last wrote. Locked in one order, so two of
 * these in one space wait for each other instead of deadlocking.
 */
function nextRevisions(db: Db, spaceId: string) {
  const states = db.k.selectFrom('item_state').select('report_id')
    .where('report_id', 'in', db.k.selectFrom('report').select('id').where('space_id', '=', spaceId)).orderBy('report_id');
  return db.k.updateTable('item_state').set((eb) => ({ rev: eb('rev', '+', 1) }))
    .where('report_id', 'in', db.sqlite ? states : states.forUpdate());
}

/** A live project of the space, or 404. */
async function requireProject(db: Db, spaceId: string, key: string) {
  const row = await db.k.selectFrom('project').select(['key', 'merged_into']).where('space_id', '=', spaceId).where('key', '=', key).executeTakeFirst();
  if (!row) throw notFound('Project');
  if (row.merged_into) throw conflict('project_merged', `That project was merged into another (${row.merged_into}).`);
  return row.key;
}

/** Merges `from` into `into`: its names, rows and key become `into`'s. */
export async function mergeProjects(db: Db, spaceId: string, from: string, into: string) {
  await requireProject(db, spaceId, from);
  await requireProject(db, spaceId, into);
  if (from === into) throw conflict('same_project', 'A project cannot be merged into itself.');
  await atomically(db, [
    nextRevisions(db, spaceId),
    db.k.updateTable('project_alias').set({ project_key: into }).where('space_id', '=', spaceId).where('project_key', '=', from),
    db.k.updateTable('project').set({ merged_into: into }).where('space_id', '=', spaceId)
      .where((eb) => eb.or([eb('key', '=', from), eb('merged_into', '=', from)])),
    db.k.updateTable('item').set({ project_id: into }).where('space_id', '=', spaceId).where('project_id', '=', from),
    db.k.updateTable('search_row').set({ project_id: into }).where('space_id', '=', spaceId).where('project_id', '=', from),
  ]);
  return { key: into };
}

/** Splits one name off a project into a project of its own (its weeks' items go with it). */
export async function splitAlias(db: Db, spaceId: string, key: string, alias: string) {
  await requireProject(db, spaceId, key);
  const k = nameKey(alias);
  const aliases = await db.k.selectFrom('project_alias').select(['name_key']).where('space_id', '=', spaceId).where('project_key', '=', key).execute();
  if (!aliases.some((a) => a.name_key === k)) throw notFound('That name of the project');
  if (aliases.length < 2) throw conflict('single_name', 'The project has only this name: there is nothing to split off.');
  const family = await projectFamily(db, spaceId, key);
  const fresh = newProjectKey();
  await atomically(db, [
    nextRevisions(db, spaceId),
    db.k.insertInto('project').values({ space_id: spaceId, key: fresh, merged_into: null, created_at: new Date().toISOString() }),
    db.k.updateTable('project_alias').set({ project_key: fresh }).where('space_id', '=', spaceId).where('name_key', '=', k),
    db.k.updateTable('item').set({ project_id: fresh }).where('space_id', '=', spaceId).where(inValues(db, 'project_id', family)).where('project_key', '=', k),
    db.k.updateTable('search_row').set({ project_id: fresh }).where('space_id', '=', spaceId).where(inValues(db, 'project_id', family))
      .where('block_id', 'in', db.k.selectFrom('item').select('block_id').where('space_id', '=', spaceId).where('project_id', '=', fresh)),
  ]);
  return { key: fresh };
}

/** A link import made: a name of the imported week taken as a project of a nearby week written differently. */
export interface ProjectLink { name: string; linkedTo: string; week: string; key: string }

/** How far import looks for the same project written differently. */
const LINK_WEEKS = 26;

/**
 * Before an imported week is stored: every block that names a project and has no key gets one. A name the space
 * knows is that project; another is linked to the project of the nearest week (before or after) whose name differs
 * only by a suffix or punctuation (`实时数仓项目` → `实时数仓`); else a new project. Returns the links it made.
 */
export async function linkImportedProjects(db: Db, spaceId: string, week: string, doc: DocNode, year: number): Promise<ProjectLink[]> {
  const blocks: { node: DocNode; name: string }[] = [];
  const walk = (nodes: DocNode[]) => {
    for (const n of nodes) {
      const b = blockOf(n.type);
      if (b?.projectAttr && !validKey(n.attrs?.[b.projectAttr])) {
        const item = b.extract(n, { year, objective: null }) as { project?: string };
        if (item.project && nameKey(item.project)) blocks.push({ node: n, name: item.project });
      }
      if (n.content) walk(n.content);
    }
  };
  walk(doc.content ?? []);
  if (blocks.length === 0) return [];

  type Candidate = { week: string; project: string; key: string; distance: number };
  // Nearby weeks' names by their core (projectCore), nearest first: a name's match is a lookup, not a scan of every
  // item of a year (an import of thousands of new names against long nearby weeks held the process for minutes).
  let nearby: Map<string, Candidate[]> | null = null;
  const candidates = async () => {
    if (nearby) return nearby;
    const rows = await db.k.selectFrom('item').select(['week', 'project', 'project_id']).distinct()
      .where('space_id', '=', spaceId).where('kind', 'in', ['okr', 'project']).where('project_id', 'is not', null)
      .where('week', '>=', addWeek(week, -LINK_WEEKS)).where('week', '<=', addWeek(week, LINK_WEEKS)).where('week', '!=', week).execute();
    const start = weekStart(week);
    const sorted = rows.map((r) => ({ week: r.week, project: r.project ?? '', key: r.project_id!, distance: Math.abs(differenceInCalendarWeeks(weekStart(r.week), start)) }))
      .sort((a, b) => a.distance - b.distance || a.week.localeCompare(b.week));
    nearby = new Map();
    for (const c of sorted) {
      const core = projectCore(c.project);
      if ([...core].length < 2) continue; // sameProject never matches it
      (nearby.get(core) ?? nearby.set(core, []).get(core)!).push(c);
    }
    return nearby;
  };

  const chosen = new Map<string, string>();
  const links: ProjectLink[] = [];
  let looked = 0;
  for (const { node, name } of blocks) {
    const k = nameKey(name);
    let key = chosen.get(k);
    if (!key) {
      // SQLite answers at once: thousands of names would hold the event loop without a turn now and then.
      if (++looked % 200 === 0) await nextTurn();
      key = (await findProject(db, spaceId, name)) ?? undefined;
      if (!key) {
        const match = (await candidates()).get(projectCore(name))?.find((c) => nameKey(c.project) !== k);
        if (match) {
          key = (await live(db, spaceId, match.key)) ?? match.key;
          links.push({ name, linkedTo: match.project, week: match.week, key });
        }
      }
      key ??= newProjectKey();
      chosen.set(k, key);
    }
    node.attrs = { ...node.attrs, projectKey: key };
  }
  return links;
}
