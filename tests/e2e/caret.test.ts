// Walkthrough: in a report that starts with a structured block (a risk, an OKR item, a key project — as the team's
// reports start with their key projects), a click on the editor's margin left the browser with no caret while the
// editor kept focus: Ctrl+End did nothing and what was typed went nowhere, silently. Ctrl+Home did not move either.
// (web/editor/validCaret.ts)
import { expect, it } from 'vitest';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, openReport, p, poll, seedReport } from '../helpers/reportPage.js';
import { okr } from '../search/docs.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it.each([
  ['a risk', { type: 'risk', attrs: { blockId: 'first' }, content: [p('（高）银行接口变更可能延期')] }],
  ['an OKR item', okr('first', '物保三期：进度95%')],
])('a report starting with %s: a click on the margin, Ctrl+End and typing writes at the end; Ctrl+Home goes to the start', async (_what, first) => {
  const [ann] = await signedUp(web.server.base, 'Ann');
  const spaceId = await spaceWith(ann, [], '支付研发');
  const reportId = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id as string;
  await seedReport(ann, reportId, [first as never, p('第一段'), p('最后一段')]);
  const { context, page } = await browserAs(web.browser, web.server.base, ann, { width: 1366, height: 900 }, 'zh-CN');
  await openReport(page, reportId);
  await page.locator('.ProseMirror').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+End');
  await page.keyboard.type('末尾补一句');
  await poll(async () => (await ann.call('GET', `/api/reports/${reportId}/markdown`)).text).toContain('最后一段末尾补一句');
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('【开头】');
  await poll(async () => (await ann.call('GET', `/api/reports/${reportId}/markdown`)).text).toContain('【开头】');
  const md = (await ann.call('GET', `/api/reports/${reportId}/markdown`)).text;
  // At the start of the first block's text, not somewhere after it.
  expect(md.indexOf('【开头】')).toBeLessThan(md.indexOf('第一段'));
  await context.close();
}, 120_000);
