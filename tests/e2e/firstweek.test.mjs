// A CS lead's first week (issue 21), in headless Chromium: five exports of one business dropped at
// once on the first page, each routed to its source; Health names whom to call (red accounts with
// their MRR, what fell and the last contact) on bands calibrated on the files' own back-test; the
// scorecard shows only the user's data; the mapping preview follows the file; the phone view and
// the skip link. Screenshots go to docs/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, openApp, uploadAndWait, useSite, valueOf } from './harness.mjs';

const site = useSite(before, after);
const SET = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-firstweek-'));
const FILES = ['subscriptions', 'accounts', 'usage', 'tickets', 'surveys'];
const DOCS = path.join(ROOT, 'docs');

before(() => {
  execFileSync('cargo', ['run', '-q', '-p', 'northstar-bench', '--bin', 'northstar-bench-data', '--', 'customers', '--out', SET, '--customers', '400', '--seed', '1', '--force'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  fs.mkdirSync(DOCS, { recursive: true });
});
after(() => fs.rmSync(SET, { recursive: true, force: true }));

test('five exports dropped at once on the first page; Health names red accounts to call', async () => {
  const { page, context, errors, requests } = await openApp(site.browser, site.srv.url, { stay: true });
  await page.setInputFiles("[data-testid='all-file-input']", FILES.map((f) => path.join(SET, `${f}.csv`)));
  // Each file is routed to the source it is recognised as, and read there.
  for (const f of FILES) {
    await page.waitForSelector(`[data-routed-file='${f}.csv'][data-routed-source='${f}']`);
    await page.waitForSelector(`[data-routed-file='${f}.csv'] [data-routed-status='read']`, { timeout: 30000 });
  }
  // The scorecard shows only the user's own data: the demo's orders and funnel are left out.
  await page.waitForSelector('[data-scorecard-hidden-demo]');
  assert.match(await page.locator('[data-scorecard-hidden-demo]').textContent(), /orders/);
  assert.equal(await page.locator("[data-score] [data-kpi='revenue']").count(), 0, 'no demo orders row among the user\'s');
  await page.screenshot({ path: path.join(DOCS, 'first-page.png'), fullPage: true });

  // Accounts is one source: the file dropped once shows on every page that uses it.
  for (const p of ['revenue', 'acquisition']) {
    await page.click(`[data-page='${p}']`);
    await page.waitForFunction(() => document.querySelector("[data-testid='accounts-summary']")?.textContent.includes('accounts.csv'));
  }
  await page.click("[data-page='health']");
  await page.waitForSelector('.risk-table tr[data-band="red"]', { timeout: 30000 });
  const bands = await page.locator('[data-bands]').getAttribute('data-bands');
  assert.equal(bands, 'calibrated');
  assert.match(await page.locator('[data-bands]').textContent(), /Red below [\d.,]+, yellow below [\d.,]+: calibrated on [\d,]+ customer-months/);
  const red = await valueOf(page, ".kpi-card [data-kpi='accounts_red']");
  assert.ok(red > 0, `red accounts: ${red}`);
  // The first rows of the risk list: red, with MRR, what fell and the last contact.
  const first = page.locator('.risk-table tbody tr').first();
  assert.equal(await first.getAttribute('data-band'), 'red');
  assert.match(await first.locator('td.last-contact').textContent(), /(ticket|survey answer|product use) on \d{4}-\d{2}-\d{2}|—/);
  assert.match(await page.locator('[data-risk-summary]').textContent(), /active customers on .*, [\d,]+ scored/);
  // The back-test in words, with the numbers beside them.
  assert.match(await page.locator("[data-backtest='mean']").textContent(), /had the lower score \d+ % of the time \(AUC 0\.\d{3}/);
  // Panels off screen are drawn lazily (content-visibility): all of them, for the full-page picture.
  // (Through the CSSOM: the page's CSP refuses an added <style>.)
  await page.evaluate(() => document.querySelectorAll('section.panel').forEach((s) => { s.style.contentVisibility = 'visible'; }));
  await page.screenshot({ path: path.join(DOCS, 'health.png'), fullPage: true });
  assert.ok(requests.every((u) => u.startsWith(site.srv.origin)), 'no request off the origin');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file routed to the wrong source is read as another in one click', async () => {
  const { page, context, errors } = await openApp(site.browser, site.srv.url, { stay: true });
  await page.setInputFiles("[data-testid='all-file-input']", [path.join(SET, 'accounts.csv')]);
  await page.waitForSelector("[data-routed-file='accounts.csv'][data-routed-source='accounts']");
  await page.selectOption("select[data-route='accounts.csv']", 'subscriptions');
  await page.waitForSelector("[data-routed-file='accounts.csv'][data-routed-source='subscriptions']");
  // Read, or refused with the reason (an account list is no subscriptions file): either way, there.
  await page.waitForSelector("[data-routed-file='accounts.csv'] :is([data-routed-status='read'], [data-routed-status='failed'])");
  await page.click("[data-page='revenue']");
  await page.waitForFunction(() => document.querySelector("section[aria-label='Subscriptions or MRR export']")?.textContent.includes('accounts.csv'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the mapping preview shows the file just loaded, not the one before', async () => {
  const { page, context, errors } = await openApp(site.browser, site.srv.url);
  await page.click("[data-page='surveys']");
  const dir = path.join(ROOT, 'crates/metrics/tests/exports');
  await uploadAndWait(page, path.join(dir, 'delighted_responses/input.csv'), 'surveys');
  assert.match(await page.locator("[data-testid='surveys-mapping'] tr:has(select[data-column='Email']) td.sample").textContent(), /ann@acme\.com/);
  await uploadAndWait(page, path.join(dir, 'responses_id_and_email/input.csv'), 'surveys');
  // Same column name, another file: its own first values.
  await page.waitForFunction(() => document.querySelector("[data-testid='surveys-mapping'] tr:has(select[data-column='Email']) td.sample")?.textContent.includes('Ann@Acme.com'));
  assert.doesNotMatch(await page.locator("[data-testid='surveys-mapping'] tr:has(select[data-column='Email']) td.sample").textContent(), /BOB@beta/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a 390 px phone the header and tabs take at most 20 % of the first screen; a skip link leads to the content', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url, { stay: true, options: { viewport: { width: 390, height: 844 } } });
  const chrome = await page.evaluate(() => {
    const bottom = document.querySelector('nav.tabs').getBoundingClientRect().bottom;
    return bottom / window.innerHeight;
  });
  assert.ok(chrome <= 0.2, `header and tabs take ${(chrome * 100).toFixed(1)} % of the first screen`);
  // Every demo read, so the banner lists every page still on the demo.
  for (const k of ['mrr', 'ticket_volume', 'active_users', 'nps']) await page.waitForSelector(`[data-scorecard] [data-kpi='${k}']`, { state: 'attached' });
  await page.screenshot({ path: path.join(DOCS, 'phone.png') });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  // A wide table scrolled sideways keeps its key column (the period) in view.
  await page.click("[data-page='revenue']");
  const table = page.locator("[data-testid='subscriptions-series-table']");
  await table.locator('tbody tr').first().waitFor();
  const kept = await table.evaluate((div) => {
    // On a phone the table itself scrolls sideways (its box is the scroller); else its panel does.
    const scroller = [div.querySelector('table'), div].find((e) => e.scrollWidth > e.clientWidth) ?? div;
    scroller.scrollLeft = 10000;
    const key = div.querySelector('tbody tr td:first-child').getBoundingClientRect();
    const box = scroller.getBoundingClientRect();
    return { scrolled: scroller.scrollLeft, keyLeft: key.left, boxLeft: box.left };
  });
  assert.ok(kept.scrolled > 0, 'the table is wider than the phone');
  assert.ok(Math.abs(kept.keyLeft - kept.boxLeft) < 2, `the key column stays at the left edge: ${JSON.stringify(kept)}`);
  await context.close();
});

test('the printed report has a title, the date, the files with their spans and the goals; every period and every column print', async () => {
  const { page, context, errors } = await openApp(site.browser, site.srv.url, { stay: true });
  await page.setInputFiles("[data-testid='all-file-input']", FILES.map((f) => path.join(SET, `${f}.csv`)));
  for (const f of FILES) await page.waitForSelector(`[data-routed-file='${f}.csv'] [data-routed-status='read']`, { timeout: 30000 });
  // A goal on the scorecard, then the Revenue page printed.
  const goal = page.locator("[data-scorecard] input[data-target='mrr']");
  await goal.fill('1');
  await goal.dispatchEvent('change');
  await page.waitForFunction(() => document.querySelector("[data-scorecard] [data-status='mrr']")?.textContent === 'on track');
  await page.click("[data-page='revenue']");
  const table = page.locator("[data-testid='subscriptions-series-table'] table");
  await table.locator('tbody tr').first().waitFor();
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
  const headers = await table.locator('thead th').allTextContents();
  await page.emulateMedia({ media: 'print' });
  const pdf = path.join(SET, 'report.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: false });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const flat = text.replace(/\s+/g, ' ');
  assert.match(flat, /Northstar report: Revenue/);
  assert.match(flat, /Printed on \d{4}-\d{2}-\d{2}\./);
  assert.match(flat, /subscriptions\.csv \(subscriptions, \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\)/);
  assert.match(flat, /accounts\.csv \(accounts/);
  assert.match(flat, /Goals: 1 of 1 goals met \(100 %\)/);
  assert.match(flat, /MRR, \d{4}-\d{2}: [\d,.]+ against a goal of 1\.00, on track/);
  // Every period of the table prints, each row whole: its period then every cell, the last
  // column's too, in order on one line of the page.
  const lines = text.split('\n').map((l) => l.trim());
  for (const cells of rows) {
    const line = lines.find((l) => l.startsWith(`${cells[0]} `) && l.includes(cells[1]));
    assert.ok(line, `the row of ${cells[0]} printed`);
    let at = 0;
    for (const c of cells) {
      at = line.indexOf(c, at);
      assert.ok(at >= 0, `${cells[0]}: cell ${c} printed in order in "${line}"`);
      at += c.length;
    }
  }
  assert.equal(headers.length, rows[0].length);
  // Each page of the PDF, drawn for docs/.
  for (const old of fs.readdirSync(DOCS).filter((f) => /^report-page-\d+\.png$/.test(f))) fs.rmSync(path.join(DOCS, old));
  execFileSync('pdftoppm', ['-png', '-r', '50', pdf, path.join(DOCS, 'report-page')]);
  const pages = fs.readdirSync(DOCS).filter((f) => /^report-page-\d+\.png$/.test(f));
  assert.ok(pages.length >= 1, 'the report has pages');
  assert.deepEqual(errors, []);
  await context.close();
});
