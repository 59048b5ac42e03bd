// End-to-end tests of the revenue page against the built site in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SHARED, canvasInk, openApp, uploadAndWait, useSite, valueOf } from './harness.mjs';

const FIXTURES = path.join(ROOT, 'tests/e2e/fixtures');
const site = useSite(before, after);

test('the revenue demo shows a bridge that ends at the MRR card', async () => {
  const { page, context, errors, requests } = await openApp(site.browser, site.srv.url);
  const mrr = await valueOf(page, ".kpi-card [data-kpi='mrr']");
  assert.ok(mrr > 0);
  assert.equal(await valueOf(page, "[data-bridge='end']"), mrr);
  for (const chart of ['bridge', 'movements', 'mrr', 'churn']) {
    assert.ok((await canvasInk(page, chart)).n > 2000, `${chart} chart drawn`);
  }
  assert.deepEqual(requests.filter((u) => !u.startsWith(site.srv.origin)), []);
  assert.deepEqual(errors, []);
  // Rate targets are typed in percent and stored as fractions; they survive a reload.
  const target = page.locator("input[data-target='customer_churn_rate']");
  await target.fill('5');
  await target.dispatchEvent('change');
  await page.reload();
  await page.waitForSelector(".kpi-card [data-kpi='mrr']");
  assert.equal(await page.locator("input[data-target='customer_churn_rate']").inputValue(), '5');
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('northstar.settings.v2')));
  assert.equal(stored.targets.customer_churn_rate, 0.05);
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'test-results/revenue-demo.png'), fullPage: true });
  await context.close();
});

test('a dropped Stripe export gives the hand-worked bridge, and the waterfall is drawn', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  const csv = fs.readFileSync(path.join(FIXTURES, 'stripe_subscriptions.csv'), 'utf8');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'stripe_subscriptions.csv', { type: 'text/csv' }));
    document.querySelector("[data-testid='subscriptions-drop-zone']").dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, csv);
  await page.waitForFunction(() => document.querySelector("[data-testid='subscriptions-summary']").textContent.includes('stripe_subscriptions.csv'));
  // Hand-worked in tests/e2e/fixtures/README.md.
  assert.equal(await valueOf(page, "td[data-kpi='mrr'][data-period='2024-01']"), 190);
  assert.equal(await valueOf(page, "td[data-kpi='mrr_contraction'][data-period='2024-02']"), 50);
  assert.equal(await valueOf(page, "td[data-kpi='mrr_expansion'][data-period='2024-03']"), 50);
  assert.equal(await valueOf(page, ".kpi-card [data-kpi='mrr']"), 250);
  assert.equal(await valueOf(page, "[data-bridge='start']"), 190);
  assert.equal(await valueOf(page, "[data-bridge='expansion']"), 60);
  assert.equal(await valueOf(page, "[data-bridge='churned']"), 0);
  assert.equal(await valueOf(page, "[data-bridge='end']"), 250);
  assert.match(await page.locator("[data-testid='subscriptions-summary']").textContent(), /1 trials excluded/);
  const april = await canvasInk(page, 'bridge');
  assert.ok(april.n > 2000, 'the waterfall is drawn');
  // Another month's bridge: February, start 190, contraction 50, end 140.
  await page.selectOption("[data-setting='bridge_period']", '2024-02');
  await page.waitForSelector("[data-bridge='end'][data-period='2024-02']");
  assert.equal(await valueOf(page, "[data-bridge='contraction']"), -50);
  assert.equal(await valueOf(page, "[data-bridge='end']"), 140);
  assert.notEqual((await canvasInk(page, 'bridge')).h, april.h, 'the waterfall is redrawn');
  // The segment filter applies to every KPI: plan Pro holds only A's 100 in April.
  await page.selectOption("[data-setting='filter_column']", 'Plan');
  await page.selectOption("[data-setting='filter_value']", 'Pro');
  await page.waitForFunction(() => document.querySelector(".kpi-card [data-kpi='mrr']")?.dataset.value === '100');
  assert.equal(await valueOf(page, "td[data-kpi='mrr'][data-period='2024-04']"), 100);
  assert.equal(await valueOf(page, "td[data-kpi='mrr_churned'][data-period='2024-02']"), 100);
  await context.close();
});

test('the Telco accounts file gives the churn share per contract', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  await uploadAndWait(page, path.join(SHARED, 'ibm_telco_customer_churn/Telco-Customer-Churn.csv'), 'accounts');
  await page.selectOption("[data-setting='breakdown']", 'Contract');
  const share = "[data-testid='accounts-segment-table'] td[data-kpi='account_churn_share'][data-segment='Month-to-month']";
  await page.waitForSelector(share);
  // Counted with Python's csv module: 1655 of 3875 month-to-month accounts churned.
  assert.ok(Math.abs((await valueOf(page, share)) - 1655 / 3875) < 1e-12);
  assert.equal(await valueOf(page, "[data-testid='accounts-segment-table'] td[data-kpi='account_mrr'][data-segment='Two year']"), 98840.55);
  assert.equal(await valueOf(page, "[data-testid='accounts-series-table'] td[data-kpi='account_churn_share']"), 1869 / 7043);
  await context.close();
});
