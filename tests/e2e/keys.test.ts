// The keyboard inside structured blocks (issue 11): Tab and Shift+Tab stay in the block holding the caret (from plain
// text they do nothing, where they used to jump to the first OKR item's field and the next keys overwrote it); Enter
// in a KPI cell stays in the table (on its last row, a new row); Enter at the end of a block's text leaves it; double Enter inside a key project
// no longer splits it into two projects of one name; each structural action is one undo step; and, with two people
// in two browser profiles, A's Ctrl+Z never removes B's text.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { DocNode } from '../../shared/blocks/types.js';
import { webApp } from '../helpers/webApp.js';
import { eventually, signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, caretAtEnd, caretBlock, focused, openReport, p, poll, seedReport, seen } from '../helpers/reportPage.js';

const web = webApp();

const okr = (id: string, project: string, text: string): DocNode => ({ type: 'okrItem', attrs: { blockId: id, project }, content: [p(text)] });
const row = (id: string, name: string, value: number): DocNode => ({ type: 'kpiRow', attrs: { blockId: id, name, value, unit: '%' } });
const blockOrder = (page: Page) => page.locator('.ProseMirror [data-block-id].cb').evaluateAll((els) => els.map((e) => e.getAttribute('data-block-id')).join(','));
const topLine = (page: Page, text: string) => page.locator('.ProseMirror > p', { hasText: text });

