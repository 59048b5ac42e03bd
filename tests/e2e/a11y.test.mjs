// Accessibility (issue 12, part 4), in headless Chromium: axe-core (npm, pinned) on every page, in
// the light and the dark theme, with no serious or critical WCAG 2.1 A/AA violation; and a route to
// loading a file by keyboard alone, with its progress and errors in live regions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, tmpFile, useSite } from './harness.mjs';

const site = useSite(before, after);
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const PAGES = ['scorecard', 'revenue', 'orders', 'acquisition', 'support', 'product', 'surveys', 'health', 'customers'];

for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no serious violation on any page (${scheme})`, async () => {
    const context = await site.browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(site.srv.url);
    await page.waitForSelector('[data-scorecard] [data-kpi]');
    const found = {};
    for (const name of PAGES) {
      await page.click(`[data-page='${name}']`);
      await page.waitForSelector(`[data-page='${name}'][aria-pressed='true']`);
      await page.waitForTimeout(800);
      if ((await page.evaluate(() => typeof window.axe)) === 'undefined') await page.evaluate(AXE); // through DevTools: the page's CSP refuses an added inline script
      const serious = await page.evaluate(async () => {
        const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
        return r.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
      });
      if (serious.length) found[name] = serious;
    }
    assert.deepEqual(found, {});
    await context.close();
  });
}

/** Presses Tab until the focused element matches `selector`; the number of presses, or fails. */
async function tabTo(page, selector, most = 80) {
  for (let n = 1; n <= most; n++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return n;
  }
  assert.fail(`${most} presses of Tab never reached ${selector}`);
}

/** Space on the focused file input opens the file chooser; pressed again if Chromium let the first
 * press go by (it did, rarely, straight after another chooser closed). */
async function pickerByKey(page) {
  await page.bringToFront();
  for (let tries = 1; ; tries++) {
    try {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 5000 }), page.keyboard.press('Space')]);
      return chooser;
    } catch (e) {
      if (tries === 3) throw e;
    }
  }
}

test('keyboard only: reach the Surveys page and its file picker, load a file, hear progress and errors', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(site.srv.url);
  await page.waitForSelector('[data-scorecard] [data-kpi]');
  await tabTo(page, "[data-page='surveys']");
  await page.keyboard.press('Enter');
  await page.waitForSelector("[data-page='surveys'][aria-pressed='true']");
  await tabTo(page, "[data-testid='surveys-file-input']");
  const focus = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(focus, 'none', 'the focused file picker shows its focus');
  const live = page.locator("[data-live='surveys']");
  assert.equal(await live.getAttribute('aria-live'), 'polite', 'the status region is on the page before any load');

  // Space opens the picker, as a click would.
  const file = tmpFile('keyboard-nps.csv', 'date,nps\n2024-01-05,9\n2024-01-06,2\n2024-01-07,10\n');
  const chooser = await pickerByKey(page);
  await chooser.setFiles(file);
  await page.waitForFunction(() => document.querySelector("[data-live='surveys']")?.textContent.startsWith('keyboard-nps.csv: '));
  const heard = (await live.textContent()).slice('keyboard-nps.csv: '.length);
  assert.ok(heard.length > 0 && (await page.locator("[data-testid='surveys-summary']").textContent()).includes(heard), `the summary is spoken: ${heard}`);
  // (2 promoters − 1 detractor) ÷ 3 × 100.
  const nps = Number(await page.locator(".kpi-card [data-kpi='nps']").first().getAttribute('data-value'));
  assert.ok(Math.abs(nps - 100 / 3) < 1e-9, `NPS ${nps}`);

  // A file that cannot be read: the alert region, present all along, speaks, and the error takes the focus.
  const alerts = page.locator("[data-testid='surveys-alerts']");
  assert.equal(await alerts.getAttribute('role'), 'alert');
  await page.focus("[data-testid='surveys-file-input']");
  const bad = tmpFile('keyboard-bad.csv', 'when,q\n2024-01-02,hello\n');
  const again = await pickerByKey(page);
  await again.setFiles(bad);
  await page.waitForSelector("[data-testid='surveys-alerts'] [data-testid='surveys-error']");
  assert.match(await alerts.textContent(), /could not be read/);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'surveys-error');
  await context.close();
});
