import crypto from 'node:crypto';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendParagraph, connect, eventually, signedUp, spaceWith, TestUser } from '../helpers/client.js';
import { readSample } from '../helpers/samples.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Route × role matrix over every HTTP route the app registers (issue 9): each route is called by the six
 * kinds of caller (owner, editor, commenter, viewer of the space; a member of another space; no session),
 * the status class must be the one the table gives, and a refused request must have written nothing: the
 * database's meaningful content (accounts, sessions, spaces, members, reports, comments, notifications,
 * history, document content) is fingerprinted before and after, and the route's own list, read back through
 * the API by the owner, is unchanged. A member of another space must get exactly what an unknown id gets
 * (404, same body), so ids of other spaces do not leak. A last test checks that the table names every route
 * of the running app, so a new route cannot be added without deciding who may call it.
 */

const CALLERS = ['owner', 'editor', 'commenter', 'viewer', 'outsider', 'anonymous'] as const;
type Caller = (typeof CALLERS)[number];
type Expect = '2xx' | '401' | '403' | '404' | '409';

/** One expectation per caller, in the order of CALLERS. */
const PUBLIC = '2xx 2xx 2xx 2xx 2xx 2xx';
const ANY_USER = '2xx 2xx 2xx 2xx 2xx 401'; // the caller's own things (spaces list, inbox)
const READ = '2xx 2xx 2xx 2xx 404 401'; // any member of the space reads
const COMMENT = '2xx 2xx 2xx 403 404 401'; // viewers read only
const EDIT = '2xx 2xx 403 403 404 401'; // owner and editor
const OWNER = '2xx 403 403 403 404 401'; // owners only

interface Prepared { path: string; body?: unknown; headers?: Record<string, string> }
interface Res { status: number; json: any; text: string; headers: Headers }
interface Row {
  /** As registered in Hono: `METHOD /path/:param`. */
  route: string;
  /** Several rows may test one route (e.g. PATCH a comment: resolve, or edit its body). */
  variant?: string;
  expect: string;
  /** Path and body of one call; run again for every cell, so that each allowed write has a fresh target. */
  prepare: (caller: Caller) => Promise<Prepared> | Prepared;
  /** What a refused write must leave unchanged, read back through the API (as the owner). */
  observe?: (p: Prepared) => Promise<unknown>;
  /** Extra checks on an answer in the 2xx class. */
  check?: (r: Res, caller: Caller, p: Prepared) => void | Promise<void>;
}

let s: TestServer;
let users: Record<Exclude<Caller, 'anonymous'>, TestUser>;
let anonymous: TestUser;
let spaceId: string; // the space of owner, editor, commenter, viewer
let otherSpaceId: string; // the outsider's own space
let reportId: string;
let snapshotId: string;
let blockId: string; // an OKR item of the report, for comments to hang on
const caller = (c: Caller) => (c === 'anonymous' ? anonymous : users[c]);

let weekSeq = 0;
/** A week no report of the space has: odd weeks only, so that the week after is free too (POST …/next). */
const freshWeek = () => {
  const n = weekSeq++;
  return `${2030 + Math.floor(n / 26)}-W${String(2 * (n % 26) + 1).padStart(2, '0')}`;
};

/** A request as a browser makes it (cookie and Origin); an event stream is answered by its headers only. */
async function send(u: TestUser, method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
  const h: Record<string, string> = { origin: s.base, ...headers };
  if (u.cookie) h.cookie = u.cookie;
  let payload: string | undefined;
  if (typeof body === 'string') payload = body;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    h['content-type'] ??= 'application/json';
  }
  const r = await fetch(s.base + p, { method, headers: h, body: payload, redirect: 'manual', signal: AbortSignal.timeout(15_000) });
  let text = '';
  if ((r.headers.get('content-type') ?? '').includes('text/event-stream')) await r.body?.cancel();
  else text = await r.text();
  let json: any = null;
  try { json = JSON.parse(text); } catch {}
  return { status: r.status, json, text, headers: r.headers };
}

