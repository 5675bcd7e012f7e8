// The fields under a risk and an incident, in Chinese, wide and narrow: every labelled field of a block's field grid
// starts at its cell's left edge, no value is cut off, its label right above its control, the control's text (or chips) at the label's
// left edge, and every field as tall as the others. Review: "Risk owner fields are misaligned" — the risk's members
// field (负责成员) was centred in its cell, a row style (owners.css) laid over `.cb-field`'s column.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { DocNode } from '../../shared/blocks/types.js';
import { resultsDir } from '../helpers/browser.js';
import { webApp } from '../helpers/webApp.js';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, openReport, p, poll, seen, seedReport } from '../helpers/reportPage.js';

const web = webApp();

/**
 * What is out of line in each `.cb-field` of the blocks' field grids (`.cb-risk-fields`, `.cb-incident-fields`), as
 * sentences; [] when nothing is. Positions in CSS px, rounded: a pixel of rounding is not a misalignment.
 */
const misaligned = (page: Page) => page.evaluate(() => {
  const problems: string[] = [];
  const near = (a: number, b: number, by = 1.5) => Math.abs(a - b) <= by;
  for (const grid of document.querySelectorAll<HTMLElement>('.cb-risk-fields, .cb-incident-fields')) {
    const block = grid.closest('[data-block-id]')?.getAttribute('data-block-id');
    const fields = [...grid.querySelectorAll<HTMLElement>(':scope > .cb-field')].map((field) => {
      const label = field.querySelector<HTMLElement>('.cb-field-label')!;
      const control = field.querySelector<HTMLElement>('input, textarea, .cb-owners')!;
      // Where the control's content starts: an input's text (inside its padding), the first chip of the owners.
      const style = getComputedStyle(control);
      const content = control.matches('input, textarea')
        ? control.getBoundingClientRect().left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth)
        : (control.firstElementChild as HTMLElement).getBoundingClientRect().left;
      return { name: label.textContent, field: field.getBoundingClientRect(), label: label.getBoundingClientRect(), control: control.getBoundingClientRect(), content };
    });
    const columns = [...new Set(fields.map((f) => Math.round(f.field.left)))];
    const height = Math.max(...fields.map((f) => f.field.height));
    for (const f of fields) {
      const at = `${block} ${f.name}`;
      if (!near(f.label.left, f.field.left)) problems.push(`${at}: label starts ${Math.round(f.label.left - f.field.left)}px into its cell`);
      if (!near(f.content, f.label.left)) problems.push(`${at}: control's content starts ${Math.round(f.content - f.label.left)}px from its label`);
      if (f.control.top < f.label.bottom - 1 || f.control.top > f.label.bottom + 2) problems.push(`${at}: control ${Math.round(f.control.top - f.label.bottom)}px below its label`);
      if (!near(f.field.height, height)) problems.push(`${at}: ${Math.round(f.field.height)}px tall, others ${Math.round(height)}px`);
      if (!columns.slice(0, 4).some((x) => near(f.field.left, x))) problems.push(`${at}: outside the grid's columns`);
    }
    // A date (and time) is read whole: three columns in a narrow window cut it to "2024-03-21 1…".
    for (const input of grid.querySelectorAll<HTMLInputElement>('input, textarea')) {
      if (input.value && input.scrollWidth > input.clientWidth + 1) problems.push(`${block} ${input.value}: cut off (${input.scrollWidth}px in ${input.clientWidth}px)`);
    }
  }
  return problems;
});

