// The three browser engines, each run in a fresh browser context (so a fresh renderer process and
// a cold cache): Northstar's built app, and the peers' page (PapaParse + JS, DuckDB-WASM). Every
// time is taken inside the page, from the file input's change event to the KPIs in hand (the
// peers) or on the page (Northstar: the last KPI's cell holds the CLI's value).
import path from 'node:path';
import { pageMemory } from './chromium.mjs';
import { KPI_SETS } from '../web/kpi-sets.mjs';

// How long one engine may take on one file before the run counts as failed (BENCH_TIMEOUT_S).
const TIMEOUT = Number(process.env.BENCH_TIMEOUT_S ?? 1800) * 1000;

async function openPage(env, url, setup) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (setup) await context.addInitScript(setup);
  const page = await context.newPage();
  const offOrigin = [];
  const errors = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(env.origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:')) offOrigin.push(u);
  });
  page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} for ${r.url()}`));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  return { context, page, offOrigin, errors, memory: pageMemory(env.root) };
}

/// Fails when the page asked anything of another origin or logged an error.
function clean(engine, { offOrigin, errors }, memory) {
  if (memory && !memory.reset) process.stderr.write(`  ${engine}: the kernel refused to reset the peak; it includes the page's load\n`);
  if (offOrigin.length) throw new Error(`${engine}: requests off the origin: ${offOrigin.slice(0, 3).join(', ')}`);
  if (errors.length) throw new Error(`${engine}: page errors: ${errors.slice(0, 3).join(' | ')}`);
}

/// The first KPI value on the first page (the scorecard since issue 11; a page's cards before).
const FIRST_KPI = '.kpi-card [data-kpi], [data-scorecard] [data-kpi]';

/// Installed before the app's first script: the cold load, from navigation to the first KPI value.
function coldLoadProbe() {
  new MutationObserver((_, obs) => {
    if (document.querySelector('.kpi-card [data-kpi], [data-scorecard] [data-kpi]')) {
      window.__coldLoadMs ??= performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

/// In the app page, before the file is given: notes the change (or input) event of the source's
/// file input as t0, and as t1 the first DOM change after which the summary names the new file and
/// every expected KPI cell holds its value; long tasks meanwhile are kept.
function watchLoad({ source, name, expect }) {
  const input = `[data-testid='${source}-file-input']`;
  const summary = () => document.querySelector(`[data-testid='${source}-summary']`)?.textContent ?? '';
  const before = summary();
  const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  const shows = ([kpi, period, value]) =>
    [...document.querySelectorAll(`[data-kpi='${kpi}'][data-period='${period}']`)].some(
      (el) => !el.dataset.segment && el.dataset.value !== '' && close(Number(el.dataset.value), value),
    );
  const bench = (window.__bench = { longTasks: [] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask' });
  for (const type of ['input', 'change']) {
    document.addEventListener(type, (ev) => ev.target.matches?.(input) && (bench.t0 ??= performance.now()), true);
  }
  new MutationObserver((_, obs) => {
    if (bench.t0 === undefined) return;
    const s = summary();
    if (s !== before && s.includes(name) && expect.every(shows)) {
      bench.t1 = performance.now();
      obs.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

/// Every overall value the page shows of the checked KPIs: { kpi: { period: value|null } }.
function readShown(kpis) {
  const out = Object.fromEntries(kpis.map((k) => [k, {}]));
  for (const kpi of kpis) {
    for (const el of document.querySelectorAll(`[data-kpi='${kpi}'][data-period]`)) {
      if (!el.dataset.segment) out[kpi][el.dataset.period] = el.dataset.value === '' ? null : Number(el.dataset.value);
    }
  }
  return out;
}

/// Northstar's app: from the file set on `<source>-file-input` to the last KPI on screen.
export async function northstar(env, { source, file, expect }) {
  const { page: pageName, kpis } = KPI_SETS[source];
  const p = await openPage(env, env.app, coldLoadProbe);
  try {
    const { page } = p;
    await page.waitForSelector(FIRST_KPI);
    const coldLoadMs = await page.evaluate(() => window.__coldLoadMs);
    await page.click(`[data-page='${pageName}']`);
    const input = `[data-testid='${source}-file-input']`;
    await page.waitForSelector(input, { state: 'attached' });
    await page.evaluate(watchLoad, { source, name: path.basename(file), expect });
    p.memory.start();
    await page.setInputFiles(input, file);
    await page.waitForFunction(() => window.__bench.t1 !== undefined, null, { timeout: TIMEOUT, polling: 250 });
    const memory = p.memory.finish();
    const { t0, t1, longTasks } = await page.evaluate(() => window.__bench);
    const during = longTasks.filter(([start, d]) => start + d > t0 && start < t1).map(([, d]) => d);
    const kpisShown = await page.evaluate(readShown, kpis);
    clean('northstar', p, memory);
    return { ms: t1 - t0, kpis: kpisShown, memory, coldLoadMs, longestTaskMs: during.length ? Math.max(...during) : 0 };
  } finally {
    await p.context.close();
  }
}

/// A peer (papaparse or duckdb) in bench/web/peers.html.
export async function peer(env, engine, { source, file }) {
  const p = await openPage(env, `${env.peers}?engine=${engine}&source=${source}`);
  try {
    const { page } = p;
    await page.waitForFunction(() => window.bench?.ready, null, { timeout: 120_000 });
    const failed = await page.evaluate(() => window.bench.done?.error);
    if (failed) throw new Error(`${engine} did not start: ${failed}`);
    p.memory.start();
    await page.setInputFiles('#file', file);
    await page.waitForFunction(() => window.bench.done, null, { timeout: TIMEOUT, polling: 250 });
    const memory = p.memory.finish();
    const done = await page.evaluate(() => window.bench.done);
    if (done.error) throw new Error(`${engine}: ${done.error}`);
    clean(engine, p, memory);
    return { ms: done.ms, kpis: done.kpis, memory };
  } finally {
    await p.context.close();
  }
}
