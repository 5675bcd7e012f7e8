// Walkthrough: someone with no space yet, on the "create your team's first space" screen, was added to a space by
// its owner and saw nothing until they reloaded. Their page now follows: the space list is read again when they are
// added to a space or removed from one.
import { expect, it } from 'vitest';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, poll, seen } from '../helpers/reportPage.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it('a person on the first-space screen sees a space they are added to, and its going when they are removed, without reloading', async () => {
  const [ann, li] = await signedUp(web.server.base, 'Ann', 'Li');
  const spaceId = await spaceWith(ann, [], '支付研发');
  const { context, page } = await browserAs(web.browser, web.server.base, li, undefined, 'zh-CN');
  await page.goto('/');
  await seen(page.getByText('创建团队的第一个空间'));
  expect(await page.getByText('支付研发').count()).toBe(0);
  let loads = 0;
  page.on('load', () => { loads++; });

  expect((await ann.call('POST', `/api/spaces/${spaceId}/members`, { email: li.email, role: 'editor' })).status).toBe(201);
  await seen(page.getByText('支付研发'));
  await poll(async () => page.url()).toContain(`/s/${spaceId}`);

  expect((await ann.call('DELETE', `/api/spaces/${spaceId}/members/${li.id}`)).status).toBe(200);
  await poll(() => page.locator('nav').getByText('支付研发').count()).toBe(0);
  expect(loads).toBe(0);
  await context.close();
}, 120_000);
