// The browser app end to end: build it with Vite for the base path /kanjs/, serve the build there, and drive
// Debian's headless Chromium on WebGPU (SwiftShader, Vulkan on the CPU) with playwright-core, at a desktop size and
// at a phone's 390 px. Without Chromium or WebGPU the tests fail under CI=true and are skipped, with the reason,
// elsewhere.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { CHROMIUM, browserUnavailable, chromiumFlags, serveApp, waitForStatus, webgpuProblem } from '@kanjs/testing/browser';
import { expect, it } from 'vitest';

const FLAGS = chromiumFlags();
const APP = fileURLToPath(new URL('..', import.meta.url));
const SCREENSHOT = join(APP, 'test-output/browser.png');
const PHONE_SCREENSHOT = join(APP, 'test-output/browser-390.png');
const PHONE_TRAINING_SCREENSHOT = join(APP, 'test-output/browser-390-training.png');
// Served under a base path, as on a static host's sub-folder: every asset must load from below it.
const BASE = '/kanjs/';
// A quick run: SwiftShader runs a training step of the [784, 64, 10] FastKAN in seconds, not milliseconds.
const STEPS = 8;
// The LayerNorm domain is measured every DOMAIN_EVERY steps (and at step 0).
const DOMAIN_EVERY = 2;
const QUERY = `?steps=${STEPS}&report=2&test=200&domain=${DOMAIN_EVERY}`;

const app = serveApp(join(APP, 'web/vite.config.ts'), 'kanjs-mnist-web-', { base: BASE });

/** Records page errors, and every request that left the base path or failed. */
function watch(page: Page): { pageErrors: string[]; badRequests: string[] } {
  const pageErrors: string[] = [];
  const badRequests: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.protocol === 'data:') return;
    if (!url.pathname.startsWith(BASE) || response.status() >= 400) badRequests.push(`${response.status()} ${url.pathname}`);
  });
  return { pageErrors, badRequests };
}

/** Draws a 7 on the pad: a top bar, then a diagonal down. */
async function drawSeven(page: Page): Promise<void> {
  const box = (await page.locator('#canvas').boundingBox())!;
  const at = (x: number, y: number) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(0.3, 0.25));
  await page.mouse.down();
  await page.mouse.move(...at(0.72, 0.25), { steps: 12 });
  await page.mouse.move(...at(0.45, 0.8), { steps: 16 });
  await page.mouse.up();
}

/** The domain chart's latest % outside the grid, one per FastKAN layer, and the steps it has measured. */
async function domainState(page: Page): Promise<{ last: number[]; steps: number[] }> {
  const chart = page.locator('#domain-chart');
  const list = (value: string | null) => (value === null || value === '' ? [] : value.split(',').map(Number));
  return { last: list(await chart.getAttribute('data-last')), steps: list(await chart.getAttribute('data-steps')) };
}

/** One finite % in [0, 100] for each of the [784, 64, 10] FastKAN's two layers. */
function expectPercentPerLayer(percents: number[]): void {
  expect(percents).toHaveLength(2);
  for (const percent of percents) {
    expect(Number.isFinite(percent), `${percent} is a finite %`).toBe(true);
    expect(percent).toBeGreaterThanOrEqual(0);
    expect(percent).toBeLessThanOrEqual(100);
  }
}

