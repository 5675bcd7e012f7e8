// The risk block in the browser: inserted with the `/` menu by keyboard, its text typed, Tab from the text to its
// fields, fields edited; a second person sees it live, and the server indexes every field.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { resultsDir } from '../helpers/browser.js';
import { webApp } from '../helpers/webApp.js';
import { eventually, signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, caretAtEnd } from '../helpers/reportPage.js';

const web = webApp();

const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 30_000 });
const seen = (l: Locator) => l.first().waitFor({ state: 'visible', timeout: 30_000 });
const focusedLabel = (p: Page) => p.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);

it('A inserts a risk with / by keyboard, Tabs from its text to its fields and sets them; B sees it; /items has every field', async () => {
  const [ada, bo] = await signedUp(web.server.base, 'Ada', 'Bo');
  const spaceId = await spaceWith(ada, [[bo, 'editor']]);
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id as string;

  const a = await browserAs(web.browser, web.server.base, ada);
  const b = await browserAs(web.browser, web.server.base, bo);
  for (const p of [a.page, b.page]) {
    await p.goto(`/r/${reportId}`);
    await seen(p.locator('.ProseMirror'));
    await poll(() => p.getByTestId('connection').getAttribute('data-state')).toBe('connected');
  }

  // Keyboard only: `/风险` filters the menu to the risk block, Enter inserts it with the caret in its text.
  await a.page.locator('.ProseMirror').click();
  await a.page.keyboard.type('/风险');
  const menu = a.page.getByRole('listbox', { name: 'Insert block' });
  await seen(menu);
  await poll(() => menu.getByRole('option').allInnerTexts()).toEqual([expect.stringContaining('Risk / help needed')]);
  await a.page.keyboard.press('Enter');
  const riskA = a.page.locator('.cb-risk');
  await seen(riskA);
  const text = '（高）工行联调排期未定，需要工行支持';
  await a.page.keyboard.type(text);

  // Fields left empty show what the text says: severity High, help from 工行 (as the placeholder).
  await poll(() => riskA.locator('.cb-chip-text').first().innerText()).toBe('High');
  await poll(() => riskA.getByLabel('Need help from').getAttribute('placeholder')).toBe('工行');

  // Tab goes from the text to the first field (severity), then on through the fields.
  await a.page.keyboard.press('Tab');
  await poll(() => focusedLabel(a.page)).toBe('Severity');
  await riskA.getByLabel('Severity').selectOption('medium');
  await a.page.keyboard.press('Tab');
  expect(await focusedLabel(a.page)).toBe('Status');
  await a.page.keyboard.press('Tab');
  expect(await focusedLabel(a.page)).toBe('Need help from');
  await a.page.keyboard.type('交行');
  await a.page.keyboard.press('Tab');
  expect(await focusedLabel(a.page)).toBe('Owner');
  await a.page.keyboard.type('Bo');
  await a.page.keyboard.press('Enter'); // leaves the field, back to the text
  await poll(() => focusedLabel(a.page)).toBe('Report editor');
  await a.page.keyboard.type('，先做降级方案');
  await riskA.getByLabel('Due').fill('3/27'); // typed as the team writes it, stored as 2024-03-27 on Enter
  await riskA.getByLabel('Due').press('Enter');

  // B sees the block, its text and every field, live.
  const riskB = b.page.locator('.cb-risk');
  await seen(riskB);
  await poll(() => riskB.locator('.cb-risk-text').innerText()).toContain(`${text}，先做降级方案`);
  await poll(() => riskB.locator('.cb-chip-text').first().innerText()).toBe('Medium');
  await poll(() => riskB.getByLabel('Need help from').inputValue()).toBe('交行');
  await poll(() => riskB.getByLabel('Owner').inputValue()).toBe('Bo');
  await poll(() => riskB.getByLabel('Due').inputValue()).toBe('2024-03-27');

  // The server's index agrees.
  const indexed = await eventually(async () => {
    const r = (await ada.call('GET', `/api/reports/${reportId}/items`)).json?.risks?.[0];
    return r?.due === '2024-03-27' && r.text === `${text}，先做降级方案` ? r : null;
  }, 'risk indexed', 15_000, 100);
  expect(indexed).toMatchObject({ severity: 'medium', needHelpFrom: '交行', owner: 'Bo', status: 'open' });
  // The owner typed is a member's name: they are an owning member too (the walkthrough found the two fields
  // telling different stories), shown in the members field for both.
  expect(indexed.owners).toEqual([bo.id]);
  await poll(() => riskB.locator('.cb-field-owners').innerText()).toContain('Bo');

  // The dashboard lists it among the open risks of the space, with its facts, linking to the block.
  const dash = await b.context.newPage();
  await dash.goto(`/s/${spaceId}/dashboard`);
  const openRisks = dash.locator('.db-open[data-kind="risk"]');
  await seen(openRisks);
  expect(await openRisks.locator('h3').innerText()).toContain('Open risks');
  const row = openRisks.locator('.db-open-row');
  await poll(() => row.count()).toBe(1);
  expect(await row.innerText()).toContain('工行联调排期未定');
  expect(await row.locator('.db-status').allInnerTexts()).toEqual(['Medium', 'help: 交行', 'Bo', 'due 2024-03-27']);
  expect(await row.getAttribute('href')).toBe(`/r/${reportId}?block=${indexed.blockId}`);
  await dash.close();

  // B resolves it; A sees the chip change and the block muted; the index follows. (A status is always one of two:
  // the list offered Open twice, once as "nothing chosen".)
  expect(await riskB.getByLabel('Status').locator('option').allInnerTexts()).toEqual(['Open', 'Resolved']);
  await riskB.getByLabel('Status').selectOption('resolved');
  await poll(() => riskA.locator('.cb-chip-text').nth(1).innerText()).toBe('Resolved');
  await poll(() => riskA.getAttribute('class')).toContain('is-resolved');
  await eventually(async () => (await ada.call('GET', `/api/reports/${reportId}/items`)).json?.risks?.[0]?.status === 'resolved', 'resolution indexed', 15_000, 100);

  // Enter on an empty last line leaves the block: what is typed next is report text, not the risk's.
  // At the end of its last line (the document's last: the risk is the last block), as ProseMirror has it too.
  await caretAtEnd(a.page, riskA.locator('.cb-risk-text p').last());
  await a.page.keyboard.press('Enter');
  await a.page.keyboard.press('Enter');
  await a.page.keyboard.type('风险之后的正文');
  await poll(() => b.page.locator('.ProseMirror > p', { hasText: '风险之后的正文' }).count()).toBe(1);
  expect(await riskB.locator('.cb-risk-text').innerText()).not.toContain('风险之后的正文');

  await riskA.screenshot({ path: path.join(resultsDir(), 'risk.png') });
  await a.context.close();
  await b.context.close();
}, 180_000);