const ok = async (r: Promise<Res> | Res, status = 2) => {
  const x = await r;
  if (Math.floor(x.status / 100) !== status) throw new Error(`setup call answered ${x.status}: ${x.text.slice(0, 300)}`);
  return x;
};
const asOwner = (method: string, p: string, body?: unknown, headers?: Record<string, string>) => ok(send(users.owner, method, p, body, headers));

/** The folded content of every stored document (independent of how the log is compacted). */
function documents(sqlite: NonNullable<TestServer['db']['sqlite']>) {
  const ids = sqlite.prepare('select doc_id from doc_update union select doc_id from doc_snapshot order by 1').all() as { doc_id: string }[];
  return ids.map(({ doc_id }) => {
    const doc = new Y.Doc();
    const snap = sqlite.prepare('select data from doc_snapshot where doc_id = ?').get(doc_id) as { data: Buffer } | undefined;
    if (snap) Y.applyUpdate(doc, new Uint8Array(snap.data));
    for (const u of sqlite.prepare('select data from doc_update where doc_id = ? order by id').all(doc_id) as { data: Buffer }[]) Y.applyUpdate(doc, new Uint8Array(u.data));
    const text = doc.getXmlFragment('default').toString();
    doc.destroy();
    return [doc_id, text];
  });
}

/**
 * What a request may write, read straight from the server's SQLite file. Left out: what background work changes
 * on its own after earlier successful writes (report.updated_at, the search index, how the update log is compacted).
 */
function fingerprint() {
  const sqlite = s.db.sqlite!;
  const all = (q: string) => sqlite.prepare(q).all();
  return JSON.stringify({
    user: all('select id, name, email from user order by id'),
    session: all('select id, userId from session order by id'),
    account: all('select id, userId, password from account order by id'),
    space: all('select id, name, objectives from space order by id'),
    member: all('select space_id, user_id, role from member order by space_id, user_id'),
    report: all('select id, space_id, week, title from report order by id'),
    comment: all('select id, report_id, block_id, parent_id, author_id, body, anchor, resolved from comment order by id'),
    notification: all('select id, user_id, kind, comment_id, read from notification order by id'),
    history: all('select id, report_id, reason from report_history order by id'),
    mention: all('select report_id, user_id, place from doc_mention order by 1, 2, 3'),
    project: all('select space_id, key, merged_into from project order by 1, 2'),
    projectAlias: all('select space_id, name_key, project_key from project_alias order by 1, 2'),
    docs: documents(sqlite),
  });
}

const reportsOf = async (space: string) => (await asOwner('GET', `/api/spaces/${space}/reports`)).json.map(({ updatedAt: _, ...r }: any) => r);
const commentsOf = async (report: string) => (await asOwner('GET', `/api/reports/${report}/comments`)).json;

/** A member of the space with no other role in the matrix: the target of member changes. */
async function freshMember(role: string, space = spaceId) {
  const [u] = await signedUp(s.base, 'Target');
  await asOwner('POST', `/api/spaces/${space}/members`, { email: u.email, role });
  return u;
}
/** A space of its own with the same four members, for rows whose allowed call would change the members of the matrix. */
const freshSpace = () => spaceWith(users.owner, [[users.editor, 'editor'], [users.commenter, 'commenter'], [users.viewer, 'viewer']], 'Scratch');
const freshReport = async () => (await asOwner('POST', `/api/spaces/${spaceId}/reports`, { week: freshWeek() })).json.id as string;
/** Projects of their own (issue 12): an imported week whose OKR items name new projects; their keys, in order. */
async function freshProjects(n: number): Promise<{ key: string; name: string }[]> {
  const tag = crypto.randomUUID().slice(0, 8);
  const names = Array.from({ length: n }, (_, i) => `项目${tag}${'ABCDEFGH'[i]}`);
  const md = `# x\n\n## 【O1 业务服务】\n\n${names.map((name) => `- ${name}：进度10%`).join('\n')}\n`;
  const r = await asOwner('POST', `/api/spaces/${spaceId}/import?week=${freshWeek()}`, md, { 'content-type': 'text/markdown' });
  const items = (await asOwner('GET', `/api/reports/${r.json.report.id}/items`)).json;
  return names.map((name) => ({ name, key: items.okrs.find((o: any) => o.project === name).projectKey }));
}
const projectsOf = async () => (await asOwner('GET', `/api/spaces/${spaceId}/projects`)).json;
const freshComment = async () => (await asOwner('POST', `/api/reports/${reportId}/comments`, { blockId, body: `note ${crypto.randomUUID()}` })).json.id as string;

