// End-to-end tests of the orders and acquisition pages against the built site in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { GOLDEN, ROOT, SHARED, canvasInk, openApp, uploadAndWait, useSite, valueOf } from './harness.mjs';

const ORDERS = path.join(GOLDEN, '../orders');
const FUNNEL = path.join(GOLDEN, '../funnel');
const ACCOUNTS = path.join(GOLDEN, '../accounts');
const site = useSite(before, after);

async function openPage(name, card) {
  const opened = await openApp(site.browser, site.srv.url);
  await opened.page.click(`[data-page='${name}']`);
  await opened.page.waitForSelector(`.kpi-card [data-kpi='${card}']`);
  return opened;
}

test('the orders demo shows every orders KPI, its charts and a cohort heatmap', async () => {
  const { page, context, errors, requests } = await openPage('orders', 'revenue');
  for (const id of ['revenue', 'orders', 'active_customers', 'avg_order_value', 'purchase_frequency', 'repeat_customer_rate', 'revenue_per_customer', 'sales_growth_per_customer', 'clv_simple']) {
    assert.equal(await page.locator(`.kpi-card [data-kpi='${id}']`).count(), 1, id);
  }
  assert.ok((await valueOf(page, ".kpi-card [data-kpi='revenue']")) > 0);
  for (const chart of ['orders-revenue', 'orders-customers', 'cohorts']) {
    assert.ok((await canvasInk(page, chart)).n > 2000, `${chart} drawn`);
  }
  assert.ok((await page.locator("[data-testid='cohort-table'] td[data-k='0']").count()) > 10, 'a cohort per month');
  const origin = new URL(site.srv.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin)), []);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: path.join(ROOT, 'test-results/orders-demo.png'), fullPage: true });
  await context.close();
});

