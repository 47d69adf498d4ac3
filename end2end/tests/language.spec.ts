import { test, expect } from '@playwright/test';
import { expectNoReload, markWindow, open } from './helpers';

test('the language switch changes every text and is remembered', async ({ page }, info) => {
  await open(page, info, '/signin');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng nhập');
  await markWindow(page, info);
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('로그인');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByRole('button', { name: '한국어' })).toHaveAttribute('aria-pressed', 'true');
  await expectNoReload(page, info);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  // remembered on the next visit
  await open(page, info, '/register');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create an account');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('validation messages follow the chosen language', async ({ page }, info) => {
  await open(page, info, '/register');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create an account');
  await page.getByLabel('E-mail').fill('bad');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Display name').fill('Someone');
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.locator('#f-email-error')).toHaveText('This e-mail address is not valid.');
});