const TABLE: Row[] = [
  { route: 'GET /api/health', expect: PUBLIC, prepare: () => ({ path: '/api/health' }), check: (r) => expect(r.json).toEqual({ ok: true }) },
  { route: 'GET /api/ready', expect: PUBLIC, prepare: () => ({ path: '/api/ready' }), check: (r) => expect(r.json).toEqual({ ok: true, checks: { database: true } }) },
  {
    route: 'GET /api/auth/*', variant: 'get-session', expect: PUBLIC, prepare: () => ({ path: '/api/auth/get-session' }),
    check: (r, c) => expect(r.json?.user?.id ?? null).toBe(c === 'anonymous' ? null : users[c as Exclude<Caller, 'anonymous'>].id),
  },
  {
    route: 'POST /api/auth/*', variant: 'sign-in with a wrong password', expect: '401 401 401 401 401 401',
    prepare: (c) => ({ path: '/api/auth/sign-in/email', body: { email: c === 'anonymous' ? 'nobody@example.com' : users[c].email, password: 'not the password 1' } }),
  },

  // Spaces and members
  {
    route: 'POST /api/spaces', expect: ANY_USER, prepare: () => ({ path: '/api/spaces', body: { name: 'Own space' } }),
    check: async (r, c) => expect((await send(caller(c), 'GET', '/api/spaces')).json).toContainEqual({ id: r.json.id, name: 'Own space', role: 'owner' }),
  },
  {
    route: 'GET /api/spaces', expect: ANY_USER, prepare: () => ({ path: '/api/spaces' }),
    check: (r, c) => {
      const mine = r.json.find((x: any) => x.id === spaceId);
      if (c === 'outsider') expect(mine).toBeUndefined();
      else expect(mine?.role).toBe(c);
    },
  },
  { route: 'GET /api/spaces/:spaceId/members', expect: READ, prepare: () => ({ path: `/api/spaces/${spaceId}/members` }) },
  {
    route: 'POST /api/spaces/:spaceId/members', variant: 'add a new member', expect: OWNER,
    prepare: async () => ({ path: `/api/spaces/${spaceId}/members`, body: { email: (await signedUp(s.base, 'Newcomer'))[0].email, role: 'editor' } }),
    observe: async () => (await asOwner('GET', `/api/spaces/${spaceId}/members`)).json,
  },
  {
    // Issue 9: the sole owner cannot leave a space without an owner (409, like removing themself).
    route: 'POST /api/spaces/:spaceId/members', variant: 'sole owner demotes themself', expect: '409 403 403 403 404 401',
    prepare: async () => ({ path: `/api/spaces/${await freshSpace()}/members`, body: { email: users.owner.email, role: 'viewer' } }),
    observe: async (p) => (await asOwner('GET', p.path)).json,
  },
  {
    route: 'POST /api/spaces/:spaceId/members', variant: 'invite an email no account uses yet', expect: OWNER,
    prepare: async () => ({ path: `/api/spaces/${spaceId}/members`, body: { email: `invitee-${crypto.randomUUID()}@example.com`, role: 'editor' } }),
    observe: async () => (await asOwner('GET', `/api/spaces/${spaceId}/invites`)).json,
  },
  { route: 'GET /api/spaces/:spaceId/invites', expect: OWNER, prepare: () => ({ path: `/api/spaces/${spaceId}/invites` }) },
  {
    route: 'DELETE /api/spaces/:spaceId/invites/:email', variant: 'revoke an invitation', expect: OWNER,
    prepare: async () => {
      const email = `revoked-${crypto.randomUUID()}@example.com`;
      await asOwner('POST', `/api/spaces/${spaceId}/members`, { email, role: 'viewer' });
      return { path: `/api/spaces/${spaceId}/invites/${encodeURIComponent(email)}` };
    },
    observe: async () => (await asOwner('GET', `/api/spaces/${spaceId}/invites`)).json,
  },
  {
    route: 'DELETE /api/spaces/:spaceId/members/:userId', variant: 'remove a viewer', expect: OWNER,
    prepare: async () => ({ path: `/api/spaces/${spaceId}/members/${(await freshMember('viewer')).id}` }),
    observe: async () => (await asOwner('GET', `/api/spaces/${spaceId}/members`)).json,
  },
  {
    route: 'DELETE /api/spaces/:spaceId/members/:userId', variant: 'sole owner removes themself', expect: '409 403 403 403 404 401',
    prepare: async () => ({ path: `/api/spaces/${await freshSpace()}/members/${users.owner.id}` }),
    observe: async (p) => (await asOwner('GET', p.path.replace(/\/[^/]+$/, ''))).json,
  },
  { route: 'GET /api/spaces/:spaceId/objectives', expect: READ, prepare: () => ({ path: `/api/spaces/${spaceId}/objectives` }) },
  {
    route: 'PUT /api/spaces/:spaceId/objectives', expect: OWNER,
    prepare: () => ({ path: `/api/spaces/${spaceId}/objectives`, body: [{ code: 'O1', title: `业务服务 ${weekSeq++}` }, { code: 'O2', title: '能力升级' }] }),
    observe: async () => (await asOwner('GET', `/api/spaces/${spaceId}/objectives`)).json,
  },

  // Reports
  {
    route: 'POST /api/spaces/:spaceId/reports', expect: EDIT, prepare: () => ({ path: `/api/spaces/${spaceId}/reports`, body: { week: freshWeek() } }),
    observe: () => reportsOf(spaceId),
  },
  { route: 'GET /api/spaces/:spaceId/reports', expect: READ, prepare: () => ({ path: `/api/spaces/${spaceId}/reports` }) },
  {
    route: 'GET /api/reports/:reportId', expect: READ, prepare: () => ({ path: `/api/reports/${reportId}` }),
    check: (r, c) => expect(r.json).toMatchObject({ id: reportId, spaceId, role: c }),
  },
  {
    route: 'POST /api/reports/:reportId/next', expect: EDIT, prepare: async () => ({ path: `/api/reports/${await freshReport()}/next` }),
    observe: () => reportsOf(spaceId),
  },
  { route: 'GET /api/reports/:reportId/neighbours', expect: READ, prepare: () => ({ path: `/api/reports/${reportId}/neighbours` }) },
  { route: 'GET /api/reports/:reportId/items', expect: READ, prepare: () => ({ path: `/api/reports/${reportId}/items` }) },
  {
    route: 'GET /api/reports/:reportId/markdown', expect: READ, prepare: () => ({ path: `/api/reports/${reportId}/markdown` }),
    check: (r) => expect(r.headers.get('content-type')).toMatch(/^text\/markdown/),
  },
  {
    route: 'POST /api/spaces/:spaceId/import', expect: EDIT,
    prepare: () => ({ path: `/api/spaces/${spaceId}/import?week=${freshWeek()}`, body: readSample('2024-W12'), headers: { 'content-type': 'text/markdown' } }),
    observe: () => reportsOf(spaceId),
  },

  // Comments and events
  { route: 'GET /api/reports/:reportId/comments', expect: READ, prepare: () => ({ path: `/api/reports/${reportId}/comments` }) },
  {
    route: 'POST /api/reports/:reportId/comments', expect: COMMENT,
    prepare: () => ({ path: `/api/reports/${reportId}/comments`, body: { blockId, body: `a remark ${crypto.randomUUID()}` } }),
    observe: () => commentsOf(reportId),
  },
  {
    route: 'PATCH /api/comments/:commentId', variant: 'resolve', expect: COMMENT,
    prepare: async () => ({ path: `/api/comments/${await freshComment()}`, body: { resolved: true } }),
    observe: () => commentsOf(reportId),
  },
  {
    route: 'PATCH /api/comments/:commentId', variant: "edit the owner's body (author only)", expect: OWNER,
    prepare: async () => ({ path: `/api/comments/${await freshComment()}`, body: { body: 'rewritten' } }),
    observe: () => commentsOf(reportId),
  },
  { route: 'GET /api/reports/:reportId/events', expect: READ, prepare: () => ({ path: `/api/reports/${reportId}/events` }) },

  // History
  { route: 'GET /api/reports/:reportId/history', expect: READ, prepare: () => ({ path: `/api/reports/${reportId}/history` }) },
  {
    route: 'POST /api/reports/:reportId/history', expect: EDIT, prepare: () => ({ path: `/api/reports/${reportId}/history` }),
    observe: async () => (await asOwner('GET', `/api/reports/${reportId}/history`)).json,
  },
  { route: 'GET /api/reports/:reportId/history/:snapshotId', expect: READ, prepare: () => ({ path: `/api/reports/${reportId}/history/${snapshotId}` }) },
  {
    // A report whose content differs from its snapshot, so that a restore that went through would show.
    route: 'POST /api/reports/:reportId/history/:snapshotId/restore', expect: EDIT,
    prepare: async () => {
      const id = await freshReport();
      const snap = (await asOwner('POST', `/api/reports/${id}/history`)).json.id;
      const marker = `typed after the snapshot ${crypto.randomUUID()}`;
      const conn = connect(users.owner, id);
      await conn.synced;
      appendParagraph(conn, marker);
      await eventually(async () => (await asOwner('GET', `/api/reports/${id}/markdown`)).text.includes(marker), 'edit stored');
      conn.close();
      return { path: `/api/reports/${id}/history/${snap}/restore` };
    },
    observe: async (p) => {
      const report = p.path.split('/')[3];
      return [(await asOwner('GET', `/api/reports/${report}/markdown`)).text, (await asOwner('GET', `/api/reports/${report}/history`)).json];
    },
  },

  // Inbox
  { route: 'GET /api/notifications', expect: ANY_USER, prepare: () => ({ path: '/api/notifications' }) },
  { route: 'POST /api/notifications/read', expect: ANY_USER, prepare: () => ({ path: '/api/notifications/read', body: { all: true } }) },
  { route: 'GET /api/notifications/events', variant: 'own inbox', expect: ANY_USER, prepare: () => ({ path: '/api/notifications/events' }) },
  { route: 'GET /api/notifications/events', variant: '?report=', expect: READ, prepare: () => ({ path: `/api/notifications/events?report=${reportId}` }) },

  // Search and rollups
  { route: 'GET /api/spaces/:spaceId/search', expect: READ, prepare: () => ({ path: `/api/spaces/${spaceId}/search?q=${encodeURIComponent('物保')}` }) },
  { route: 'GET /api/spaces/:spaceId/projects/:project/timeline', expect: READ, prepare: () => ({ path: `/api/spaces/${spaceId}/projects/${encodeURIComponent('物保三期')}/timeline` }) },
  { route: 'GET /api/spaces/:spaceId/kpis/:name/series', expect: READ, prepare: () => ({ path: `/api/spaces/${spaceId}/kpis/${encodeURIComponent('入金有效成功率')}/series` }) },
  { route: 'GET /api/spaces/:spaceId/incidents/summary', expect: READ, prepare: () => ({ path: `/api/spaces/${spaceId}/incidents/summary?from=2024-01-01&to=2024-12-31` }) },
  { route: 'GET /api/spaces/:spaceId/incidents', expect: READ, prepare: () => ({ path: `/api/spaces/${spaceId}/incidents?from=2024-01-01&to=2024-12-31` }) },
  { route: 'GET /api/spaces/:spaceId/dashboard', expect: READ, prepare: () => ({ path: `/api/spaces/${spaceId}/dashboard` }) },

  // The weekly rhythm (issue 15)
  { route: 'GET /api/reports/:reportId/status', expect: READ, prepare: () => ({ path: `/api/reports/${reportId}/status` }) },
  { route: 'GET /api/reports/:reportId/changes', expect: READ, prepare: () => ({ path: `/api/reports/${reportId}/changes` }) },
  {
    route: 'POST /api/reports/:reportId/remind', expect: EDIT, prepare: () => ({ path: `/api/reports/${reportId}/remind`, body: {} }),
    observe: async () => (await asOwner('GET', `/api/reports/${reportId}/status`)).json,
  },
  {
    route: 'GET /api/spaces/:spaceId/summary', expect: READ, prepare: () => ({ path: `/api/spaces/${spaceId}/summary?from=2024-W01&to=2024-W52` }),
    check: (r) => expect(r.headers.get('content-type')).toMatch(/^text\/markdown/),
  },
  { route: 'GET /api/spaces/:spaceId/documents', expect: READ, prepare: () => ({ path: `/api/spaces/${spaceId}/documents` }) },
  {
    route: 'POST /api/spaces/:spaceId/documents', expect: EDIT,
    prepare: () => ({ path: `/api/spaces/${spaceId}/documents`, body: { title: `总结 ${weekSeq++}`, markdown: '# 周期总结' } }),
    observe: async () => (await asOwner('GET', `/api/spaces/${spaceId}/documents`)).json,
  },
  {
    route: 'GET /api/documents/:documentId', expect: READ,
    prepare: async () => ({ path: `/api/documents/${(await asOwner('POST', `/api/spaces/${spaceId}/documents`, { title: 'read me', markdown: '# x' })).json.id}` }),
  },
  { route: 'GET /api/spaces/:spaceId/rhythm', expect: READ, prepare: () => ({ path: `/api/spaces/${spaceId}/rhythm` }) },
  {
    route: 'PATCH /api/spaces/:spaceId/rhythm', expect: OWNER,
    prepare: () => ({ path: `/api/spaces/${spaceId}/rhythm`, body: { deadline: { weekday: 1 + (weekSeq++ % 7), time: '16:30', timeZone: 'Asia/Shanghai' } } }),
    observe: async () => (await asOwner('GET', `/api/spaces/${spaceId}/rhythm`)).json,
  },

  // Projects (issue 12): any member lists them; owners merge and split their names.
  { route: 'GET /api/spaces/:spaceId/projects', expect: READ, prepare: () => ({ path: `/api/spaces/${spaceId}/projects` }) },
  {
    route: 'POST /api/spaces/:spaceId/projects/merge', expect: OWNER,
    prepare: async () => {
      const [a, b] = await freshProjects(2);
      return { path: `/api/spaces/${spaceId}/projects/merge`, body: { from: b.key, into: a.key } };
    },
    observe: projectsOf,
  },
  {
    route: 'POST /api/spaces/:spaceId/projects/:projectKey/split', expect: OWNER,
    prepare: async () => {
      const [a, b] = await freshProjects(2);
      await asOwner('POST', `/api/spaces/${spaceId}/projects/merge`, { from: b.key, into: a.key });
      return { path: `/api/spaces/${spaceId}/projects/${a.key}/split`, body: { alias: b.name } };
    },
    observe: projectsOf,
  },
];

