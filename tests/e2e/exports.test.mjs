// Real vendors' exports in the page: read with no mapping by hand, the vendor named, every column
// pick explained (close calls first), no wrong-page hint, KPIs needing an absent column shown as
// "—" with the reason. The files and their hand-worked values are crates/metrics/tests/exports/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, openApp, uploadAndWait, useSite, valueOf } from './harness.mjs';

const EXPORTS = path.join(ROOT, 'crates/metrics/tests/exports');
const site = useSite(before, after);
const input = (name) => path.join(EXPORTS, name, 'input.csv');

test('a Zendesk export reads as one, each pick says why, the close call first', async () => {
  const { page, context, errors } = await openApp(site.browser, site.srv.url);
  await page.click("[data-page='support']");
  await uploadAndWait(page, input('zendesk_tickets'), 'tickets');
  assert.match(await page.locator("[data-testid='tickets-summary']").textContent(), /read as a Zendesk tickets export/);
  // Hand-worked in zendesk_tickets/case.txt: by e-mail only ticket 2 repeats a contact.
  assert.equal(await valueOf(page, "td[data-kpi='ticket_volume'][data-period='2024-01']"), 4);
  assert.equal(await valueOf(page, "td[data-kpi='repeat_contact_rate'][data-period='2024-01']"), 0.25);
  const table = page.locator("[data-testid='tickets-mapping'] tbody tr");
  // The customer key is the close call (Requester id could serve): it comes first.
  assert.equal(await table.first().locator('td').first().textContent(), 'Requester email');
  const why = await table.first().locator("td[data-why='customer']").textContent();
  assert.match(why, /the Zendesk tickets export profile/);
  assert.match(why, /close call: Requester id/);
  assert.match(await page.locator("[data-testid='tickets-mapping'] td[data-why='first_reply_minutes']").textContent(), /Zendesk tickets export profile/);
  // The samples are this file's, not the demo's (same header layout, other rows).
  assert.match(await page.locator("[data-testid='tickets-mapping'] tr:has(select[data-column='Assignee']) td.sample").textContent(), /Sam/);
  assert.equal(await page.locator("[data-testid='tickets-looks-like']").count(), 0, 'no wrong-page hint');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Help Scout and WooCommerce Analytics keep their pages; a missing first response is "—", not 0 %', async () => {
  const { page, context, errors } = await openApp(site.browser, site.srv.url);
  await page.click("[data-page='support']");
  await uploadAndWait(page, input('helpscout_conversations'), 'tickets');
  assert.equal(await page.locator("[data-testid='tickets-looks-like']").count(), 0, 'Help Scout is not offered as accounts');
  assert.equal(await valueOf(page, "td[data-kpi='ticket_volume'][data-period='2024-03']"), 3);
  assert.equal(await valueOf(page, "td[data-kpi='sla_first_response_rate'][data-period='2024-03']"), null);
  assert.match(await page.locator("td[data-kpi='sla_first_response_rate'][data-period='2024-03']").first().textContent(), /—/);
  await page.click("[data-page='orders']");
  await uploadAndWait(page, input('woocommerce_analytics_orders'), 'orders');
  assert.equal(await page.locator("[data-testid='orders-looks-like']").count(), 0, 'WooCommerce Analytics is not offered as accounts');
  assert.equal(await valueOf(page, ".kpi-card [data-kpi='revenue']"), 58);
  assert.match(await page.locator("[data-testid='orders-mapping'] td[data-why='customer']").textContent(), /WooCommerce Analytics orders report profile/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a HubSpot companies export without a status loads; the status KPIs say why they are "—"', async () => {
  const { page, context, errors } = await openApp(site.browser, site.srv.url);
  await uploadAndWait(page, input('hubspot_companies'), 'accounts');
  assert.match(await page.locator("[data-testid='accounts-summary']").textContent(), /3 accounts/);
  await page.waitForSelector(".kpi-card [data-kpi='account_churn_share']");
  assert.equal(await valueOf(page, ".kpi-card [data-kpi='account_churn_share']"), null);
  assert.match(await page.locator("[data-warning='account_churn_share']").textContent(), /needs a status column/);
  await page.screenshot({ path: path.join(ROOT, 'target/e2e-hubspot-accounts.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