it('Tab, Enter and Escape stay in the block holding the caret; Enter leaves a block at its end; no keystroke splits a block; structural actions are one undo step', async () => {
  const [ada] = await signedUp(web.server.base, 'Ada');
  const spaceId = await spaceWith(ada);
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id as string;
  await seedReport(ada, reportId, [
    okr('okr1', '风控引擎', '风控引擎：规则上线'),
    p('plain line'),
    okr('okr2', '物保三期', '物保三期'),
    { type: 'kpiTable', attrs: { blockId: 'kpi1', title: '系统运行数据' }, content: [row('r1', '入金成功率', 99.9), row('r2', '出金成功率', 99.8)] },
    { type: 'keyProject', attrs: { blockId: 'kp1', project: '贝易转' }, content: [p('line one'), p('line two')] },
    p('the end'),
  ]);
  const { context, page } = await browserAs(web.browser, web.server.base, ada);
  await openReport(page, reportId);
  const okr1 = page.locator('[data-block-id="okr1"]');
  const okr2 = page.locator('[data-block-id="okr2"]');
  await seen(okr2);

  // Tab in a plain paragraph does nothing: the keys typed next land in the paragraph, the OKR item's project is untouched.
  await caretAtEnd(page, topLine(page, 'plain line'));
  await page.keyboard.press('Tab');
  expect((await focused(page)).label).toBe('editor');
  await page.keyboard.type('99.95');
  await poll(() => topLine(page, 'plain line').innerText()).toBe('plain line99.95');
  expect(await okr1.getByLabel('Project', { exact: true }).inputValue()).toBe('风控引擎');
  expect(await okr2.getByLabel('Project', { exact: true }).inputValue()).toBe('物保三期');
  await page.keyboard.press('Shift+Tab');
  expect((await focused(page)).label).toBe('editor');
  // Escape, then Tab, leaves the editor for the page (the keyboard is never stuck in it); back with a click.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement && !document.activeElement.closest('.ProseMirror') && document.activeElement !== document.body)).toBe(true);

  // Inside an OKR item, Tab goes text → progress (the field most often typed) → go-live → round to project, status,
  // owners → back to the text; Shift+Tab goes round the other way; never into another block. (Walkthrough: Tab went
  // text → progress → go-live → text, so project, status and owners were reached only with Shift+Tab.)
  await caretAtEnd(page, okr2.locator('.cb-okr-text p'));
  expect(await caretBlock(page)).toBe('okr2');
  const tabs: string[] = [];
  for (const key of [...Array(6).fill('Tab'), ...Array(6).fill('Shift+Tab')]) {
    await page.keyboard.press(key);
    const f = await focused(page);
    tabs.push(f.label!);
    if (f.label !== 'editor') expect(f.block).toBe('okr2');
    else expect(await caretBlock(page)).toBe('okr2');
  }
  expect(tabs).toEqual(['Progress', 'Planned go-live', 'Project', 'Status', 'Owner', 'editor', 'Owner', 'Status', 'Project', 'Planned go-live', 'Progress', 'editor']);
  // Enter in a field commits it and goes back to the item's text, where the caret was.
  await page.keyboard.press('Tab');
  await page.keyboard.type('30');
  await page.keyboard.press('Enter');
  expect(await focused(page)).toEqual({ label: 'editor', block: null });
  expect(await caretBlock(page)).toBe('okr2');
  await page.keyboard.type(' ok');
  await poll(() => okr2.locator('.cb-okr-text').innerText()).toBe('物保三期 ok');
  expect(await okr2.getByLabel('Progress', { exact: true }).inputValue()).toBe('30');

  // Enter in a KPI cell commits it and goes down to the same cell of the next row; on the last row it adds a row
  // (walkthrough: the caret stayed, and the next metric typed went into the wrong fields) and goes to its name.
  const kpi = page.locator('[data-block-id="kpi1"]');
  await kpi.locator('[data-block-id="r1"]').getByLabel('Value').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('99.95');
  await page.keyboard.press('Enter');
  expect(await focused(page)).toEqual({ label: 'Value', block: 'r2' });
  await page.keyboard.type('99.7'); // the value was selected: typing replaces it
  await page.keyboard.press('Enter');
  await poll(() => kpi.locator('.cb-kpi-row').count()).toBe(3);
  await poll(async () => (await focused(page)).label).toBe('Metric');
  const newRow = (await focused(page)).block;
  expect(newRow).not.toMatch(/^r[12]$/);
  // An empty last row: Enter adds nothing more.
  await page.keyboard.press('Enter');
  expect(await kpi.locator('.cb-kpi-row').count()).toBe(3);
  await poll(() => kpi.locator('[data-block-id="r1"]').getByLabel('Value').inputValue()).toBe('99.95');
  expect(await kpi.locator('[data-block-id="r2"]').getByLabel('Value').inputValue()).toBe('99.7');
  await kpi.locator('[data-block-id="r2"]').getByLabel('Value').click();
  // Tab goes round the table's cells and title, never out of the table.
  const kpiTabs: string[] = [];
  for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    const f = await focused(page);
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-block-id="kpi1"]'))).toBe(true);
    kpiTabs.push(`${f.label}@${f.block}`);
  }
  expect(kpiTabs).toEqual(['Unit@r2', 'Target@r2', `Metric@${newRow}`, 'Target@r2']);
  // Enter in the table's title goes on to the first row's name (walkthrough: it added a second table with no rows,
  // and all the next keys typed were lost with a schema error each).
  await kpi.locator('.cb-kpi-title').click();
  await page.keyboard.press('End');
  await page.keyboard.type('（本周）');
  await page.keyboard.press('Enter');
  await poll(() => focused(page)).toEqual({ label: 'Metric', block: 'r1' });
  expect(await page.locator('.ProseMirror .cb-kpi').count()).toBe(1);
  expect(await kpi.locator('.cb-kpi-row').count()).toBe(3);
  await poll(() => kpi.locator('.cb-kpi-title').inputValue()).toBe('系统运行数据（本周）');
  const indexed = await eventually(async () => {
    const k = (await ada.call('GET', `/api/reports/${reportId}/items`)).json?.kpis ?? [];
    return k.length === 2 && k[0].value === 99.95 && k[1].value === 99.7 ? k : null;
  }, 'KPI values indexed', 15_000, 100);
  expect(indexed.map((k: { name: string }) => k.name)).toEqual(['入金成功率', '出金成功率']);

  // Double Enter inside a key project adds lines: still one project (it used to split into two named 贝易转).
  const project = page.locator('.cb-project');
  await caretAtEnd(page, project.locator('p', { hasText: 'line one' }));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('x');
  await poll(() => project.locator('.cb-project-body').innerText()).toMatch(/line one\n+x\n+line two/);
  expect(await project.count()).toBe(1);
  // At the end of its text, Enter then Enter on the empty last line leaves the project.
  await caretAtEnd(page, project.locator('p', { hasText: 'line two' }));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('outside');
  await poll(() => topLine(page, 'outside').count()).toBe(1);
  expect(await project.count()).toBe(1);
  expect(await project.innerText()).not.toContain('outside');
  const projects = await eventually(async () => {
    const pr = (await ada.call('GET', `/api/reports/${reportId}/items`)).json?.projects ?? [];
    return pr.length === 1 && pr[0].text.includes('x') ? pr : null;
  }, 'one project indexed', 15_000, 100);
  expect(projects[0].project).toBe('贝易转');

  // Enter at the end of an OKR item's text leaves the item: the next line is report text.
  await caretAtEnd(page, okr1.locator('.cb-okr-text p'));
  await page.keyboard.press('Enter');
  await page.keyboard.type('after okr1');
  await poll(() => topLine(page, 'after okr1').count()).toBe(1);
  expect(await okr1.innerText()).not.toContain('after okr1');

  // Undo: the typing, then leaving the block, each one step; nothing else.
  for (let i = 0; i < 5 && (await topLine(page, 'after okr1').count()) > 0; i++) await page.keyboard.press('ControlOrMeta+Z');
  expect(await topLine(page, 'after okr1').count()).toBe(0);
  expect(await page.locator('.ProseMirror').innerText()).toContain('outside');
  // A block inserted with / is one step, apart from the text typed into it.
  await caretAtEnd(page, topLine(page, 'the end'));
  await page.keyboard.press('Enter');
  await page.keyboard.type('/okr');
  await seen(page.getByRole('listbox', { name: 'Insert block' }));
  await page.keyboard.press('Enter');
  await poll(() => page.locator('.cb-okr').count()).toBe(3);
  await page.keyboard.type('新事项');
  const added = page.locator('.cb-okr').last().locator('.cb-okr-text');
  await poll(() => added.textContent()).toBe('新事项');
  // (typing is grouped by pauses, as in any editor: on a slow machine the three characters may be more than one step)
  for (let i = 0; i < 5 && (await added.textContent()) !== ''; i++) await page.keyboard.press('ControlOrMeta+Z');
  expect(await added.textContent()).toBe('');
  expect(await page.locator('.cb-okr').count()).toBe(3);
  await page.keyboard.press('ControlOrMeta+Z');
  await poll(() => page.locator('.cb-okr').count()).toBe(2);
  // A move (Alt+↓) is one step: one Ctrl+Z puts the block back.
  const before = await blockOrder(page);
  expect(before).toBe('okr1,okr2,kpi1,kp1');
  await caretAtEnd(page, okr2.locator('.cb-okr-text p'));
  await page.keyboard.press('Alt+ArrowDown');
  await poll(() => blockOrder(page)).toBe('okr1,kpi1,okr2,kp1');
  await page.keyboard.press('ControlOrMeta+Z');
  await poll(() => blockOrder(page)).toBe(before);
  expect(await page.locator('.ProseMirror').innerText()).toContain('outside'); // earlier edits stay
  await context.close();
}, 240_000);

