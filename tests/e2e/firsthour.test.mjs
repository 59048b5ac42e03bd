// End-to-end tests of a new user's first hour (issue 10), in headless Chromium: their own files
// replace the demo, failures show where they acted, nothing stale stays on screen, suggested
// targets are suggestions, cards show a complete period, and the page fits a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SHARED, canvasInk, openApp, useSite, valueOf } from './harness.mjs';

const site = useSite(before, after);
const TELCO = path.join(SHARED, 'ibm_telco_customer_churn/Telco-Customer-Churn.csv');
const HELPDESK_LOG = path.join(SHARED, 'helpdesk_italian_sw_company/helpdesk_finale.csv');

async function upload(page, source, file) {
  await page.setInputFiles(`[data-testid='${source}-file-input']`, file);
  await page.waitForFunction(
    ([source, name]) => document.querySelector(`[data-testid='${source}-summary']`)?.textContent.includes(name),
    [source, path.basename(file)],
  );
}

test('an accounts snapshot alone replaces the demo and drives the Revenue cards', async () => {
  const { page, context, errors } = await openApp(site.browser, site.srv.url);
  assert.match(await page.locator("[data-banner='demo']").textContent(), /Demo data/);
  await upload(page, 'accounts', TELCO);
  // Counted independently with Python's csv module: 1869 of 7043 accounts have Churn = Yes; the
  // 5174 others charge 316,985.75 a month.
  await page.waitForSelector(".kpi-card [data-kpi='account_churn_share']");
  assert.equal(await valueOf(page, ".kpi-card [data-kpi='account_churn_share']"), 1869 / 7043);
  assert.equal(await valueOf(page, ".kpi-card [data-kpi='account_mrr']"), 316985.75);
  assert.ok(Math.abs((await valueOf(page, ".kpi-card [data-kpi='account_arpa']")) - 316985.75 / 5174) < 1e-9);
  assert.match(await page.locator("[data-origin='revenue']").textContent(), /From Telco-Customer-Churn\.csv/);
  // The demo subscriptions are gone, not joined to the Telco accounts.
  assert.match(await page.locator("[data-testid='subscriptions-summary']").textContent(), /no file yet/);
  assert.equal(await page.locator(".kpi-card [data-kpi='mrr']").count(), 0);
  assert.equal(await page.locator("[data-banner='demo']").count(), 0);
  // The revenue charts say why they are empty instead of drawing axes around nothing.
  assert.match(await page.locator("[data-chart-empty='mrr']").textContent(), /No subscriptions file loaded/);
  assert.equal(await page.locator("canvas[data-chart='mrr']").isHidden(), true);
  // By segment: the breakdown splits the snapshot (Month-to-month is one of three contracts).
  await page.selectOption("[data-setting='breakdown']", 'Contract');
  await page.waitForSelector("[data-testid='accounts-series-table'] [data-segment='Month-to-month']");
  assert.deepEqual(errors, []);
  await context.close();
});

test('a load that fails empties every card and chart of its source, and says why beside the drop zone', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  await page.click("[data-page='surveys']");
  await page.waitForSelector(".kpi-card [data-kpi='nps']");
  assert.ok((await canvasInk(page, 'distribution')).n > 1000, 'the demo distribution is drawn');
  await page.fill('#surveys-paste', 'when,q\n2024-01-02,hello\n2024-01-03,bye\n');
  await page.click("[data-testid='surveys-drop-zone'] ~ div button:has-text('Use pasted data')");
  const error = page.locator("[data-testid='surveys-error']");
  await error.waitFor();
  assert.match(await error.textContent(), /could not be read/);
  assert.match(await error.textContent(), /Fix: in the column mapping below, choose the column/);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'surveys-error', 'the error takes the focus');
  assert.equal(await page.locator('.kpi-card [data-kpi]').count(), 0);
  assert.match(await page.locator("[data-empty='surveys']").textContent(), /pasted\.csv could not be read/);
  for (const chart of ['trend', 'distribution']) {
    assert.equal(await page.locator(`canvas[data-chart='${chart}']`).isHidden(), true, `${chart} hidden`);
    assert.match(await page.locator(`[data-chart-empty='${chart}']`).textContent(), /could not be read/);
  }
  await context.close();
});

