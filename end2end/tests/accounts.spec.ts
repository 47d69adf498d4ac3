import { test, expect } from '@playwright/test';
import { PASSWORD, expectNoReload, mailedLink, markWindow, open, register, signIn, uniqueEmail } from './helpers';

test('register, account page, revoke a session, sign out, sign in', async ({ page, browser }, info) => {
  const email = uniqueEmail('journey');
  await register(page, info, email, 'Nguyễn Văn Hành Trình');
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByLabel('Tên hiển thị')).toHaveValue('Nguyễn Văn Hành Trình');
  await expect(page.locator('.who')).toContainText('Nguyễn Văn Hành Trình');

  // A second device signs in; the first sees two sessions and revokes the other.
  const other = await browser.newContext({ javaScriptEnabled: info.project.name === 'hydrated' });
  const otherPage = await other.newPage();
  await signIn(otherPage, info, email);
  await open(page, info, '/account');
  const sessions = page.locator('.session');
  await expect(sessions).toHaveCount(2);
  const otherSession = sessions.filter({ hasNot: page.getByText('Phiên này') });
  await markWindow(page, info);
  await otherSession.getByRole('button', { name: 'Thu hồi' }).click();
  await expect(sessions).toHaveCount(1);
  await expectNoReload(page, info);
  await open(otherPage, info, '/account');
  await expect(otherPage.getByText('Vui lòng đăng nhập để tiếp tục.')).toBeVisible();
  await other.close();

  // Profile change.
  await page.getByLabel('Tên hiển thị').fill('Tên Đã Đổi');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByText('Đã lưu.')).toBeVisible();
  await expect(page.locator('.who')).toContainText('Tên Đã Đổi');

  // Sign out, then sign in again.
  await page.getByRole('main').getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
  await signIn(page, info, email);
});

test('bad input is explained next to the field and changes nothing', async ({ page }, info) => {
  await open(page, info, '/register');
  await page.getByLabel('Thư điện tử').fill('not-an-address');
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Tên hiển thị').fill('Ai Đó');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  const email = page.getByLabel('Thư điện tử');
  await expect(page.locator('#f-email-error')).toHaveText('Địa chỉ thư điện tử không hợp lệ.');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAttribute('aria-describedby', /f-email-error/);
  await expect(page).toHaveURL(/\/register/);

  await open(page, info, '/signin');
  await page.getByLabel('Thư điện tử').fill('nobody@example.vn');
  await page.getByLabel('Mật khẩu').fill('wrong password');
  await page.getByRole('main').getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.locator('#f-password-error')).toHaveText('Thư điện tử hoặc mật khẩu không đúng.');
});

test('forgotten password: e-mailed link, new password, sign in', async ({ page, browser }, info) => {
  const email = uniqueEmail('reset');
  await register(page, info, email, 'Người Hay Quên');
  await page.getByRole('main').getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/$/);

  await open(page, info, '/forgot-password');
  await page.getByLabel('Thư điện tử').fill(email);
  await page.getByRole('button', { name: 'Gửi đường dẫn' }).click();
  await expect(page.getByText('Nếu địa chỉ này có tài khoản')).toBeVisible();

  // The demo admin sees the mail in the outbox, its link's token hidden.
  const admin = await browser.newContext({ javaScriptEnabled: info.project.name === 'hydrated' });
  const adminPage = await admin.newPage();
  await signIn(adminPage, info, 'admin@demo.grassroots.vn', 'demo-password-2026');
  await open(adminPage, info, '/admin/outbox');
  const mail = adminPage.locator('.mail', { hasText: email }).filter({ hasText: 'reset-password' }).first();
  await expect(mail.locator('.mail-body')).toContainText('/reset-password?token=[hidden]');
  await admin.close();

  // The link itself, as the mail carries it.
  const link = mailedLink(email, '/reset-password');
  expect(link).not.toContain('[hidden]');
  await open(page, info, link);
  await page.getByLabel('Mật khẩu mới').fill('a new and long password');
  await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
  await expect(page).toHaveURL(/\/signin\?reset=1/);
  await expect(page.getByText('Đã đặt lại mật khẩu.')).toBeVisible();
  await signIn(page, info, email, 'a new and long password');
});

test('the outbox is for admins only', async ({ page }, info) => {
  const email = uniqueEmail('nosy');
  await register(page, info, email, 'Tò Mò');
  await expect(page.getByRole('link', { name: 'Hộp thư đi' })).toHaveCount(0);
  await open(page, info, '/admin/outbox');
  await expect(page.getByText('Bạn không có quyền thực hiện việc này.')).toBeVisible();
});

test('revoking this session, and deleting the account, sign the header out', async ({ page }, info) => {
  const email = uniqueEmail('leaving');
  await register(page, info, email, 'Người Rời Đi');
  await expect(page.locator('.who')).toContainText('Người Rời Đi');

  await markWindow(page, info);
  const current = page.locator('.session').filter({ has: page.getByText('Phiên này') });
  await current.getByRole('button', { name: 'Thu hồi' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('.who')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
  await expectNoReload(page, info);

  await signIn(page, info, email);
  await expect(page.locator('.who')).toContainText('Người Rời Đi');
  await markWindow(page, info);
  const danger = page.locator('section.danger');
  await danger.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await danger.getByRole('button', { name: 'Xóa vĩnh viễn tài khoản' }).click();
  await expect(page).toHaveURL(/\/\?deleted=1$/);
  await expect(page.locator('.who')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
  await expectNoReload(page, info);
});
