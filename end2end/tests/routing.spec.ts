import { test, expect } from '@playwright/test';
import { DEMO_PASSWORD, expectNoReload, hydrated, markWindow, open, register, signIn, uniqueEmail } from './helpers';

// The demo routes roads in Thành phố Đông Hà to its People's Committee and
// every category otherwise to Sở Xây dựng (the demo officer's agency).
const DONG_HA = 'UBND thành phố Đông Hà';
const SXD = 'Sở Xây dựng tỉnh Quảng Trị';

test('an officer hands a petition to the suggested agency, whose officer then has it in their queue', async ({ page, browser }, info) => {
  const tag = Math.floor(Math.random() * 1e6).toString();
  const title = `Quốc lộ 9 đoạn qua Phường 1 sụt lún ${tag}`;
  await register(page, info, uniqueEmail('route'), 'Người Báo Đường');
  await open(page, info, '/petitions/new');
  await page.getByLabel('Tiêu đề').fill(title);
  await page.getByLabel('Nội dung').fill('Mặt đường quốc lộ 9 đoạn qua Phường 1 sụt lún sâu, xe tải đi qua rất nguy hiểm.');
  await page.getByLabel('Lĩnh vực').selectOption({ label: 'Giao thông, đường sá' });
  await page.getByLabel('Nơi cư trú (xã, phường)').selectOption({ label: 'Phường 1, Thành phố Đông Hà, Tỉnh Quảng Trị' });
  await page.getByRole('button', { name: 'Gửi kiến nghị' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const code = page.url().match(/QT-\d\d-[0-9A-Z]{5}-[0-9A-Z]/)![0];
  // Routed by category and locality to Đông Hà's People's Committee.
  await expect(page.locator('.petition .meta').nth(1)).toContainText(DONG_HA);

  // Đông Hà's officer hands it to the agency routing suggests.
  const dongHaCtx = await browser.newContext({ javaScriptEnabled: hydrated(info) });
  const dongHa = await dongHaCtx.newPage();
  await signIn(dongHa, info, 'officer.dongha@demo.grassroots.vn', DEMO_PASSWORD);
  await open(dongHa, info, `/petitions/${code}`);
  const assign = dongHa.getByRole('region', { name: 'Chuyển cơ quan xử lý' });
  const picker = assign.getByLabel('Cơ quan xử lý');
  await expect(picker.locator('option:checked')).toHaveText(`${SXD} (đề xuất)`);
  await expect(assign.locator('.suggested')).toHaveText(SXD);
  await markWindow(dongHa, info);
  await assign.getByLabel('Lý do chuyển').fill('Quốc lộ do Sở Xây dựng quản lý.');
  await assign.getByRole('button', { name: 'Chuyển kiến nghị' }).click();
  await expect(dongHa.locator('.timeline li')).toHaveCount(2);
  await expect(dongHa.locator('.timeline li').last()).toContainText(SXD);
  await expect(dongHa.locator('.timeline li').last()).toContainText('Quốc lộ do Sở Xây dựng quản lý.');
  await expect(dongHa.locator('.petition .status').first()).toHaveText('Đã chuyển xử lý');
  // No longer theirs: no forms for them.
  await expect(dongHa.getByRole('region', { name: 'Chuyển cơ quan xử lý' })).toHaveCount(0);
  await expectNoReload(dongHa, info);
  await dongHaCtx.close();

  // Sở Xây dựng's officer finds it in their queue, filtered by locality.
  const sxdCtx = await browser.newContext({ javaScriptEnabled: hydrated(info) });
  const sxd = await sxdCtx.newPage();
  await signIn(sxd, info, 'officer@demo.grassroots.vn', DEMO_PASSWORD);
  await open(sxd, info, '/officer');
  await sxd.getByLabel('Trạng thái').selectOption({ label: 'Đã chuyển xử lý' });
  await sxd.getByLabel('Địa bàn').selectOption({ label: 'Thành phố Đông Hà, Tỉnh Quảng Trị' });
  await sxd.getByRole('button', { name: 'Lọc' }).click();
  await expect(sxd).toHaveURL(/locality=461/);
  await expect(sxd.getByRole('link', { name: title })).toBeVisible();
  await expect(sxd.getByLabel('Địa bàn')).toHaveValue('461');
  await sxdCtx.close();
});

test('the public filters the list by locality, a district covering its communes', async ({ page }, info) => {
  await open(page, info, '/petitions');
  await page.getByLabel('Địa bàn').selectOption({ label: 'Huyện Hướng Hóa, Tỉnh Quảng Trị' });
  await page.getByRole('button', { name: 'Tìm' }).click();
  await expect(page).toHaveURL(/locality=465/);
  // The demo's petition from Thị trấn Khe Sanh, a commune of Hướng Hóa.
  await expect(page.locator('.petition-card h3')).toHaveText(['Mất điện kéo dài tại thị trấn Khe Sanh']);
  await expect(page.getByLabel('Địa bàn')).toHaveValue('465');
  // The JSON API takes the same filter.
  const res = await page.request.get('/api/v1/petitions?locality=465');
  expect((await res.json()).total).toBe(1);
});

test('a form too large for the server comes back with the error next to the photos', async ({ page }, info) => {
  await register(page, info, uniqueEmail('big'), 'Người Gửi Ảnh To');
  await open(page, info, '/petitions/new');
  await page.getByLabel('Tiêu đề').fill('Ảnh chụp quá lớn gửi kèm');
  // Over the whole form's limit (3 × 5 MiB + 64 KB): the file is never parsed.
  const big = Buffer.alloc(16 * 1024 * 1024, 0xff);
  await page.getByLabel('Ảnh (không bắt buộc)').setInputFiles({ name: 'to.jpg', mimeType: 'image/jpeg', buffer: big });
  await page.getByRole('button', { name: 'Gửi kiến nghị' }).click();
  await expect(page.locator('#f-photos-error')).toHaveText(
    'Biểu mẫu và ảnh gửi kèm quá lớn. Hãy chọn ảnh nhỏ hơn hoặc ít ảnh hơn rồi gửi lại.',
  );
  await expect(page).toHaveURL(/\/petitions\/new/);
});
