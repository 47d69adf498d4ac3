import { expect, type Page, type TestInfo } from '@playwright/test';

export const PASSWORD = 'a long enough password';
export const DEMO_PASSWORD = 'demo-password-2026';

/** Whether this run has JavaScript (and so hydration). */
export function hydrated(info: TestInfo): boolean {
  return info.project.name === 'hydrated';
}

/** A unique e-mail address for this test. */
export function uniqueEmail(tag: string): string {
  return `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e9)}@example.vn`;
}

/** Opens a page and, when JavaScript runs, waits until the app has hydrated. */
export async function open(page: Page, info: TestInfo, path: string): Promise<void> {
  await page.goto(path);
  if (hydrated(info)) {
    await page.waitForSelector('body[data-hydrated="true"]', { timeout: 30_000 });
  }
}

/**
 * Marks the window; after a hydrated form submission the mark must still be
 * there (no full page load happened).
 */
export async function markWindow(page: Page, info: TestInfo): Promise<void> {
  if (hydrated(info)) await page.evaluate(() => ((window as any).__noReload = true));
}

export async function expectNoReload(page: Page, info: TestInfo): Promise<void> {
  if (hydrated(info)) expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
}

/** Registers a citizen through the form; ends on the account page. */
export async function register(page: Page, info: TestInfo, email: string, name: string): Promise<void> {
  await open(page, info, '/register');
  await markWindow(page, info);
  await page.getByLabel('Thư điện tử').fill(email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Tên hiển thị').fill(name);
  await page.getByLabel('Nơi cư trú (xã, phường)').selectOption({ label: 'Phường 1, Thành phố Đông Hà, Tỉnh Quảng Trị' });
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'Tài khoản của tôi' })).toBeVisible();
  await expectNoReload(page, info);
}

/** Signs in through the form; ends on the account page. */
export async function signIn(page: Page, info: TestInfo, email: string, password = PASSWORD): Promise<void> {
  await open(page, info, '/signin');
  await page.getByLabel('Thư điện tử').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'Thông tin cá nhân' })).toBeVisible();
}
