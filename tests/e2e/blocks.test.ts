// Structured blocks in the browser: one person inserts an OKR item and a KPI table with the `/` menu using only
// the keyboard; the other person, in a second browser profile on the same report, sees them live.
import path from 'node:path';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { reportSchema } from '../../shared/blocks/index.js';
import { resultsDir } from '../helpers/browser.js';
import { webApp } from '../helpers/webApp.js';
import { connect, eventually, signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, caretIn } from '../helpers/reportPage.js';

const web = webApp();

// Upper bounds only (the machine is shared): nothing here asserts how fast it is.
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 30_000 });
const seen = (l: Locator) => l.first().waitFor({ state: 'visible', timeout: 30_000 });

it('A inserts an OKR item and a KPI table with the / menu by keyboard, sets progress; B sees both live', async () => {
  const [ada, bo, cy] = await signedUp(web.server.base, 'Ada', 'Bo', 'Cy');
  const spaceId = await spaceWith(ada, [[bo, 'editor'], [cy, 'viewer']]);
  const lastWeek = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W11' })).json.id as string;
  const thisWeek = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id as string;

  // Last week's report holds a KPI row, written through Yjs like any client; the indexer picks it up.
  const seed = connect(ada, lastWeek);
  await seed.synced;
  seed.doc.transact(() => prosemirrorJSONToYXmlFragment(reportSchema(), {
    type: 'doc',
    content: [{ type: 'kpiTable', attrs: { blockId: 'kpiW11' }, content: [
      { type: 'kpiRow', attrs: { blockId: 'rowW11', name: '入金有效成功率', value: 99.997, unit: '%', target: 99.99 } },
    ] }],
  }, seed.frag));
  await eventually(async () => (await ada.call('GET', `/api/reports/${lastWeek}/items`)).json?.kpis?.[0]?.value === 99.997, 'last week indexed', 10_000, 100);
  seed.close();

  const a = await browserAs(web.browser, web.server.base, ada);
  const b = await browserAs(web.browser, web.server.base, bo);
  for (const p of [a.page, b.page]) {
    await p.goto(`/r/${thisWeek}`);
    await seen(p.locator('.ProseMirror'));
    await poll(() => p.getByTestId('connection').getAttribute('data-state')).toBe('connected');
  }

  // A: focus the editor, then keyboard only. `/` opens the menu, typing filters it, arrows move, Enter inserts.
  const editorA = a.page.locator('.ProseMirror');
  await editorA.click();
  await a.page.keyboard.type('/');
  const menu = a.page.getByRole('listbox', { name: 'Insert block' });
  await seen(menu);
  const titles = await menu.locator('.slash-title').allInnerTexts();
  for (const title of ['OKR item', 'KPI table', 'Incident', 'Key project', 'Objective section', 'Heading 1', 'Bullet list', 'To-do list', 'Quote']) {
    expect(titles).toContain(title);
  }
  await a.page.keyboard.press('Escape'); // Esc closes it and leaves the `/` as text
  await poll(() => menu.count()).toBe(0);
  await a.page.keyboard.press('Backspace');

  // An objective section first: the OKR item below it belongs to O1.
  await a.page.keyboard.type('/objective');
  await seen(menu);
  await a.page.keyboard.press('Enter');
  await seen(a.page.locator('.cb-objective'));
  await a.page.keyboard.type('/ok');
  await seen(menu);
  await poll(() => menu.getByRole('option').first().innerText()).toContain('OKR item');
  await a.page.keyboard.press('ArrowDown');
  await a.page.keyboard.press('ArrowUp');
  expect(await menu.getByRole('option', { selected: true }).innerText()).toContain('OKR item');
  await a.page.keyboard.press('Enter');
  await seen(a.page.locator('.cb-okr'));

  const text = '物保三期：进度95%，计划3/28上线';
  await a.page.keyboard.type(text);
  const okrA = a.page.locator('.cb-okr');
  // The empty fields are suggested from the text; the progress suggestion stays a suggestion until accepted.
  await seen(okrA.getByRole('button', { name: /95%.*Accept/ }));
  await seen(okrA.getByRole('button', { name: /3\/28.*Accept/ }));
  // Tab goes from the text to the progress field; a wrong value shows an error and is not written.
  await a.page.keyboard.press('Tab');
  await a.page.keyboard.type('140');
  await seen(okrA.getByRole('alert'));
  expect(await okrA.getByRole('alert').innerText()).toContain('at most 100');
  await a.page.keyboard.press('ControlOrMeta+A');
  await a.page.keyboard.type('40');
  await a.page.keyboard.press('Enter'); // back to the text
  await poll(() => okrA.getByRole('alert').count()).toBe(0);
  await a.page.keyboard.type(' ✓');
  // The go-live date is only a suggestion until accepted (extract reads the block's fields); accepted, it shows in the team's format.
  await okrA.getByRole('button', { name: /3\/28.*Accept/ }).click();
  await poll(() => okrA.getByLabel('Planned go-live').inputValue()).toBe('2024-03-28');
  await okrA.locator('.cb-okr-text').click(); // back into the text

  // B sees the item, its text and its progress (input, slider and bar).
  const okrB = b.page.locator('.cb-okr');
  await seen(okrB);
  await poll(() => okrB.locator('.cb-okr-text').innerText()).toContain(`${text} ✓`); // (A's caret label sits in the text too)
  await poll(() => okrB.getByLabel('Progress', { exact: true }).inputValue()).toBe('40');
  await poll(() => okrB.getByLabel('Progress slider').inputValue()).toBe('40');
  // and the server's index agrees: attribute wins over the text's 95%, the go-live date comes from the text
  const indexed = await eventually(async () => {
    const okrs = (await ada.call('GET', `/api/reports/${thisWeek}/items`)).json?.okrs ?? [];
    return okrs.length === 1 && okrs[0].progress === 40 && okrs[0].text === `${text} ✓` ? okrs[0] : null;
  }, 'OKR item indexed', 10_000, 100);
  expect(indexed).toMatchObject({ objective: 'O1', project: '物保三期', progress: 40, due: '2024-03-28', text: `${text} ✓` });
  expect(indexed.blockId).toMatch(/^[\w-]{6,}$/);

  // B drags the progress slider with the keyboard (arrow keys); A sees 41.
  await okrB.getByLabel('Progress slider').focus();
  await b.page.keyboard.press('ArrowRight');
  await poll(() => okrA.getByLabel('Progress', { exact: true }).inputValue()).toBe('41');

  // A, still on the keyboard: a KPI table after the item; focus lands in the metric name.
  await a.page.keyboard.press('ControlOrMeta+End');
  await a.page.keyboard.type('/kpi');
  await seen(menu);
  await a.page.keyboard.press('Enter');
  const rowA = a.page.locator('.cb-kpi-row').first();
  await poll(() => rowA.locator('.cb-kpi-name').evaluate((el) => el === document.activeElement)).toBe(true);
  await a.page.keyboard.type('入金有效成功率');
  await a.page.keyboard.press('Tab');
  await a.page.keyboard.type('abc');
  await poll(() => rowA.getByRole('alert').innerText()).toContain('not a number');
  await a.page.keyboard.press('ControlOrMeta+A');
  await a.page.keyboard.type('99.995');
  await a.page.keyboard.press('Tab');
  await a.page.keyboard.type('%');
  await a.page.keyboard.press('Tab');
  await a.page.keyboard.type('99.999');
  await a.page.keyboard.press('Enter');

  // B sees the row, last week's value from the previous report, the delta, and the row marked below target.
  const rowB = b.page.locator('.cb-kpi-row').first();
  await poll(() => rowB.getByLabel('Value').inputValue()).toBe('99.995');
  await poll(() => rowB.locator('.cb-kpi-prev').innerText()).toBe('99.997');
  await poll(() => rowB.locator('.cb-kpi-delta').innerText()).toBe('-0.002');
  await poll(() => rowB.getAttribute('class')).toContain('is-below');
  const kpis = await eventually(async () => {
    const k = (await bo.call('GET', `/api/reports/${thisWeek}/items`)).json?.kpis ?? [];
    return k.length === 1 && k[0].target === 99.999 ? k : null;
  }, 'KPI indexed', 10_000, 100);
  expect(kpis[0]).toMatchObject({ name: '入金有效成功率', value: 99.995, unit: '%', target: 99.999 });

  // B moves the OKR item below the KPI table with Alt+↓ (one ProseMirror transaction); A sees the new order.
  const order = (p: Page) => p.locator('.cb-okr, .cb-kpi').evaluateAll((els) => els.map((e) => (e.classList.contains('cb-okr') ? 'okr' : 'kpi')).join(','));
  await poll(() => order(a.page)).toBe('okr,kpi');
  await caretIn(b.page, okrB.locator('.cb-okr-text'));
  await b.page.keyboard.press('Alt+ArrowDown');
  await poll(() => order(b.page)).toBe('kpi,okr');
  await poll(() => order(a.page)).toBe('kpi,okr');
  // the item kept its id and fields through the move
  await poll(async () => (await ada.call('GET', `/api/reports/${thisWeek}/items`)).json?.okrs?.[0]?.blockId).toBe(indexed.blockId);
  await poll(() => okrA.getByLabel('Progress', { exact: true }).inputValue()).toBe('41');

  // Status and owner are chips over native selects (keyboard-operable); B sees A's choices.
  await okrA.getByLabel('Status').selectOption('at_risk');
  await okrA.getByLabel('Owner').selectOption({ label: 'Bo' });
  await poll(() => okrB.locator('.cb-chip-text').first().innerText()).toBe('At risk');
  await poll(() => okrB.locator('.cb-owner-name').innerText()).toBe('Bo');
  await poll(() => b.page.locator('.cb-objective-code').innerText()).toBe('O1');
  // the objective chip lists the space's objectives (GET /api/spaces/:id/objectives)
  await poll(() => b.page.getByLabel('Objective').locator('option').allInnerTexts()).toEqual(['O1 业务服务', 'O2 能力升级', 'O3 平台治理', 'O4 支付 × AI']);

  // A adds an incident and a key project from the menu; B sees the incident's computed duration and the project.
  await a.page.locator('.ProseMirror > p').last().click(); // the empty line the editor keeps at the end
  await a.page.keyboard.type('/incident');
  await seen(menu);
  await a.page.keyboard.press('Enter');
  await a.page.keyboard.type('3/21 15:43 入金通道异常，16:15 恢复');
  const incA = a.page.locator('.cb-incident');
  // dates are typed as the team writes them; Enter stores them (a time alone is on the start's day)
  await incA.getByLabel('Start').fill('3/21 15:43');
  await incA.getByLabel('Start').press('Enter');
  await incA.getByLabel('Recovered').fill('16:15');
  await incA.getByLabel('Recovered').press('Enter');
  await incA.getByLabel('Severity').selectOption('B');
  await incA.getByLabel('Review status').selectOption('review_pending');
  await poll(() => b.page.locator('.cb-incident-duration').innerText()).toBe('32 min');
  await a.page.locator('.ProseMirror > p').last().click(); // the empty line the editor keeps at the end
  await a.page.keyboard.type('/key');
  await seen(menu);
  await a.page.keyboard.press('Enter');
  await poll(() => a.page.locator('.cb-project-title').evaluate((el) => el === document.activeElement)).toBe(true);
  await a.page.keyboard.type('贝易转'); // focus is in the title field
  await a.page.keyboard.press('Enter'); // and back in the section's text
  await a.page.keyboard.type('C转联调完成，下周灰度');
  await poll(() => b.page.locator('.cb-project-title').inputValue()).toBe('贝易转');
  let lastItems: unknown = null;
  const all = await eventually(async () => {
    const it = (lastItems = (await ada.call('GET', `/api/reports/${thisWeek}/items`)).json);
    return it?.incidents?.[0]?.durationMinutes === 32 && it?.projects?.[0]?.text === 'C转联调完成，下周灰度' && it?.okrs?.[0]?.owner ? it : null;
  }, 'incident and project indexed', 20_000, 100).catch((e) => { throw new Error(`${e.message}; last: ${JSON.stringify(lastItems)}`); });
  expect(all.incidents[0]).toMatchObject({ start: '2024-03-21T15:43', end: '2024-03-21T16:15', severity: 'B', status: 'review_pending' });
  expect(all.projects[0]).toMatchObject({ project: '贝易转', text: 'C转联调完成，下周灰度' });
  expect(all.okrs[0]).toMatchObject({ status: 'at_risk', owner: bo.id, progress: 41 });

  // B drags the key project by its handle to the top of the report; A sees it there.
  const blockOrder = (p: Page) => p.locator('.ProseMirror .cb').evaluateAll((els) => els.map((e) => e.classList[1]).join(','));
  await poll(() => blockOrder(a.page)).toBe('cb-objective,cb-kpi,cb-okr,cb-incident,cb-project');
  await b.page.locator('.cb-project').hover();
  const handle = (await b.page.locator('.cb-project .cb-handle').boundingBox())!;
  const top = (await b.page.locator('.cb-objective').boundingBox())!;
  await b.page.mouse.move(handle.x + 5, handle.y + 5);
  await b.page.mouse.down();
  await b.page.mouse.move(handle.x + 40, handle.y - 40, { steps: 5 });
  await b.page.mouse.move(top.x + 100, top.y + 2, { steps: 10 });
  await b.page.mouse.up();
  await poll(() => blockOrder(a.page)).toBe('cb-project,cb-objective,cb-kpi,cb-okr,cb-incident');
  await poll(async () => (await ada.call('GET', `/api/reports/${thisWeek}/items`)).json?.projects?.[0]?.project).toBe('贝易转');

  // A viewer sees the blocks with every field read-only.
  const c = await browserAs(web.browser, web.server.base, cy);
  await c.page.goto(`/r/${thisWeek}`);
  await poll(() => c.page.getByTestId('connection').getAttribute('data-state')).toBe('connected');
  await seen(c.page.locator('.cb-okr'));
  await poll(() => c.page.locator('.cb-okr').getByLabel('Progress', { exact: true }).inputValue()).toBe('41');
  const fields = c.page.locator('.cb input, .cb select');
  expect(await fields.count()).toBeGreaterThan(10);
  expect(await fields.evaluateAll((els) => els.filter((e) => !(e as HTMLInputElement).disabled).length)).toBe(0);
  expect(await c.page.locator('.cb-add-row, .cb-suggest').count()).toBe(0);
  // Nothing looks clickable either: no "+" to add an owner, no objective caret (browser walkthrough).
  expect(await c.page.locator('.cb-owners-add .cb-avatar, .cb-objective .cb-caret').count()).toBe(0);
  expect(await a.page.locator('.cb-owners-add .cb-avatar').count()).toBeGreaterThan(0);
  await c.context.close();

  await a.page.screenshot({ path: path.join(resultsDir(), 'blocks.png'), fullPage: true });
  await a.context.close();
  await b.context.close();
}, 240_000); // one long scenario through a shared, busy machine
