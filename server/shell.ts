import fs from 'node:fs';
import path from 'node:path';
import type { Context } from 'hono';
import type { Deps } from './routes/deps.js';
import { requireReport } from './domain/reports.js';

/**
 * The app shell for a report's address, `/r/:reportId` (issue 13, first load). When the request carries a session
 * that may read the report, the shell names what the page will need at once, so none of it waits on the app's
 * own code to ask:
 *
 *   - `<link rel="modulepreload">` for the report page's chunks (the editor, the signed-in frame, the live-document
 *     session), from Vite's manifest: fetched alongside the entry chunk instead of after it has run;
 *   - `<script id="cadence-boot" type="application/json">` with the report as `GET /api/reports/:id` answers it,
 *     which the app puts in its query cache and from which it opens the report's socket before React has mounted
 *     (web/lib/boot.ts, web/routes.tsx), and the session as `GET /api/auth/get-session` answers it (its token left
 *     out: the page has no use for it), so the editor does not wait for that round trip either;
 *   - a small inline script that opens the report's sync socket at once and asks for the whole document (sync step 1
 *     with an empty state vector), keeping what arrives until the app's provider adopts the socket
 *     (web/editor/earlySocket.ts): the document is here by the time the editor's code has run.
 *
 * Anyone else (no session, not a member, any other address) gets the static shell: nothing is preloaded that the
 * page will not use, and no request is made that would be refused. The answer holds the person's data, so it is
 * never stored by caches.
 */
export function reportShell(d: Pick<Deps, 'auth' | 'db'>, webDist: string) {
  let loaded: { template: string; preload: string } | null | undefined;
  const load = () => {
    if (loaded !== undefined) return loaded;
    try {
      const template = fs.readFileSync(path.join(webDist, 'index.html'), 'utf8');
      const manifest = JSON.parse(fs.readFileSync(path.join(webDist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
      loaded = { template, preload: preloadTags(manifest, ['pages/ReportPage.tsx', 'components/AppLayout.tsx']) };
    } catch {
      loaded = null; // a build without a manifest: the static shell
    }
    return loaded;
  };

  return async (c: Context): Promise<Response | null> => {
    const m = /^\/r\/([^/]+)\/?$/.exec(c.req.path);
    if (!m || !c.req.header('cookie')) return null;
    const shell = load();
    if (!shell) return null;
    const session = await d.auth.api.getSession({ headers: c.req.raw.headers }).catch(() => null);
    if (!session) return null;
    let reportId: string;
    try { reportId = decodeURIComponent(m[1]); } catch { return null; }
    const found = await requireReport(d.db, reportId, session.user.id).catch(() => null);
    if (!found) return null;
    // `<` escaped: the JSON cannot end the script element, whatever a title holds.
    const { token: _token, ...sessionFields } = session.session;
    const boot = JSON.stringify({ report: { ...found.report, role: found.role }, session: { session: sessionFields, user: session.user } })
      .replace(/</g, '\\u003c');
    const head = `${earlySocketScript(reportId)}${shell.preload}<script id="cadence-boot" type="application/json">${boot}</script>`;
    const html = shell.template.replace('</head>', `${head}</head>`);
    return c.body(html, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', Vary: 'Accept-Encoding, Cookie' });
  };
}

/**
 * Opens `/api/sync/:reportId` as the page is parsed, before any module has loaded, and sends sync step 1 for an empty
 * document ([messageSync, step1, state vector of length 1: no clients]); messages are kept in order until the provider
 * adopts the socket (web/editor/earlySocket.ts, the other half of this). Not adopted within 20 s (the person went
 * elsewhere): closed. Only the report's id is interpolated, as a JSON string with `<` escaped.
 */
export function earlySocketScript(reportId: string): string {
  const id = JSON.stringify(reportId).replace(/</g, '\\u003c');
  return `<script>(function(){try{var id=${id},w=new WebSocket(location.origin.replace(/^http/,'ws')+'/api/sync/'+id),e={url:w.url,ws:w,queue:[],adopted:false};`
    + `w.binaryType='arraybuffer';w.addEventListener('open',function(){w.send(new Uint8Array([0,0,1,0]));e.asked=true});`
    + `w.addEventListener('message',function(m){if(!e.adopted)e.queue.push(m)});w.addEventListener('close',function(c){if(!e.adopted)e.closed=c});`
    + `setTimeout(function(){if(!e.adopted)w.close()},20000);window.__cadenceEarlySocket=e}catch(x){}})()</script>`;
}

interface ManifestChunk { file: string; imports?: string[]; css?: string[]; isEntry?: boolean }

/**
 * Link tags for the chunks of `entries` and everything they import statically, the entry's
 * own left out (the page has it); their stylesheets too, so the page does not wait for them when its chunk runs.
 */
export function preloadTags(manifest: Record<string, ManifestChunk>, entries: string[]): string {
  const js: string[] = [];
  const css: string[] = [];
  const seen = new Set<string>();
  const walk = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key) || chunk.isEntry) return;
    seen.add(key);
    for (const i of chunk.imports ?? []) walk(i);
    js.push(chunk.file);
    css.push(...(chunk.css ?? []));
  };
  for (const e of entries) walk(e);
  return [...new Set(css)].map((f) => `<link rel="stylesheet" crossorigin href="/${f}">`).join('')
    + js.map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`).join('');
}
