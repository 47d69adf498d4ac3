import { test, expect, type APIRequestContext, type Page, type PlaywrightWorkerArgs, type TestInfo } from '@playwright/test';
import { DEMO_PASSWORD, PASSWORD, expectNoReload, hydrated, markWindow, open, register, signIn, uniqueEmail, verifyEmail } from './helpers';

async function submitPetition(page: Page, info: TestInfo, title: string): Promise<string> {
  await open(page, info, '/petitions/new');
  await page.getByLabel('Tiêu đề').fill(title);
  await page.getByLabel('Nội dung').fill('Nội dung kiến nghị dùng cho kiểm thử bộ định tuyến, đủ dài để hợp lệ.');
  await page.getByLabel('Lĩnh vực').selectOption({ label: 'Môi trường, vệ sinh' });
  await page.getByLabel('Nơi cư trú (xã, phường)').selectOption({ label: 'Phường 2, Thành phố Đông Hà, Tỉnh Quảng Trị' });
  await page.getByRole('button', { name: 'Gửi kiến nghị' }).click();
  await expect(page).toHaveURL(/\/petitions\/QT-\d\d-[0-9A-Z]{5}-[0-9A-Z]\?new=1$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  return page.url().match(/QT-\d\d-[0-9A-Z]{5}-[0-9A-Z]/)![0];
}

/** A citizen signed in through the server functions, as another browser would be. */
async function citizenApi(playwright: PlaywrightWorkerArgs['playwright'], info: TestInfo): Promise<APIRequestContext> {
  const baseURL = info.project.use.baseURL!;
  // Server functions refuse a state-changing request from another origin.
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const reg = await api.post('/api/accounts/register', {
    form: { email: uniqueEmail('router-reporter'), password: PASSWORD, display_name: 'Công Dân', locality: '461001' },
  });
  expect(reg.status()).toBe(200);
  return api;
}

async function report(api: APIRequestContext, code: string): Promise<void> {
  const rep = await api.post('/api/moderation/report', { form: { code, report_reason: 'spam', report_comment: '' } });
  expect(rep.status()).toBe(200);
}

/** The form posts a page sends: counted; `cut` makes the network fail them, `hold` delays them. */
interface Network {
  posts: number;
  cut: boolean;
  hold?: Promise<void>;
}

async function countPosts(page: Page): Promise<Network> {
  const net: Network = { posts: 0, cut: false };
  await page.route(
    (url) => url.pathname.startsWith('/api/'),
    async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      net.posts += 1;
      if (net.cut) return route.abort('internetdisconnected');
      if (net.hold) await net.hold;
      return route.continue();
    },
  );
  return net;
}

// The islands router (src/ui/router.js): links, history and forms patch the
// page in place. Without JavaScript the same links and forms load documents,
// which every other journey covers.
test('links and the back button move between pages without reloading', async ({ page }, info) => {
  test.skip(!hydrated(info), 'the router is JavaScript');
  await open(page, info, '/');
  await markWindow(page, info);
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Kiến nghị' }).click();
  await expect(page).toHaveURL(/\/petitions$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kiến nghị, phản ánh');
  await expect(page).toHaveTitle(/^Kiến nghị, phản ánh · /);
  // a new page starts at its top, with the focus on its content
  await expect(page.locator('main')).toBeFocused();
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('.hero h1')).toBeVisible();
  await expectNoReload(page, info);

  // a link to something that is not a page is opened as a document
  await page.getByRole('link', { name: 'Open311' }).click();
  await expect(page).toHaveURL(/\/open311\/v2\/discovery\.json$/);
  await expect(page.locator('body')).toContainText('"endpoints"');
});

