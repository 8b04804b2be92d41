// The playground end to end: build it with Vite, serve the build, and drive Debian's headless Chromium with
// playwright-core through pykan's headline tutorial on wasm (train f(x, y) = exp(sin(πx) + y²), prune,
// symbolize, read the formula), and through a few training steps on WebGPU (SwiftShader, Vulkan on the CPU: a
// step there takes about a second, too slow for the whole tutorial). Without Chromium or WebGPU a test fails
// under CI=true and is skipped, with the reason, elsewhere.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { CHROMIUM, browserUnavailable, chromiumFlags, serveApp, waitForStatus, webgpuProblem } from '@kanjs/testing/browser';
import { expect, it } from 'vitest';

// Grid updates and the network plot read tensors synchronously; on headless SwiftShader WebGPU keeps its device
// through such reads only when Chromium composites with SwiftShader's Vulkan too.
const FLAGS = chromiumFlags(['--enable-features=Vulkan', '--use-angle=swiftshader', '--use-vulkan=swiftshader']);
const APP = fileURLToPath(new URL('..', import.meta.url));
const SCREENSHOT = join(APP, 'test-output/playground.png');
const TUTORIAL = '?backend=wasm&seed=1&report=25';
const WEBGPU = '?backend=webgpu&seed=1&steps=6&report=3';
// The largest relative error the interpret package's tutorial test allows on 1000 held-out points.
const RELATIVE_ERROR = 1e-3;

const app = serveApp(join(APP, 'web/vite.config.ts'), 'kanjs-playground-');

const value = async (page: Page, selector: string) => Number(await page.locator(selector).getAttribute('data-value'));

/** A new page of the app at `query`, collecting its errors; skips (or fails under CI) without Chromium. */
async function openPage(skip: (note: string) => never, query: string): Promise<{ page: Page; pageErrors: string[] }> {
  const browser = await app.browser(skip, FLAGS);
  const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(app.url(query));
  return { page, pageErrors };
}

it('trains exp(sin(πx) + y²) on wasm, prunes, symbolizes and finds the formula', async ({ skip }) => {
  const { page, pageErrors } = await openPage(skip, TUTORIAL);
  await waitForStatus(page, 'ready', 60_000, pageErrors);
  const backend = await page.locator('#backend').textContent();
  expect(backend).toBe('wasm');
  expect(await page.locator('#expression').inputValue()).toBe('exp(sin(pi*x) + y^2)');
  expect(await page.locator('#dataset').textContent()).toBe('2 variables (x, y) · 1,000 train / 1,000 held-out samples');

  // Training: the held-out error falls, the network is redrawn as it trains, and the tensor count holds still
  // from the first report (after the optimizer made its moments) to the last.
  await page.click('#train');
  await page.waitForSelector('#network svg', { timeout: 300_000 });
  await waitForStatus(page, 'trained', 400_000, pageErrors);
  const firstRmse = Number(await page.locator('#test-rmse').getAttribute('data-first'));
  const trainedRmse = await value(page, '#test-rmse');
  expect(trainedRmse).toBeLessThan(firstRmse);
  expect(Number(await page.locator('#network').getAttribute('data-draws'))).toBeGreaterThan(2);
  expect(await page.locator('#step').getAttribute('data-tensors')).toBe(await page.locator('#step').getAttribute('data-tensors-first'));
  expect(await page.locator('#widths').textContent()).toBe('widths [2, 5, 1]');

  // Pruning at pykan's default edge threshold leaves [2, 1, 1] or [2, 2, 1].
  await page.locator('#edge-threshold').fill('0.03');
  await page.click('#prune');
  await waitForStatus(page, 'pruned', 300_000, pageErrors);
  expect(await page.locator('#widths').textContent()).toMatch(/^widths \[2, [12], 1\]$/);
  expect(await value(page, '#test-rmse')).toBeLessThan(trainedRmse);

  // Symbolizing finds sin, a square and exp, and the formula matches the held-out data.
  await page.click('#symbolize');
  await waitForStatus(page, 'symbolized', 300_000, pageErrors);
  const text = (await page.locator('#formula-text').textContent()) ?? '';
  expect(text).toContain('sin');
  expect(text).toContain('exp');
  expect(text).toMatch(/\^\s*2/);
  const latex = (await page.locator('#formula-latex').textContent()) ?? '';
  expect(latex).toContain('\\sin');
  // The formula is typeset by KaTeX, not shown as source: its HTML reads sin and exp, its MathML keeps the LaTeX
  // (constants rounded to 4 significant digits, so the same functions).
  const typeset = page.locator('#formula-rendered .katex');
  expect(await typeset.count()).toBe(1);
  expect(await page.locator('#formula-rendered .katex-error').count()).toBe(0);
  const rendered = (await typeset.locator('.katex-html').textContent()) ?? '';
  expect(rendered).toContain('sin');
  expect(rendered).toContain('exp');
  expect(rendered).not.toContain('\\');
  const typesetLatex = (await typeset.locator('annotation[encoding="application/x-tex"]').textContent()) ?? '';
  for (const command of ['\\sin', '\\exp', '^{2}']) expect(typesetLatex, command).toContain(command);
  expect(typesetLatex.length).toBeLessThan(latex.length);
  const relativeError = await value(page, '#relative-error');
  expect(relativeError).toBeLessThan(RELATIVE_ERROR);
  expect(await value(page, '#r2')).toBeGreaterThan(0.999);
  expect(await page.locator('#comparison circle').count()).toBe(1000);

  await mkdir(join(APP, 'test-output'), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  console.log(`playground test on ${backend}: held-out RMSE ${firstRmse.toExponential(2)} → ${trainedRmse.toExponential(2)}, formula ${text}, relative error ${relativeError.toExponential(2)}; screenshot ${SCREENSHOT}`);
  expect(pageErrors).toEqual([]);
}, 900_000);

it('trains on WebGPU when the browser has it, redrawing the network', async ({ skip }) => {
  const { page, pageErrors } = await openPage(skip, WEBGPU);
  try {
    const problem = await webgpuProblem(page);
    if (problem !== null) browserUnavailable(skip, `no WebGPU in ${CHROMIUM} ${FLAGS.join(' ')}: ${problem}`);
    await waitForStatus(page, 'ready', 60_000, pageErrors);
    expect(await page.locator('#backend').textContent()).toBe('webgpu');
    await page.click('#train');
    await page.waitForSelector('#network svg', { timeout: 300_000 });
    const first = await value(page, '#train-rmse');
    await waitForStatus(page, 'trained', 300_000, pageErrors);
    expect(await value(page, '#step')).toBe(6);
    expect(await value(page, '#train-rmse')).toBeLessThan(first);
    expect(Number(await page.locator('#network').getAttribute('data-draws'))).toBe(3); // before the first step and after each of the two chunks
    expect(await page.locator('#step').getAttribute('data-tensors')).toBe(await page.locator('#step').getAttribute('data-tensors-first'));
    expect(pageErrors).toEqual([]);
  } finally {
    await page.close();
  }
}, 600_000);
