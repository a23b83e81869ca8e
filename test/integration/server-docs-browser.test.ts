// The /__docs__ page in a real browser (Debian's Chromium driven by playwright-core): it renders
// offline under its strict Content-Security-Policy, and its "Try it" form sends the example body
// and shows the model's answer. Off CI without Chromium the test is skipped with the install
// command; in CI (CI=true), where .ci/run installs it, a missing browser fails instead.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { repoRoot, skipWithoutShared } from '../support/sharedFixtures.js';
import { closeToFloat32, expectedForest, FOREST_FEATURES, forestServer } from '../support/servedForest.js';

const CHROMIUM = '/usr/bin/chromium';
const browserMissing = !existsSync(CHROMIUM) && !process.env.CI;
const options = skipWithoutShared.skip ? skipWithoutShared : browserMissing ? { skip: `needs ${CHROMIUM}: apt-get install -y chromium (.ci/run does this in CI)` } : {};

test('the docs page works in Chromium: no CSP violation, no remote request, and "POST /predict" shows the prediction for the example row', options, async () => {
  const { app } = await forestServer();
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${origin}/`); // redirects to __docs__
    assert.equal(new URL(page.url()).pathname, '/__docs__');
    assert.equal(await page.locator('h1').textContent(), 'ads_rf model API');
    const example = JSON.parse(await page.locator('#body').inputValue()) as Record<string, unknown>[];
    assert.deepEqual(example, [Object.fromEntries(FOREST_FEATURES.map((f) => [f, false]))], 'the example body comes from the prototype');
    await page.locator('#predict').click();
    await page.locator('#status').filter({ hasText: '200' }).waitFor({ timeout: 10_000 });
    const answer = JSON.parse((await page.locator('#result').textContent()) ?? '') as { predict: number[] };
    // The all-false row is the second row of the fixture.
    const expected = expectedForest();
    assert.deepEqual(expected.rows[1], example[0]);
    assert.ok(closeToFloat32(answer.predict[0] ?? NaN, expected.onnx_float32_latest_model[1] ?? NaN), String(answer.predict[0]));
    assert.match((await page.locator('#curl').textContent()) ?? '', new RegExp(`curl -s -X POST '${origin}/predict'`));
    assert.deepEqual(problems, [], 'no script error and no Content-Security-Policy violation');
    assert.deepEqual(requests.filter((url) => !url.startsWith(origin)), [], 'nothing is loaded from anywhere else');
    const shots = path.join(repoRoot, 'test', '.tmp');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'docs-page.png'), fullPage: true });
  } finally {
    await browser.close();
    await app.close();
  }
});
