import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { DEMO_PASSWORD, open, signIn } from './helpers';

// axe needs JavaScript; the no-JS variant keeps it on but blocks the app's
// own scripts (the wasm, its loader and the islands router; not its stylesheet), so the page is what a browser without JS renders.
test.use({ javaScriptEnabled: true });

const publicPages = [
  '/',
  '/services/statistics',
  '/register',
  '/signin',
  '/forgot-password',
  '/reset-password?token=x',
  '/verify?token=x',
  '/no-such-page',
  '/petitions',
  '/track',
  '/petitions/new',
];

async function scan(page: Page, label: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `${label} has accessibility violations`).toEqual([]);
}

test('every page passes axe-core (WCAG 2.2 AA)', async ({ page, context }, info) => {
  test.setTimeout(240_000);
  const noJs = info.project.name === 'no-js';
  if (noJs) await context.route(/\/(pkg\/.*\.(js|wasm)|router\.\w+\.js)$/, (r) => r.abort());
  const runInfo = noJs ? { ...info, project: { ...info.project, name: 'no-js' } } : info;
  for (const path of publicPages) {
    await open(page, runInfo as typeof info, path);
    await scan(page, path);
  }
  await signIn(page, runInfo as typeof info, 'admin@demo.grassroots.vn', DEMO_PASSWORD);
  for (const path of ['/account', '/admin/outbox', '/petitions/new', '/officer', '/officer/moderation', '/inbox', '/counter', '/counter/receipts', '/counter/receipts?token=GR1.junk', '/officer/refunds']) {
    await open(page, runInfo as typeof info, path);
    await scan(page, path);
  }
  // a petition page, as its handler sees it (with the officer form)
  await open(page, runInfo as typeof info, '/petitions');
  const first = await page.locator('.petition-card h3 a').first().getAttribute('href');
  await open(page, runInfo as typeof info, first!);
  await scan(page, first!);
  // a petition page with the abuse report form, as another citizen sees it
  await signIn(page, runInfo as typeof info, 'supporter1@demo.grassroots.vn', DEMO_PASSWORD);
  await open(page, runInfo as typeof info, '/petitions?sort=supported');
  const supported = await page.locator('.petition-card h3 a').first().getAttribute('href');
  await open(page, runInfo as typeof info, supported!);
  await expect(page.getByRole('button', { name: 'Gửi báo cáo' })).toBeVisible();
  await scan(page, `${supported!} (report form)`);
});

test('mobile width: nothing overflows at 320 px', async ({ page }, info) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of ['/', '/register', '/signin']) {
    await open(page, info, path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});
