// End-to-end tests of what customers say (issue 11, comments), in headless Chromium: sentiment
// with VADER (English only; other languages counted as not analysed), themes with the comments
// behind them one click away, per month.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, showSurveys, tmpFile, uploadAndWait, useSite } from './harness.mjs';

const site = useSite(before, after);

test('sentiment, not-analysed languages, and the comments behind a theme', async () => {
  const { page, context, errors } = await openApp(site.browser, site.srv.url);
  await showSurveys(page);
  // VADER's lexicon: "love" is +3.2 (positive); "broken" is −2.1 (negative; "slow" is not in it); the
  // German line has more German than English stop words, so it is not analysed.
  const file = tmpFile(
    'comments.csv',
    'date,nps,comment\n' +
      '2024-01-05,9,I love the export\n' +
      '2024-01-06,2,Export is slow and broken\n' +
      '2024-02-07,5,Der Export ist leider sehr langsam und das ist nicht gut\n',
  );
  await uploadAndWait(page, file);
  const line = page.locator("[data-testid='sentiment']");
  await line.waitFor();
  const text = await line.textContent();
  assert.match(text, /^3 comments: 1 positive, 0 neutral, 1 negative, 1 not analysed \(not English\)/);
  // Per month: January holds the two English comments, February the German one.
  const cells = (m) => page.locator(`[data-sentiment-period='${m}'] td`).allTextContents();
  assert.deepEqual(await cells('2024-01'), ['2024-01', '1', '0', '1', '0']);
  assert.deepEqual(await cells('2024-02'), ['2024-02', '0', '0', '0', '1']);
  // "export" is in both English comments: its button lists them, lines 2 and 3 of the file.
  await page.click("button[data-theme='export']");
  const behind = page.locator("[data-comments-for='export'] li");
  await behind.first().waitFor();
  assert.deepEqual(await behind.evaluateAll((li) => li.map((l) => [l.dataset.line, l.dataset.sentiment])), [
    ['2', 'positive'],
    ['3', 'negative'],
  ]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the demo survey comments have themes whose comments all mention them', async () => {
  const { page, context } = await openApp(site.browser, site.srv.url);
  await showSurveys(page);
  const first = page.locator('button[data-theme]').first();
  await first.waitFor();
  const theme = await first.getAttribute('data-theme');
  await first.click();
  const texts = await page.locator(`[data-comments-for='${theme}'] li`).allTextContents();
  assert.ok(texts.length >= 2);
  for (const t of texts) {
    for (const word of theme.split(' ')) assert.match(t.toLowerCase(), new RegExp(`\\b${word}`), `${t} mentions ${word}`);
  }
  await context.close();
});
