import { test, expect, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { expectNoReload, hydrated, markWindow, open, register, uniqueEmail } from './helpers';

// A 48 x 32 blue PNG: stored re-encoded as a JPEG of the same size.
const PHOTO = {
  name: 'cay-do.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAIAAADbtmxLAAAAMUlEQVR42u3OQQ0AAAgEoEtiRHMayxbOBxsBSPW8EiEhISEhISEhISEhISEhISGhSwvRWfhqAdjY9AAAAABJRU5ErkJggg==',
    'base64',
  ),
};
const ALT = 'Ảnh 1 trên 1 do người gửi đính kèm';

async function fillPetition(page: Page, title: string): Promise<void> {
  await page.getByLabel('Tiêu đề').fill(title);
  await page.getByLabel('Nội dung').fill('Cây xanh bật gốc sau bão nằm chắn ngang đường, xe máy phải leo lên vỉa hè.');
  await page.getByLabel('Lĩnh vực').selectOption({ label: 'Môi trường, vệ sinh' });
  await page.getByLabel('Nơi cư trú (xã, phường)').selectOption({ label: 'Phường 2, Thành phố Đông Hà, Tỉnh Quảng Trị' });
}

/** Submits a petition with one photo through the form; ends on its page. */
async function submitWithPhoto(page: Page, info: TestInfo, title: string): Promise<void> {
  await open(page, info, '/petitions/new');
  await markWindow(page, info);
  await fillPetition(page, title);
  await page.getByLabel('Ảnh (không bắt buộc)').setInputFiles(PHOTO);
  await page.getByRole('button', { name: 'Gửi kiến nghị' }).click();
  await expect(page).toHaveURL(/\/petitions\/QT-\d\d-[0-9A-Z]{5}-[0-9A-Z]\?new=1$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expectNoReload(page, info);
}

test('a citizen attaches a photo and sees it on the petition page', async ({ page }, info) => {
  const title = `Cây đổ chắn đường Hùng Vương ${Math.floor(Math.random() * 1e6)}`;
  await register(page, info, uniqueEmail('photo'), 'Người Chụp Ảnh');
  await submitWithPhoto(page, info, title);
  const img = page.getByRole('img', { name: ALT });
  await expect(img).toBeVisible();
  await expect(img).toHaveAttribute('width', '48');
  await expect(img).toHaveAttribute('height', '32');
  await expect(img).toHaveAttribute('loading', 'lazy');
  const res = await page.request.get((await img.getAttribute('src'))!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('image/jpeg');
});

test('a file that is not a photo is refused next to the field', async ({ page }, info) => {
  await register(page, info, uniqueEmail('notphoto'), 'Người Gửi Nhầm');
  await open(page, info, '/petitions/new');
  await markWindow(page, info);
  await fillPetition(page, 'Tệp đính kèm không phải ảnh');
  await page
    .getByLabel('Ảnh (không bắt buộc)')
    .setInputFiles({ name: 'anh.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('only text, not a photo') });
  await page.getByRole('button', { name: 'Gửi kiến nghị' }).click();
  await expect(page.locator('#f-photos-error')).toHaveText('Chỉ nhận ảnh JPEG, PNG hoặc WebP.');
  await expect(page.getByLabel('Ảnh (không bắt buộc)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/petitions\/new/);
  await expectNoReload(page, info);
});

// axe needs JavaScript: the no-JS run keeps it on but blocks the app's own
// scripts, so the page is the one a browser without JavaScript renders.
test.describe('accessibility', () => {
  test.use({ javaScriptEnabled: true });

  test('a petition page with a photo passes axe-core', async ({ page, context }, info) => {
    if (!hydrated(info)) await context.route(/\/(pkg\/.*\.(js|wasm)|router\.\w+\.js)$/, (r) => r.abort());
    await register(page, info, uniqueEmail('photoaxe'), 'Người Kiểm Tra');
    await submitWithPhoto(page, info, `Ảnh kiểm tra khả năng tiếp cận ${Math.floor(Math.random() * 1e6)}`);
    await expect(page.getByRole('img', { name: ALT })).toBeVisible();
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(summary).toEqual([]);
  });
});
