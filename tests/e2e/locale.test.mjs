// Locale (issue 12, part 5), in headless Chromium: numbers, money and dates follow the browser's
// locale, or the one chosen in the settings, which persists; counts are grouped; data-value stays
// raw. The expected texts come from the browser's own Intl.NumberFormat, not from the app's code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, tmpFile, uploadAndWait, useSite } from './harness.mjs';

const site = useSite(before, after);

/// Every KPI card of the shown page: [id, raw value, text shown without its unit suffix].
async function show(page, name) {
  await page.click(`[data-page='${name}']`);
  await page.waitForSelector(`[data-page='${name}'][aria-pressed='true']`);
  await page.waitForSelector('.kpi-card .value[data-kpi]');
}

test("the browser's locale formats money and counts; a chosen locale and currency persist", async () => {
  const { page, context } = await openApp(site.browser, site.srv.url, { options: { locale: 'de-DE' } });
  const de = (v, digits) => new Intl.NumberFormat('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
  const mrr = page.locator(".kpi-card .value[data-kpi='mrr']").first();
  const raw = await mrr.getAttribute('data-value');
  assert.match(raw, /^\d+(\.\d+)?$/, 'data-value stays a raw number');
  const mrrText = async () => (await mrr.evaluate((e) => e.firstChild.textContent)).trim();
  assert.equal(await mrrText(), de(Number(raw), 2), 'money as German readers write it');
  assert.match(await mrrText(), /^\d{1,3}(\.\d{3})+,\d{2}$/);
  // A card's working reads the same way: NRR's "MRR kept ÷ MRR at the start" has German grouping.
  const nrrWorking = (await page.locator(".kpi-card [data-explain='nrr']").first().textContent()).trim();
  assert.match(nrrWorking, /^\d{1,3}(\.\d{3})+(,\d{2})? ÷ \d{1,3}(\.\d{3})+(,\d{2})?$/, nrrWorking);

  // Counts are grouped: 1,234 answers read "1.234".
  await show(page, 'surveys');
  const answers = 'date,nps\n' + Array.from({ length: 1234 }, (_, i) => `2024-01-${String((i % 28) + 1).padStart(2, '0')},${i % 11}`).join('\n') + '\n';
  await uploadAndWait(page, tmpFile('many-answers.csv', answers));
  const responses = page.locator(".kpi-card .value[data-kpi='responses']").first();
  assert.equal(await responses.getAttribute('data-value'), '1234');
  assert.equal((await responses.evaluate((e) => e.firstChild.textContent)).trim(), '1.234');
  assert.equal('1.234', de(1234, 0));

  // The reader picks Indian English and rupees: lakh grouping and the symbol before the amount.
  await show(page, 'revenue');
  await page.selectOption("[data-setting='locale']", 'en-IN');
  await page.selectOption("[data-setting='currency']", 'INR');
  const inr = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' }).format(Number(raw));
  await page.waitForFunction((want) => document.querySelector(".kpi-card .value[data-kpi='mrr']").firstChild.textContent.trim() === want, inr);
  assert.equal(await mrr.getAttribute('data-value'), raw);
  await page.reload();
  await page.waitForSelector(".kpi-card .value[data-kpi='mrr']");
  assert.deepEqual([await page.inputValue("[data-setting='locale']"), await page.inputValue("[data-setting='currency']")], ['en-IN', 'INR']);
  assert.equal(await mrrText(), inr, 'the choice persists across a reload');
  await context.close();
});

test("dates follow the locale: a customer's rows in the German order", async () => {
  const { page, context } = await openApp(site.browser, site.srv.url, { options: { locale: 'de-DE' } });
  await page.click("[data-page='health']");
  const first = page.locator('[data-risk] [data-open-customer]').first();
  await first.waitFor();
  const id = await first.getAttribute('data-open-customer');
  await first.click();
  await page.waitForSelector(`[data-timeline='${id}'] [data-testid='customer-rows'] li`);
  const rows = await page.locator("[data-testid='customer-rows'] li").allTextContents();
  assert.ok(rows.length > 0);
  for (const r of rows.slice(0, 20)) assert.match(r, /^\d{2}\.\d{2}\.\d{4} /, r);
  await context.close();
});
