// End-to-end tests of files as people have them, read by the engine's worker in headless Chromium:
// a gzip export (streamed), a zip archive (a picker of the CSV files inside), Excel (.xlsx, .xls)
// and OpenDocument (.ods) workbooks (a sheet picker, typed cells), and a PDF refused with a reason.
// The files and their hand-worked values are the golden cases' (crates/metrics/tests/golden).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { GOLDEN, openApp, tmpFile, useSite, valueOf } from './harness.mjs';

const site = useSite(before, after);
const CASES = path.join(GOLDEN, '..');
const cell = (kpi, period) => `td[data-kpi='${kpi}'][data-period='${period}'][data-segment='']`;

/// Opens `page` (its tab), gives `source` the golden file, and waits until its summary names it.
async function load(page, tab, source, file, named = path.basename(file)) {
  await page.click(`[data-page='${tab}']`);
  await page.waitForSelector(`[data-testid='${source}-file-input']`);
  await page.setInputFiles(`[data-testid='${source}-file-input']`, file);
  await page.waitForFunction(([s, n]) => document.querySelector(`[data-testid='${s}-summary']`)?.textContent.includes(n), [source, named]);
}

test('a gzip-compressed tickets export is read as it streams', async () => {
  const { page, context, errors } = await openApp(site.browser, site.srv.url);
  await load(page, 'support', 'tickets', path.join(CASES, 'tickets/09_gzip_two_members/input.csv.gz'));
  assert.match(await page.locator("[data-testid='tickets-summary']").textContent(), /a gzip-compressed file/);
  await page.waitForSelector(cell('ticket_volume', '2024-03'));
  assert.equal(await valueOf(page, cell('ticket_volume', '2024-03')), 4);
  assert.equal(await valueOf(page, cell('first_response_time_median', '2024-03')), 2);
  assert.equal(await valueOf(page, cell('resolution_time_p90', '2024-03')), 21.6);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a zip archive offers the CSV files inside it, and reads the one picked', async () => {
  const { page, context, errors } = await openApp(site.browser, site.srv.url);
  await load(page, 'surveys', 'surveys', path.join(CASES, 'surveys/15_zip_pick_an_entry/input.zip'));
  const picker = "[data-testid='surveys-part']";
  const entries = await page.locator(`${picker} option`).allTextContents();
  assert.ok(entries.includes('exports/nps_2024.csv') && entries.length >= 2, entries.join(', '));
  await page.selectOption(picker, 'exports/nps_2024.csv');
  await page.waitForFunction(() => document.querySelector("[data-testid='surveys-summary']").textContent.includes('input.zip#exports/nps_2024.csv'));
  await page.waitForSelector(cell('nps', '2024-05'));
  assert.equal(await valueOf(page, cell('nps', '2024-05')), 25);
  assert.equal(await valueOf(page, cell('nps', '2024-06')), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an Excel workbook is read from its typed cells (dates, money)', async () => {
  const { page, context, errors } = await openApp(site.browser, site.srv.url);
  await load(page, 'orders', 'orders', path.join(CASES, 'orders/10_xlsx_typed_cells/input.xlsx'));
  assert.match(await page.locator("[data-testid='orders-summary']").textContent(), /an Excel workbook/);
  await page.waitForSelector(cell('revenue', '2024-01'));
  assert.equal(await valueOf(page, cell('revenue', '2024-01')), 150);
  assert.equal(await valueOf(page, cell('avg_order_value', '2024-02')), 50.12);
  assert.equal(await valueOf(page, cell('active_customers', '2024-02')), 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an Excel 97-2003 workbook and an OpenDocument sheet picked by name', async () => {
  const { page, context, errors } = await openApp(site.browser, site.srv.url);
  await load(page, 'surveys', 'surveys', path.join(CASES, 'surveys/16_xls_typed_cells/input.xls'));
  await page.waitForSelector(cell('csat', '2024-03'));
  assert.ok(Math.abs((await valueOf(page, cell('csat', '2024-03'))) - 200 / 3) < 1e-9);
  assert.equal(await valueOf(page, cell('nps', '2024-03')), 100);

  await load(page, 'support', 'tickets', path.join(CASES, 'tickets/10_ods_named_sheet/input.ods'));
  const picker = "[data-testid='tickets-part']";
  await page.selectOption(picker, 'Tickets');
  await page.waitForFunction(() => document.querySelector("[data-testid='tickets-summary']").textContent.includes('input.ods#Tickets'));
  await page.waitForSelector(cell('ticket_volume', '2024-05'));
  assert.equal(await valueOf(page, cell('ticket_volume', '2024-05')), 3);
  assert.equal(await valueOf(page, cell('first_response_time_median', '2024-05')), 1.875);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a PDF is refused with the reason, and the data before stays', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  await page.click("[data-page='support']");
  await page.waitForSelector(".kpi-card [data-kpi='ticket_volume']");
  await page.setInputFiles("[data-testid='tickets-file-input']", tmpFile('report.pdf', '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'));
  const notice = page.locator("[data-notice='load']");
  await notice.waitFor();
  assert.match(await notice.textContent(), /report\.pdf.*PDF/);
  assert.match(await page.locator("[data-testid='tickets-summary']").textContent(), /demo-tickets\.csv/);
  await context.close();
});