test('a Shopify export gives the hand-worked revenue per month and per country', async () => {
  const { page, context, errors } = await openPage('orders', 'revenue');
  await uploadAndWait(page, path.join(ORDERS, '03_shopify_multi_line_orders/input.csv'), 'orders');
  // Hand-worked in crates/metrics/tests/golden/orders/03_shopify_multi_line_orders/case.txt:
  // #1001 counts once at its Total (50), not 50 + 15; #1004 refunded and #1005 voided are left out.
  await page.waitForSelector("td[data-kpi='revenue'][data-period='2024-03'][data-segment='']");
  assert.equal(await valueOf(page, "td[data-kpi='revenue'][data-period='2024-03'][data-segment='']"), 75);
  assert.equal(await valueOf(page, "td[data-kpi='avg_order_value'][data-period='2024-03'][data-segment='']"), 37.5);
  assert.equal(await valueOf(page, "td[data-kpi='repeat_customer_rate'][data-period='2024-04'][data-segment='']"), 1);
  assert.match(await page.locator("[data-testid='orders-summary']").textContent(), /shopify/i);
  await page.selectOption("[data-setting='orders_breakdown']", 'Billing Country');
  await page.waitForSelector("[data-testid='orders-segment-table'] td[data-kpi='revenue'][data-segment='US']");
  assert.equal(await valueOf(page, "[data-testid='orders-segment-table'] td[data-kpi='revenue'][data-segment='US']"), 120);
  // The excluded rows are counted where the issues are.
  assert.match(await page.locator('.panel', { hasText: 'Order data issues' }).textContent(), /1 refund rows/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('cohorts: the heatmap cell under the pointer reads like the table, by month or by quarter', async () => {
  const { page, context, errors } = await openPage('orders', 'revenue');
  await uploadAndWait(page, path.join(ORDERS, '04_cohorts/input.csv'), 'orders');
  // Hand-worked in crates/metrics/tests/golden/orders/04_cohorts/case.txt.
  const cell = (cohort, k) => `[data-testid='cohort-table'] td[data-cohort='${cohort}'][data-k='${k}']`;
  await page.waitForSelector(cell('2024-04', 0));
  assert.equal(await valueOf(page, cell('2024-01', 1)), 0.5);
  assert.equal(await valueOf(page, cell('2024-01', 2)), 0);
  assert.equal(await valueOf(page, cell('2024-02', 1)), 0.5);
  assert.equal(await valueOf(page, cell('2024-03', 0)), null, 'an empty cohort has no values');
  // The canvas is 720 × 420; 4 cohorts × 4 periods: cells start at x 120, y 46, 148 × 28 each.
  const canvas = page.locator("canvas[data-chart='cohorts']");
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const k = box.width / 720;
  await page.mouse.move(box.x + (120 + 1.5 * 148) * k, box.y + (46 + 0.5 * 28) * k);
  await page.waitForFunction(() => document.querySelector("[data-testid='cohort-hover']").textContent.includes('2024-01'));
  assert.match(await page.locator("[data-testid='cohort-hover']").textContent(), /Cohort 2024-01 \(2 customers\), 1 periods later: 50\.0 %/);
  await page.selectOption("[data-setting='cohort_metric']", 'revenue');
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.value === '0.3333333333333333', cell('2024-01', 1));
  await page.selectOption("[data-setting='cohort']", 'quarter');
  await page.selectOption("[data-setting='cohort_metric']", 'customers');
  await page.waitForSelector(cell('2024-Q1', 1));
  assert.equal(await valueOf(page, cell('2024-Q1', 1)), 0.25);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the real UCI Online Retail orders through the page: repeat customers and the first cohort', async () => {
  const { page, context, errors } = await openPage('orders', 'revenue');
  await uploadAndWait(page, path.join(SHARED, 'uci_online_retail/online_retail_orders.csv'), 'orders');
  // Computed independently with python3's csv module (crates/metrics/tests/it/uci.rs).
  await page.waitForSelector("[data-testid='cohort-table'] td[data-cohort='2010-12'][data-k='4']");
  const repeat = await valueOf(page, "td[data-kpi='repeat_customer_rate'][data-period='2011-11'][data-segment='']");
  assert.ok(Math.abs(repeat - 1341 / 1664) < 1e-12, String(repeat));
  assert.equal(await page.locator("td[data-cohort-size='2010-12']").textContent(), '885');
  for (const [kk, n] of [[1, 324], [2, 286], [3, 340], [4, 321]]) {
    const v = await valueOf(page, `[data-testid='cohort-table'] td[data-cohort='2010-12'][data-k='${kk}']`);
    assert.ok(Math.abs(v - n / 885) < 1e-12, `k=${kk}: ${v}`);
  }
  await page.screenshot({ path: path.join(ROOT, 'test-results/orders-uci.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a funnel sheet and an accounts list give conversion, CAC, LTV:CAC and referrals', async () => {
  const { page, context, errors } = await openPage('acquisition', 'cac');
  // The demos: LTV comes from the Revenue page's subscriptions, and the card says so.
  assert.match(await page.locator(".kpi-card[data-card='ltv_to_cac'] .explain").textContent(), /LTV from subscriptions/);
  assert.ok((await canvasInk(page, 'funnel')).n > 2000, 'funnel drawn');
  assert.ok((await canvasInk(page, 'cac')).n > 2000, 'CAC chart drawn');
  await uploadAndWait(page, path.join(FUNNEL, '01_monthly_rates_and_cac/input.csv'), 'funnel');
  // Hand-worked in crates/metrics/tests/golden/funnel/01_monthly_rates_and_cac/case.txt.
  await page.waitForSelector(".kpi-card [data-kpi='cac'][data-period='2024-03']");
  assert.equal(await valueOf(page, "td[data-kpi='conversion_rate'][data-period='2024-01'][data-segment='']"), 0.0008);
  assert.equal(await valueOf(page, "td[data-kpi='trial_to_paid_rate'][data-period='2024-02'][data-segment='']"), 0.084);
  assert.equal(await valueOf(page, "td[data-kpi='cac'][data-period='2024-01'][data-segment='']"), 1500);
  await uploadAndWait(page, path.join(ACCOUNTS, '01_referral_share_monthly/input.csv'), 'accounts');
  // Hand-worked in crates/metrics/tests/golden/accounts/01_referral_share_monthly/case.txt.
  await page.waitForSelector("td[data-kpi='referral_share'][data-period='2024-02']");
  assert.equal(await valueOf(page, "td[data-kpi='referral_share'][data-period='2024-01'][data-segment='']"), 1 / 3);
  assert.equal(await valueOf(page, "td[data-kpi='referrals'][data-period='2024-04'][data-segment='']"), 1);
  await page.screenshot({ path: path.join(ROOT, 'test-results/acquisition.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
