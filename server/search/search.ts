import { sql } from 'kysely';
import { searchKinds } from '../../shared/blocks/index.js';
import type { Db } from '../db/client.js';
import { inValues } from '../db/inValues.js';
import { isCjk } from './cjk.js';
import type { SearchKind } from './searchRows.js';
import { findProject, projectFamily } from '../rollups/projects.js';
import { snippetOf } from './snippet.js';

export interface SearchResult {
  reportId: string; week: string; kind: SearchKind; blockId: string | null; project: string | null;
  /** Plain excerpt around the first hit. */
  snippet: string;
  /** The same excerpt, HTML-escaped, hits wrapped in <mark>. */
  highlight: string;
  progress: number | null;
  /** The space's project the item belongs to (issue 12), for items that name one. */
  projectKey: string | null;
}

export interface SearchOptions { limit?: number; kind?: SearchKind }

/**
 * Terms of a query: split on spaces, quotes dropped, at most 8, each searched as a substring (all must match).
 * Control characters separate terms like spaces: a NUL would end SQLite's FTS string early and is refused by PostgreSQL.
 */
export function queryTerms(q: string): string[] {
  const terms = q.normalize('NFKC').replace(/\p{Cc}/gu, ' ').split(/\s+/).map((t) => t.replace(/^["'“”]+|["'“”]+$/g, '')).filter((t) => t.length > 0);
  return [...new Set(terms)].slice(0, 8);
}

const ftsPhrase = (t: string) => `"${t.replace(/"/g, '""')}"`;
/** Trigrams of a term as FTS5's trigram tokenizer cuts them (code points; it folds case). */
const trigrams = (t: string) => { const c = [...t.toLowerCase()]; return c.slice(2).map((_, i) => c[i] + c[i + 1] + c[i + 2]); };
const repeatsTrigram = (t: string) => { const g = trigrams(t); return new Set(g).size < g.length; };
/**
 * A term of three or more characters in FTS5: its phrase, or — when a trigram repeats in it (`xxxx…`, `哈哈哈哈`) —
 * its distinct trigrams, the rows they find then checked for the term itself (instr, below). A phrase checks each of
 * its trigrams at every position of every row holding them: a 200-character `xxx…` against a paragraph of a million
 * `x` in any space held the server 3.7 s per search (hostile probe).
 */
const trigramQuery = (t: string) => (repeatsTrigram(t) ? [...new Set(trigrams(t))].map(ftsPhrase).join(' AND ') : ftsPhrase(t));
/** SQLite's lower() folds ASCII letters only. */
const asciiLower = (t: string) => t.replace(/[A-Z]/g, (c) => c.toLowerCase());
const likeArg = (t: string) => `%${t.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
/** Within a week, an item whose project is named by the first term comes first. */
const NAMED = `(case when r.project is not null and instr(lower(r.project), lower(?)) > 0 then 0 else 1 end)`;
/** Kinds in registry order (key projects, OKR items, KPIs, incidents, risks…), plain text last. */
const KIND_RANK = `case r.kind ${searchKinds.map((k, i) => `when '${k}' then ${i}`).join(' ')} else ${searchKinds.length} end`;

interface Row { report_id: string; week: string; kind: SearchKind; block_id: string | null; project: string | null; progress: number | null; text: string; project_id: string | null }

/**
 * Searches every report of a space: newest week first, by relevance within a week.
 * SQLite: terms of 3+ characters go to the trigram FTS5 index, two-character CJK terms to the bigram index,
 * anything shorter to LIKE over the space's rows. PostgreSQL: LIKE on the row's stored lower-cased text, served by a
 * pg_trgm index (terms of 3+ characters), and two-character CJK terms by a GIN index over the row's bigrams.
 */
export async function searchSpace(db: Db, spaceId: string, q: string, opts: SearchOptions = {}): Promise<SearchResult[]> {
  const terms = queryTerms(q);
  if (terms.length === 0) return [];
  const limit = opts.limit ?? 50;
  let rows = db.sqlite ? searchSqlite(db, spaceId, terms, limit, opts.kind) : await searchPostgres(db, spaceId, terms, limit, opts.kind);
  rows = await withProjectItems(db, spaceId, q, rows, limit, opts.kind);
  return rows.map((r) => ({
    reportId: r.report_id, week: r.week, kind: r.kind, blockId: r.block_id, project: r.project,
    progress: r.progress, projectKey: r.project_id ?? null, ...snippetOf(r.text, terms),
  }));
}

/**
 * Search follows merged projects (issue 12): a query that is a name of a project (any alias) also finds the items of
 * that project written under its other names, each in its week.
 */
async function withProjectItems(db: Db, spaceId: string, q: string, rows: Row[], limit: number, kind?: string): Promise<Row[]> {
  if (kind && kind !== 'okr' && kind !== 'project') return rows;
  const key = await findProject(db, spaceId, q.trim());
  if (!key) return rows;
  const qb = db.k.selectFrom('search_row').select(['report_id', 'week', 'kind', 'block_id', 'project', 'progress', 'text', 'project_id'])
    .where('space_id', '=', spaceId).where(inValues(db, 'project_id', await projectFamily(db, spaceId, key))).where('kind', 'in', kind ? [kind] : ['okr', 'project']);
  const more = await qb.orderBy('week', 'desc').orderBy('position').limit(limit).execute();
  const seen = new Set(rows.map((r) => `${r.report_id}\0${r.kind}\0${r.block_id}`));
  const extra = more.filter((r) => !seen.has(`${r.report_id}\0${r.kind}\0${r.block_id}`))
    .map((r) => ({ ...r, kind: r.kind as SearchKind, progress: r.progress === null ? null : Number(r.progress) }));
  if (extra.length === 0) return rows;
  // Newest week first; within a week the rows found by text first.
  const all = [...rows.map((r, i) => ({ r, i })), ...extra.map((r, i) => ({ r, i: rows.length + i }))];
  return all.sort((a, b) => b.r.week.localeCompare(a.r.week) || a.i - b.i).slice(0, limit).map((x) => x.r);
}

function searchSqlite(db: Db, spaceId: string, terms: string[], limit: number, kind?: string): Row[] {
  const tri = terms.filter((t) => [...t].length >= 3);
  const bi = terms.filter((t) => [...t].length === 2 && isCjk(t));
  const like = terms.filter((t) => !tri.includes(t) && !bi.includes(t));
  const triMatch = tri.map(trigramQuery).join(' AND ');
  const biMatch = bi.map(ftsPhrase).join(' AND ');
  const where: [string, unknown][] = [];
  let from = 'search_row r';
  let score = 'length(r.text)';
  // The most selective index drives the query and gives the relevance score (bm25: lower is better).
  if (tri.length > 0) {
    from = 'search_tri join search_row r on r.id = search_tri.rowid';
    where.push(['search_tri match ?', triMatch]);
    score = 'bm25(search_tri)';
    if (bi.length > 0) where.push(['r.id in (select rowid from search_bi where search_bi match ?)', biMatch]);
  } else if (bi.length > 0) {
    from = 'search_bi join search_row r on r.id = search_bi.rowid';
    where.push(['search_bi match ?', biMatch]);
    score = 'bm25(search_bi)';
  }
  where.push(['r.space_id = ?', spaceId]);
  for (const t of like) where.push([`r.text like ? escape '\\'`, likeArg(t)]);
  for (const t of tri.filter(repeatsTrigram)) where.push(['instr(lower(r.text), ?) > 0', asciiLower(t)]);
  if (kind) where.push(['r.kind = ?', kind]);
  const args = where.map(([, a]) => a) as unknown[];
  if (tri.length > 0 || bi.length > 0) {
    // Newest week first: the hits are all in the weeks down to the limit-th hit's. A common term matches thousands of
    // rows; ranking (bm25) and sorting them all cost more than finding that week first and ranking only its and newer
    // weeks' rows (same result).
    const cutoff = statement(db, `select r.week from ${from} where ${where.map(([w]) => w).join(' and ')} order by r.week desc limit 1 offset ?`)
      .all(...args, limit - 1) as { week: string }[];
    if (cutoff.length > 0) where.push(['+r.week >= ?', cutoff[0].week]); // unary +: the FTS index still drives (not the week index)
  }
  const text = `select r.report_id, r.week, r.kind, r.block_id, r.project, r.progress, r.text, r.project_id
    from ${from} where ${where.map(([w]) => w).join(' and ')}
    order by r.week desc, ${NAMED}, ${score}, ${KIND_RANK}, r.position limit ?`;
  return statement(db, text).all(...(where.map(([, a]) => a) as unknown[]), terms[0], limit) as Row[];
}

/** Prepared statements by SQL text (a query's shape depends only on how many terms of each sort it has). */
const statements = new WeakMap<object, Map<string, { all(...args: unknown[]): unknown[] }>>();
function statement(db: Db, text: string) {
  let m = statements.get(db.sqlite!);
  if (!m) statements.set(db.sqlite!, (m = new Map()));
  let st = m.get(text);
  if (!st) m.set(text, (st = db.sqlite!.prepare(text)));
  return st;
}

async function searchPostgres(db: Db, spaceId: string, terms: string[], limit: number, kind?: string): Promise<Row[]> {
  let qb = db.k.selectFrom('search_row as r')
    .select(['r.report_id', 'r.week', 'r.kind', 'r.block_id', 'r.project', 'r.progress', 'r.text', 'r.project_id'])
    .where('r.space_id', '=', spaceId);
  // Two-character Chinese terms give pg_trgm nothing to look up: the bigram index (008_search_bigrams) finds their rows.
  const bi = terms.filter((t) => [...t].length === 2 && isCjk(t));
  if (bi.length > 0) qb = qb.where(sql<boolean>`string_to_array(r.grams, ' ') @> ${sql.val(bi)}::text[]`);
  // text_lower is lower(text), stored (010_search_text_lower): the pg_trgm index is over it, and rows read without an
  // index (terms of one or two Latin characters) are not lower-cased per query.
  for (const t of terms) qb = qb.where(sql<string>`r.text_lower`, 'like', likeArg(t.toLowerCase()));
  if (kind) qb = qb.where('r.kind', '=', kind);
  const named = sql`(case when r.project is not null and strpos(lower(r.project), lower(${terms[0]})) > 0 then 0 else 1 end)`;
  const rows = await qb.orderBy('r.week', 'desc').orderBy(named).orderBy(sql.raw(KIND_RANK)).orderBy(sql`length(r.text)`).orderBy('r.position').limit(limit).execute();
  return rows.map((r) => ({ ...r, kind: r.kind as SearchKind, progress: r.progress === null ? null : Number(r.progress) }));
}
