import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { expect, it } from 'vitest';
import { personContext, signInContext } from '../helpers/browser.js';
import { webApp } from '../helpers/webApp.js';
import { connect, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { startTestServer, tempDataDir } from '../helpers/server.js';

/**
 * Offline edits: what a person types while the server is away is kept in the browser (IndexedDB), even if they
 * close the tab, and reaches everyone once the server is back.
 */
const dataDir = tempDataDir();
const web = webApp({ dataDir });

const editorOf = (page: Page) => page.locator('.ProseMirror');
const state = (page: Page) => expect.poll(() => page.getByTestId('connection').getAttribute('data-state'), { timeout: 20_000 });

/** The report as the page keeps it in IndexedDB (y-indexeddb's 'updates' store), read back into a Yjs document. */
async function storedText(page: Page, name: string) {
  const updates = await page.evaluate((name) => new Promise<number[][]>((resolve, reject) => {
    const open = indexedDB.open(name);
    // No such database: abort, so that this probe does not create an empty one.
    open.onupgradeneeded = () => open.transaction!.abort();
    open.onerror = () => (open.error?.name === 'AbortError' ? resolve([]) : reject(open.error));
    open.onsuccess = () => {
      try {
        const all = open.result.transaction('updates', 'readonly').objectStore('updates').getAll();
        all.onerror = () => reject(all.error);
        all.onsuccess = () => { resolve(all.result.map((u: Uint8Array) => Array.from(u))); open.result.close(); };
      } catch (e) {
        open.result.close();
        reject(e);
      }
    };
  }), name);
  const doc = new Y.Doc();
  try {
    for (const u of updates) Y.applyUpdate(doc, Uint8Array.from(u));
    return doc.getXmlFragment('default').toString();
  } finally {
    doc.destroy();
  }
}

async function openAs(user: TestUser, path: string) {
  const person = await personContext(web.browser, web.server.base);
  await signInContext(person.context, user, web.server.base);
  await person.page.goto(path);
  await editorOf(person.page).waitFor({ state: 'visible', timeout: 20_000 });
  await state(person.page).toBe('connected');
  return person;
}

it('keeps edits typed while the server is down, across closing the tab, and syncs them on reconnect', async () => {
  const [ada, bo] = await signedUp(web.server.base, 'Ada', 'Bo');
  const spaceId = await spaceWith(ada, [[bo, 'editor']]);
  const report = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W30' })).json;
  const path = `/r/${report.id}`;

  const a = await openAs(ada, path);
  await editorOf(a.page).click();
  await a.page.keyboard.type('online line');
  await expect.poll(() => a.page.getByTestId('connection').getAttribute('data-saved'), { timeout: 20_000 }).toBe('yes');

  // The server goes away; Ada keeps typing, then closes her tab before it is back.
  const port = web.server.port;
  await web.server.close();
  await state(a.page).not.toBe('connected');
  await editorOf(a.page).click();
  await a.page.keyboard.press('ControlOrMeta+End');
  await a.page.keyboard.press('Enter');
  await a.page.keyboard.type('typed offline 离线输入');
  // y-indexeddb writes asynchronously: close the tab only once the line is in the browser's store.
  await expect.poll(() => storedText(a.page, report.id), { timeout: 30_000 }).toContain('typed offline 离线输入');
  await a.page.close();

  // The server is back on the same data; Ada opens the report again: her offline line comes from IndexedDB and syncs.
  web.server = await startTestServer({ serveWeb: true, dataDir, port });
  const again = await a.context.newPage();
  await again.goto(path);
  await expect.poll(() => editorOf(again).innerText(), { timeout: 20_000 }).toContain('typed offline 离线输入');

  // Bo, on another machine, gets it from the server.
  const b = connect(bo, report.id);
  await b.synced;
  await expect.poll(() => b.text(), { timeout: 20_000 }).toContain('typed offline 离线输入');
  expect(b.text()).toContain('online line');
  b.close();
});
