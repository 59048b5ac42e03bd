// End-to-end tests against the built site (dist/) in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { GOLDEN, ROOT, SHARED, canvasInk, openApp, showSurveys, uploadAndWait, useSite, valueOf } from './harness.mjs';

const site = useSite(before, after);
before(() => assert.ok(fs.existsSync(path.join(ROOT, 'dist/index.html')), 'dist/ is built (trunk build --release)'));

const close = (a, b) => Math.abs(a - b) < 1e-9;

test('the demo opens from a sub-path, with values, a drawn canvas, and no request off the origin', async () => {
  const { page, requests, errors, context } = await openApp(site.browser, site.srv.url);
  await showSurveys(page);
  const nps = await valueOf(page, ".kpi-card [data-kpi='nps']");
  assert.ok(nps !== null && nps >= -100 && nps <= 100, `NPS card value ${nps}`);
  assert.equal(await page.locator(".kpi-card [data-kpi='nps']").getAttribute('data-period'), '2026-10');
  assert.equal(await page.locator("td[data-kpi='nps']").count(), 18, 'one NPS value per demo month');
  const inked = (await canvasInk(page, 'trend')).n;
  assert.ok(inked > 2000, `trend canvas has ${inked} drawn pixels`);
  const foreign = requests.filter((u) => !u.startsWith(site.srv.origin));
  assert.deepEqual(foreign, [], 'no request leaves the page origin');
  assert.deepEqual(errors, []);
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'test-results/surveys-demo.png'), fullPage: true });
  await context.close();
});

test('an uploaded CSV gives the hand-worked values, with none shown as —', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  await showSurveys(page);
  await uploadAndWait(page, path.join(GOLDEN, '01_long_monthly/input.csv'));
  // Hand-worked in crates/metrics/tests/golden/surveys/01_long_monthly/case.txt.
  assert.equal(await valueOf(page, "td[data-kpi='nps'][data-period='2024-01']"), 0);
  assert.ok(close(await valueOf(page, "td[data-kpi='nps_margin_of_error'][data-period='2024-01']"), 78.4));
  assert.equal(await valueOf(page, "td[data-kpi='nps'][data-period='2024-02']"), null);
  assert.equal((await page.locator("td[data-kpi='nps'][data-period='2024-02']").textContent()).trim(), '—');
  assert.equal(await valueOf(page, "td[data-kpi='nps'][data-period='2024-03']"), 50);
  assert.equal(await valueOf(page, "td[data-kpi='csat'][data-period='2024-03']"), 50);
  assert.equal(await valueOf(page, "td[data-kpi='ces'][data-period='2024-03']"), 4.5);
  // The file runs from 2024-01-03 to 2024-03-08 with no answer in February: no month is both
  // complete and answered, so the cards show March, the latest month with answers, marked partial.
  await page.waitForSelector(".kpi-card [data-kpi='nps'][data-period='2024-03']");
  assert.equal(await valueOf(page, ".kpi-card [data-kpi='nps']"), 50);
  await page.waitForSelector("[data-partial='2024-03']");
  // February picked: its NPS card says why it has no value.
  await page.selectOption("[data-setting='card_period']", '2024-02');
  await page.waitForSelector(".kpi-card [data-kpi='nps'][data-period='2024-02']");
  assert.equal(await valueOf(page, ".kpi-card [data-kpi='nps']"), null);
  assert.match(await page.locator("[data-explain='nps']").textContent(), /no answers in this period/);
  // Per segment: Pro answered 7 and 10 in March.
  await page.selectOption("[data-setting='segment']", 'plan');
  assert.equal(await valueOf(page, "[data-testid='surveys-segment-table'] td[data-kpi='nps'][data-segment='Pro']"), 50);
  await context.close();
});

test('settings and targets survive a reload', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  await showSurveys(page);
  await page.selectOption("[data-setting='period']", 'quarter');
  // The demo ends in October 2026: the cards show the latest complete quarter.
  await page.waitForSelector(".kpi-card [data-kpi='nps'][data-period='2026-Q3']");
  const target = page.locator("input[data-target='nps']");
  await target.fill('41');
  await target.dispatchEvent('change');
  await page.reload();
  // The page choice persists too: the reload opens on Surveys.
  await page.waitForSelector(".kpi-card [data-kpi='nps']");
  assert.equal(await page.locator("[data-setting='period']").inputValue(), 'quarter');
  assert.equal(await page.locator(".kpi-card [data-kpi='nps']").getAttribute('data-period'), '2026-Q3');
  assert.equal(await page.locator("input[data-target='nps']").inputValue(), '41');
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('northstar.settings.v2')));
  assert.equal(stored.surveys.period, 'quarter');
  assert.equal(stored.page, 'surveys');
  assert.equal(stored.targets.nps, 41);
  await context.close();
});

test('corrupt or blocked storage shows a notice and still renders the dashboard', async () => {
  const corrupt = await openApp(site.browser, site.srv.url, { init: () => localStorage.setItem('northstar.settings.v2', '{oops') });
  assert.match(await corrupt.page.locator("[data-notice='storage']").textContent(), /could not be read/);
  assert.ok((await valueOf(corrupt.page, ".kpi-card [data-kpi='mrr']")) !== null);
  await corrupt.context.close();
  const blocked = await openApp(site.browser, site.srv.url, {
    init: () => Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } }),
  });
  assert.match(await blocked.page.locator("[data-notice='storage']").textContent(), /not be kept/);
  assert.ok((await valueOf(blocked.page, ".kpi-card [data-kpi='mrr']")) !== null);
  await blocked.context.close();
});

