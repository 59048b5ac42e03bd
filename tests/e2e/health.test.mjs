// End-to-end tests of Customer 360 (issue 11), in headless Chromium: five exports of the same
// customers (from `northstar-bench-data customers`: Stripe subscriptions, CRM accounts, a product
// log keyed by user e-mail, Zendesk tickets, NPS answers) loaded at once; the match rates, the
// risk list, the weights beside the back-test, one customer's timeline and the scorecard. The
// page's numbers are checked against the CLI's on the same files (one metrics crate, two
// programs: the worker's and the CLI's), and the match counts against the files' own text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, canvasInk, openApp, useSite, valueOf } from './harness.mjs';

const site = useSite(before, after);
const SET = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-customers-'));
const SOURCES = [
  ['subscriptions', 'revenue'],
  ['accounts', 'revenue'],
  ['usage', 'product'],
  ['tickets', 'support'],
  ['surveys', 'surveys'],
];

function cargo(args) {
  return execFileSync('cargo', ['run', '-q', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
}

before(() => {
  cargo(['-p', 'northstar-bench', '--bin', 'northstar-bench-data', '--', 'customers', '--out', SET, '--customers', '150', '--seed', '7', '--force']);
});
after(() => fs.rmSync(SET, { recursive: true, force: true }));

/// The CLI's report of the five files, as JSON.
function cliReport() {
  const args = SOURCES.flatMap(([s]) => ['--source', `${s}=${path.join(SET, `${s}.csv`)}`]);
  return JSON.parse(cargo(['-p', 'northstar-cli', '--', 'report', ...args, '--json']));
}

async function loadAll(page) {
  for (const [source, tab] of SOURCES) {
    await page.click(`[data-page='${tab}']`);
    await page.setInputFiles(`[data-testid='${source}-file-input']`, path.join(SET, `${source}.csv`));
    await page.waitForFunction((s) => document.querySelector(`[data-testid='${s}-summary']`)?.textContent.includes(`${s}.csv`), source);
  }
}

test('five sources at once: match rates, risk list, back-test beside the weights, a timeline, the scorecard', async () => {
  const report = cliReport();
  const { page, context, errors, requests } = await openApp(site.browser, site.srv.url);
  await loadAll(page);
  await page.click("[data-page='health']");
  await page.waitForSelector("[data-join-source='tickets'] [data-kpi='match_rate']");

  // Match rates: the page's equal the CLI's, and the free-mail ticket requesters are unmatched.
  for (const source of ['usage', 'tickets', 'surveys']) {
    const j = report.join.find((r) => r.source === source);
    const shown = await valueOf(page, `[data-join-source='${source}'] [data-kpi='match_rate']`);
    assert.equal(shown, j.matched_rows / j.rows, source);
    assert.ok(shown > 0.9, `${source} matched ${shown}`);
  }
  // Independently of the code: count the ticket rows whose requester's domain is a customer's
  // website domain or whose address is a billing e-mail (the generator's companies own their domains).
  const lines = (f) => fs.readFileSync(path.join(SET, f), 'utf8').trim().split('\n').slice(1);
  const domains = new Set(lines('accounts.csv').map((l) => l.match(/https?:\/\/(?:www\.)?([^/,]+)|,(?:www\.)?([a-z0-9-]+\.[a-z.]+),/i)).filter(Boolean).map((m) => (m[1] || m[2]).toLowerCase()));
  const billing = new Set(lines('subscriptions.csv').map((l) => (l.match(/[^,"\s]+@[^,"\s]+/) || [''])[0].toLowerCase()));
  const tickets = lines('tickets.csv').map((l) => (l.match(/[^,"\s]+@[^,"\s]+/) || [''])[0].toLowerCase());
  // The free-mail providers the generator uses never match by domain.
  const free = new Set(['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'gmx.de']);
  for (const e of billing) if (e && !free.has(e.split('@')[1])) domains.add(e.split('@')[1]);
  const matched = tickets.filter((e) => billing.has(e) || domains.has(e.split('@')[1])).length;
  const j = report.join.find((r) => r.source === 'tickets');
  assert.equal(j.matched_rows, matched, 'tickets matched by e-mail or domain, counted from the files');
  assert.equal(j.rows, tickets.length);
  assert.ok(j.free_mail_rows > 0);

  // The health cards and the risk list, as of the latest month.
  const latest = report.kpis.filter((k) => k.source === 'health' && k.id === 'accounts_red').map((k) => k.period).sort().at(-1);
  const redRows = await page.locator("[data-risk] tr[data-band='red']").count();
  const red = report.kpis.find((k) => k.id === 'accounts_red' && k.period === latest).value;
  assert.equal(redRows, Math.min(red, 25));
  const first = page.locator('[data-risk] tbody tr').first();
  const firstId = await first.getAttribute('data-customer');
  assert.equal(firstId, report.health[0].customer, 'lowest score first, as the CLI ranks them');
  assert.ok(Math.abs((await valueOf(page, `[data-risk] [data-kpi='health_score'][data-segment='${firstId}']`)) - report.health[0].score) < 1e-9);
  assert.ok((await canvasInk(page, 'health-bands')).n > 500, 'the band chart is drawn');

  // The back-test sits beside the weights; a weight changes it without reading any file again.
  const reads = await page.evaluate(() => [...document.querySelectorAll('[data-reads]')].map((e) => e.dataset.reads).join());
  const aucCell = "[data-backtest-period] [data-kpi='health_auc']";
  await page.waitForSelector(aucCell);
  const period = await page.locator('[data-backtest-period]').nth(1).getAttribute('data-backtest-period');
  const cliAuc = report.kpis.find((k) => k.id === 'health_auc' && k.period === period).value;
  const before = await valueOf(page, `[data-backtest-period='${period}'] [data-kpi='health_auc']`);
  assert.ok(Math.abs(before - cliAuc) < 1e-9, `AUC of ${period}`);
  await page.fill("[data-setting='health.weight.satisfaction']", '0');
  await page.dispatchEvent("[data-setting='health.weight.satisfaction']", 'change');
  await page.waitForFunction(
    ([p, v]) => document.querySelector(`[data-backtest-period='${p}'] [data-kpi='health_auc']`)?.dataset.value !== String(v),
    [period, before],
  );
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('[data-reads]')].map((e) => e.dataset.reads).join()), reads, 'no file read again');

  // One customer's timeline: open it from the risk list.
  await page.click(`[data-risk] [data-open-customer='${firstId}']`);
  await page.waitForSelector(`[data-timeline='${firstId}'] [data-testid='customer-timeline'] tr[data-month]`);
  assert.equal(await page.locator("[aria-pressed='true']").getAttribute('data-page'), 'customers');
  assert.ok((await page.locator("[data-testid='customer-timeline'] tr[data-month]").count()) >= 12);
  assert.ok((await canvasInk(page, 'customer-timeline')).n > 300, 'the timeline chart is drawn');
  assert.ok((await page.locator("[data-testid='customer-rows'] li[data-row-source='subscriptions']").count()) >= 1);
  // Search by a ticket requester's e-mail, in other capitals: the customer it reaches.
  const email = lines('subscriptions.csv')[0].match(/[^,"\s]+@[^,"\s]+/)[0];
  const owner = lines('subscriptions.csv')[0].split(',')[1];
  await page.fill("[data-testid='customer-search']", email.toUpperCase());
  await page.waitForSelector(`[data-timeline='${owner}']`);

  // The scorecard has a health area with the §7 KPIs.
  await page.click("[data-page='scorecard']");
  await page.waitForSelector("[data-area='health'] [data-kpi='mrr_at_risk']");
  assert.ok(await page.locator("[data-area='health'] [data-kpi='accounts_red']").count());
  assert.deepEqual(errors, []);
  assert.deepEqual(requests.filter((u) => !u.startsWith(site.srv.url)), [], 'no request off the origin');
  await context.close();
});

test('the demo joins too, and its Health page says the demo cannot foretell churn', async () => {
  const { page, context, errors } = await openApp(site.browser, site.srv.url);
  await page.click("[data-page='health']");
  await page.waitForSelector("[data-join-source='tickets'] [data-kpi='match_rate']");
  assert.equal(await valueOf(page, "[data-join-source='tickets'] [data-kpi='match_rate']"), 1);
  assert.match(await page.locator("[data-notice='demo-backtest']").textContent(), /generated independently/);
  // Choosing a rule persists and is applied: tickets by domain match nothing (the demo's ids are no e-mails).
  await page.selectOption("[data-setting='join_rule.tickets']", 'domain');
  await page.waitForFunction(() => document.querySelector("[data-join-source='tickets'] [data-kpi='match_rate']")?.dataset.value === '0');
  await page.reload();
  await page.waitForSelector("[data-join-source='tickets'] [data-kpi='match_rate']");
  assert.equal(await page.locator("[data-setting='join_rule.tickets']").inputValue(), 'domain');
  assert.deepEqual(errors, []);
  await context.close();
});