/** How far the page is wider than the window (0 when nothing spills out sideways). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

it('trains on WebGPU, plots the LayerNorm domain, predicts a drawn digit, draws the KAN curves and switches to B-splines', async ({ skip }) => {
  const browser = await app.browser(skip, FLAGS);
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const { pageErrors, badRequests } = watch(page);
  // The page reads the GPU only asynchronously. tfjs-backend-webgpu's synchronous read (dataSync) goes through an
  // OffscreenCanvas: slow, and in this headless Chromium it loses the WebGPU device ("A valid external Instance
  // reference no longer exists") unless the browser also runs with --enable-features=Vulkan
  // --use-angle=swiftshader --use-vulkan=swiftshader.
  const syncReads: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('synchronously reading data from GPU')) syncReads.push(message.text());
  });

  await page.goto(app.url(QUERY));
  const problem = await webgpuProblem(page);
  if (problem !== null) browserUnavailable(skip, `no WebGPU in ${CHROMIUM} ${FLAGS.join(' ')}: ${problem}`);

  // The page loads, picks WebGPU and loads the data made at build time.
  await waitForStatus(page, 'ready', 60_000, pageErrors);
  expect(await page.locator('#backend').textContent()).toBe('webgpu');
  expect(await page.locator('#dataset').textContent()).toMatch(/^12,000 train \/ 2,000 test images/);

  // A quick run: the loss falls, the test set is evaluated, the run lands in the comparison table. A 7 drawn
  // while it trains gets its prediction before the run ends (between training steps, on the current weights).
  await page.click('#train');
  await page.waitForFunction(() => Number(document.querySelector('#step')?.textContent) >= 2, null, { timeout: 60_000 });
  await drawSeven(page);
  const stateAtPrediction = await page.waitForFunction(
    () => (document.querySelector<HTMLElement>('#probabilities')?.dataset['ready'] === 'true' ? document.querySelector<HTMLElement>('#status')!.dataset['state'] : false),
    null,
    { timeout: 60_000 },
  );
  expect(await stateAtPrediction.jsonValue(), 'the drawn digit was predicted while training ran').toBe('training');
  // The LayerNorm domain chart fills in while it trains: a % outside the grid per FastKAN layer, at step 0 and after.
  const stateAtDomain = await page.waitForFunction(
    () => (Number(document.querySelector<HTMLElement>('#domain-chart')?.dataset['points']) >= 2 ? document.querySelector<HTMLElement>('#status')!.dataset['state'] : false),
    null,
    { timeout: 60_000 },
  );
  expect(await stateAtDomain.jsonValue(), 'the domain chart had two measurements while training ran').toBe('training');
  const during = await domainState(page);
  expect(during.steps.slice(0, 2)).toEqual([0, DOMAIN_EVERY]);
  expectPercentPerLayer(during.last);
  await waitForStatus(page, 'done', 120_000, pageErrors);
  expect(await page.locator('#step').textContent()).toBe(String(STEPS));
  const first = Number(await page.locator('#loss').getAttribute('data-first'));
  const last = Number(await page.locator('#loss').getAttribute('data-value'));
  expect(first).toBeGreaterThan(1.5); // about ln 10 ≈ 2.3 at the start
  expect(last).toBeLessThan(first * 0.8);
  expect(await page.locator('#comparison td[data-model="fastkan-gaussian"]').count()).toBe(8);
  const testAccuracy = Number((await page.locator('#test-accuracy').textContent())?.replace('%', ''));
  expect(testAccuracy).toBeGreaterThan(20); // chance is 10%
  const domain = await domainState(page);
  expect(domain.steps).toEqual(Array.from({ length: STEPS / DOMAIN_EVERY + 1 }, (_, i) => i * DOMAIN_EVERY));
  expectPercentPerLayer(domain.last);
  expect(await page.locator('#domain-chart .u-title').textContent()).toBe('LayerNorm outside grid (%)');
  expect(await page.locator('#domain-chart canvas').count()).toBeGreaterThan(0);
  expect(await page.locator('#domain-caption').textContent()).toBe(
    `Per FastKAN layer, the % of LayerNorm(x) outside the grid [first centre, last centre] = [−2, 2], on 200 fixed test images, every ${DOMAIN_EVERY} steps.`,
  );

  // The curves of the first layer are drawn: after training, the change since step 0 of the edges that changed
  // most, each with its own y range; switched, the function now over its step-0 curve.
  await page.waitForSelector('#curves[data-changed="true"]', { timeout: 30_000 });
  expect(await page.locator('#curves canvas').count()).toBe(16);
  expect(await page.locator('#curves figcaption').first().textContent()).toMatch(/^pixel \(\d+, \d+\)(0|−?[\d.]+) … (0|−?[\d.]+)( ×10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?$/);
  expect(await page.locator('#curves').getAttribute('data-mode')).toBe('change');
  expect(await page.locator('#curves-caption').textContent()).toContain('φ(u) − φ₀(u), for the 16 often-inked pixels whose coefficients changed most');
  await page.selectOption('#curve-mode', 'curve');
  await page.waitForSelector('#curves[data-mode="curve"]', { timeout: 30_000 });
  expect(await page.locator('#curves-caption').textContent()).toContain('grey, dashed: φ₀ at step 0');

  // The 7 drawn during the run has its prediction from the final weights.
  await page.waitForSelector('#probabilities[data-ready="true"]', { timeout: 10_000 });
  const probabilities = (await page.locator('#probabilities .bar').evaluateAll((bars) => bars.map((bar) => (bar as HTMLElement).dataset['p'] ?? ''))).map(Number);
  expect(probabilities).toHaveLength(10);
  for (const p of probabilities) expect(p).toBeGreaterThanOrEqual(0);
  expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  const predicted = Number(await page.locator('#prediction').textContent());
  expect(predicted).toBe(probabilities.indexOf(Math.max(...probabilities)));

  await page.selectOption('#curve-mode', 'change');
  await page.waitForSelector('#curves[data-mode="change"]', { timeout: 30_000 });
  await mkdir(join(APP, 'test-output'), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });

  // The other basis: switching builds a KANLinear (B-spline) and redraws its curves and the prediction.
  const draws = Number(await page.locator('#curves').getAttribute('data-draws'));
  const fastKanParams = await page.locator('#params').textContent();
  await page.selectOption('#model', 'kan-linear');
  await page.waitForFunction((before) => Number(document.querySelector<HTMLElement>('#curves')?.dataset['draws']) > before, draws, { timeout: 60_000 });
  expect(await page.locator('#params').textContent()).not.toBe(fastKanParams);
  expect(await page.locator('#curves-caption').textContent()).toContain('x is the normalised pixel');
  expect(await page.locator('#curves-caption').textContent()).toContain('Before training: φ₀(x) at step 0');
  await page.waitForFunction(() => document.querySelector('#domain-caption')?.textContent?.startsWith('KANLinear has no LayerNorm'), null, { timeout: 30_000 });
  expect(await page.locator('#domain-chart').getAttribute('data-points')).toBe('0');
  expect(await page.locator('#domain-chart').isHidden(), 'the domain plot is hidden for KANLinear').toBe(true);
  await page.waitForSelector('#probabilities[data-ready="true"]', { timeout: 10_000 });

  console.log(
    `browser test: loss ${first.toFixed(3)} → ${last.toFixed(3)} in ${STEPS} steps, test accuracy ${testAccuracy}%, drew a 7, predicted ${predicted}; ` +
      `LayerNorm outputs outside the grid ${domain.last.map((p) => `${p.toFixed(2)}%`).join(' and ')}; screenshot ${SCREENSHOT}`,
  );
  expect(pageErrors).toEqual([]);
  expect(badRequests, 'requests outside the base path, or failed').toEqual([]);
  expect(syncReads, 'a synchronous GPU read (dataSync) on webgpu').toEqual([]);
  expect(await page.locator('#status').getAttribute('data-state')).toBe('done');
}, 180_000);

it('fits a 390 px phone screen: nothing spills out sideways, before and after a run of each model', async ({ skip }) => {
  const browser = await app.browser(skip, FLAGS);
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const { pageErrors, badRequests } = watch(page);
  // The cpu backend: two steps of the small model are quick there, and the layout does not depend on the backend.
  await page.goto(app.url('?backend=cpu&steps=2&report=1&test=100'));
  await waitForStatus(page, 'ready', 60_000, pageErrors);
  expect(await page.evaluate(() => window.innerWidth)).toBe(390);
  expect(await overflow(page), 'px of horizontal overflow before training').toBe(0);

  // A run of each model: the comparison table then has both columns, its widest state. After FastKAN's, the
  // LayerNorm domain chart has its points and keeps inside the training panel.
  await mkdir(join(APP, 'test-output'), { recursive: true });
  for (const model of ['fastkan', 'kan-linear']) {
    await page.selectOption('#model', model);
    await page.click('#train');
    await waitForStatus(page, 'done', 120_000, pageErrors);
    if (model !== 'fastkan') continue;
    expect((await domainState(page)).steps).toEqual([0, 2]);
    const trainingPanel = (await page.locator('#training-panel').boundingBox())!;
    const domainChart = (await page.locator('#domain-chart').boundingBox())!;
    expect(domainChart.x + domainChart.width).toBeLessThanOrEqual(trainingPanel.x + trainingPanel.width);
    expect(await overflow(page), 'px of horizontal overflow after a FastKAN run').toBe(0);
    await page.locator('#training-panel').screenshot({ path: PHONE_TRAINING_SCREENSHOT });
  }
  expect(await page.locator('#comparison thead th[data-model]').count()).toBe(2);
  await page.waitForSelector('#curves[data-changed="true"]', { timeout: 30_000 });
  expect(await overflow(page), 'px of horizontal overflow after a run of each model').toBe(0);
  // The curve plots and the drawing pad keep inside their panels.
  const panel = (await page.locator('#inside-panel').boundingBox())!;
  const lastPlot = (await page.locator('#curves canvas').last().boundingBox())!;
  expect(lastPlot.x + lastPlot.width).toBeLessThanOrEqual(panel.x + panel.width);
  const pad = (await page.locator('#canvas').boundingBox())!;
  expect(pad.x + pad.width).toBeLessThanOrEqual(390);

  await page.screenshot({ path: PHONE_SCREENSHOT, fullPage: true });
  expect(pageErrors).toEqual([]);
  expect(badRequests, 'requests outside the base path, or failed').toEqual([]);
}, 180_000);
