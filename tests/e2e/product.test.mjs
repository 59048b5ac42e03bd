// End-to-end tests of the product (usage) page against the built site in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launch, openApp, valueOf, uploadAndWait, GOLDEN } from './harness.mjs';

const USAGE = path.join(GOLDEN, '../usage');
let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  srv?.server.close();
});

test('a usage export gives the hand-worked active users, stickiness, adoption and onboarding', async () => {
  const { page, context, errors } = await openApp(browser, srv.url);
  await page.click("[data-page='product']");
  await page.waitForSelector(".kpi-card [data-kpi='active_users']");
  await uploadAndWait(page, path.join(USAGE, '01_events_monthly/input.csv'), 'usage');
  await page.selectOption("[data-setting='activation_event']", 'export');
  // Hand-worked in crates/metrics/tests/golden/usage/01_events_monthly/case.txt.
  await page.waitForSelector("td[data-kpi='onboarding_success_rate'][data-period='2024-01']");
  assert.equal(await valueOf(page, "td[data-kpi='active_users'][data-period='2024-01']"), 4);
  assert.ok(Math.abs((await valueOf(page, "td[data-kpi='stickiness'][data-period='2024-01']")) - 5 / 31 / 4) < 1e-12);
  assert.equal(await valueOf(page, "td[data-kpi='avg_session_duration'][data-period='2024-01']"), 25);
  assert.ok(Math.abs((await valueOf(page, "td[data-kpi='onboarding_success_rate'][data-period='2024-01']")) - 2 / 3) < 1e-12);
  // The latest period's adoption per feature (February: A of A, B used login).
  assert.equal(await valueOf(page, "[data-testid='usage-segment-table'] td[data-kpi='feature_adoption'][data-segment='login']"), 0.5);
  const inked = await page.evaluate(() => {
    const c = document.querySelector("canvas[data-chart='adoption']");
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) n++;
    return n;
  });
  assert.ok(inked > 2000, 'feature adoption bars drawn');
  assert.deepEqual(errors, []);
  await context.close();
});
