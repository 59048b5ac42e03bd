// End-to-end trust tests (issue 23), in headless Chromium: the built page runs under a strict
// Content-Security-Policy (no inline script or style, enforced: an injected inline script does not
// run); markup in cells, headers and file names of every source stays text on every page; and
// every file of the bad-input corpus (tests/corpus) goes into every file input, after which the
// page still answers within 5 s.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST, openApp, ROOT, tmpFile, useSite } from './harness.mjs';

const site = useSite(before, after);
const CORPUS = path.join(ROOT, 'tests/corpus');
const PAGES = ['scorecard', 'revenue', 'surveys', 'support', 'product', 'orders', 'acquisition', 'health', 'customers'];

/// Records every CSP violation from the first script on.
const watchPolicy = () => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
};

async function visit(page, name) {
  await page.click(`[data-page='${name}']`);
  await page.waitForSelector(`[data-page='${name}'][aria-pressed='true']`);
}

test('the built page has no inline script or style, and the policy is enforced', async () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const policy = html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.match(policy, /style-src 'self';/);
  assert.ok(!policy.includes('unsafe-inline'), policy);
  for (const d of ["object-src 'none'", "base-uri 'none'", "form-action 'none'", "connect-src 'self'", "worker-src 'self'"]) assert.ok(policy.includes(d), d);
  for (const m of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    assert.match(m[1], /src="\.\/boot-[0-9a-f]{16}\.js" integrity="sha384-/, `an external script: ${m[0].slice(0, 80)}`);
    assert.equal(m[2].trim(), '');
  }
  const { context, page, errors } = await openApp(site.browser, site.srv.url, { init: watchPolicy, stay: true });
  for (const name of PAGES) {
    await visit(page, name);
    await page.waitForTimeout(150);
  }
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no violation in normal use');
  // Enforced: an inline script added to the page does not run, and a style attribute is not applied.
  const enforced = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
    const d = document.createElement('div');
    d.setAttribute('style', 'color: rgb(1, 2, 3)');
    document.body.append(d);
    await new Promise((r) => setTimeout(r, 100));
    return { ran: window.__inline, color: getComputedStyle(d).color, violations: window.__violations.length };
  });
  assert.equal(enforced.ran, undefined, 'the inline script was blocked');
  assert.notEqual(enforced.color, 'rgb(1, 2, 3)', 'the inline style was blocked');
  assert.ok(enforced.violations >= 2, 'both were reported as violations');
  assert.deepEqual(errors.filter((e) => !e.includes('Content Security Policy')), []);
  await context.close();
});

const XSS = '<img src=x onerror="window.__xss=1">';
const SVG = '<svg onload="window.__xss=3"><script>window.__xss=4</script></svg>';
const JS_URL = 'javascript:window.__xss=5';
/// A small export per source with markup in a header, in segment values and in ids.
const HOSTILE = {
  subscriptions: `customer,plan ${XSS},amount,interval,start,end\n"${XSS}","${XSS}",100.00,month,2024-01-01,\nB,"<b>Pro</b>",50.00,month,2024-02-01,2024-04-01\n`,
  // The last row's date is markup: it is reported in the issues list.
  orders: `order_id,customer,date,amount,channel\n1,"${XSS}",2024-01-05,10.00,"${XSS}"\n2,b,2024-02-05,20.00,"${JS_URL}"\n3,"${XSS}",2024-03-05,30.00,"${SVG}"\n4,c,"${SVG}",5.00,web\n`,
  surveys: `date,customer,type,score,plan,comment\n2024-01-03,"${XSS}",nps,10,"${XSS}","great ${XSS} product"\n2024-01-10,c2,nps,3,Basic,"slow <script>window.__xss=2</script>"\n`,
  tickets: `Ticket ID,Created at,Solved at,Assignee,Group,Satisfaction Score,Requester\n1,2024-01-05 10:00,2024-01-05 12:00,"${XSS}","${XSS}",Good,"${XSS}"\n2,2024-01-06 09:00,2024-01-08 09:00,Bob,Tech,Bad,b\n`,
  usage: `user_id,customer_id,timestamp,event,plan\n"${XSS}","${XSS}",2024-01-01 10:00,"${XSS}","${XSS}"\nu2,A,2024-01-02 11:00,login,Pro\n`,
  accounts: `Customer ID,Status,MRR,Channel,Acquired\n"${XSS}",active,100,"${XSS}",2024-01-05\nc2,churned,50,Organic,2024-01-20\n`,
  funnel: `Month,Visitors,Signups,New customers,Marketing spend,Channel\n2024-01,1000,100,10,5000,"${XSS}"\n2024-02,1200,110,12,5200,"${XSS}"\n`,
};

