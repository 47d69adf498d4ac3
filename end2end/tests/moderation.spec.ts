import { test, expect, type Page, type TestInfo } from '@playwright/test';
import { DEMO_PASSWORD, PASSWORD, hydrated, markWindow, expectNoReload, open, register, signIn, uniqueEmail } from './helpers';

async function submitPetition(page: Page, info: TestInfo, title: string): Promise<string> {
  await open(page, info, '/petitions/new');
  await page.getByLabel('Tiêu đề').fill(title);
  await page.getByLabel('Nội dung').fill('Nội dung kiến nghị dùng cho kiểm thử kiểm duyệt, đủ dài để hợp lệ.');
  await page.getByLabel('Lĩnh vực').selectOption({ label: 'Môi trường, vệ sinh' });
  await page.getByLabel('Nơi cư trú (xã, phường)').selectOption({ label: 'Phường 2, Thành phố Đông Hà, Tỉnh Quảng Trị' });
  await page.getByRole('button', { name: 'Gửi kiến nghị' }).click();
  await expect(page).toHaveURL(/\/petitions\/QT-\d\d-[0-9A-Z]{5}-[0-9A-Z]\?new=1$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  return page.url().match(/QT-\d\d-[0-9A-Z]{5}-[0-9A-Z]/)![0];
}

async function officerPage(browser: import('@playwright/test').Browser, info: TestInfo): Promise<Page> {
  const ctx = await browser.newContext({ javaScriptEnabled: hydrated(info) });
  const officer = await ctx.newPage();
  await signIn(officer, info, 'officer@demo.grassroots.vn', DEMO_PASSWORD);
  return officer;
}

test('an officer hides a petition with a reason and the public sees it hidden by a moderator', async ({ page, browser }, info) => {
  // Several browser contexts in one journey: more than the default budget on a busy machine.
  test.setTimeout(120_000);
  const tag = Math.floor(Math.random() * 1e6).toString();
  const title = `Bình luận xúc phạm hàng xóm ${tag}`;
  const reason = 'Nội dung xúc phạm cá nhân, vi phạm quy tắc ứng xử.';
  await register(page, info, uniqueEmail('hidden-author'), 'Người Gửi');
  const code = await submitPetition(page, info, title);

  const officer = await officerPage(browser, info);
  await open(officer, info, `/petitions/${code}`);
  await markWindow(officer, info);
  // A reason is required, and explained next to the field.
  await officer.getByRole('button', { name: 'Ẩn', exact: true }).click();
  await expect(officer.getByText('Vui lòng nêu lý do.')).toBeVisible();
  await officer.getByLabel('Lý do (hiển thị công khai)').fill(reason);
  await officer.getByRole('button', { name: 'Ẩn', exact: true }).click();
  await expect(officer.getByText('Đang ẩn khỏi công chúng')).toBeVisible();
  await expect(officer.locator('.timeline li')).toHaveCount(2);
  await expect(officer.locator('.timeline li').last()).toContainText('Bị kiểm duyệt viên ẩn');
  await expectNoReload(officer, info);
  await officer.context().close();

  // The public sees "hidden by a moderator" and the reason, never the text.
  const publicCtx = await browser.newContext({ javaScriptEnabled: hydrated(info) });
  const anon = await publicCtx.newPage();
  await open(anon, info, `/track/${code}`);
  await expect(anon.getByRole('heading', { level: 1, name: 'Đã bị kiểm duyệt viên ẩn' })).toBeVisible();
  await expect(anon.getByText('Kiến nghị này đã bị kiểm duyệt viên ẩn.')).toBeVisible();
  await expect(anon.getByText(reason).first()).toBeVisible();
  await expect(anon.getByText(title)).toHaveCount(0);
  await open(anon, info, `/petitions?q=binh+luan+xuc+pham+${tag}`);
  await expect(anon.getByText('Bình luận xúc phạm hàng xóm')).toHaveCount(0);
  await publicCtx.close();

  // The petitioner still reads their text, with a notice.
  await open(page, info, `/petitions/${code}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Kiểm duyệt viên đã ẩn kiến nghị này khỏi công chúng')).toBeVisible();
});

test('a citizen reports abuse; enough reports put it in the moderation queue', async ({ page, browser, playwright }, info) => {
  // Several browser contexts in one journey: more than the default budget on a busy machine.
  test.setTimeout(120_000);
  const tag = Math.floor(Math.random() * 1e6).toString();
  const title = `Quảng cáo bán hàng trá hình ${tag}`;
  await register(page, info, uniqueEmail('reported-author'), 'Người Gửi');
  const code = await submitPetition(page, info, title);

  const reporterCtx = await browser.newContext({ javaScriptEnabled: hydrated(info) });
  const reporter = await reporterCtx.newPage();
  await register(reporter, info, uniqueEmail('reporter'), 'Người Báo Cáo');
  await open(reporter, info, `/petitions/${code}`);
  await markWindow(reporter, info);
  await reporter.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(reporter.getByText('Vui lòng chọn lý do báo cáo.')).toBeVisible();
  await reporter.getByLabel('Lý do báo cáo').selectOption({ label: 'Tin rác hoặc quảng cáo' });
  await reporter.getByLabel('Ghi chú (không bắt buộc)').fill('Đây là quảng cáo, không phải kiến nghị.');
  await reporter.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(reporter.getByText('Bạn đã báo cáo kiến nghị này.')).toBeVisible();
  await expect(reporter.getByRole('button', { name: 'Gửi báo cáo' })).toHaveCount(0);
  await expectNoReload(reporter, info);
  await reporterCtx.close();

  // Two more citizens report it (through the server functions), reaching the threshold of 3.
  for (const n of [1, 2]) {
    const baseURL = info.project.use.baseURL!;
    // Server functions refuse a state-changing request from another origin.
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
    const reg = await api.post('/api/accounts/register', {
      form: { email: uniqueEmail(`reporter${n}`), password: PASSWORD, display_name: 'Công Dân', locality: '461001' },
    });
    expect(reg.status()).toBe(200);
    const rep = await api.post('/api/moderation/report', { form: { code, report_reason: 'spam', report_comment: '' } });
    expect(rep.status()).toBe(200);
    await api.dispose();
  }

  const officer = await officerPage(browser, info);
  await open(officer, info, '/officer/moderation');
  await expect(officer.getByRole('heading', { level: 1, name: 'Hàng đợi kiểm duyệt' })).toBeVisible();
  const card = officer.locator('.petition-card', { hasText: title });
  await expect(card).toContainText('3 báo cáo');
  await expect(card).toContainText('Tin rác hoặc quảng cáo × 3');
  await expect(card).toContainText('Đây là quảng cáo, không phải kiến nghị.');
  await markWindow(officer, info);
  await card.getByRole('button', { name: 'Bác bỏ báo cáo' }).click();
  await expect(officer.locator('.petition-card', { hasText: title })).toHaveCount(0);
  await expectNoReload(officer, info);
  await officer.context().close();
});

test('an officer marks a petition as a duplicate of another', async ({ page, browser }, info) => {
  // Several browser contexts in one journey: more than the default budget on a busy machine.
  test.setTimeout(120_000);
  const tag = Math.floor(Math.random() * 1e6).toString();
  const originalTitle = `Rác thải ven sông Hiếu chưa thu gom ${tag}`;
  const copyTitle = `Rác ven sông Hiếu lâu ngày không dọn ${tag}`;
  await register(page, info, uniqueEmail('dup-author'), 'Người Gửi');
  const original = await submitPetition(page, info, originalTitle);
  const copy = await submitPetition(page, info, copyTitle);

  const officer = await officerPage(browser, info);
  await open(officer, info, `/petitions/${copy}`);
  await markWindow(officer, info);
  await officer.getByLabel('Mã theo dõi của kiến nghị gốc').fill('QT-26-22222-2');
  await officer.getByRole('button', { name: 'Đóng do trùng lặp' }).click();
  await expect(officer.getByText('Mã theo dõi không hợp lệ; vui lòng kiểm tra lỗi gõ.')).toBeVisible();
  await officer.getByLabel('Mã theo dõi của kiến nghị gốc').fill(copy);
  await officer.getByRole('button', { name: 'Đóng do trùng lặp' }).click();
  await expect(officer.getByText('Kiến nghị không thể trùng với chính nó.')).toBeVisible();
  await officer.getByLabel('Mã theo dõi của kiến nghị gốc').fill(original);
  await officer.getByRole('button', { name: 'Đóng do trùng lặp' }).click();
  await expect(officer.locator('.petition .status').first()).toHaveText('Đã đóng');
  await expect(officer.getByRole('button', { name: 'Đóng do trùng lặp' })).toHaveCount(0);
  await expectNoReload(officer, info);
  await officer.context().close();

  // Anyone sees "Duplicate of" with a link to the original.
  const publicCtx = await browser.newContext({ javaScriptEnabled: hydrated(info) });
  const anon = await publicCtx.newPage();
  await open(anon, info, `/petitions/${copy}`);
  await expect(anon.locator('.duplicate-of')).toContainText('Trùng với kiến nghị');
  await expect(anon.locator('.timeline li').last()).toContainText(`Đóng do trùng với kiến nghị ${original}`);
  await anon.locator('.duplicate-of').getByRole('link', { name: original }).click();
  await expect(anon.getByRole('heading', { level: 1, name: originalTitle })).toBeVisible();
  await publicCtx.close();
});