const expected = (row: Row, c: Caller) => {
  const e = row.expect.split(/\s+/)[CALLERS.indexOf(c)] as Expect;
  if (!e) throw new Error(`row ${row.route} has no expectation for ${c}`);
  return e;
};
const matches = (status: number, e: Expect) => (e === '2xx' ? status >= 200 && status < 300 : status === Number(e));

/** The concrete path with the first id of the route (the space, report or comment it is scoped to) replaced by an unknown one. */
function withUnknownId(row: Row, p: string) {
  const [pathPart, query = ''] = p.split('?');
  const pattern = row.route.split(' ')[1].split('/');
  const segs = pathPart.split('/');
  const i = pattern.findIndex((x) => x.startsWith(':'));
  if (i >= 0) segs[i] = crypto.randomUUID();
  const q = query.replace(/(report=)[^&]+/, `$1${crypto.randomUUID()}`);
  return segs.join('/') + (q ? `?${q}` : '');
}

let cells = 0;
const failedCells: string[] = [];

beforeAll(async () => {
  s = await startTestServer();
  const [owner, editor, commenter, viewer, outsider] = await signedUp(s.base, 'Owner', 'Editor', 'Commenter', 'Viewer', 'Outsider');
  users = { owner, editor, commenter, viewer, outsider };
  anonymous = new TestUser(s.base, 'Anonymous');
  spaceId = await spaceWith(owner, [[editor, 'editor'], [commenter, 'commenter'], [viewer, 'viewer']]);
  otherSpaceId = await spaceWith(outsider, [], 'Elsewhere');
  // A report with real content (imported from a sample), one snapshot of it, one comment on it.
  reportId = (await asOwner('POST', `/api/spaces/${spaceId}/import?week=2024-W12`, readSample('2024-W12'), { 'content-type': 'text/markdown' })).json.report.id;
  blockId = (await asOwner('GET', `/api/reports/${reportId}/items`)).json.okrs[0].blockId;
  snapshotId = (await asOwner('POST', `/api/reports/${reportId}/history`)).json.id;
  await freshComment();
  // The outsider's space has a report too: they are a real member of a real space, just not this one.
  await ok(send(outsider, 'POST', `/api/spaces/${otherSpaceId}/reports`, { week: '2024-W12' }));
});

