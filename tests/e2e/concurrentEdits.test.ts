// An edit typed offline met a newer online edit of the same field, and one of the two was dropped without a word:
// Yjs keeps one value per attribute (by client id). Now the person who was offline is told, after reconnecting,
// which value was kept and which replaced, and can put the replaced one back (web/editor/concurrentFields.ts).
import { expect, it } from 'vitest';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, openReport, poll, seedReport, seen } from '../helpers/reportPage.js';
import { okr } from '../search/docs.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it('after reconnecting, a field both changed says which value was kept and puts the other back on request', async () => {
  const [ann, bo] = await signedUp(web.server.base, 'Ann', 'Bo');
  const spaceId = await spaceWith(ann, [[bo, 'editor']], '支付研发');
  const reportId = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id as string;
  await seedReport(ann, reportId, [okr('o1', '物保三期 联调', { progress: 10 }), okr('o2', '贝易转 上线准备', { progress: 20 })]);
  const a = await browserAs(web.browser, web.server.base, ann, undefined, 'zh-CN');
  const b = await browserAs(web.browser, web.server.base, bo, undefined, 'zh-CN');
  await openReport(a.page, reportId);
  await openReport(b.page, reportId);
  const progress = (page: typeof a.page, id: string) => page.locator(`[data-block-id="${id}"]`).getByLabel('进度', { exact: true });
  const setProgress = async (page: typeof a.page, id: string, value: string) => {
    await progress(page, id).click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(value);
    await page.keyboard.press('Enter');
  };
  const state = (page: typeof a.page) => page.getByTestId('connection');
  const items = async () => (await ann.call('GET', `/api/reports/${reportId}/items`)).json.okrs as { blockId: string; progress: number | null }[];
  const progressOf = async (id: string) => (await items()).find((o) => o.blockId === id)?.progress;

  /** Ann sets a block's progress offline while Bo sets one online; then Ann reconnects and both are stored. */
  const whileAnnOffline = async (annSets: [string, string], boSets: [string, string]) => {
    await a.context.setOffline(true);
    await poll(() => state(a.page).getAttribute('data-state')).toBe('offline');
    await setProgress(a.page, ...annSets);
    await setProgress(b.page, ...boSets);
    await poll(() => state(b.page).getAttribute('data-saved')).toBe('yes');
    await a.context.setOffline(false);
    await poll(() => state(a.page).getAttribute('data-saved')).toBe('yes');
  };

  // Offline edits of other fields than the ones changed online: nothing to say.
  await whileAnnOffline(['o2', '25'], ['o1', '15']);
  await poll(() => progressOf('o2')).toBe(25);
  await poll(() => progress(a.page, 'o1').inputValue()).toBe('15');
  expect(await a.page.getByTestId('concurrent-edits').count()).toBe(0);

  // Ann sets 物保三期 to 30% offline while Bo sets it to 50%.
  await whileAnnOffline(['o1', '30'], ['o1', '50']);

  // Both pages end on the same value; Ann is told which, and what was replaced, by whom.
  await poll(() => progress(a.page, 'o1').inputValue()).toMatch(/^(30|50)$/);
  const kept = await progress(a.page, 'o1').inputValue();
  const lost = kept === '30' ? '50' : '30';
  await poll(() => progress(b.page, 'o1').inputValue()).toBe(kept);
  const notice = a.page.getByTestId('concurrent-edits');
  await seen(notice);
  const line = notice.locator('li');
  expect(await line.count()).toBe(1);
  await poll(() => line.innerText()).toContain(`保留了${kept === '30' ? '你' : 'Bo'}改的 ${kept}%`);
  expect(await line.innerText()).toContain(`${kept === '30' ? 'Bo' : '你'}改的 ${lost}% 被替换`);
  expect(await line.innerText()).toContain('「进度」');
  expect(await line.innerText()).toContain('物保三期');
  // Bo was online all along. When his value was the one replaced, he is told too, as Ann's edits arrive (walkthrough:
  // his field switched to her value without a word). When his stayed, nothing of his was lost; Ann's page may have
  // collected her replaced value before sending it, so his page may not be able to name it.
  const boLine = b.page.getByTestId('concurrent-edits').locator('li');
  if (kept === '30') {
    await poll(() => boLine.count()).toBe(1);
    await poll(() => boLine.innerText()).toContain('保留了Ann改的 30%');
    expect(await boLine.innerText()).toContain('你改的 50% 被替换');
  }

  // "定位" takes Ann to the field (the list sits above the report, far from it): the page lands on that block.
  await line.getByRole('link', { name: '定位' }).click();
  const landed = a.page.locator('.search-hit');
  await poll(() => landed.count()).toBe(1);
  expect(await landed.evaluate((el) => el.matches('[data-block-id="o1"]') || !!el.querySelector('[data-block-id="o1"]'))).toBe(true);
  expect(await line.count()).toBe(1); // the notice stays until it is answered

  // "改用 …" puts the replaced value back, for everyone, and the notice goes.
  await line.getByRole('button', { name: `改用 ${lost}%` }).click();
  await poll(() => progress(a.page, 'o1').inputValue()).toBe(lost);
  await poll(() => progress(b.page, 'o1').inputValue()).toBe(lost);
  await poll(() => progressOf('o1')).toBe(Number(lost));
  await poll(() => notice.count()).toBe(0);
  // Put back by Ann, it is settled on Bo's page too.
  await poll(() => b.page.getByTestId('concurrent-edits').count()).toBe(0);
  await a.context.close();
  await b.context.close();
}, 240_000);