test('markup in cells, headers and file names stays text on every page', async () => {
  const { context, page } = await openApp(site.browser, site.srv.url, { stay: true });
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  const files = Object.entries(HOSTILE).map(([source, csv]) => tmpFile(`${source} <img src=x onerror=alert(1)>.csv`, csv));
  await page.setInputFiles("[data-testid='all-file-input']", files);
  // Every file recognised as its source and read there.
  await page.waitForFunction((n) => {
    const rows = [...document.querySelectorAll('tr[data-routed-file]')];
    return rows.length === n && rows.every((r) => r.querySelector('[data-routed-status]')?.dataset.routedStatus === 'read');
  }, files.length, { timeout: 30000 });
  const routed = await page.locator('tr[data-routed-file]').evaluateAll((rows) => rows.map((r) => [r.dataset.routedFile.split(' ')[0], r.dataset.routedSource]));
  assert.deepEqual(routed.filter(([file, source]) => file !== source), [], 'each file read as its own source');
  let shownAsText = 0;
  for (const name of PAGES) {
    await visit(page, name);
    await page.waitForTimeout(300);
    // Open every disclosure (chart tables, issue lists, timelines) so their text is rendered too.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    // The customer page: find the customer whose id is markup and open its timeline.
    if (name === 'customers') {
      await page.fill("[data-testid='customer-search']", '<img');
      await page.locator('[data-open-customer]').first().click({ timeout: 5000 });
      await page.waitForSelector("[data-timeline]:not([data-timeline=''])", { timeout: 5000 });
      assert.match(await page.locator('[data-timeline] h2').textContent(), /<img src=x onerror=/, 'the timeline names the customer as text');
    }
    await page.waitForTimeout(200);
    const found = await page.evaluate(() => ({
      injected: document.querySelectorAll('img[src="x"], b, main script, main svg script, svg[onload], a[href^="javascript:"]').length,
      handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`)),
      text: document.body.innerText.includes('<img src=x onerror='),
    }));
    assert.equal(found.injected, 0, `${name}: no element made from the data`);
    assert.deepEqual(found.handlers, [], `${name}: no inline handler`);
    if (found.text) shownAsText += 1;
  }
  assert.ok(shownAsText >= 5, `the markup is shown as text on ${shownAsText} pages`);
  // The issues list names the bad date as it was written.
  await visit(page, 'orders');
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  assert.ok(await page.evaluate(() => document.body.textContent.includes("'<svg onload=")), 'the bad date is shown as text');
  // Names from inside containers: a zip entry and a workbook sheet named with markup.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-xss-'));
  execFileSync('python3', ['-c', `
import sys, zipfile
csv = sys.argv[2]
with zipfile.ZipFile(sys.argv[1] + '/entries.zip', 'w') as z:
    z.writestr('<img src=x onerror=alert(1)>.csv', csv)
    z.writestr('<svg onload=alert(2)>.csv', csv)
`, dir, HOSTILE.tickets]);
  assert.deepEqual(await dropContainer(page, 'support', 'tickets', path.join(dir, 'entries.zip'), '<img src=x onerror=alert(1)>.csv'),
    { text: true, injected: 0 }, 'zip entry names are text');
  execFileSync('python3', ['-c', 'import sys; sys.path.insert(0, sys.argv[1]); import make; make.empty_formatted_workbook(sys.argv[2], 3, sheet_name=sys.argv[3])',
    CORPUS, path.join(dir, 'sheets.xlsx'), '<img src=x onerror=alert(1)>']);
  assert.deepEqual(await dropContainer(page, 'revenue', 'subscriptions', path.join(dir, 'sheets.xlsx'), 'sheets.xlsx#<img src=x onerror=alert(1)>'),
    { text: true, injected: 0 }, 'sheet names are text');
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(dialogs, 0);
  await context.close();
});

/// Drops a zip or workbook on `source`'s input of page `name`; whether `shown` is in the page's text
/// once it is read, and how many elements its names made.
async function dropContainer(page, name, source, file, shown) {
  await visit(page, name);
  await page.setInputFiles(`[data-testid='${source}-file-input']`, file);
  const label = `${path.basename(file)}#`;
  await page.waitForFunction(([s, l]) => document.querySelector(`[data-testid='${s}-summary']`)?.textContent.includes(l), [source, label], { timeout: 20000 });
  return page.evaluate((text) => ({ text: document.body.textContent.includes(text), injected: document.querySelectorAll('img[src="x"], svg[onload]').length }), shown);
}

/// Every corpus file: the committed ones and the large ones made at test time.
function corpusFiles() {
  const big = path.join(os.tmpdir(), 'northstar-corpus-big');
  execFileSync('python3', [path.join(CORPUS, 'make.py'), 'big', big]);
  const cases = JSON.parse(fs.readFileSync(path.join(CORPUS, 'cases.json'), 'utf8')).cases;
  return cases.map((c) => (c.file.startsWith('big/') ? path.join(big, c.file.slice(4)) : path.join(CORPUS, c.file)));
}

/// Waits until the drop of `file` on `source` has ended: no progress bar, and a summary, an error
/// or a "belongs on another page" notice naming it.
async function settled(page, source, file) {
  const name = path.basename(file);
  await page.waitForFunction(([s, n]) => {
    if (document.querySelector(`[data-testid='${s}-progress']`)) return false;
    const text = (sel) => document.querySelector(sel)?.textContent ?? '';
    return text(`[data-testid='${s}-summary']`).includes(n) || text(`[data-testid='${s}-alerts']`).length > 0 || document.body.innerText.includes(n);
  }, [source, name], { timeout: 120000, polling: 100 });
}

/// The page answers: a frame is drawn and a tab switch shows, each within 5 s.
async function answers(page, name) {
  const start = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  await page.click(`[data-page='${name}']`, { timeout: 5000 });
  await page.waitForSelector(`[data-page='${name}'][aria-pressed='true']`, { timeout: 5000 });
  return Date.now() - start;
}

test('every corpus file into every file input: the page still answers within 5 s', { timeout: 40 * 60 * 1000 }, async () => {
  const files = corpusFiles();
  assert.ok(files.length >= 40);
  const longTasks = () => {
    window.__long = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: 'longtask' });
  };
  const { context, page, errors } = await openApp(site.browser, site.srv.url, { stay: true, init: longTasks });
  const tasks = [];
  let drops = 0;
  let slowest = 0;
  const slow = [];
  for (const name of PAGES) {
    await visit(page, name);
    const inputs = await page.locator("[data-testid$='-file-input']:not([data-testid='all-file-input'])").evaluateAll((els) => els.map((e) => e.dataset.testid));
    for (const testid of inputs) {
      const source = testid.replace('-file-input', '');
      for (const file of files) {
        if (!(await page.locator(`[data-testid='${testid}']`).count())) await visit(page, name);
        await page.evaluate(() => { window.__long.length = 0; });
        await page.setInputFiles(`[data-testid='${testid}']`, file);
        await settled(page, source, file);
        const took = await answers(page, name);
        const longest = await page.evaluate(() => Math.max(0, ...window.__long));
        tasks.push([longest, `${testid} ${path.basename(file)}`]);
        if (took > 1000) slow.push(`${testid} ${path.basename(file)} ${took} ms`);
        slowest = Math.max(slowest, took);
        drops += 1;
      }
    }
  }
  tasks.sort((a, b) => b[0] - a[0]);
  console.log(`corpus: ${files.length} files, ${drops} drops, slowest answer ${slowest} ms; over 1 s: ${slow.join('; ') || 'none'}`);
  console.log(`longest main-thread tasks: ${tasks.slice(0, 8).map(([ms, what]) => `${what} ${Math.round(ms)} ms`).join('; ')}`);
  assert.ok(drops >= files.length * 7, `${drops} drops`);
  assert.ok(slowest < 5000, `slowest answer ${slowest} ms`);
  // The 50 ms standard of a normal load is not met by every hostile file (the longest, about 0.6 s,
  // follow an accounts file read after a hostile subscriptions one); 10,000 columns of mapping
  // selects once took 11.7 s, which this keeps out.
  assert.ok(tasks[0][0] < 2000, `longest main-thread task ${tasks[0][0]} ms (${tasks[0][1]})`);
  assert.equal(await page.locator('text=The engine stopped').count(), 0, 'the engine never stopped');
  assert.deepEqual(errors.filter((e) => !e.includes('Failed to load resource')), []);
  await context.close();
});