test('"Clear demo" empties the page, and each empty chart says why', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  await page.click("[data-page='support']");
  await page.waitForSelector(".kpi-card [data-kpi='ticket_volume']");
  await page.click("[data-action='clear-demo']");
  await page.waitForSelector("[data-empty='support']");
  assert.match(await page.locator("[data-empty='support']").textContent(), /No tickets file loaded/);
  assert.equal(await page.locator("[data-banner='demo']").count(), 0);
  for (const chart of ['volume', 'times']) {
    assert.match(await page.locator(`[data-chart-empty='${chart}']`).textContent(), /No tickets file loaded/);
  }
  await context.close();
});

test('suggested targets are suggestions until set; a target kept from before that equals one goes back to being a suggestion', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  assert.equal(await page.locator('.status.off-track, .status.on-track').count(), 0, 'no status without a target of the user');
  const nrr = page.locator("input[data-target='nrr']");
  assert.equal(await nrr.inputValue(), '');
  assert.equal(await nrr.getAttribute('placeholder'), 'suggested 100');
  assert.match(await page.locator("[data-suggested='nrr']").textContent(), /not yours until you set it/);
  await nrr.fill('95');
  await nrr.dispatchEvent('change');
  await page.waitForSelector("[data-status='nrr'].on-track, [data-status='nrr'].off-track");
  await context.close();

  // Settings stored before version 3 held every suggestion as a target.
  const stored = { page: 'revenue', targets: { nrr: 1.0, nps: 30.0, customer_churn_rate: 0.05 } };
  const old = await openApp(site.browser, site.srv.url, {
    init: (doc) => localStorage.setItem('northstar.settings.v2', doc),
    initArg: JSON.stringify(stored),
  });
  assert.equal(await old.page.locator("input[data-target='nrr']").inputValue(), '');
  assert.equal(await old.page.locator("input[data-target='customer_churn_rate']").inputValue(), '5');
  await old.context.close();
});

test('cards show the latest complete period by default, mark a partial one, and every "—" explains itself', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  await page.click("[data-page='support']");
  await page.waitForSelector(".kpi-card [data-kpi='ticket_volume']");
  await upload(page, 'tickets', HELPDESK_LOG);
  // The log's last event is in December 2013, so November is the latest complete month.
  await page.waitForSelector(".kpi-card [data-kpi='ticket_volume'][data-period='2013-11']");
  const options = await page.locator("[data-setting='card_period'] option").allTextContents();
  assert.ok(options.includes('2013-12 (partial)'), options.join(' | '));
  await page.selectOption("[data-setting='card_period']", '2013-12');
  await page.waitForSelector(".kpi-card [data-kpi='ticket_volume'][data-period='2013-12']");
  assert.match(await page.locator("[data-partial='2013-12']").textContent(), /partial period/);
  for (const card of await page.locator('.kpi-card').all()) {
    const value = card.locator('[data-kpi]');
    if ((await value.getAttribute('data-value')) === '') {
      const why = await card.locator('[data-explain]').textContent();
      assert.match(why, /undefined|data ends|data starts|needs/, `a "—" says why: ${why}`);
    }
  }
  await context.close();
});

test('the glossary lives once, in a drawer, opened at a KPI from its card', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  assert.equal(await page.locator('dl.defs').count(), 1);
  assert.equal(await page.locator('#def-mrr').isVisible(), false);
  await page.click(".kpi-card [data-glossary='mrr']");
  await page.waitForSelector('#def-mrr', { state: 'visible' });
  assert.equal(await page.locator('.drawer.open').count(), 1);
  await context.close();
});

test('a breakdown choice survives a reload', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  const choices = await page.locator("[data-setting='breakdown'] option").evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(choices.length > 0, 'the demo has a breakdown column');
  await page.selectOption("[data-setting='breakdown']", choices[0]);
  await page.reload();
  await page.waitForSelector(".kpi-card [data-kpi='mrr']");
  await page.waitForFunction((c) => document.querySelector("[data-setting='breakdown']")?.value === c, choices[0]);
  await context.close();
});

test('every page fits a 390 px wide screen', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  await page.setViewportSize({ width: 390, height: 844 });
  for (const name of ['revenue', 'orders', 'acquisition', 'support', 'product', 'surveys']) {
    await page.click(`[data-page='${name}']`);
    await page.waitForSelector('.kpi-card [data-kpi]');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `${name}: the page is ${width} px wide`);
  }
  await page.click("[data-page='revenue']");
  await page.waitForSelector('.kpi-card [data-kpi]');
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'test-results/first-hour-390.png') });
  await context.close();
});