afterAll(async () => {
  const routes = new Set(TABLE.map((r) => r.route)).size;
  console.log(`route × role matrix: ${routes} routes (${TABLE.length} rows with variants) × ${CALLERS.length} callers = ${cells} cells run` +
    (failedCells.length ? `; ${failedCells.length} failed:\n  ${failedCells.join('\n  ')}` : '; all passed'));
  await s?.close();
});

describe('route × role matrix', () => {
  for (const row of TABLE) {
    for (const c of CALLERS) {
      const e = expected(row, c);
      const name = `${row.route}${row.variant ? ` [${row.variant}]` : ''} as ${c} → ${e}`;
      it(name, async () => {
        cells++;
        try {
          const p = await row.prepare(c);
          const [method, pattern] = row.route.split(' ');
          // The call is an instance of the route the row claims to test.
          expect(p.path.split('?')[0]).toMatch(new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, '[^/]+').replace('*', '.+')}$`));
          const before = e === '2xx' ? null : { db: fingerprint(), api: await row.observe?.(p) };
          const r = await send(caller(c), method, p.path, p.body, p.headers);
          expect(r.status, `${method} ${p.path} as ${c}: ${r.text.slice(0, 300)}`).toSatisfy((st: number) => matches(st, e));
          if (e === '2xx') {
            await row.check?.(r, c, p);
            return;
          }
          // Refused: the contract's error shape (better-auth answers in its own), and nothing written.
          if (!p.path.startsWith('/api/auth/')) expect(r.json?.error).toEqual({ code: expect.any(String), message: expect.any(String) });
          expect(fingerprint(), 'a refused request changed the database').toBe(before!.db);
          if (row.observe) expect(await row.observe(p), 'a refused request changed what the API shows').toEqual(before!.api);
          // A member of another space learns nothing: the answer is the one an unknown id gets.
          if (c === 'outsider' && e === '404') {
            const unknown = await send(caller(c), method, withUnknownId(row, p.path), p.body, p.headers);
            expect({ status: unknown.status, json: unknown.json }, 'outsider and unknown id answered differently').toEqual({ status: r.status, json: r.json });
          }
        } catch (err) {
          failedCells.push(name);
          throw err;
        }
      });
    }
  }

  it('covers every route the running app registers, and only those', () => {
    const app = (s as unknown as { app?: { routes: { method: string; path: string; handler: (...a: unknown[]) => unknown }[] } }).app;
    expect(app, 'startServer() must return the Hono app as `app`').toBeDefined();
    // app.use() middleware (body limit, origin check, session) registers as ALL with a handler that takes next;
    // every other entry is a route (validators sit on a route's own method and path, and collapse into it).
    const isMiddleware = (r: { method: string; handler: (...a: unknown[]) => unknown }) => r.method === 'ALL' && r.handler.length >= 2;
    const registered = new Set(app!.routes.filter((r) => !isMiddleware(r)).map((r) => `${r.method} ${r.path}`));
    const tabled = new Set(TABLE.map((r) => r.route));
    expect([...registered].filter((r) => !tabled.has(r)), 'routes with no row in the table').toEqual([]);
    expect([...tabled].filter((r) => !registered.has(r)), 'rows for routes the app does not have').toEqual([]);
    console.log(`routes registered by the app: ${registered.size} (besides ${app!.routes.filter(isMiddleware).length} middleware entries); rows in the table: ${TABLE.length}`);
  });
});
