// End-to-end tests of the product (usage) page against the built site in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { GOLDEN, canvasInk, openApp, uploadAndWait, useSite, valueOf } from './harness.mjs';

const USAGE = path.join(GOLDEN, '../usage');
const site = useSite(before, after);

test('a usage export gives the hand-worked active users, stickiness, adoption and onboarding', async () => {
  const { page, context, errors } = await openApp(site.browser, site.srv.url);
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
  const inked = (await canvasInk(page, 'adoption')).n;
  assert.ok(inked > 2000, 'feature adoption bars drawn');
  assert.deepEqual(errors, []);
  await context.close();
});
