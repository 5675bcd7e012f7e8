import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { webApp } from '../helpers/webApp.js';
import { connect, eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { browserAs, openReport, p, poll, seedReport } from '../helpers/reportPage.js';

/**
 * Issue 13, first load: a report's shell opens the report's sync socket while the page is parsed and asks for the
 * document at once (server/shell.ts); the app's provider adopts that socket (web/editor/earlySocket.ts). What must
 * hold whatever the timing: one socket, the document sent once, edits flow both ways through the adopted socket, and
 * a shell socket that closed before the app came still ends in a synced, connected report.
 */
const web = webApp();

/** Every sync socket the page opens: whether the HTML was still being parsed (only the shell's inline script runs then), and the frames it received. */
function watchSockets(page: Page) {
  const sockets: { url: string; received: Buffer[] }[] = [];
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/api/sync/')) return;
    const s = { url: ws.url(), received: [] as Buffer[] };
    sockets.push(s);
    ws.on('framereceived', (f) => { if (typeof f.payload !== 'string') s.received.push(f.payload); });
  });
  return sockets;
}

const recordSocketCreation = (page: Page) => page.addInitScript(() => {
  const Native = window.WebSocket;
  const created: string[] = [];
  (window as unknown as { __created: string[] }).__created = created;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      created.push(document.readyState);
    }
  };
});

/** Sync step 2 frames (messageSync 0, step 2 = 1) that carry a document. */
const documents = (frames: Buffer[]) => frames.filter((f) => f[0] === 0 && f[1] === 1 && f.length > 200).length;

async function reportWithText(owner: TestUser, lines: string[]) {
  const spaceId = await spaceWith(owner, [], '首屏');
  const report = (await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json;
  await seedReport(owner, report.id, lines.map((l) => p(l)));
  return report.id as string;
}

const lines = Array.from({ length: 40 }, (_, i) => `第${i + 1}行：贝易转与收单的进展，早到的连接把文档先取回来。`);

it('a report opened at its address: the shell\'s socket is the only one, opened while the page was parsed; the document comes once; edits go both ways through it', async () => {
  const [owner] = await signedUp(web.server.base, 'FirstLoadOwner');
  const reportId = await reportWithText(owner, lines);
  const { context, page } = await browserAs(web.browser, web.server.base, owner);
  try {
    await recordSocketCreation(page);
    const sockets = watchSockets(page);
    await openReport(page, reportId);
    await poll(() => page.locator('.ProseMirror').innerText()).toContain(lines.at(-1)!);

    expect(sockets.map((s) => s.url)).toEqual([expect.stringMatching(new RegExp(`/api/sync/${reportId}$`))]);
    expect(await page.evaluate(() => (window as unknown as { __created: string[] }).__created)).toEqual(['loading']);
    expect(await page.evaluate(() => window.__cadenceEarlySocket)).toBeUndefined(); // adopted
    expect(documents(sockets[0].received)).toBe(1);

    // Typed here, seen by another client; typed there, seen here.
    await page.locator('.ProseMirror p').last().click();
    await page.keyboard.press('End');
    await page.keyboard.type('（页面写的）');
    const other = connect(owner, reportId);
    try {
      await other.synced;
      await eventually(async () => other.text().includes('（页面写的）'), 'the page\'s edit reached another client', 30_000, 100);
      other.doc.transact(() => {
        const para = new Y.XmlElement('paragraph');
        para.insert(0, [new Y.XmlText('（另一端写的）')]);
        other.frag.push([para]);
      });
      await poll(() => page.locator('.ProseMirror').innerText()).toContain('（另一端写的）');
    } finally { other.close(); }
    expect(sockets).toHaveLength(1);
  } finally {
    await context.close();
  }
});

it('the shell\'s socket closed before the app came to adopt it: the app opens its own and the report is synced and connected', async () => {
  const [owner] = await signedUp(web.server.base, 'FirstLoadClosed');
  const reportId = await reportWithText(owner, lines.slice(0, 5));
  const { context, page } = await browserAs(web.browser, web.server.base, owner);
  try {
    const sockets = watchSockets(page);
    // Hold the app's entry chunk back until the shell's socket is closed.
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => { await held; await route.continue(); });
    await page.goto(`/r/${reportId}`, { waitUntil: 'commit' });
    await poll(() => page.evaluate(() => window.__cadenceEarlySocket?.ws.readyState ?? null)).toBe(1) // OPEN;
    await page.evaluate(() => window.__cadenceEarlySocket!.ws.close());
    await poll(() => page.evaluate(() => window.__cadenceEarlySocket?.ws.readyState ?? null)).toBe(3) // CLOSED;
    release();

    await poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('connected');
    await poll(() => page.locator('.ProseMirror').innerText()).toContain(lines[4]);
    expect(sockets.length).toBeGreaterThanOrEqual(2); // the shell's, then the provider's own
    await page.locator('.ProseMirror p').last().click();
    await page.keyboard.press('End');
    await page.keyboard.type('（重连后写的）');
    const other = connect(owner, reportId);
    try {
      await other.synced;
      await eventually(async () => other.text().includes('（重连后写的）'), 'the edit after the reconnect reached another client', 30_000, 100);
    } finally { other.close(); }
  } finally {
    await context.close();
  }
});

it('edits made offline and kept in the browser reach the server when the report is opened again, even when the document comes after the app took the shell\'s socket', async () => {
  const [owner] = await signedUp(web.server.base, 'FirstLoadOffline');
  const reportId = await reportWithText(owner, lines.slice(0, 3));
  const { context, page } = await browserAs(web.browser, web.server.base, owner);
  try {
    await openReport(page, reportId);
    await context.setOffline(true);
    await page.locator('.ProseMirror p').last().click();
    await page.keyboard.press('End');
    await page.keyboard.type('（离线写的）');
    await page.waitForTimeout(500); // y-indexeddb stores it
    await page.close();
    await context.setOffline(false);

    // The server's answer with the document is held back 1.5 s, so the app adopts the shell's socket first and the
    // offline copy loads from IndexedDB before the document has come.
    const again = await context.newPage();
    await again.routeWebSocket(/\/api\/sync\//, (ws) => {
      const toServer = ws.connectToServer();
      ws.onMessage((m) => toServer.send(m));
      toServer.onMessage((m) => {
        const b = typeof m === 'string' ? null : m;
        if (b && b[0] === 0 && b[1] === 1 && b.length > 200) setTimeout(() => ws.send(m), 1500);
        else ws.send(m);
      });
    });
    await again.goto(`/r/${reportId}`);
    const other = connect(owner, reportId);
    try {
      await other.synced;
      await eventually(async () => other.text().includes('（离线写的）'), 'the offline edit reached the server', 30_000, 100);
    } finally { other.close(); }
    await poll(() => again.getByTestId('connection').getAttribute('data-state')).toBe('connected');
  } finally {
    await context.close();
  }
});
