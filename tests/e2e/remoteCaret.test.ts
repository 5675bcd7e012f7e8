// Walkthrough (data scrambled): while two people co-edit a report, B typing at the start of a line inside a
// structured block (an OKR item's text, a key project's note) left A's caret, at the end of that same line, at the
// same character offset instead of moving it along with the text: A's next typing landed in the middle of the line.
// In plain paragraphs the caret moved along. (web/editor/)
import { expect, it } from 'vitest';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, caretAtEnd, openReport, poll } from '../helpers/reportPage.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it.each([
  ['a plain paragraph', '本周整体推进顺利，无阻塞\n', '.ProseMirror > p', '本周整体推进顺利'],
  ['an OKR item\'s text', '## 【O1 业务服务】\n\n1. 【贝易转】进度95%，计划12/28上线\n', '.cb-okr-text p', '进度95%'],
  ['a key project\'s note', '## 【重点工作】\n\n- 【贝易转】\n  - 本周完成联调\n', '.cb-project-body p', '本周完成联调'],
])('in %s, text someone else types at the start of the line moves my caret at its end along', async (_what, markdown, selector, hasText) => {
  const [ann, bo] = await signedUp(web.server.base, 'Ann', 'Bo');
  const spaceId = await spaceWith(ann, [[bo, 'editor']], '支付研发');
  const imported = await ann.call('POST', `/api/spaces/${spaceId}/import?week=2024-W32`, `# 2024-W32\n\n${markdown}`, { 'content-type': 'text/markdown' });
  expect(imported.status).toBe(201);
  const reportId = imported.json.report.id as string;
  const a = await browserAs(web.browser, web.server.base, ann, undefined, 'zh-CN');
  const b = await browserAs(web.browser, web.server.base, bo, undefined, 'zh-CN');
  await openReport(a.page, reportId);
  await openReport(b.page, reportId);
  const line = (page: typeof a.page) => page.locator(selector).filter({ hasText }).first();
  // The line's text, without others' carets drawn in it (their names).
  const text = (page: typeof a.page) => line(page).evaluate((el) => {
    const copy = el.cloneNode(true) as Element;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
    return (copy.textContent ?? '').trim();
  });
  const original = await text(a.page);

  // Ann's caret at the end of the line; Bo types at its start.
  await caretAtEnd(a.page, line(a.page));
  await a.page.waitForTimeout(200);
  await line(b.page).click();
  await b.page.keyboard.press('Home');
  await b.page.keyboard.type('K1');
  await poll(() => text(a.page)).toBe(`K1${original}`);
  await a.page.waitForTimeout(800);

  // Ann types: it goes where her caret was, at the end of the line.
  await a.page.keyboard.type('<END>');
  await poll(() => text(a.page)).toBe(`K1${original}<END>`);
  await poll(() => text(b.page)).toBe(`K1${original}<END>`);
  await a.context.close();
  await b.context.close();
}, 120_000);
