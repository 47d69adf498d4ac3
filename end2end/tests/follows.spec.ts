import { test, expect } from '@playwright/test';
import { DEMO_PASSWORD, expectNoReload, markWindow, open, register, signIn, uniqueEmail } from './helpers';

test('a follower hears about each step in the inbox', async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const title = `Rác thải tồn đọng ở chợ phường ${Math.floor(Math.random() * 1e6)}`;

  // A petitioner submits a public petition.
  const authorCtx = await browser.newContext({ javaScriptEnabled: info.project.name === 'hydrated' });
  const author = await authorCtx.newPage();
  await register(author, info, uniqueEmail('author'), 'Người Kiến Nghị');
  await open(author, info, '/petitions/new');
  await author.getByLabel('Tiêu đề').fill(title);
  await author.getByLabel('Nội dung').fill('Rác thải tồn đọng nhiều ngày ở cổng chợ, bốc mùi và thu hút ruồi muỗi.');
  await author.getByLabel('Lĩnh vực').selectOption({ label: 'Môi trường, vệ sinh' });
  await author.getByLabel('Nơi cư trú (xã, phường)').selectOption({ label: 'Phường 2, Thành phố Đông Hà, Tỉnh Quảng Trị' });
  await author.getByRole('button', { name: 'Gửi kiến nghị' }).click();
  await expect(author).toHaveURL(/\/petitions\/QT-/);
  const code = author.url().match(/QT-\d\d-[0-9A-Z]{5}-[0-9A-Z]/)![0];
  await authorCtx.close();

  // Another citizen follows it, without e-mails.
  await register(page, info, uniqueEmail('follower'), 'Người Theo Dõi');
  await open(page, info, `/petitions/${code}`);
  const follow = page.getByRole('region', { name: 'Theo dõi' });
  await expect(follow).toContainText('1 người theo dõi');
  await markWindow(page, info);
  await follow.getByLabel('Gửi thư điện tử cho tôi mỗi khi có cập nhật').uncheck();
  await follow.getByRole('button', { name: 'Theo dõi kiến nghị này' }).click();
  await expect(follow).toContainText('cập nhật chỉ được báo trong hộp thư');
  await expect(follow).toContainText('2 người theo dõi');
  await expectNoReload(page, info);

  // An officer accepts it.
  const officerCtx = await browser.newContext();
  const officer = await officerCtx.newPage();
  await signIn(officer, info, 'officer@demo.grassroots.vn', DEMO_PASSWORD);
  await open(officer, info, `/petitions/${code}`);
  await officer.getByLabel('Chuyển sang').selectOption({ label: 'Đã tiếp nhận' });
  await officer.getByRole('button', { name: 'Cập nhật' }).click();
  await expect(officer.locator('.timeline li')).toHaveCount(2);
  await officerCtx.close();

  // The follower's inbox has it, unread, counted in the header.
  await open(page, info, '/inbox');
  const inboxLink = page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: /Hộp thư/ });
  await expect(inboxLink).toContainText('1');
  const entry = page.locator('.inbox li').first();
  await expect(entry).toContainText(title);
  await expect(entry).toContainText('Đã tiếp nhận');
  await expect(entry).toContainText('Mới');
  await page.getByRole('button', { name: 'Đánh dấu tất cả là đã đọc' }).click();
  await expect(page.locator('.inbox li.unread')).toHaveCount(0);
  await entry.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
});
