// End-to-end tests of the support page against the built site in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { GOLDEN, ROOT, SHARED, canvasInk, openApp, tmpFile, uploadAndWait, useSite, valueOf, zendeskExport } from './harness.mjs';

const TICKETS = path.join(GOLDEN, '../tickets');
const site = useSite(before, after);

async function showSupport(page) {
  await page.click("[data-page='support']");
  await page.waitForSelector(".kpi-card [data-kpi='ticket_volume']");
}

const close = (a, b) => Math.abs(a - b) < 1e-9;

test('a Zendesk-shaped export gives the hand-worked ticket KPIs, per agent and sortable', async () => {
  const { page, context, errors } = await openApp(site.browser, site.srv.url);
  await showSupport(page);
  for (const chart of ['volume', 'times']) {
    const inked = (await canvasInk(page, chart)).n;
    assert.ok(inked > 2000, `${chart} chart drawn`);
  }
  await uploadAndWait(page, path.join(TICKETS, '01_zendesk_shape/input.csv'), 'tickets');
  // Hand-worked in crates/metrics/tests/golden/tickets/01_zendesk_shape/case.txt.
  assert.equal(await valueOf(page, "td[data-kpi='ticket_volume'][data-period='2024-01']"), 4);
  assert.equal(await valueOf(page, "td[data-kpi='first_response_time_median'][data-period='2024-01']"), 1);
  assert.ok(close(await valueOf(page, "td[data-kpi='first_response_time_p90'][data-period='2024-01']"), 20.2));
  assert.equal(await valueOf(page, "td[data-kpi='resolution_time_median'][data-period='2024-02']"), 324.5);
  assert.equal(await valueOf(page, "td[data-kpi='sla_first_response_rate'][data-period='2024-01']"), 0.5);
  assert.equal(await valueOf(page, "td[data-kpi='backlog'][data-period='2024-01']"), 2);
  assert.equal(await valueOf(page, "td[data-kpi='repeat_contact_rate'][data-period='2024-01']"), 0.25);
  // Whole-file agent table: Ann rated Good twice, Bob Bad once; sorting by rating puts Ann first.
  await page.click("button[data-sort='agent_rating_avg']");
  const first = await page.locator("[data-testid='agent-table'] tbody tr").first().getAttribute('data-key');
  assert.equal(first, 'Ann');
  assert.equal(await valueOf(page, "[data-testid='agent-table'] td[data-kpi='agent_rating_avg'][data-segment='Bob']"), 0);
  await page.click("button[data-sort='agent_rating_avg']");
  assert.equal(await page.locator("[data-testid='agent-table'] tbody tr").first().getAttribute('data-key'), 'Bob');
  // Over the whole file Ann has tickets 1, 3 and 5; in January only 1 and 3 (Bob 2 and 4 either way).
  const agentCell = (kpi, agent) => `[data-testid='agent-table'] td[data-kpi='${kpi}'][data-segment='${agent}']`;
  assert.equal(await valueOf(page, agentCell('ticket_volume', 'Ann')), 3);
  await page.selectOption("[data-setting='agent_period']", '2024-01');
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.period === '2024-01', agentCell('ticket_volume', 'Ann'));
  assert.equal(await valueOf(page, agentCell('ticket_volume', 'Ann')), 2);
  assert.equal(await valueOf(page, agentCell('ticket_volume', 'Bob')), 2);
  // The sort order chosen above holds across the change (Bob's 0 rating first, ascending).
  assert.equal(await page.locator("[data-testid='agent-table'] tbody tr").first().getAttribute('data-key'), 'Bob');
  await page.selectOption("[data-setting='agent_period']", '');
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.value === '3', agentCell('ticket_volume', 'Ann'));
  // A 48-hour SLA counts ticket 3 (25 h) as met.
  await page.fill("[data-setting='sla_hours']", '48');
  await page.dispatchEvent("[data-setting='sla_hours']", 'change');
  await page.waitForFunction(() => document.querySelector("td[data-kpi='sla_first_response_rate'][data-period='2024-01']").dataset.value === '0.75');
  // A rejected value is explained next to the field and not stored.
  await page.fill("[data-setting='sla_hours']", '-1');
  await page.dispatchEvent("[data-setting='sla_hours']", 'change');
  await page.waitForSelector('.field-error');
  assert.match(await page.locator('.field-error').textContent(), /tickets\.sla_hours/);
  assert.equal(await valueOf(page, "td[data-kpi='sla_first_response_rate'][data-period='2024-01']"), 0.75);
  // Another setting stored meanwhile leaves the refused text and its message in place.
  await page.fill("[data-setting='repeat_window_days']", '7');
  await page.dispatchEvent("[data-setting='repeat_window_days']", 'change');
  assert.equal(await page.inputValue("[data-setting='sla_hours']"), '-1');
  assert.equal(await page.locator('.field-error').count(), 1);
  // Correcting the value clears the message.
  await page.fill("[data-setting='sla_hours']", '48');
  await page.locator("[data-setting='sla_hours']").blur();
  await page.waitForFunction(() => !document.querySelector('.field-error'));
  // Unmapping the rating column leaves the rating undefined; resetting the mapping brings it back.
  await page.selectOption("select[data-column='Satisfaction Score']", '');
  await page.waitForFunction(() => document.querySelector("td[data-kpi='agent_rating_avg'][data-period='2024-01']").dataset.value === '');
  assert.equal((await page.locator("td[data-kpi='agent_rating_avg'][data-period='2024-01']").textContent()).trim(), '—');
  await page.locator("[data-testid='tickets-mapping'] button", { hasText: 'Reset to guessed' }).click();
  await page.waitForFunction(() => document.querySelector("td[data-kpi='agent_rating_avg'][data-period='2024-01']").dataset.value === '0.5');
  assert.deepEqual(errors, []);
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'test-results/support.png'), fullPage: true });
  await context.close();
});

