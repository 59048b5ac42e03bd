// Where the page's time goes on one file: the worker's read, finish and results times (as the
// summary's timing shows them) against the whole drop → last KPI on screen, for a few runs.
// node bench/probe-page.mjs SOURCE FILE [RUNS]
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { launch } from './lib/chromium.mjs';
import { KPI_SETS } from './web/kpi-sets.mjs';

const [source, file, runs = '3'] = process.argv.slice(2);
const site = await startServer({ dist: process.env.BENCH_DIST ?? 'dist', benchDir: path.dirname(new URL(import.meta.url).pathname) });
const chromium = await launch();
try {
  for (let i = 0; i < Number(runs); i++) {
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(site.app);
    await page.waitForSelector('.kpi-card [data-kpi], [data-scorecard] [data-kpi]', { state: 'attached' });
    await page.click(`[data-page='${KPI_SETS[source].page}']`);
    const input = `[data-testid='${source}-file-input']`;
    await page.waitForSelector(input, { state: 'attached' });
    await page.evaluate(({ input }) => {
      window.__p = { longTasks: [] };
      new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__p.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]))).observe({ type: 'longtask' });
      document.addEventListener('change', (ev) => ev.target.matches?.(input) && (window.__p.t0 ??= performance.now()), true);
    }, { input });
    await page.setInputFiles(input, file);
    const summary = `[data-testid='${source}-summary']`;
    await page.waitForFunction(({ summary, name }) => document.querySelector(summary)?.textContent.includes(name) && document.querySelector(summary + ' .timing'), { summary, name: path.basename(file) }, { timeout: 120000, polling: 20 });
    const timing = await page.$(summary + ' .timing');
    const t = await page.evaluate(() => performance.now());
    const shown = await timing.evaluate((e) => ({ ...e.dataset }));
    const p = await page.evaluate(() => window.__p);
    console.log(JSON.stringify({ run: i, timingShownAtMs: Math.round(t - p.t0), ...shown, longTasks: p.longTasks.filter(([s]) => s > p.t0).map(([s, d]) => [s - Math.round(p.t0), d]) }));
    await context.close();
  }
} finally {
  await chromium.browser.close();
  site.server.close();
}
