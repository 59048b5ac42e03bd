// End-to-end tests of the product (usage) page against the built site in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { GOLDEN, canvasInk, openApp, uploadAndWait, useSite, valueOf } from './harness.mjs';

const USAGE = path.join(GOLDEN, '../usage');
const site = useSite(before, after);

async function openProduct() {
  const opened = await openApp(site.browser, site.srv.url);
  await opened.page.click("[data-page='product']");
  await opened.page.waitForSelector(".kpi-card [data-kpi='active_users']");
  return opened;
}

test('a usage export gives the hand-worked active users, stickiness, adoption and onboarding', async () => {
  const { page, context, errors } = await openProduct();
  await uploadAndWait(page, path.join(USAGE, '01_events_monthly/input.csv'), 'usage');
  await page.selectOption("[data-setting='activation_event']", 'export');
  // Hand-worked in crates/metrics/tests/golden/usage/01_events_monthly/case.txt.
  // The activation event is applied when the rate is defined (the cell shows "—" until then).
  await page.waitForFunction(() => document.querySelector("td[data-kpi='onboarding_success_rate'][data-period='2024-01']")?.dataset.value);
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

test('consumption per customer is listed for the latest period and sorts on a click', async () => {
  const { page, context, errors } = await openProduct();
  await uploadAndWait(page, path.join(USAGE, '02_consumption_with_entitlement/input.csv'), 'usage');
  await page.fill("[data-setting='entitlement']", '40');
  await page.dispatchEvent("[data-setting='entitlement']", 'change');
  // Hand-worked in crates/metrics/tests/golden/usage/02_consumption_with_entitlement/case.txt:
  // A used 30 + 20 of its 100; B 50 of the 40 set; overall 100 / 140.
  const table = "[data-testid='consumption-table']";
  // B is entitled once the setting is applied (its rate is "—" until then).
  await page.waitForFunction((t) => document.querySelector(`${t} td[data-kpi='consumption_rate'][data-segment='B']`)?.dataset.value, table);
  assert.equal(await valueOf(page, `${table} td[data-kpi='consumption_rate'][data-segment='A']`), 0.5);
  assert.equal(await valueOf(page, `${table} td[data-kpi='consumption_rate'][data-segment='B']`), 1.25);
  assert.equal(await valueOf(page, `${table} td[data-kpi='consumption_entitled'][data-segment='B']`), 40);
  assert.ok(Math.abs((await valueOf(page, "td[data-kpi='consumption_rate'][data-period='2024-03'][data-segment='']")) - 100 / 140) < 1e-12);
  // Lowest consumption first; a click on the heading turns the order round.
  const keys = async () => page.locator(`${table} tbody tr`).evaluateAll((rows) => rows.map((r) => r.dataset.key));
  assert.deepEqual(await keys(), ['A', 'B']);
  await page.click(`${table} button[data-sort='consumption_rate']`);
  await page.waitForFunction((t) => document.querySelector(`${t} tbody tr`).dataset.key === 'B', table);
  assert.deepEqual(await keys(), ['B', 'A']);
  // The per-customer rows stay out of the segment breakdown (features only).
  assert.equal(await page.locator("[data-testid='usage-segment-table'] td[data-kpi='consumption_rate']").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