// Walkthrough: in an incident, Tab went from the text to the times and on to the link, then back to the text: the
// severity and review status (in the block's head, before the text) were never reached by Tab.
it('Tab goes round every field of an incident and of a risk, each once, then back to its text', async () => {
  const [ada] = await signedUp(web.server.base, 'Ada');
  const spaceId = await spaceWith(ada);
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W14' })).json.id as string;
  await seedReport(ada, reportId, [
    { type: 'incident', attrs: { blockId: 'inc1', severity: 'C', start: '2024-04-02T10:00', end: null, impact: '', cause: '', status: null, link: null }, content: [p('网关超时')] },
    { type: 'risk', attrs: { blockId: 'risk1', severity: 'high', status: 'open' }, content: [p('压测环境未到位')] },
  ]);
  const { context, page } = await browserAs(web.browser, web.server.base, ada);
  await openReport(page, reportId);
  for (const id of ['inc1', 'risk1']) {
    const block = page.locator(`[data-block-id="${id}"]`);
    await seen(block);
    const all = await block.locator('input:not([type="range"]), select, textarea').evaluateAll((els) => els.filter((e) => !(e as HTMLInputElement).disabled && e.getClientRects().length > 0).map((e) => e.getAttribute('aria-label')));
    await caretAtEnd(page, block.locator('p').first());
    const visited: string[] = [];
    for (let i = 0; i <= all.length; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      visited.push(f.label!);
      if (f.label !== 'editor') expect(f.block).toBe(id);
    }
    expect(visited.at(-1), visited.join(' → ')).toBe('editor');
    expect([...visited.slice(0, -1)].sort(), visited.join(' → ')).toEqual([...all].sort());
  }
  await context.close();
}, 120_000);

