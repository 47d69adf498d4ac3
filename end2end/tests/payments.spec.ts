import { test, expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD, hydrated, open, signIn } from './helpers';

/** Waits until the page shows `status` on its invoice: by itself when the
 * live island runs, after a reload without JavaScript. */
async function invoiceTurns(page: Page, live: boolean, status: string): Promise<void> {
  const shown = page.locator('.invoice-status');
  if (!live) {
    await page.reload();
  }
  await expect(shown).toHaveText(status, { timeout: 20_000 });
}

test('counter staff open a case and issue its VietQR invoice; the bank pays; counter and display turn to paid', async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const live = hydrated(info);
  await signIn(page, info, 'staff.dongha@demo.grassroots.vn', DEMO_PASSWORD);
  await open(page, info, '/counter');
  const display = await page.getByRole('link', { name: 'Mở màn hình cho công dân (cửa sổ mới)' }).getAttribute('href');
  expect(display).toMatch(/^\/counter\/display\//);

  // A refused field says why next to it; nothing is opened.
  const procedure = await page.locator('#f-procedure option', { hasText: 'DH-KD01' }).getAttribute('value');
  await page.locator('#f-procedure').selectOption(procedure!);
  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await expect(page.getByText('Nhập họ tên công dân.')).toBeVisible();
  await page.locator('#f-procedure').selectOption(procedure!);
  await page.getByLabel('Họ tên công dân').fill('Nguyễn Văn Bình');
  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await expect(page).toHaveURL(/\/counter\/cases\/HS-[0-9A-Z-]+$/);
  await expect(page.getByText('Chờ nộp phí').or(page.getByText('Đang xử lý')).first()).toBeVisible();

  await page.getByRole('button', { name: 'Phát hành hóa đơn và mã QR' }).click();
  await expect(page.locator('.invoice-status')).toHaveText('Chờ thanh toán');
  await expect(page.locator('.qr-code svg')).toBeVisible();
  const reference = (await page.locator('#invoice-h .code').textContent())!.trim();
  expect(reference).not.toBe('');

  // The citizen-facing display at the counter shows the same code.
  const counterSide = await browser.newContext({ javaScriptEnabled: live });
  const screen = await counterSide.newPage();
  await open(screen, info, display!);
  await expect(screen.locator('#invoice-h .code')).toHaveText(reference);
  await expect(screen.locator('.qr-code svg')).toBeVisible();

  // The citizen's bank app (the sandbox bank) pays the code.
  const bankSide = await browser.newContext({ javaScriptEnabled: live });
  const bank = await bankSide.newPage();
  await open(bank, info, '/sandbox/bank');
  await bank.locator(`#pay-${reference}`).getByRole('button', { name: 'Chuyển khoản' }).click();
  await expect(bank.getByRole('status').filter({ hasText: 'Đã gửi thanh toán' })).toContainText(reference);
  await expect(bank.locator(`#pay-${reference}`)).toHaveCount(0);

  await invoiceTurns(page, live, 'Đã thanh toán');
  await expect(page.locator('.timeline')).toContainText('Đã nhận thanh toán');
  await expect(page.locator('.invoice .qr-code')).toHaveCount(0);
  await invoiceTurns(screen, live, 'Đã thanh toán');

  // The e-receipt: its QR code on the case; staff check it by its code
  // (the camera's fallback): valid once, then already checked.
  await expect(page.locator('.receipt > figure .qr-code svg')).toBeVisible();
  await expect(page.locator('.rate-link .qr-code svg')).toBeVisible();
  const token = (await page.locator('.receipt-token').textContent())!.trim();
  expect(token).toMatch(/^GR1\./);
  await open(page, info, '/counter/receipts');
  await page.getByLabel('Mã biên lai').fill(token);
  await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
  await expect(page.locator('.check')).toContainText('Biên lai hợp lệ: đã nộp đủ.');
  await expect(page.locator('.check')).toContainText(reference);
  await page.getByLabel('Mã biên lai').fill(token);
  await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
  await expect(page.locator('.check')).toContainText('đã được kiểm tra trước đó');
  await page.getByLabel('Mã biên lai').fill(token.slice(0, -3) + 'AAA');
  await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
  await expect(page.locator('.check')).toContainText('Biên lai không hợp lệ');
  // Right after the payment the display offers to rate the service, once.
  await screen.getByRole('link', { name: 'Mở trang đánh giá' }).click();
  await expect(screen.getByRole('heading', { level: 1, name: 'Đánh giá dịch vụ' })).toBeVisible();
  await screen.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(screen.getByText('Chọn từ 1 đến 5 sao.')).toBeVisible();
  await screen.getByLabel(/ Hài lòng$/).check();
  await screen.getByLabel('Góp ý thêm (không bắt buộc)').fill('Cán bộ hướng dẫn tận tình.');
  await screen.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(screen.getByRole('status').filter({ hasText: 'Cảm ơn bạn đã đánh giá' })).toBeVisible();
  await counterSide.close();
  await bankSide.close();
});

