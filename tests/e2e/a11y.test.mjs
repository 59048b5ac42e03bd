// Accessibility (issue 12, part 4), in headless Chromium: axe-core (npm, pinned) on every page, in
// the light and the dark theme, with no serious or critical WCAG 2.1 A/AA violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, useSite } from './harness.mjs';

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
      if ((await page.evaluate(() => typeof window.axe)) === 'undefined') await page.addScriptTag({ content: AXE });
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
