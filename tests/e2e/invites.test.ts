// Walkthrough: the owner could not add a colleague who had no account yet ("没有使用这个邮箱的账号，请对方先注册。").
// Now the members page invites that email, lists it until it is taken up, and can revoke it; the colleague who
// signs up with it finds the space on their home page.
import { expect, it } from 'vitest';
import { signedUp, TestUser } from '../helpers/client.js';
import { browserAs, poll, seen } from '../helpers/reportPage.js';
import { webApp } from '../helpers/webApp.js';

const web = webApp();

it('the owner invites an email with no account; it is listed, can be revoked, and the person who signs up with it is a member', async () => {
  const [ann] = await signedUp(web.server.base, 'Ann');
  const spaceId = (await ann.call('POST', '/api/spaces', { name: '支付研发' })).json.id as string;
  const { context, page } = await browserAs(web.browser, web.server.base, ann, undefined, 'zh-CN');
  await page.goto(`/s/${spaceId}/members`);
  const stamp = Date.now();
  const chen = `chen-${stamp}@example.com`;
  const wrong = `wrong-${stamp}@example.com`;
  for (const email of [chen, wrong]) {
    await page.getByLabel('成员邮箱').fill(email);
    await page.getByLabel('成员角色').selectOption('editor');
    await page.getByRole('button', { name: '添加成员' }).click();
    await poll(() => page.locator('.toasts').innerText()).toContain(`已邀请 ${email}`);
  }
  const invites = page.getByTestId('invites');
  await poll(() => invites.locator('.member-row').count()).toBe(2);
  expect(await invites.innerText()).toContain('用这个邮箱注册后自动加入');
  await invites.getByRole('button', { name: `撤销对 ${wrong} 的邀请` }).click();
  await poll(() => invites.locator('.member-row').count()).toBe(1);

  const newcomer = new TestUser(web.server.base, 'Chen');
  newcomer.email = chen;
  await newcomer.signUp();
  const them = await browserAs(web.browser, web.server.base, newcomer, undefined, 'zh-CN');
  await them.page.goto('/');
  await seen(them.page.getByText('支付研发'));
  await page.reload();
  await seen(page.locator('.member-list .member-row', { hasText: 'Chen' }));
  await poll(() => page.getByTestId('invites').count()).toBe(0);
  await them.context.close();
  await context.close();
}, 120_000);
