// End-to-end tests of exports and offline hosting (issue 12, parts 2 and 3), in headless Chromium:
// the KPI values as CSV, safe against formula injection; the results as JSON in the CLI's schema;
// a chart as PNG and as SVG; and a reload with the network off, served by the service worker,
// whose cache keeps only the files of the version in use.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openApp, showSurveys, tmpFile, uploadAndWait, useSite } from './harness.mjs';

const site = useSite(before, after);

async function download(page, action) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-action='${action}']`)]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

test('KPI values as CSV (formula injection neutralised, numbers kept), results as JSON, a chart as PNG and SVG', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  await showSurveys(page);
  // Plan names a spreadsheet would run as formulas.
  const file = tmpFile(
    'plans.csv',
    'date,nps,plan\n2024-01-05,9,=SUM(1+1)\n2024-01-06,2,+cmd\n2024-01-07,10,@x\n2024-01-08,0,-2+3\n2024-01-09,7,Basic\n',
  );
  await uploadAndWait(page, file);
  await page.selectOption("[data-setting='segment']", 'plan');
  await page.waitForSelector("[data-segment='=SUM(1+1)']");
  // A goal on NPS: the overall rows carry it and their status; the plans' rows do not.
  const goal = page.locator("input[data-target='nps']");
  await goal.fill('10');
  await goal.dispatchEvent('change');
  await page.waitForFunction(() => document.querySelector(".kpi-card [data-status='nps']")?.textContent === 'off track');
  await page.click("[data-action='share']");

  const csv = await download(page, 'export-csv');
  assert.match(csv.name, /^northstar-surveys-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = csv.bytes.toString('utf8');
  assert.ok(text.startsWith('\ufeffkpi,name,source,period,breakdown,unit,value_shown,value_raw,goal_raw,status\r\n'), 'a BOM for Excel, then the header');
  const lines = text.slice(1).trim().split('\r\n');
  // Worked out: 9 and 10 promote, 2 and 0 detract, 7 is passive: NPS = (2 − 2) ÷ 5 × 100 = 0
  // overall, below the goal of 10; each plan has one answer: 100, −100, 100, −100 and 0.
  assert.ok(lines.includes('nps,Net Promoter Score,surveys,2024-01,,points,0.0,0,10,off track'), lines.slice(0, 4).join('\n'));
  for (const [plan, nps] of [["'=SUM(1+1)", 100], ["'+cmd", -100], ["'@x", 100], ["'-2+3", -100], ['Basic', 0]]) {
    const quoted = `"${plan}"`;
    const row = `nps,Net Promoter Score,surveys,2024-01,${plan.startsWith("'") ? quoted : plan},points,${nps.toFixed(1)},${nps},,`;
    assert.ok(lines.includes(row), `${row}: ${lines.filter((l) => l.startsWith('nps,')).join(' | ')}`);
  }
  assert.ok(!lines.some((l) => /,=|,\+|,@/.test(l)), 'no cell starts a formula');

  const json = JSON.parse((await download(page, 'export-json')).bytes.toString('utf8'));
  const overall = json.kpis.find((k) => k.id === 'nps' && k.segment === null && k.period === '2024-01');
  assert.deepEqual([overall.value, overall.n, overall.source], [0, 5, 'surveys']);

  const png = await download(page, 'save-chart');
  assert.match(png.name, /\.png$/);
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');

  // The same chart as SVG, from the same drawing code: a well-formed document the canvas's size,
  // with the chart's lines and its axis labels as text.
  const chart = await page.locator("[data-action='save-chart-svg']").first().getAttribute('data-save-chart');
  const size = await page.locator(`canvas[data-chart='${chart}']`).evaluate((c) => [c.width, c.height]);
  const svg = await download(page, 'save-chart-svg');
  assert.equal(svg.name, `${chart}.svg`);
  const doc = await page.evaluate((text) => {
    const d = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = d.documentElement;
    return {
      root: root.nodeName,
      broken: d.getElementsByTagName('parsererror').length,
      size: [Number(root.getAttribute('width')), Number(root.getAttribute('height'))],
      lines: d.querySelectorAll('polyline, path').length,
      texts: [...d.querySelectorAll('text')].map((t) => t.textContent.trim()),
    };
  }, svg.bytes.toString('utf8'));
  assert.deepEqual([doc.root, doc.broken, doc.size], ['svg', 0, size]);
  assert.ok(doc.lines > 0, 'the series are drawn');
  assert.ok(doc.texts.includes('2024-01'), `the period is an axis label: ${doc.texts.slice(0, 12)}`);

  // The revenue demo's rates (churn, NRR): shown in percent and kept raw as a fraction, unit said.
  await page.click("[data-page='revenue']");
  await page.waitForSelector(".kpi-card [data-kpi='mrr']");
  if (!(await page.locator("[data-action='export-csv']").isVisible())) await page.click("[data-action='share']");
  const revenue = (await download(page, 'export-csv')).bytes.toString('utf8').slice(1).trim().split('\r\n');
  const rates = revenue.map((l) => l.split(',')).filter((c) => c[5] === '%' && c[7] !== '');
  assert.ok(rates.length > 0, 'some rate exported');
  for (const c of rates) assert.ok(Math.abs(Number(c[6].replace(' %', '')) / 100 - Number(c[7])) < 0.0005, c.join(','));
  await context.close();
});

test('once loaded, the page reloads offline through the service worker', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  // After a deploy, the old version's hashed files leave the cache once the new index.html is
  // fetched; the files the page uses now stay (the offline reload below needs them).
  const stale = './northstar-app-0123456789abcdef_bg.wasm';
  const cached = (url) => page.evaluate(async (u) => Boolean(await (await caches.open('northstar-v1')).match(u)), url);
  await page.evaluate(async (u) => (await caches.open('northstar-v1')).put(u, new Response('an earlier version')), stale);
  assert.ok(await cached(stale));
  await page.reload();
  await page.waitForSelector(".kpi-card [data-kpi='mrr']");
  for (let i = 0; i < 50 && (await cached(stale)); i++) await page.waitForTimeout(100);
  assert.ok(!(await cached(stale)), "the earlier version's file is pruned");
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector(".kpi-card [data-kpi='mrr']");
  assert.ok(Number(await page.locator(".kpi-card [data-kpi='mrr']").first().getAttribute('data-value')) > 0, 'the demo computed offline, in the worker');
  await context.setOffline(false);
  await context.close();
});

test("every chart's data is a table one click away", async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  const card = page.locator(".kpi-card [data-kpi='mrr']").first();
  const [period, value] = [await card.getAttribute('data-period'), Number(await card.getAttribute('data-value'))];
  await page.click("[data-chart-table='mrr'] summary");
  await page.waitForSelector("[data-chart-table='mrr'] tbody tr");
  const row = page.locator("[data-chart-table='mrr'] tbody tr", { hasText: period });
  const cells = await row.first().locator('td').allTextContents();
  assert.equal(cells[0], period);
  assert.ok(cells.slice(1).map(Number).includes(value), `${cells} holds ${value}`);
  // Every drawn chart on the page has one.
  const charts = await page.locator('canvas[data-chart]:not([hidden])').evaluateAll((c) => c.map((e) => e.dataset.chart));
  for (const chart of charts) assert.equal(await page.locator(`[data-chart-table='${chart}']`).count(), 1, chart);
  await context.close();
});

test('dark mode follows the system, the toggle overrides it and persists, and charts follow', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url, { options: { colorScheme: 'dark' } });
  await page.waitForSelector("canvas[data-chart='mrr']");
  const look = () => page.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.querySelector("canvas[data-chart='mrr']")).filter]);
  const [darkBg, darkFilter] = await look();
  assert.equal(darkBg, 'rgb(11, 18, 32)');
  assert.match(darkFilter, /invert/);
  await page.selectOption("[data-setting='theme']", 'light');
  const [lightBg, lightFilter] = await look();
  assert.equal(lightBg, 'rgb(248, 250, 252)');
  assert.equal(lightFilter, 'none');
  await page.reload();
  await page.waitForSelector("canvas[data-chart='mrr']");
  assert.equal((await look())[0], 'rgb(248, 250, 252)', 'the choice persists');
  await page.selectOption("[data-setting='theme']", 'dark');
  assert.equal((await look())[0], 'rgb(11, 18, 32)');
  await context.close();
});

test('printing gives a report in dark ink on white, even from the dark theme, without the controls', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url, { options: { colorScheme: 'dark', viewport: { width: 900, height: 1200 } } });
  await page.click("[data-page='support']");
  await page.waitForSelector(".kpi-card [data-kpi='first_response_time_median']");
  const look = () =>
    page.evaluate(() => {
      const style = (sel) => getComputedStyle(document.querySelector(sel));
      const visible = (sel) => [...document.querySelectorAll(sel)].filter((e) => e.getClientRects().length > 0).length;
      return {
        ink: style(".kpi-card [data-kpi='first_response_time_median']").color,
        panel: style('section.panel').backgroundColor,
        controls: visible('header.top, nav.tabs, .drop-zone, textarea, input[data-target], button'),
        period: visible('.period-pick select'),
      };
    });
  const screen = await look();
  assert.equal(screen.panel, 'rgb(17, 24, 39)', 'the dark theme on screen');
  await page.emulateMedia({ media: 'print' });
  const printed = await look();
  assert.deepEqual(printed, { ink: 'rgb(17, 24, 39)', panel: 'rgb(255, 255, 255)', controls: 0, period: 1 });
  assert.match(await page.locator('.period-pick select option:checked').textContent(), /^\d{4}-\d{2}/, 'the period the figures are for');
  await context.close();
});
