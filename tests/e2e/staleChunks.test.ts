// Operations: after a new version is deployed, a page opened before it asks for code chunks that are gone (their
// names carry the build's hashes). Opening another page then failed ("Failed to fetch dynamically imported
// module") and the person saw an error until they reloaded by hand. The page now reloads once by itself.
import { expect, it } from 'vitest';
import { signedUp, spaceWith } from '../helpers/client.js';
import { browserAs, seen } from '../helpers/reportPage.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it('a page whose next chunk is gone (a deploy since it opened) reloads once and opens what was asked', async () => {
  const [ann] = await signedUp(web.server.base, 'Ann');
  const spaceId = await spaceWith(ann, [], '支付研发');
  const { context, page } = await browserAs(web.browser, web.server.base, ann, undefined, 'zh-CN');
  await page.goto(`/s/${spaceId}`);
  const members = page.getByRole('link', { name: /成员/ }).first();
  await seen(members);
  // The members page's chunk is gone, as a chunk of the old build is after a deploy: every request for it fails
  // until the page loads afresh (the new build's page would name its new chunks).
  const chunk = /\/assets\/MembersPage-[^/]+\.js$/;
  let refused = 0;
  let reloads = 0;
  await page.route(chunk, (route) => { refused++; return route.abort(); });
  page.on('load', () => { reloads++; void page.unroute(chunk); });
  await members.click();
  await seen(page.getByLabel('成员邮箱', { exact: true }));
  expect(refused).toBeGreaterThan(0);
  expect(reloads).toBe(1);
  expect(new URL(page.url()).pathname).toBe(`/s/${spaceId}/members`);
  await context.close();
}, 120_000);
