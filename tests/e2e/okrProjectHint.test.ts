// Walkthrough: an OKR item's project field showed a grey name nobody had typed (the project read from the text) with
// nothing saying where it came from. Hovering it now says so, and that typing there names it otherwise.
import { expect, it } from 'vitest';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, openReport, poll, seedReport, seen } from '../helpers/reportPage.js';
import { okr } from '../search/docs.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it('the project read from an OKR item\'s text is said to be so; a typed one is not', async () => {
  const [ann] = await signedUp(web.server.base, 'Ann');
  const spaceId = await spaceWith(ann, [], '支付研发');
  const reportId = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id as string;
  await seedReport(ann, reportId, [okr('k1', '物保三期：进度95%，计划3/28上线'), okr('k2', '收银台：联调中', { project: '收银台改版' })]);
  const { context, page } = await browserAs(web.browser, web.server.base, ann, undefined, 'zh-CN');
  await openReport(page, reportId);
  const project = (id: string) => page.locator(`[data-block-id="${id}"]`).getByLabel('项目', { exact: true });
  await seen(project('k1'));
  await poll(() => project('k1').getAttribute('placeholder')).toBe('物保三期');
  expect(await project('k1').getAttribute('title')).toBe('项目名“物保三期”取自正文；在这里输入可改成别的名称');
  expect(await project('k2').inputValue()).toBe('收银台改版');
  expect(await project('k2').getAttribute('title')).toBeNull();
  await context.close();
}, 120_000);
