import { test, expect, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { DEMO_PASSWORD, hydrated, open, signIn } from './helpers';

/** axe needs JavaScript (see a11y.spec.ts): only the hydrated run scans. */
async function scan(page: Page, info: TestInfo) {
  if (!hydrated(info)) return;
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
}

test('the statistics page is linked from the list, readable on a phone and accessible', async ({ page }, info) => {
  await open(page, info, '/petitions');
  await page.getByRole('main').getByRole('link', { name: 'Thống kê' }).click();
  await expect(page).toHaveURL(/\/petitions\/statistics$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Thống kê kiến nghị, phản ánh' })).toBeVisible();
  const byStatus = page.getByRole('table', { name: 'Theo trạng thái' });
  await expect(byStatus.getByRole('rowheader', { name: 'Đã đóng' })).toBeVisible();
  await expect(byStatus.getByRole('row')).toHaveCount(8); // a heading row and one per status
  await expect(page.getByRole('table', { name: 'Theo lĩnh vực' }).getByRole('rowheader', { name: 'Y tế' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Theo cơ quan: số kiến nghị và mức độ hài lòng' })).toBeVisible();
  await expect(page.getByText('Thời gian trung vị đến khi được trả lời lần đầu')).toBeVisible();

  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
  await scan(page, info);
});

test('an account issues an Open311 key, sees it once, and revokes it', async ({ page }, info) => {
  await signIn(page, info, 'supporter2@demo.grassroots.vn', DEMO_PASSWORD);
  const label = `Bản đồ ${info.project.name} ${info.repeatEachIndex}`;
  const keys = page.getByRole('region', { name: 'Khóa API cho Open311' });
  await keys.getByLabel('Tên ứng dụng dùng khóa').fill(label);
  await keys.getByRole('button', { name: 'Cấp khóa mới' }).click();
  const shown = keys.locator('code.api-key');
  await expect(shown).toHaveText(/^gr_[A-Za-z0-9_-]{22}$/);
  await expect(keys.getByText(label)).toBeVisible();
  await scan(page, info);
  await open(page, info, '/account');
  await expect(keys.getByText(label)).toBeVisible();
  await expect(keys.locator('code.api-key')).toHaveCount(0); // shown only once
  const item = keys.getByRole('listitem').filter({ hasText: label });
  await item.getByRole('button', { name: 'Thu hồi khóa' }).click();
  await expect(keys.getByText(label)).toHaveCount(0);
});