test('the real help-desk event log through the page gives the independently computed medians', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  await showSupport(page);
  await uploadAndWait(page, path.join(SHARED, 'helpdesk_italian_sw_company/helpdesk_finale.csv'), 'tickets');
  await page.selectOption("[data-setting='support_period']", 'year');
  await page.waitForSelector("td[data-kpi='first_response_time_median'][data-period='2011']");
  // Python (csv + statistics) over the same rules; see crates/metrics/tests/it/helpdesk.rs.
  assert.ok(Math.abs((await valueOf(page, "td[data-kpi='first_response_time_median'][data-period='2011']")) - 2.116388888888889) < 1e-6);
  assert.ok(Math.abs((await valueOf(page, "td[data-kpi='resolution_time_median'][data-period='2012']")) - 74.5026388888889) < 1e-6);
  assert.equal(await valueOf(page, "td[data-kpi='ticket_volume'][data-period='2011']"), 1518);
  assert.match(await page.locator("[data-testid='tickets-summary']").textContent(), /4580 tickets from an event log/);
  // The log has no ratings: the card says so, not that the period had no tickets.
  assert.match(await page.locator(".kpi-card [data-explain='agent_rating_avg']").textContent(), /^undefined: no rated ticket in this period/);
  await context.close();
});

test('a KPI-only setting on 1M tickets recomputes from the typed data without reading the file again', async () => {
  const { page, context, errors } = await openApp(site.browser, site.srv.url);
  await page.click("[data-page='support']");
  await page.waitForSelector(".kpi-card [data-kpi='ticket_volume']");
  const file = tmpFile('tickets-1m.csv', zendeskExport(1_000_000));
  await uploadAndWait(page, file, 'tickets');
  const summary = "[data-testid='tickets-summary']";
  const reads = await page.locator(summary).getAttribute('data-reads');
  // June 2024 in the table of every period (the last month holds only late resolutions).
  const card = "td[data-kpi='sla_first_response_rate'][data-period='2024-06'][data-segment='']";
  const before = await page.locator(card).getAttribute('data-value');
  // From the change to the updated value on the page.
  const ms = await page.evaluate(async ([card]) => {
    const input = document.querySelector("[data-setting='sla_hours']");
    const old = document.querySelector(card).dataset.value;
    const t0 = performance.now();
    input.value = '1';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    while (document.querySelector(card).dataset.value === old && performance.now() - t0 < 20000) await new Promise((r) => setTimeout(r, 0));
    return performance.now() - t0;
  }, [card]);
  const after = await page.locator(card).getAttribute('data-value');
  assert.notEqual(after, before, 'the SLA rate follows the new target');
  assert.equal(await page.locator(summary).getAttribute('data-reads'), reads, 'no re-read for a KPI-only setting');
  console.log(`KPI-only setting (sla_hours) on 1,000,000 tickets: ${ms.toFixed(0)} ms from the change to the updated value`);
  // An ingest setting (which activity resolves an event log) does read again.
  await page.fill("[data-setting='resolution_activity']", 'Close ticket');
  await page.dispatchEvent("[data-setting='resolution_activity']", 'change');
  await page.waitForFunction(([s, r]) => document.querySelector(s).dataset.reads !== r, [summary, reads]);
  assert.deepEqual(errors, []);
  await context.close();
});
