import { test, expect, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { DEMO_PASSWORD, hydrated, markWindow, expectNoReload, open, register, signIn, uniqueEmail, verifyEmail } from './helpers';

const DRAFT = `QUY ƯỚC THÔN TÂN HIỆP
Chương I. QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy ước này quy định nếp sống văn minh trong thôn.
Điều 2. Giữ gìn vệ sinh
1. Các hộ để rác đúng giờ.
2. Nghiêm cấm:
a) đổ rác ra mương;
b) đốt rác nhựa.`;

/** A `datetime-local` value `days` from now, in Vietnam time. */
function at(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000 + 7 * 3_600_000);
  return d.toISOString().slice(0, 16);
}

async function scan(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `${label} has accessibility violations`).toEqual([]);
}

test('an officer creates, reviews, attaches a poll and publishes; the public then sees it', async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const title = `Dự thảo Quy ước thôn Tân Hiệp ${Math.floor(Math.random() * 1e6)}`;
  await signIn(page, info, 'officer.dongha@demo.grassroots.vn', DEMO_PASSWORD);
  await open(page, info, '/consultations/new');
  await markWindow(page, info);
  // A refused field says why, next to it, and nothing is saved.
  await page.getByLabel('Tên dự thảo').fill(title);
  await page.getByLabel('Tóm tắt').fill('Lấy ý kiến nhân dân về quy ước nếp sống văn minh của thôn.');
  await page.getByLabel('Bắt đầu lấy ý kiến').fill(at(-1));
  await page.getByLabel('Kết thúc lấy ý kiến').fill(at(-2));
  await page.getByLabel('Nơi cư trú (xã, phường)').selectOption({ label: 'Phường 1, Thành phố Đông Hà, Tỉnh Quảng Trị' });
  await page.getByLabel('Nội dung dự thảo').fill(DRAFT);
  await page.getByRole('button', { name: 'Tạo và xem lại' }).click();
  await expect(page.getByText('Thời điểm kết thúc phải sau thời điểm bắt đầu.')).toBeVisible();
  await page.getByLabel('Kết thúc lấy ý kiến').fill(at(10));
  // The page came back from the server with the message: fill what it does not keep.
  await page.getByLabel('Tên dự thảo').fill(title);
  await page.getByLabel('Tóm tắt').fill('Lấy ý kiến nhân dân về quy ước nếp sống văn minh của thôn.');
  await page.getByLabel('Bắt đầu lấy ý kiến').fill(at(-1));
  await page.getByLabel('Nơi cư trú (xã, phường)').selectOption({ label: 'Phường 1, Thành phố Đông Hà, Tỉnh Quảng Trị' });
  await page.getByLabel('Nội dung dự thảo').fill(DRAFT);
  await page.getByRole('button', { name: 'Tạo và xem lại' }).click();
  await expect(page).toHaveURL(/\/consultations\/du-thao-quy-uoc-thon-tan-hiep-\d+-\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Đây là bản nháp: người dân chưa thấy.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Mục lục' }).getByRole('link', { name: /Điều 2\. Giữ gìn vệ sinh/ })).toBeVisible();
  await expectNoReload(page, info);
  const url = new URL(page.url()).pathname;

  // Hidden from the public until published.
  const publicCtx = await browser.newContext({ javaScriptEnabled: hydrated(info) });
  const anon = await publicCtx.newPage();
  const hidden = await anon.goto(url);
  expect(hidden?.status()).toBe(404);

  await page.getByLabel('Câu hỏi', { exact: true }).fill('Bạn chọn giờ đổ rác nào?');
  await page.getByLabel('Loại câu hỏi').selectOption({ label: 'Chọn một' });
  await page.getByLabel('Các phương án').fill('Sáng sớm\nChiều tối');
  await page.getByRole('button', { name: 'Thêm câu hỏi' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Bạn chọn giờ đổ rác nào?' })).toBeVisible();
  await page.getByRole('button', { name: 'Công bố dự thảo' }).click();
  await expect(page.getByText('Đây là bản nháp: người dân chưa thấy.')).toHaveCount(0);
  await expect(page.locator('.consultation .meta .status').first()).toHaveText('Đang lấy ý kiến');

  // A new version: the article's changed words are shown.
  const revise = page.getByRole('region', { name: 'Công bố phiên bản mới' });
  await revise.getByLabel('Nội dung dự thảo').fill(DRAFT.replace('Các hộ để rác đúng giờ.', 'Các hộ để rác từ 17 giờ đến 19 giờ.'));
  await revise.getByRole('button', { name: 'Công bố phiên bản này' }).click();
  await expect(page.getByText('Phiên bản 2', { exact: false }).first()).toBeVisible();
  const changed = page.locator('#dieu-2 details.changes');
  await changed.locator('summary').click();
  await expect(changed.locator('ins')).toContainText('từ 17 giờ đến 19');
  await expect(changed.locator('del')).toContainText('đúng');

  await open(anon, info, '/consultations?phase=open');
  await anon.getByRole('link', { name: title }).click();
  await expect(anon.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(anon.getByText('Đăng nhập để trả lời câu hỏi.')).toBeVisible();
  await publicCtx.close();
});

test('a citizen reads a draft, comments on an article, marks a comment and votes', async ({ page }, info) => {
  test.setTimeout(120_000);
  const email = uniqueEmail('consult');
  await register(page, info, email, 'Cư Dân Khu Phố');
  await verifyEmail(page, info, email);
  await open(page, info, '/consultations');
  await page.getByRole('link', { name: 'Dự thảo Quy ước khu phố 3, Phường Đông Giang' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dự thảo Quy ước khu phố 3, Phường Đông Giang' })).toBeVisible();
  await expect(page.locator('.consultation .meta').first()).toContainText('Còn lại');
  // The opinion groups, drawn on the server: the map and its text alternative.
  await expect(page.getByRole('img', { name: 'Bản đồ các nhóm ý kiến' })).toBeVisible();
  await expect(page.locator('.opinion-groups > li').first()).toContainText('Nhóm A');
  // The table of contents leads to the article's anchor.
  await page.getByRole('navigation', { name: 'Mục lục' }).getByRole('link', { name: /Điều 5\. Giữ gìn trật tự công cộng/ }).click();
  await expect(page).toHaveURL(/#dieu-5$/);
  await page.locator('#dieu-5').getByRole('link', { name: /Xem và góp ý/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Điều 5. Giữ gìn trật tự công cộng' })).toBeVisible();

  const text = `Đề nghị quy định rõ khung giờ cho quán karaoke ${Math.floor(Math.random() * 1e6)}.`;
  await markWindow(page, info);
  await page.getByLabel('Ý kiến của bạn về điều này').fill(text);
  await page.getByRole('button', { name: 'Gửi góp ý' }).click();
  await expect(page.locator('.comment').filter({ hasText: text })).toBeVisible();
  await expectNoReload(page, info);
  // No mark buttons on one's own comment; a demo resident's comment gets one.
  await expect(page.locator('.comment').filter({ hasText: text }).getByRole('button', { name: 'Đồng tình' })).toHaveCount(0);
  const other = page.locator('.comment').filter({ hasText: 'Nên cho phép đám cưới dùng loa' }).first();
  await other.locator('.mark-form').getByRole('button', { name: 'Đồng tình', exact: true }).click();
  await expect(page.locator('.comment').filter({ hasText: 'Nên cho phép đám cưới dùng loa' }).first()
    .locator('.mark-form').getByRole('button', { name: 'Đồng tình', exact: true })).toHaveAttribute('aria-pressed', 'true');

  // A poll: the answer counts and can be changed.
  await open(page, info, '/consultations');
  await page.getByRole('link', { name: 'Dự thảo Quy ước khu phố 3, Phường Đông Giang' }).click();
  const poll = page.locator('section.poll').filter({ hasText: 'Bạn có đồng ý với dự thảo nói chung không?' });
  await poll.getByLabel('Đồng ý', { exact: true }).check();
  await poll.getByRole('button', { name: 'Gửi câu trả lời' }).click();
  const after = page.locator('section.poll').filter({ hasText: 'Bạn có đồng ý với dự thảo nói chung không?' });
  await expect(after.getByText('Bạn đã trả lời câu hỏi này')).toBeVisible();
  await expect(after.locator('svg.chart')).toBeVisible();
  await expect(after.getByRole('table')).toContainText('Đồng ý');
  await expect(after.getByRole('button', { name: 'Đổi câu trả lời' })).toBeVisible();
});

test('a watching page takes new tallies in place and shows new comments by itself', async ({ page, browser }, info) => {
  test.skip(!hydrated(info), 'live updates arrive through JavaScript; without it a reload shows them');
  test.setTimeout(120_000);
  const title = 'Dự thảo Quy ước khu phố 3, Phường Đông Giang';
  const question = 'Bạn có đồng ý với dự thảo nói chung không?';
  await open(page, info, '/consultations');
  await page.getByRole('link', { name: title }).click();
  await markWindow(page, info);
  const yes = page.locator('section.poll').filter({ hasText: question }).getByRole('row', { name: /^Đồng ý/ }).locator('td').first();
  const before = Number(await yes.textContent());

  const ctx = await browser.newContext();
  const voter = await ctx.newPage();
  const email = uniqueEmail('live-voter');
  await register(voter, info, email, 'Người Bỏ Phiếu');
  await verifyEmail(voter, info, email);
  await open(voter, info, '/consultations');
  await voter.getByRole('link', { name: title }).click();
  const poll = voter.locator('section.poll').filter({ hasText: question });
  await poll.getByLabel('Đồng ý', { exact: true }).check();
  // Watched from the vote on only: other journeys comment on the same demo
  // draft, and a new comment rightly has the page fetch itself.
  const fetched: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'fetch' || r.resourceType() === 'document') fetched.push(r.url());
  });
  await poll.getByRole('button', { name: 'Gửi câu trả lời' }).click();
  await expect(voter.getByText('Bạn đã trả lời câu hỏi này').first()).toBeVisible();

  // The count moved on the watching page without it fetching anything.
  await expect.poll(async () => Number(await yes.textContent()), { timeout: 10_000 }).toBeGreaterThan(before);
  expect(fetched).toEqual([]);

  // A new comment on an article appears on a page watching that article.
  await page.locator('#dieu-5').getByRole('link', { name: /Xem và góp ý/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Điều 5. Giữ gìn trật tự công cộng' })).toBeVisible();
  await voter.locator('#dieu-5').getByRole('link', { name: /Xem và góp ý/ }).click();
  const text = `Nên có biển báo giờ yên tĩnh ở đầu ngõ ${Math.floor(Math.random() * 1e6)}.`;
  await voter.getByLabel('Ý kiến của bạn về điều này').fill(text);
  await voter.getByRole('button', { name: 'Gửi góp ý' }).click();
  await expect(voter.locator('.comment').filter({ hasText: text })).toBeVisible();
  await ctx.close();
  await expect(page.locator('.comment').filter({ hasText: text })).toBeVisible({ timeout: 10_000 });
  await expectNoReload(page, info);
});

/** The officer (signed in on `page`) creates a consultation with the window given and publishes it; returns its path. */
async function createAndPublish(page: Page, info: TestInfo, title: string, opens: string, closes: string): Promise<string> {
  await open(page, info, '/consultations/new');
  await page.getByLabel('Tên dự thảo').fill(title);
  await page.getByLabel('Tóm tắt').fill('Lấy ý kiến nhân dân về quy ước nếp sống văn minh của thôn.');
  await page.getByLabel('Bắt đầu lấy ý kiến').fill(opens);
  await page.getByLabel('Kết thúc lấy ý kiến').fill(closes);
  await page.getByLabel('Nơi cư trú (xã, phường)').selectOption({ label: 'Phường 1, Thành phố Đông Hà, Tỉnh Quảng Trị' });
  await page.getByLabel('Nội dung dự thảo').fill(DRAFT);
  await page.getByRole('button', { name: 'Tạo và xem lại' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('button', { name: 'Công bố dự thảo' }).click();
  await expect(page.getByText('Đây là bản nháp: người dân chưa thấy.')).toHaveCount(0);
  return new URL(page.url()).pathname;
}

test('a citizen follows a closed consultation; the officer publishes its report and the follower hears of it', async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const title = `Quy ước thôn Tân Hiệp đã lấy ý kiến ${Math.floor(Math.random() * 1e6)}`;
  const officerCtx = await browser.newContext({ javaScriptEnabled: hydrated(info) });
  const officer = await officerCtx.newPage();
  await signIn(officer, info, 'officer.dongha@demo.grassroots.vn', DEMO_PASSWORD);
  const path = await createAndPublish(officer, info, title, at(-3), at(-1));

  // A citizen follows it; the report is awaited.
  const email = uniqueEmail('follower');
  await register(page, info, email, 'Người Theo Dõi Dự Thảo');
  await open(page, info, path);
  await expect(page.getByText('Cơ quan chưa công bố báo cáo tổng hợp, tiếp thu, giải trình.')).toBeVisible();
  const follow = page.getByRole('region', { name: 'Theo dõi' });
  await markWindow(page, info);
  await follow.getByRole('button', { name: 'Theo dõi đợt lấy ý kiến này' }).click();
  await expect(follow).toContainText('Bạn đang theo dõi đợt lấy ý kiến này');
  await expectNoReload(page, info);

  // The officer's report: a refused summary says why next to it, then it is published.
  await open(officer, info, path);
  const form = officer.getByRole('region', { name: 'Viết báo cáo tổng hợp, tiếp thu, giải trình' });
  await markWindow(officer, info);
  await form.getByLabel('Tổng hợp ý kiến').fill('Ít');
  await form.getByRole('button', { name: 'Công bố báo cáo' }).click();
  await expect(officer.getByText('Hãy viết phần tổng hợp ý kiến (ít nhất 10 ký tự).')).toBeVisible();
  const again = officer.getByRole('region', { name: 'Viết báo cáo tổng hợp, tiếp thu, giải trình' });
  await again.getByLabel('Tổng hợp ý kiến').fill('Nhân dân đồng tình với quy ước; một số ý kiến đề nghị nêu rõ giờ đổ rác.');
  const article2 = again.getByRole('group', { name: /Điều 2\. Giữ gìn vệ sinh/ });
  await article2.getByLabel('Ý kiến tiếp thu, giải trình').selectOption({ label: 'Tiếp thu một phần' });
  await article2.getByLabel('Lý do').fill('Bổ sung giờ đổ rác từ 17 giờ đến 19 giờ.');
  await again.getByRole('button', { name: 'Công bố báo cáo' }).click();
  const report = officer.getByRole('region', { name: 'Báo cáo tổng hợp, tiếp thu, giải trình' });
  await expect(report.getByRole('table')).toContainText('Tiếp thu một phần');
  await expect(report).toContainText('Bổ sung giờ đổ rác từ 17 giờ đến 19 giờ.');
  await expectNoReload(officer, info);
  await officerCtx.close();

  // The follower's inbox says so, and the report is on the page.
  await open(page, info, '/inbox');
  const entry = page.locator('.inbox li').filter({ hasText: title }).first();
  await expect(entry).toContainText('Cơ quan đã công bố báo cáo tổng hợp, tiếp thu, giải trình.');
  await entry.getByRole('link', { name: title }).click();
  await expect(page.getByRole('region', { name: 'Báo cáo tổng hợp, tiếp thu, giải trình' })).toContainText('Tiếp thu một phần');
});

test.describe('accessibility', () => {
  // axe needs JavaScript; the no-JS variant keeps it on but blocks the app's
  // own scripts, so the page is what a browser without JS renders.
  test.use({ javaScriptEnabled: true });

  test('consultation pages pass axe-core (WCAG 2.2 AA)', async ({ page, context }, info) => {
    test.setTimeout(120_000);
    if (!hydrated(info)) await context.route(/\/(pkg\/.*\.(js|wasm)|router\.\w+\.js)$/, (r) => r.abort());
    const visit = async (path: string) => {
      await open(page, info, path);
      await scan(page, path);
    };
    await visit('/consultations');
    const first = await page.getByRole('link', { name: 'Dự thảo Quy ước khu phố 3, Phường Đông Giang' }).getAttribute('href');
    await visit(first!);
    await visit(`${first!}/dieu/3`);
    await open(page, info, '/consultations?phase=closed');
    const closed = await page.locator('.petition-card h3 a').first().getAttribute('href');
    await visit(closed!);
    await signIn(page, info, 'officer.dongha@demo.grassroots.vn', DEMO_PASSWORD);
    await visit(first!);
    await visit('/consultations/new');
    await visit('/consultations/manage');
  });
});
