import { test, expect, type Page, type TestInfo } from '@playwright/test';
import { DEMO_PASSWORD, hydrated, markWindow, expectNoReload, open, register, signIn, uniqueEmail, verifyEmail } from './helpers';

async function submitPetition(page: Page, info: TestInfo, title: string): Promise<string> {
  await open(page, info, '/petitions/new');
  await markWindow(page, info);
  await page.getByLabel('Tiêu đề').fill(title);
  await page.getByLabel('Nội dung').fill('Cống thoát nước bị tắc nhiều tháng, mỗi khi mưa nước tràn vào nhà dân.');
  await page.getByLabel('Lĩnh vực').selectOption({ label: 'Môi trường, vệ sinh' });
  await page.getByLabel('Nơi cư trú (xã, phường)').selectOption({ label: 'Phường 2, Thành phố Đông Hà, Tỉnh Quảng Trị' });
  await page.getByLabel('Hiển thị tên tôi công khai').check();
  await page.getByRole('button', { name: 'Gửi kiến nghị' }).click();
  await expect(page).toHaveURL(/\/petitions\/QT-\d\d-[0-9A-Z]{5}-[0-9A-Z]\?new=1$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Đã gửi. Hãy lưu mã tra cứu')).toBeVisible();
  await expectNoReload(page, info);
  return page.url().match(/QT-\d\d-[0-9A-Z]{5}-[0-9A-Z]/)![0];
}

test('a citizen submits, the public tracks and finds it, an officer handles it, others support it', async ({ page, browser }, info) => {
  // Four browser contexts in one journey: more than the default budget on a busy machine.
  test.setTimeout(120_000);
  const tag = Math.floor(Math.random() * 1e6).toString();
  const title = `Cống thoát nước đường Trần Hưng Đạo tắc ${tag}`;
  await register(page, info, uniqueEmail('petitioner'), 'Người Kiến Nghị');
  const code = await submitPetition(page, info, title);
  // It is listed on the petitioner's account page.
  await open(page, info, '/account');
  await expect(page.getByRole('region', { name: 'Kiến nghị của tôi' }).getByRole('link', { name: title })).toBeVisible();

  // Anyone tracks it by code, typed in lower case.
  const publicCtx = await browser.newContext({ javaScriptEnabled: hydrated(info) });
  const anon = await publicCtx.newPage();
  await open(anon, info, '/track');
  await anon.getByLabel('Mã tra cứu').fill(code.toLowerCase());
  await anon.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(anon.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(anon.locator('.timeline li')).toHaveCount(1);
  // A mistyped code is refused as invalid.
  await open(anon, info, '/track/QT-26-22222-2');
  await expect(anon.getByText('Mã tra cứu không hợp lệ.')).toBeVisible();
  // The list finds it without diacritics.
  await open(anon, info, `/petitions?q=cong+thoat+nuoc+tran+hung+dao+${tag}`);
  await expect(anon.locator('.petition-card')).toHaveCount(1);
  await expect(anon.locator('.petition-card h3')).toHaveText(title);
  await publicCtx.close();

  // The demo officer accepts it with a note.
  const officerCtx = await browser.newContext({ javaScriptEnabled: hydrated(info) });
  const officer = await officerCtx.newPage();
  await signIn(officer, info, 'officer@demo.grassroots.vn', DEMO_PASSWORD);
  await open(officer, info, '/officer');
  await officer.getByRole('link', { name: title }).click();
  await expect(officer.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await officer.getByLabel('Chuyển sang').selectOption({ label: 'Đã tiếp nhận' });
  await officer.getByLabel('Ghi chú').fill('Đã tiếp nhận, sẽ kiểm tra hiện trường trong tuần.');
  await officer.getByRole('button', { name: 'Cập nhật' }).click();
  await expect(officer.locator('.petition .status').first()).toHaveText('Đã tiếp nhận');
  await expect(officer.locator('.timeline li')).toHaveCount(2);
  await officerCtx.close();

  // Another citizen supports it, then withdraws.
  const supporterCtx = await browser.newContext({ javaScriptEnabled: hydrated(info) });
  const supporter = await supporterCtx.newPage();
  const supporterEmail = uniqueEmail('supporter');
  await register(supporter, info, supporterEmail, 'Người Ủng Hộ');
  await verifyEmail(supporter, info, supporterEmail);
  await open(supporter, info, `/petitions/${code}`);
  await expect(supporter.locator('.supports strong')).toHaveText('0');
  await supporter.getByRole('button', { name: 'Ủng hộ kiến nghị này' }).click();
  await expect(supporter.locator('.supports strong')).toHaveText('1');
  await supporter.getByRole('button', { name: 'Rút ủng hộ' }).click();
  await expect(supporter.locator('.supports strong')).toHaveText('0');
  await supporterCtx.close();

  // The petitioner sees the new status and note.
  await open(page, info, `/petitions/${code}`);
  await expect(page.locator('.timeline')).toContainText('Đã tiếp nhận, sẽ kiểm tra hiện trường trong tuần.');
});

test('bad petition input is explained next to the field', async ({ page }, info) => {
  await register(page, info, uniqueEmail('badpetition'), 'Người Gửi Sai');
  await open(page, info, '/petitions/new');
  await page.getByLabel('Tiêu đề').fill('ngắn');
  await page.getByLabel('Nội dung').fill('cũng ngắn');
  await page.getByRole('button', { name: 'Gửi kiến nghị' }).click();
  await expect(page.locator('#f-title-error')).toHaveText('Tiêu đề cần ít nhất 10 ký tự.');
  await expect(page).toHaveURL(/\/petitions\/new/);
});

test('the demo data shows a living site', async ({ page }, info) => {
  await open(page, info, '/petitions?sort=supported');
  await expect(page.locator('.petition-card').first()).toBeVisible();
  expect(await page.locator('.petition-card').count()).toBeGreaterThanOrEqual(6);
  await page.getByRole('link', { name: 'Bổ sung đèn chiếu sáng trước cổng trường tiểu học' }).click();
  await expect(page.getByRole('heading', { name: 'Trả lời chính thức' })).toBeVisible();
});

test('a page watching a petition updates by itself when an officer acts', async ({ page, browser }, info) => {
  test.skip(!hydrated(info), 'live updates arrive through JavaScript; without it a reload shows them');
  const title = `Biển báo giao thông bị đổ ${Math.floor(Math.random() * 1e6)}`;
  await register(page, info, uniqueEmail('watcher'), 'Người Theo Dõi');
  const code = await submitPetition(page, info, title);
  await markWindow(page, info);
  await expect(page.locator('.timeline li')).toHaveCount(1);

  const officerCtx = await browser.newContext();
  const officer = await officerCtx.newPage();
  await signIn(officer, info, 'officer@demo.grassroots.vn', DEMO_PASSWORD);
  await open(officer, info, `/petitions/${code}`);
  await officer.getByLabel('Chuyển sang').selectOption({ label: 'Từ chối' });
  await officer.getByLabel('Ghi chú').fill('Không thuộc thẩm quyền của cơ quan.');
  await officer.getByRole('button', { name: 'Cập nhật' }).click();
  await expect(officer.locator('.timeline li')).toHaveCount(2);
  await officerCtx.close();

  // The watching page changed without a reload.
  await expect(page.locator('.petition .status').first()).toHaveText('Từ chối');
  await expect(page.locator('.timeline')).toContainText('Không thuộc thẩm quyền của cơ quan.');
  await expectNoReload(page, info);
});

test('a watching page takes new support counts in place, without fetching itself', async ({ page, browser }, info) => {
  test.skip(!hydrated(info), 'live updates arrive through JavaScript; without it a reload shows them');
  const title = `Sửa cột điện nghiêng ${Math.floor(Math.random() * 1e6)}`;
  await register(page, info, uniqueEmail('count-author'), 'Người Gửi');
  const code = await submitPetition(page, info, title);
  await markWindow(page, info);
  await expect(page.locator('.supports strong')).toHaveText('0');
  // Every request the watching page makes for a page of the site from now on.
  const fetched: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'fetch' || r.resourceType() === 'document') fetched.push(r.url());
  });

  for (const n of [1, 2]) {
    const ctx = await browser.newContext();
    const supporter = await ctx.newPage();
    const email = uniqueEmail(`count-supporter-${n}`);
    await register(supporter, info, email, 'Người Ủng Hộ');
    await verifyEmail(supporter, info, email);
    await open(supporter, info, `/petitions/${code}`);
    await supporter.getByRole('button', { name: 'Ủng hộ kiến nghị này' }).click();
    await expect(supporter.locator('.supports strong')).toHaveText(String(n));
    await ctx.close();
    await expect(page.locator('.supports strong')).toHaveText(String(n));
  }
  expect(fetched.filter((u) => u.includes(`/petitions/${code}`))).toEqual([]);
  await expectNoReload(page, info);
});

test('the petitioner rates the official answer', async ({ page }, info) => {
  // Each run rates its own demo petition (one answered, one closed), so the
  // two runs never overwrite each other's rating.
  const hydratedRun = info.project.name === 'hydrated';
  const title = hydratedRun
    ? 'Bổ sung đèn chiếu sáng trước cổng trường tiểu học'
    : 'Rút ngắn thời gian cấp giấy chứng nhận quyền sử dụng đất';
  const stars = hydratedRun ? '4' : '3';
  await signIn(page, info, 'citizen@demo.grassroots.vn', DEMO_PASSWORD);
  await open(page, info, '/account');
  await page.getByRole('region', { name: 'Kiến nghị của tôi' }).getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { name: 'Đánh giá câu trả lời' })).toBeVisible();
  await page.getByRole('group', { name: 'Mức độ hài lòng' }).getByLabel(`${stars} sao`).check();
  await page.getByLabel('Nhận xét').fill('Đã giải quyết, cảm ơn cơ quan.');
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(page.locator('.rating')).toContainText(`${stars} / 5`);
  await expect(page.locator('.rating')).toContainText('Đã giải quyết, cảm ơn cơ quan.');
});