test('a citizen cannot open the counter, and another agency\'s staff cannot open this case', async ({ page, browser }, info) => {
  await signIn(page, info, 'staff.dongha@demo.grassroots.vn', DEMO_PASSWORD);
  await open(page, info, '/counter');
  const procedure = await page.locator('#f-procedure option', { hasText: 'DH-KD01' }).getAttribute('value');
  await page.locator('#f-procedure').selectOption(procedure!);
  await page.getByLabel('Họ tên công dân').fill('Trần Thị Cúc');
  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await expect(page).toHaveURL(/\/counter\/cases\/HS-/);
  const path = new URL(page.url()).pathname;

  const ward = await browser.newContext({ javaScriptEnabled: hydrated(info) });
  const other = await ward.newPage();
  await signIn(other, info, 'staff.phuong1@demo.grassroots.vn', DEMO_PASSWORD);
  const res = await other.goto(path);
  expect([403, 404]).toContain(res?.status());
  await expect(other.getByText('Trần Thị Cúc')).toHaveCount(0);
  await ward.close();

  const citizenSide = await browser.newContext({ javaScriptEnabled: hydrated(info) });
  const citizen = await citizenSide.newPage();
  await signIn(citizen, info, 'citizen@demo.grassroots.vn', DEMO_PASSWORD);
  const counter = await citizen.goto('/counter');
  expect(counter?.status()).toBe(403);
  await expect(citizen.getByRole('button', { name: 'Tiếp nhận', exact: true })).toHaveCount(0);
  await citizenSide.close();
});

test('staff ask to refund a paid fee; the agency\'s officer approves it and the case shows it refunded', async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  await signIn(page, info, 'staff.dongha@demo.grassroots.vn', DEMO_PASSWORD);
  await open(page, info, '/counter');
  const procedure = await page.locator('#f-procedure option', { hasText: 'DH-KD01' }).getAttribute('value');
  await page.locator('#f-procedure').selectOption(procedure!);
  await page.getByLabel('Họ tên công dân').fill('Lê Văn Hoàn');
  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await expect(page).toHaveURL(/\/counter\/cases\/HS-/);
  const path = new URL(page.url()).pathname;
  await page.getByRole('button', { name: 'Phát hành hóa đơn và mã QR' }).click();
  const reference = (await page.locator('#invoice-h .code').textContent())!.trim();
  const bankSide = await browser.newContext({ javaScriptEnabled: hydrated(info) });
  const bank = await bankSide.newPage();
  await open(bank, info, '/sandbox/bank');
  await bank.locator(`#pay-${reference}`).getByRole('button', { name: 'Chuyển khoản' }).click();
  await expect(bank.getByRole('status').filter({ hasText: 'Đã gửi thanh toán' })).toContainText(reference);
  await bankSide.close();

  // A reason is required, then the request waits for the officer.
  await open(page, info, path);
  await page.getByRole('button', { name: 'Đề nghị hoàn tiền' }).click();
  await expect(page.getByText('Nhập lý do.')).toBeVisible();
  await page.getByLabel('Lý do hoàn tiền').fill('Người dân nộp nhầm thủ tục.');
  await page.getByRole('button', { name: 'Đề nghị hoàn tiền' }).click();
  await expect(page.getByText('Đang chờ cán bộ duyệt hoàn tiền.')).toBeVisible();

  const officerSide = await browser.newContext({ javaScriptEnabled: hydrated(info) });
  const officer = await officerSide.newPage();
  await signIn(officer, info, 'officer.dongha@demo.grassroots.vn', DEMO_PASSWORD);
  await officer.getByRole('link', { name: 'Duyệt hoàn tiền' }).click();
  const item = officer.locator(`#refund-${reference}`);
  await expect(item).toContainText('Người dân nộp nhầm thủ tục.');
  await item.getByRole('button', { name: 'Duyệt hoàn tiền' }).click();
  await expect(officer.locator(`#refund-${reference}`)).toHaveCount(0);
  await officerSide.close();

  await open(page, info, path);
  await expect(page.getByText('Đã duyệt hoàn tiền.')).toBeVisible();
  await expect(page.locator('.invoice-status')).toHaveText('Đã hoàn tiền');
  await expect(page.locator('.timeline')).toContainText('Đã duyệt hoàn tiền');
});
