import { expect, type Page, type TestInfo } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

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

/**
 * The path and query of the newest `path?token=…` link mailed to `email`.
 * No SMTP runs in the tests and the admin outbox page hides link tokens, so
 * this reads the outbox table of the e2e server's SQLite database, whose file
 * scripts/e2e-server names in /tmp/grassroots-e2e-<port>.path.
 */
export function mailedLink(email: string, path: string): string {
  const port = process.env.E2E_PORT ?? '3300';
  const db = readFileSync(`/tmp/grassroots-e2e-${port}.path`, 'utf8').trim();
  const quoted = email.replace(/'/g, "''");
  const body = execFileSync('sqlite3', [
    db,
    `SELECT body FROM outbox WHERE to_addr = '${quoted}' AND body LIKE '%${path}?token=%' ORDER BY id DESC LIMIT 1`,
  ]).toString();
  const match = body.match(new RegExp(`https?://\\S+(${path.replace(/[/]/g, '\\/')}\\?token=\\S+)`));
  if (!match) throw new Error(`no ${path} link mailed to ${email}: ${body}`);
  return match[1];
}

/** Opens the verification link mailed to `email` in `page`: the account's supports count from then on. */
export async function verifyEmail(page: Page, info: TestInfo, email: string): Promise<void> {
  await open(page, info, mailedLink(email, '/verify'));
  await expect(page.getByText('địa chỉ thư điện tử đã được xác nhận')).toBeVisible();
}