test('going back returns to where the reader was in the list', async ({ page }, info) => {
  test.skip(!hydrated(info), 'the router is JavaScript');
  await page.setViewportSize({ width: 360, height: 640 });
  await open(page, info, '/petitions');
  await markWindow(page, info);
  const last = page.locator('.petition-card h3 a').last();
  await last.scrollIntoViewIfNeeded();
  const readingAt = await page.evaluate(() => window.scrollY);
  expect(readingAt).toBeGreaterThan(500);
  await last.click();
  await expect(page).toHaveURL(/\/petitions\/QT-/);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.goBack();
  await expect(page).toHaveURL(/\/petitions$/);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(readingAt);
  await expectNoReload(page, info);
});

test('a form that succeeded is cleared; one that failed keeps what was typed', async ({ page }, info) => {
  test.skip(!hydrated(info), 'the router is JavaScript');
  await register(page, info, uniqueEmail('router'), 'Người Thử Bộ Định Tuyến');
  await markWindow(page, info);
  const current = page.getByLabel('Mật khẩu hiện tại');
  const fresh = page.getByLabel('Mật khẩu mới');
  await current.fill('not the password at all');
  await fresh.fill('another long password');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.locator('#f-current_password-error')).not.toBeEmpty();
  await expect(fresh).toHaveValue('another long password');

  await current.fill(PASSWORD);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByText('Đã đổi mật khẩu.')).toBeVisible();
  await expect(current).toHaveValue('');
  await expect(fresh).toHaveValue('');
  await expectNoReload(page, info);
});

test('a form whose connection failed is not sent again until the reader asks', async ({ page, browser }, info) => {
  test.skip(!hydrated(info), 'the router is JavaScript');
  // Two browser contexts in one journey: more than the default budget on a busy machine.
  test.setTimeout(120_000);
  const tag = Math.floor(Math.random() * 1e6).toString();
  await register(page, info, uniqueEmail('router-author'), 'Người Kiến Nghị');
  const code = await submitPetition(page, info, `Đèn đường hẻm 12 Lê Lợi hỏng ${tag}`);

  const ctx = await browser.newContext();
  const supporter = await ctx.newPage();
  const supporterEmail = uniqueEmail('router-supporter');
  await register(supporter, info, supporterEmail, 'Người Ủng Hộ');
  await verifyEmail(supporter, info, supporterEmail);
  await open(supporter, info, `/petitions/${code}`);
  await markWindow(supporter, info);
  const net = await countPosts(supporter);
  net.cut = true;
  await supporter.getByRole('button', { name: 'Ủng hộ kiến nghị này' }).click();
  const alert = supporter.getByRole('alert').filter({ hasText: 'Không kết nối được với máy chủ.' });
  await expect(alert).toBeVisible();
  // The router said so and sent nothing more: no second POST, no page load.
  expect(net.posts).toBe(1);
  await expectNoReload(supporter, info);
  await expect(supporter.locator('.supports strong')).toHaveText('0');

  // The connection is back; the reader asks to try again, and it is sent once more.
  net.cut = false;
  await alert.getByRole('button', { name: 'Thử lại' }).click();
  await expect(supporter.locator('.supports strong')).toHaveText('1');
  await expect(supporter.getByRole('button', { name: 'Rút ủng hộ' })).toBeVisible();
  await expect(alert).toHaveCount(0);
  expect(net.posts).toBe(2);
  await expectNoReload(supporter, info);
  await ctx.close();
});

test('a form tapped twice while it is on its way is sent once', async ({ page }, info) => {
  test.skip(!hydrated(info), 'the router is JavaScript');
  await register(page, info, uniqueEmail('router-double'), 'Người Bấm Hai Lần');
  await markWindow(page, info);
  const net = await countPosts(page);
  let release = () => {};
  net.hold = new Promise<void>((r) => (release = r));
  const current = page.getByLabel('Mật khẩu hiện tại');
  const fresh = page.getByLabel('Mật khẩu mới');
  await current.fill(PASSWORD);
  await fresh.fill('another long password');
  const change = page.getByRole('button', { name: 'Đổi mật khẩu' });
  await change.click();
  await expect(page.locator('form[aria-busy="true"]')).toHaveCount(1);
  await change.click();
  release();
  await expect(page.getByText('Đã đổi mật khẩu.')).toBeVisible();
  await expect(current).toHaveValue('');
  expect(net.posts).toBe(1);
  await expectNoReload(page, info);
});

