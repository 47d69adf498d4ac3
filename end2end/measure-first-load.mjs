// Lists every same-origin URL a page loads until its islands have hydrated,
// as a phone would fetch them: the HTML, stylesheet, scripts and the wasm.
// Used by scripts/measure-size, which counts the brotli bytes of each.
import { chromium } from 'playwright-core';

const [base, path] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const page = await browser.newPage();
const urls = new Set();
page.on('request', (r) => { if (r.url().startsWith(base)) urls.add(r.url().slice(base.length)); });
await page.goto(base + path);
await page.waitForSelector('body[data-hydrated="true"]', { timeout: 60_000 });
await page.waitForLoadState('networkidle');
await browser.close();
// Live-update streams are not part of the load.
for (const u of urls) if (!u.startsWith('/live/')) console.log(u);
