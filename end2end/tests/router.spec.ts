import { test, expect } from '@playwright/test';
import { PASSWORD, expectNoReload, hydrated, markWindow, open, register, uniqueEmail } from './helpers';

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
