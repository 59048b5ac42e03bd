// The Revenue page in each theme, with screenshots (not a test): node scripts/theme-screenshots.mjs [DIR], against a built dist/.
import { startServer, launch } from '../tests/e2e/harness.mjs';
const out = process.argv[2] ?? 'test-results';
const srv = await startServer(); const browser = await launch();
for (const scheme of ['light', 'dark']) {
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 1400 } });
  const page = await context.newPage();
  await page.goto(srv.url);
  await page.click("[data-page='revenue']");
  await page.waitForSelector("canvas[data-chart='mrr']");
  await page.waitForTimeout(1200);
  await page.screenshot({ path: `${out}/theme-${scheme}.png` });
  await context.close();
}
await browser.close(); srv.server.close();
