// End-to-end harness: serves dist/ under a sub-path on 127.0.0.1 (proving the build works from any
// sub-path) and drives Debian's Chromium with playwright-core. Every request is recorded, so the
// tests can check that the page talks to nothing but its own origin.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
export const SHARED = path.resolve(ROOT, '../shared/data');
export const GOLDEN = path.join(ROOT, 'crates/metrics/tests/golden/surveys');
export const SUBPATH = '/team/northstar/';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.txt': 'text/plain' };

export async function startServer() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(SUBPATH)) {
      res.writeHead(404).end('outside the sub-path');
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(SUBPATH.length)) || 'index.html';
    const file = path.join(DIST, rel);
    if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { server, origin: `http://127.0.0.1:${port}`, url: `http://127.0.0.1:${port}${SUBPATH}` };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/// A fresh page that records every request URL; resolves once the demo KPIs are rendered (on the
/// Revenue page, or the scorecard with `stay`).
/// `options` are Playwright's context options (locale, colorScheme, viewport…) over the defaults.
export async function openApp(browser, url, { init, initArg, stay = false, options = {} } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  if (init) await context.addInitScript(init, initArg);
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  // The scorecard is the first page; tests of a page open it (the Revenue page unless the stored
  // settings name another), and scorecard tests ask to stay.
  await page.waitForSelector("nav.tabs [aria-pressed='true']");
  const shown = await page.locator("nav.tabs [aria-pressed='true']").getAttribute('data-page');
  if (shown === 'scorecard' && !stay) {
    await page.click("[data-page='revenue']");
  }
  await page.waitForSelector(stay ? "[data-scorecard] [data-kpi]" : '.kpi-card [data-kpi]');
  return { context, page, requests, errors };
}

/// Switches to the Surveys page and waits for its cards.
export async function showSurveys(page) {
  await page.click("[data-page='surveys']");
  await page.waitForSelector(".kpi-card [data-kpi='nps']");
}

/// The data-value of the first element matching `selector`, as a number (null when empty).
export async function valueOf(page, selector) {
  const raw = await page.locator(selector).first().getAttribute('data-value');
  return raw === '' || raw === null ? null : Number(raw);
}

/// Uploads `file` through the file input of `source` (surveys, subscriptions, accounts).
export async function uploadAndWait(page, file, source = 'surveys') {
  await page.setInputFiles(`[data-testid='${source}-file-input']`, file);
  await page.waitForFunction(
    ([name, source]) => document.querySelector(`[data-testid='${source}-summary']`)?.textContent.includes(name),
    [path.basename(file), source],
  );
}

export function tmpFile(name, content) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-e2e-'));
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

/// Starts the server and the browser before the file's tests and stops them after; returns a getter.
export function useSite(before, after) {
  const site = {};
  before(async () => {
    site.srv = await startServer();
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    site.srv?.server.close();
  });
  return site;
}

/// Pixels of a canvas that are not background, and a cheap hash of its content.
export async function canvasInk(page, chart) {
  return page.evaluate((chart) => {
    const c = document.querySelector(`canvas[data-chart='${chart}']`);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    let h = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) n++;
      h = (h * 31 + d[i] + d[i + 1] * 7 + d[i + 2] * 13) >>> 0;
    }
    return { n, h };
  }, chart);
}

/// A Zendesk-shaped export of `rows` tickets over three years (as the native tickets benchmark).
export function zendeskExport(rows) {
  const agents = ['Ann', 'Bob', 'Chen', 'Dara', 'Eli', 'Fay', 'Gus', 'Hana'];
  const groups = ['Billing', 'Tech', 'Onboarding'];
  const parts = ['ID,Created at,Solved at,Replies,Reopens,Assignee,Group,Via,Satisfaction Score,First reply time in minutes,Requester\n'];
  const base = Date.UTC(2023, 0, 1) / 1000;
  let x = 88172645463325252n;
  for (let i = 0; i < rows; i++) {
    x ^= (x << 13n) & 0xffffffffffffffffn; x ^= x >> 7n; x ^= (x << 17n) & 0xffffffffffffffffn;
    const r = Number(x & 0xffffffn);
    const created = base + Math.floor((i * 94608000) / rows);
    const solved = r % 20 === 0 ? '' : new Date((created + (r % 400000)) * 1000).toISOString().slice(0, 19) + 'Z';
    parts.push(`${i},${new Date(created * 1000).toISOString().slice(0, 19)}Z,${solved},${r % 5},${(r >> 8) % 10 > 7 ? 1 : 0},${agents[(r >> 4) % 8]},${groups[(r >> 12) % 3]},email,Good,${(r >> 3) % 3000},cust${r % 50000}\n`);
  }
  return parts.join('');
}
