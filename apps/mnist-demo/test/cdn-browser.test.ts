// The CDN bundle end to end: build @kanjs/kan-layers' dist/kanjs.esm.js (its `build:bundle`), then open
// examples/cdn/index.html in Debian's headless Chromium exactly as written, with its import map pointing at
// jsDelivr. Playwright answers the page's requests the way the hosts would: the page from its own origin, the
// bundle from cdn.jsdelivr.net with a JavaScript MIME type and CORS. Every other request fails the test, so
// nothing the page needs can come from anywhere but the bundle. The page trains one step and predicts.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build, mergeConfig, type UserConfig } from 'vite';
import { CHROMIUM, browserUnavailable, chromiumFlags, waitForStatus } from '@kanjs/testing/browser';
import { afterAll, beforeAll, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PAGE = join(ROOT, 'examples/cdn/index.html');
const BUNDLE_CONFIG = join(ROOT, 'packages/kan-layers/bundle/vite.config.ts');
const ORIGIN = 'https://kanjs-cdn-example.test';
const CDN = /^https:\/\/cdn\.jsdelivr\.net\/npm\/@kanjs\/kan-layers@[^/]+\/dist\/kanjs\.esm\.js$/;

let outDir = '';
let browser: Browser | undefined;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'kanjs-cdn-'));
  // Imported by the test runner, as in @kanjs/testing's serveApp (Vite's own loader would give Node TypeScript).
  const { default: config } = (await import(/* @vite-ignore */ BUNDLE_CONFIG)) as { default: UserConfig };
  await build(mergeConfig(config, { configFile: false, logLevel: 'warn', build: { outDir } }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (outDir !== '') await rm(outDir, { recursive: true, force: true });
});

it('loads kanjs from a CDN with one import map entry, trains a step and predicts', async ({ skip }) => {
  if (!existsSync(CHROMIUM)) browserUnavailable(skip, `${CHROMIUM} is missing (apt-get install chromium)`);
  const [html, bundle] = await Promise.all([readFile(PAGE), readFile(join(outDir, 'kanjs.esm.js'))]);
  expect(html.toString()).toContain('"@kanjs/kan-layers": "https://cdn.jsdelivr.net/npm/@kanjs/kan-layers@0.1/dist/kanjs.esm.js"');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumFlags(), headless: false });
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  const refused: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === `${ORIGIN}/`) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    if (CDN.test(url)) {
      return route.fulfill({
        status: 200,
        headers: { 'content-type': 'application/javascript; charset=utf-8', 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=31536000' },
        body: bundle,
      });
    }
    refused.push(url);
    return route.abort('blockedbyclient');
  });

  await page.goto(`${ORIGIN}/`);
  await waitForStatus(page, 'done', 90_000, pageErrors);
  const result = JSON.parse((await page.locator('#result').getAttribute('data-result'))!) as {
    backend: string;
    tfjs: string;
    lossBefore: number;
    lossAfter: number;
    probabilities: number[][];
  };
  expect(['webgl', 'cpu']).toContain(result.backend);
  expect(result.tfjs).toBe('4.22.0');
  expect(Number.isFinite(result.lossBefore)).toBe(true);
  expect(result.lossAfter).toBeLessThan(result.lossBefore); // one step on the same four points
  expect(result.probabilities).toHaveLength(4);
  for (const row of result.probabilities) {
    expect(row).toHaveLength(2);
    expect(row[0]! + row[1]!).toBeCloseTo(1, 5);
  }
  console.log(`CDN page: ${await page.locator('#status').textContent()} (bundle ${(bundle.length / 1e6).toFixed(2)} MB)`);
  expect(refused, 'requests the page made to anything but its own page and the bundle').toEqual([]);
  expect(pageErrors).toEqual([]);
}, 120_000);
