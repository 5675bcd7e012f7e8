import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { reportSchema } from '../../shared/blocks/index.js';
import type { DocNode } from '../../shared/blocks/types.js';
import { signInContext } from './browser.js';
import { connect, eventually, type TestUser } from './client.js';

/** Browser-test helpers for a report page: seeding a document, opening it, reading focus. */

export const p = (text = ''): DocNode => (text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' });

/** Writes a document into a report through Yjs, as any client would, and waits until a fresh client reads it back. */
export async function seedReport(user: TestUser, reportId: string, content: DocNode[]) {
  const seed = connect(user, reportId);
  await seed.synced;
  seed.doc.transact(() => prosemirrorJSONToYXmlFragment(reportSchema(), { type: 'doc', content }, seed.frag));
  await eventually(async () => {
    const check = connect(user, reportId);
    try {
      await check.synced;
      return check.frag.length >= content.length;
    } finally { check.close(); }
  }, 'seeded document stored', 15_000, 100);
  seed.close();
}

/** A browser profile signed in as `user` (a separate profile per person: cookies, IndexedDB), in English unless told (controls are found by their English names). */
export async function browserAs(browser: Browser, base: string, user: TestUser, viewport = { width: 1280, height: 1000 }, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base, viewport, locale });
  await signInContext(context, user, base);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[page error ${user.name}] ${e.message}`));
  return { context, page };
}

// Upper bounds only (the machine is shared): nothing asserts how fast anything is.
export const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 30_000 });
export const seen = (l: Locator) => l.first().waitFor({ state: 'visible', timeout: 30_000 });

/** Opens a report and waits for its editor and a live connection. */
export async function openReport(page: Page, reportId: string) {
  await page.goto(`/r/${reportId}`);
  await seen(page.locator('.ProseMirror'));
  await poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('connected');
}

/** What has the keyboard: a field's accessible name, or `editor` for the report's text, and the block it sits in. */
export const focused = (page: Page) => page.evaluate(() => {
  const el = document.activeElement;
  const label = el?.classList.contains('ProseMirror') ? 'editor' : el?.getAttribute('aria-label') ?? el?.tagName ?? null;
  return { label, block: el?.closest('[data-block-id]')?.getAttribute('data-block-id') ?? null };
});

/** The block holding the editor's caret (the innermost with a blockId), or null in plain text. */
export const caretBlock = (page: Page) => page.evaluate(() => {
  const sel = window.getSelection();
  const node = sel?.anchorNode;
  const el = node ? (node.nodeType === 1 ? node as Element : node.parentElement) : null;
  return el?.closest('[data-block-id]')?.getAttribute('data-block-id') ?? null;
});

/**
 * Clicks into an element of the editor and waits until ProseMirror's own selection is in it: it reads the page's
 * selection on a later event, and a key pressed before then acts where the caret was (seen: Alt+↓ moved nothing).
 */
export async function caretIn(page: Page, target: Locator) {
  await target.first().click();
  await poll(() => target.first().evaluate((el) => {
    const view = (el.closest('.ProseMirror') as any)?.editor?.view;
    if (!view || !view.hasFocus()) return false;
    const { node } = view.domAtPos(view.state.selection.head);
    return el.contains(node);
  })).toBe(true);
}

/**
 * Puts the caret at the end of the text of an element of the editor (a paragraph, a block's text) with a click and
 * End, and checks that it is there before anything is typed (on a loaded machine a click can land while the page
 * still moves after the previous change; it is then clicked again).
 */
export async function caretAtEnd(page: Page, target: Locator) {
  // At the end, not just inside: ProseMirror puts the clicked position back into the DOM a moment after mouseup (its
  // delayed selection sync), which can undo an End pressed at machine speed; so End is pressed until it holds.
  const atEnd = () => target.first().evaluate((el) => {
    const sel = window.getSelection();
    const node = sel?.anchorNode;
    if (!sel || !node || !sel.isCollapsed || !el.contains(node) || !document.activeElement?.classList.contains('ProseMirror')) return false;
    // ProseMirror reads the page's selection on its selectionchange event, later on a loaded machine: a key pressed
    // before then acts where the caret was before (seen: Alt+↓ moved nothing). So its own selection must agree.
    const view = (document.activeElement as any).editor?.view;
    try {
      if (!view || !view.state.selection.empty || view.state.selection.head !== view.posAtDOM(node, sel.anchorOffset)) return false;
    } catch { return false; }
    // No text after the caret, leaving out what is not the document's (others' carets with their names).
    const rest = document.createRange();
    rest.setStart(node, sel.anchorOffset);
    rest.setEnd(el, el.childNodes.length);
    const walk = document.createTreeWalker(rest.commonAncestorContainer, NodeFilter.SHOW_TEXT);
    for (let t = walk.currentNode.nodeType === Node.TEXT_NODE ? walk.currentNode : walk.nextNode(); t; t = walk.nextNode()) {
      if (!rest.intersectsNode(t) || t.parentElement?.closest('[contenteditable="false"]')) continue;
      const from = t === node ? sel.anchorOffset : 0;
      if ((t.textContent ?? '').slice(from) !== '') return false;
    }
    return true;
  });
  for (let i = 0; ; i++) {
    await target.first().click();
    for (let j = 0; j < 5; j++) {
      await page.keyboard.press('End');
      if (await atEnd()) return;
      await page.waitForTimeout(50);
    }
    if (i >= 4) throw new Error('could not put the caret at the end of the element');
    await page.waitForTimeout(200);
  }
}

/** Generates a quarter's period summary on the space's dashboard, in the zh-CN app, and waits for its tables. */
export async function quarterSummary(page: Page, spaceId: string, year: string, quarter: 1 | 2 | 3 | 4): Promise<Locator> {
  await page.goto(`/s/${spaceId}/dashboard`);
  await page.getByRole('button', { name: '生成总结' }).click();
  await page.getByLabel('时间段').selectOption({ label: '季度' });
  await page.getByLabel('年份').selectOption(year);
  await page.getByLabel('季度', { exact: true }).selectOption({ label: `第 ${quarter} 季度` });
  await page.getByRole('button', { name: '生成', exact: true }).click();
  const result = page.getByTestId('summary-result');
  await seen(result.locator('.sum-md table'));
  return result;
}