test('a list that changes order keeps what was typed, and the focus, with its item', async ({ page, browser, playwright }, info) => {
  test.skip(!hydrated(info), 'the router is JavaScript');
  // Several browser contexts in one journey: more than the default budget on a busy machine.
  test.setTimeout(120_000);
  const tag = Math.floor(Math.random() * 1e6).toString();
  const titleA = `Quảng cáo trá hình thứ nhất ${tag}`;
  const titleB = `Quảng cáo trá hình thứ hai ${tag}`;
  await register(page, info, uniqueEmail('router-reported'), 'Người Gửi');
  const codeA = await submitPetition(page, info, titleA);
  const codeB = await submitPetition(page, info, titleB);
  // Three citizens report both: the queue shows the newer (B) first.
  const reporters: APIRequestContext[] = [];
  for (let n = 0; n < 4; n += 1) reporters.push(await citizenApi(playwright, info));
  for (const api of reporters.slice(0, 3)) {
    await report(api, codeA);
    await report(api, codeB);
  }

  const ctx = await browser.newContext();
  const officer = await ctx.newPage();
  await signIn(officer, info, 'officer@demo.grassroots.vn', DEMO_PASSWORD);
  await open(officer, info, '/officer/moderation');
  await markWindow(officer, info);
  const titles = () => officer.locator('.moderation-queue > li h2').allTextContents();
  const cardA = officer.locator('.moderation-queue > li', { hasText: titleA });
  const cardB = officer.locator('.moderation-queue > li', { hasText: titleB });
  const reasonA = cardA.getByLabel('Lý do (hiển thị công khai)');
  const reasonB = cardB.getByLabel('Lý do (hiển thị công khai)');
  const order = await titles();
  expect(order.indexOf(titleB)).toBeGreaterThanOrEqual(0);
  expect(order.indexOf(titleB)).toBeLessThan(order.indexOf(titleA));
  await reasonB.fill('Lý do cho kiến nghị thứ hai');
  await reasonA.fill('Lý do cho kiến nghị thứ nhất');
  await expect(reasonA).toBeFocused();

  // A fourth report puts A above B; the page is patched in place.
  await report(reporters[3], codeA);
  await officer.evaluate(() => (window as any).grassroots.refresh());
  await expect(cardA).toContainText('4 báo cáo');
  const after = await titles();
  expect(after.indexOf(titleA)).toBeLessThan(after.indexOf(titleB));
  await expect(reasonA).toHaveValue('Lý do cho kiến nghị thứ nhất');
  await expect(reasonA).toBeFocused();
  await expect(reasonB).toHaveValue('Lý do cho kiến nghị thứ hai');
  await expectNoReload(officer, info);
  for (const api of reporters) await api.dispose();
  await ctx.close();
});

test('a form that succeeded is cleared, and only that form', async ({ page }, info) => {
  test.skip(!hydrated(info), 'the router is JavaScript');
  await register(page, info, uniqueEmail('router-two-forms'), 'Người Hai Biểu Mẫu');
  await markWindow(page, info);
  const name = page.getByLabel('Tên hiển thị');
  await name.fill('Tên mới chưa lưu');
  const current = page.getByLabel('Mật khẩu hiện tại');
  const fresh = page.getByLabel('Mật khẩu mới');
  await current.fill(PASSWORD);
  await fresh.fill('another long password');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByText('Đã đổi mật khẩu.')).toBeVisible();
  await expect(current).toHaveValue('');
  await expect(fresh).toHaveValue('');
  // The profile form was not sent: what was typed there stays.
  await expect(name).toHaveValue('Tên mới chưa lưu');
  await expectNoReload(page, info);
});