it('two people: A’s Ctrl+Z undoes only A’s own changes, never B’s text, even inside the block A inserted', async () => {
  const [ada, bo] = await signedUp(web.server.base, 'Ada', 'Bo');
  const spaceId = await spaceWith(ada, [[bo, 'editor']]);
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id as string;
  const a = await browserAs(web.browser, web.server.base, ada);
  const b = await browserAs(web.browser, web.server.base, bo);
  for (const x of [a.page, b.page]) await openReport(x, reportId);
  const text = (page: Page) => page.locator('.ProseMirror').evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove()); // others' carets carry their names
    return copy.textContent ?? '';
  });
  const okrText = (page: Page) => page.locator('.cb-okr .cb-okr-text').evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
    return copy.textContent ?? '';
  });

  await a.page.locator('.ProseMirror').click();
  await a.page.keyboard.type('A的第一行');
  await poll(() => text(b.page)).toContain('A的第一行');
  // B writes into A's line, then a line of his own.
  await caretAtEnd(b.page, topLine(b.page, 'A的第一行'));
  await b.page.keyboard.type(' B补一句');
  await b.page.keyboard.press('Enter');
  await b.page.keyboard.type('B的第二行');
  await poll(() => text(a.page)).toContain('B的第二行');

  // A inserts an OKR item and types in it; B adds to A's item.
  await a.page.keyboard.press('ControlOrMeta+End');
  await a.page.keyboard.press('Enter');
  await a.page.keyboard.type('/okr');
  await seen(a.page.getByRole('listbox', { name: 'Insert block' }));
  await a.page.keyboard.press('Enter');
  await a.page.keyboard.type('A的事项');
  const okrB = b.page.locator('.cb-okr');
  await poll(() => okrText(b.page)).toBe('A的事项');
  await caretAtEnd(b.page, okrB.locator('.cb-okr-text p'));
  await b.page.keyboard.type(' B补充');
  await poll(() => okrText(a.page)).toBe('A的事项 B补充');

  // A presses Ctrl+Z again and again: everything A wrote goes, everything B wrote stays, for both of them.
  for (let i = 0; i < 10; i++) await a.page.keyboard.press('ControlOrMeta+Z');
  for (const x of [a.page, b.page]) {
    await poll(() => text(x)).not.toContain('A的');
    const t = await text(x);
    expect(t).toContain('B补一句');
    expect(t).toContain('B的第二行');
    expect(t).toContain('B补充');
  }
  await a.context.close();
  await b.context.close();
}, 240_000);