test('bad rows are listed with line, column and reason', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  await showSurveys(page);
  await uploadAndWait(page, path.join(GOLDEN, '06_bad_rows_are_reported/input.csv'));
  assert.equal(await valueOf(page, "[data-testid='surveys-issue-count']"), 10);
  const row3 = (await page.locator("tr[data-issue-line='3']").first().textContent());
  assert.match(row3, /input\.csv.*3.*date.*'2024-13-05' is not a date/);
  assert.equal(await valueOf(page, "td[data-kpi='nps'][data-period='2024-01']"), 100);
  await context.close();
});

test('drop and paste load data too; a semicolon German export reads right', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  await showSurveys(page);
  const csv = 'Date;Score;Type\n05.01.2024;9;nps\n20.01.2024;0;nps\n';
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    document.querySelector("[data-testid='surveys-drop-zone']").dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, csv);
  await page.waitForFunction(() => document.querySelector("[data-testid='surveys-summary']").textContent.includes('dropped.csv'));
  assert.equal(await valueOf(page, "td[data-kpi='nps'][data-period='2024-01']"), 0);
  await page.fill('#surveys-paste', 'date,score,kind\n2024-05-01,10,nps\n');
  await page.locator("section[aria-label='Survey export'] button", { hasText: 'Use pasted data' }).click();
  await page.waitForFunction(() => document.querySelector("[data-testid='surveys-summary']").textContent.includes('pasted.csv'));
  assert.equal(await valueOf(page, "td[data-kpi='nps'][data-period='2024-05']"), 100);
  await context.close();
});

test('the real Somerville survey export: remap a question to NPS in the page', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  await showSurveys(page);
  await uploadAndWait(page, path.join(SHARED, 'somerville_happiness_survey/Happiness_Survey_2017.csv'));
  const q4 = '4. How satisfied are you with Somerville as a place to live?';
  await page.selectOption(`select[data-column='${q4}']`, 'nps');
  await page.waitForSelector("td[data-kpi='nps'][data-period='all']");
  // Counted independently with Python's csv module: 831 answers, 432 at 9-10, 119 at 0-6.
  assert.ok(close(await valueOf(page, "td[data-kpi='nps'][data-period='all']"), (100 * 313) / 831));
  assert.equal(await valueOf(page, "td[data-kpi='responses'][data-kind='nps']"), 831);
  await context.close();
});

test('a refused setting is explained until corrected or made moot; a stored one shows as stored', async () => {
  const { page, context, errors } = await openApp(site.browser, site.srv.url);
  await showSurveys(page);
  const threshold = "[data-setting='csat_threshold']";
  // The scale is inferred per question by default; on a CSAT scale set to 1-5, 6 is outside it,
  // refused and explained; the field keeps the text.
  await page.selectOption("[data-setting='csat_scale']", '1-5');
  await page.fill(threshold, '6');
  await page.dispatchEvent(threshold, 'change');
  await page.waitForSelector('.field-error');
  assert.match(await page.locator('.field-error').textContent(), /surveys\.csat_threshold/);
  assert.equal(await page.inputValue(threshold), '6');
  // On a 1-7 scale the default threshold is 6: the message goes, the field shows the stored value.
  await page.selectOption("[data-setting='csat_scale']", '1-7');
  await page.waitForFunction(() => !document.querySelector('.field-error'));
  assert.equal(await page.inputValue(threshold), '6');
  // A value that is stored in its normal form shows in that form, even when it equals the old one.
  await page.fill(threshold, '5');
  await page.dispatchEvent(threshold, 'change');
  await page.fill(threshold, '5.0');
  await page.dispatchEvent(threshold, 'change');
  await page.waitForFunction((t) => document.querySelector(t).value === '5', threshold);
  assert.deepEqual(errors, []);
  await context.close();
});

test('settings saved by the first version are migrated and kept', async () => {
  const v1 = JSON.stringify({
    period: 'quarter', page: 'surveys', targets: { nps: 41 }, surveys: { nps_scale: { min: 0, max: 10 } },
    support: { period: 'day', tickets: { sla_hours: 8 } }, revenue: { period: 'week', subscriptions: { gross_margin: 0.8 } },
  });
  const { page, context, errors } = await openApp(site.browser, site.srv.url, {
    init: (doc) => { if (!localStorage.getItem('northstar.settings.v2')) localStorage.setItem('northstar.settings.v1', doc); },
    initArg: v1,
  });
  // The stored page, period and target of the first version are in use.
  assert.equal(await page.locator("[data-setting='period']").inputValue(), 'quarter');
  assert.equal(await page.locator("input[data-target='nps']").inputValue(), '41');
  await page.click("[data-page='support']");
  await page.waitForSelector(".kpi-card [data-kpi='ticket_volume']");
  assert.equal(await page.locator("[data-setting='sla_hours']").inputValue(), '8');
  assert.equal(await page.locator("[data-setting='support_period']").inputValue(), 'day');
  // Saved again under the current key, in the current shape.
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('northstar.settings.v2')));
  assert.equal(stored.surveys.period, 'quarter');
  assert.equal(stored.sources.tickets.settings.sla_hours, 8);
  assert.equal(stored.sources.subscriptions.settings.gross_margin, 0.8);
  assert.deepEqual(errors, []);
  await context.close();
});