it('the fields of a risk and an incident line up, label over control, at 1360 and 800 px wide, in Chinese', async () => {
  const [ada, bo] = await signedUp(web.server.base, 'Ada', 'Bo');
  const spaceId = await spaceWith(ada, [[bo, 'editor']]);
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id as string;
  const content: DocNode[] = [
    { type: 'incident', attrs: { blockId: 'inc1', severity: 'C', start: '2024-03-20T09:10', end: '2024-03-20T09:52', impact: '约3%的退款请求延迟到账', cause: null, status: 'review_pending', link: null },
      content: [p('对账服务连接池耗尽，退款回调超时')] },
    // Bo owns the first risk (a member chip); the second has none (the empty "+" chip).
    { type: 'risk', attrs: { blockId: 'risk1', severity: 'high', status: 'open', owners: bo.id }, content: [p('（高）新网关压测环境未到位，需要运维支持，负责人：Bo，截止3/28')] },
    { type: 'risk', attrs: { blockId: 'risk2', severity: 'medium', status: 'open' }, content: [p('（中）清分规则变更依赖下游排期')] },
  ];
  await seedReport(ada, reportId, content);

  for (const viewport of [{ width: 1360, height: 860 }, { width: 800, height: 860 }]) {
    const { context, page } = await browserAs(web.browser, web.server.base, ada, viewport, 'zh-CN');
    await openReport(page, reportId);
    const risk = page.locator('.cb-risk[data-block-id="risk1"]');
    await seen(risk);
    await poll(() => risk.locator('.cb-owner-name').allInnerTexts()).toEqual(['Bo']);
    await poll(() => page.locator('.cb-risk-fields .cb-field-label').first().innerText()).toBe('需要谁支持'); // the Chinese catalogue

    await poll(() => misaligned(page)).toEqual([]);

    // The members field is in the first column, under "需要谁支持", as tall as the fields above it.
    const label = (name: string) => risk.locator('.cb-field-label', { hasText: name }).boundingBox();
    const [help, members] = [await label('需要谁支持'), await label('负责成员')];
    expect(Math.abs(members!.x - help!.x)).toBeLessThanOrEqual(1.5);
    // Its name is said once: the empty chip of the second risk offers to add, under the label.
    await poll(() => page.locator('.cb-risk[data-block-id="risk2"] .cb-owners-empty').innerText()).toBe('添加');
    await risk.screenshot({ path: path.join(resultsDir(), `risk-fields-${viewport.width}.png`) });
    // The week in the breadcrumb stays on one line beside the bar's buttons.
    const week = await page.locator('.crumbs span', { hasText: '2024-W12' }).boundingBox();
    expect(week!.height).toBeLessThan(24);
    await context.close();
  }
}, 180_000);

// Walkthrough: an incident's 影响 and 原因 were one-line inputs, so a cause of a sentence or two was cut at the field's
// edge and could only be read by scrolling inside it. They wrap now, as tall as their text, and stay one line of text.
it('an incident\'s impact and cause wrap onto as many lines as they need; Enter stores them and leaves the field', async () => {
  const [ada] = await signedUp(web.server.base, 'Ada');
  const spaceId = await spaceWith(ada);
  const reportId = (await ada.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W13' })).json.id as string;
  const cause = '清算文件生成任务与日终批处理争用同一数据库连接池，连接池耗尽后回调线程阻塞，退款通知积压约四十分钟，扩容后恢复';
  await seedReport(ada, reportId, [
    { type: 'incident', attrs: { blockId: 'inc2', severity: 'B', start: '2024-03-26T10:00', end: '2024-03-26T10:40', impact: '', cause, status: 'review_pending', link: null },
      content: [p('退款通知延迟')] },
  ]);
  const { context, page } = await browserAs(web.browser, web.server.base, ada, { width: 800, height: 860 }, 'zh-CN');
  await openReport(page, reportId);
  const field = page.getByRole('textbox', { name: '原因' });
  await seen(field);
  await poll(() => field.inputValue()).toBe(cause);
  // Every character shown: nothing past the right edge, nothing below the bottom; more than one line tall.
  const box = () => field.evaluate((el: HTMLTextAreaElement) => ({ cutX: el.scrollWidth > el.clientWidth + 1, cutY: el.scrollHeight > el.clientHeight + 1, lines: Math.round(el.clientHeight / parseFloat(getComputedStyle(el).lineHeight)) }));
  const shown = await box();
  expect(shown.cutX || shown.cutY, JSON.stringify(shown)).toBe(false);
  expect(shown.lines).toBeGreaterThan(1);
  await page.locator('.cb-incident').screenshot({ path: path.join(resultsDir(), 'incident-cause-wraps.png') });

  // Typed at the end, then Enter: stored as one line (no line break), and the caret has left the field.
  const impact = page.getByRole('textbox', { name: '影响' });
  await impact.click();
  await page.keyboard.type('约2%的退款通知延迟');
  await page.keyboard.press('Enter');
  await poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.className ?? '')).not.toBe('影响');
  await poll(async () => (await ada.call('GET', `/api/reports/${reportId}/items`)).json.incidents?.[0]?.impact).toBe('约2%的退款通知延迟');
  // A pasted line break becomes a space: the field is one line of text.
  await impact.fill('第一行\n第二行');
  await poll(async () => (await ada.call('GET', `/api/reports/${reportId}/items`)).json.incidents?.[0]?.impact).toBe('第一行 第二行');
  await context.close();
}, 120_000);
