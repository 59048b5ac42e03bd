// Customer 360 with a realistic five-source set, with screenshots (not a test):
// node scripts/health-screenshots.mjs SETDIR [OUTDIR], against a built dist/; SETDIR from
// `northstar-bench-data customers --out SETDIR`.
import { startServer, launch, openApp } from '../tests/e2e/harness.mjs';
import path from 'node:path';
const set = process.argv[2];
const out = process.argv[3] ?? 'test-results';
const srv = await startServer(); const browser = await launch();
const { page, errors } = await openApp(browser, srv.url);
const shot = (n, full = true) => page.screenshot({ path: `${out}/${n}.png`, fullPage: full });
for (const [source, tab] of [['subscriptions', 'revenue'], ['accounts', 'revenue'], ['usage', 'product'], ['tickets', 'support'], ['surveys', 'surveys']]) {
  await page.click(`[data-page='${tab}']`);
  await page.setInputFiles(`[data-testid='${source}-file-input']`, path.join(set, `${source}.csv`));
  await page.waitForFunction((s) => document.querySelector(`[data-testid='${s}-summary']`)?.textContent.includes(`${s}.csv`), source);
}
await page.click("[data-page='health']");
await page.waitForSelector('[data-risk] tbody tr');
await page.waitForTimeout(1500);
await shot('health-five-sources');
const first = await page.locator('[data-risk] tbody tr').first().getAttribute('data-customer');
await page.click(`[data-risk] [data-open-customer='${first}']`);
await page.waitForSelector("[data-testid='customer-timeline'] tr[data-month]");
await page.waitForTimeout(1500);
await shot('customer-timeline');
await page.click("[data-page='scorecard']");
await page.waitForSelector("[data-area='health']");
await page.waitForTimeout(1000);
await shot('scorecard-five-sources');
console.log('errors', errors);
await browser.close(); srv.server.close();
