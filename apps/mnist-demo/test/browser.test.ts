// The browser app end to end: build it with Vite, serve the build, and drive Debian's headless Chromium on
// WebGPU (SwiftShader, Vulkan on the CPU) with playwright-core. Without Chromium or WebGPU the test fails under
// CI=true and is skipped, with the reason, elsewhere.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, browserUnavailable, chromiumFlags, serveApp, waitForStatus, webgpuProblem } from '@kanjs/testing/browser';
import { expect, it } from 'vitest';

const FLAGS = chromiumFlags();
const APP = fileURLToPath(new URL('..', import.meta.url));
const SCREENSHOT = join(APP, 'test-output/browser.png');
// A quick run: SwiftShader runs a training step of the [784, 64, 10] FastKAN in seconds, not milliseconds.
const STEPS = 8;
const QUERY = `?steps=${STEPS}&report=2&test=200`;

const app = serveApp(join(APP, 'web/vite.config.ts'), 'kanjs-mnist-web-');

it('trains on WebGPU, predicts a drawn digit, draws the KAN curves and switches to B-splines', async ({ skip }) => {
  const browser = await app.browser(skip, FLAGS);
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
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

  // A quick run: the loss falls, the test set is evaluated, the run lands in the comparison table.
  await page.click('#train');
  await waitForStatus(page, 'done', 120_000, pageErrors);
  expect(await page.locator('#step').textContent()).toBe(String(STEPS));
  const first = Number(await page.locator('#loss').getAttribute('data-first'));
  const last = Number(await page.locator('#loss').getAttribute('data-value'));
  expect(first).toBeGreaterThan(1.5); // about ln 10 ≈ 2.3 at the start
  expect(last).toBeLessThan(first * 0.8);
  const row = page.locator('#comparison tr[data-model="fastkan-gaussian"] td');
  expect(await row.count()).toBeGreaterThan(0);
  const testAccuracy = Number((await page.locator('#test-accuracy').textContent())?.replace('%', ''));
  expect(testAccuracy).toBeGreaterThan(20); // chance is 10%

  // The curves of the first layer are drawn.
  expect(Number(await page.locator('#curves').getAttribute('data-draws'))).toBeGreaterThan(0);
  expect(await page.locator('#curves canvas').count()).toBe(16);

  // Draw a 7: a top bar, then a diagonal down.
  const box = (await page.locator('#canvas').boundingBox())!;
  const at = (x: number, y: number) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(0.3, 0.25));
  await page.mouse.down();
  await page.mouse.move(...at(0.72, 0.25), { steps: 12 });
  await page.mouse.move(...at(0.45, 0.8), { steps: 16 });
  await page.mouse.up();
  await page.waitForSelector('#probabilities[data-ready="true"]', { timeout: 10_000 });
  const probabilities = (await page.locator('#probabilities .bar').evaluateAll((bars) => bars.map((bar) => (bar as HTMLElement).dataset['p'] ?? ''))).map(Number);
  expect(probabilities).toHaveLength(10);
  for (const p of probabilities) expect(p).toBeGreaterThanOrEqual(0);
  expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  const predicted = Number(await page.locator('#prediction').textContent());
  expect(predicted).toBe(probabilities.indexOf(Math.max(...probabilities)));

  await mkdir(join(APP, 'test-output'), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });

  // The other basis: switching builds a KANLinear (B-spline) and redraws its curves and the prediction.
  const draws = Number(await page.locator('#curves').getAttribute('data-draws'));
  const fastKanParams = await page.locator('#params').textContent();
  await page.selectOption('#model', 'kan-linear');
  await page.waitForFunction((before) => Number(document.querySelector<HTMLElement>('#curves')?.dataset['draws']) > before, draws, { timeout: 60_000 });
  expect(await page.locator('#params').textContent()).not.toBe(fastKanParams);
  expect(await page.locator('#curves-caption').textContent()).toContain('x is the normalised pixel');
  await page.waitForSelector('#probabilities[data-ready="true"]', { timeout: 10_000 });

  console.log(`browser test: loss ${first.toFixed(3)} → ${last.toFixed(3)} in ${STEPS} steps, test accuracy ${testAccuracy}%, drew a 7, predicted ${predicted}; screenshot ${SCREENSHOT}`);
  expect(pageErrors).toEqual([]);
  expect(syncReads, 'a synchronous GPU read (dataSync) on webgpu').toEqual([]);
  expect(await page.locator('#status').getAttribute('data-state')).toBe('done');
}, 180_000);
