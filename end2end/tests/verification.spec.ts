import { test, expect } from '@playwright/test';
import { expectNoReload, mailedLink, markWindow, open, register, uniqueEmail } from './helpers';

test('a new account confirms its address by the mailed link, then its support counts', async ({ page }, info) => {
  const email = uniqueEmail('verify');
  await register(page, info, email, 'Người Mới Đến');
  await expect(page.getByText('Địa chỉ thư điện tử của bạn chưa được xác nhận.')).toBeVisible();
  const first = mailedLink(email, '/verify');

  // Supporting is refused, with the reason, until the address is confirmed.
  await open(page, info, '/petitions?sort=supported');
  const petition = (await page.locator('.petition-card h3 a').first().getAttribute('href'))!;
  await open(page, info, petition);
  await page.getByRole('button', { name: 'Ủng hộ kiến nghị này' }).click();
  await expect(page.getByText('Hãy xác nhận địa chỉ thư điện tử để ủng hộ kiến nghị')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rút ủng hộ' })).toHaveCount(0);

  // Sending the link again ends the first one.
  await open(page, info, '/account');
  await markWindow(page, info);
  await page.getByRole('button', { name: 'Gửi lại đường dẫn' }).click();
  await expect(page.getByText('Đã gửi đường dẫn xác nhận mới.')).toBeVisible();
  await expectNoReload(page, info);
  const newest = mailedLink(email, '/verify');
  expect(newest).not.toEqual(first);
  await open(page, info, first);
  await expect(page.getByText('Một đường dẫn xác nhận mới hơn đã được gửi cho bạn')).toBeVisible();

  // The newest link confirms the address.
  await open(page, info, newest);
  await expect(page.getByRole('heading', { name: 'Xác nhận địa chỉ thư điện tử' })).toBeVisible();
  await expect(page.getByText('địa chỉ thư điện tử đã được xác nhận')).toBeVisible();
  await open(page, info, '/account');
  await expect(page.getByText('(đã xác nhận)')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Gửi lại đường dẫn' })).toHaveCount(0);

  // Now the support counts.
  await open(page, info, petition);
  const before = Number(await page.locator('.supports strong').innerText());
  await page.getByRole('button', { name: 'Ủng hộ kiến nghị này' }).click();
  await expect(page.getByRole('button', { name: 'Rút ủng hộ' })).toBeVisible();
  await expect(page.locator('.supports strong')).not.toHaveText(String(before));
});
