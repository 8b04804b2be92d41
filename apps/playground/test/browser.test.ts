// The playground end to end: build it with Vite, serve the build, and drive Debian's headless Chromium with
// playwright-core through pykan's headline tutorial on wasm (train f(x, y) = exp(sin(πx) + y²), prune,
// symbolize, read the formula), and through a few training steps on WebGPU (SwiftShader, Vulkan on the CPU: a
// step there takes about a second, too slow for the whole tutorial). Without Chromium or WebGPU a test fails
// under CI=true and is skipped, with the reason, elsewhere.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  // Grid updates and the network plot read tensors synchronously; on headless SwiftShader WebGPU keeps its device
  // through such reads only when Chromium composites with SwiftShader's Vulkan too.
  '--enable-features=Vulkan',
  '--use-angle=swiftshader',
  '--use-vulkan=swiftshader',
  // The machine's network is closed: keep Chromium from calling home.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const APP = fileURLToPath(new URL('..', import.meta.url));
const CONFIG = join(APP, 'web/vite.config.ts');
const SCREENSHOT = join(APP, 'test-output/playground.png');
const TUTORIAL = '?backend=wasm&seed=1&report=50';
const WEBGPU = '?backend=webgpu&seed=1&steps=6&report=3';
// The largest relative error the interpret package's tutorial test allows on 1000 held-out points.
const RELATIVE_ERROR = 1e-3;

let outDir = '';
let server: PreviewServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'kanjs-playground-'));
  await build({ configFile: CONFIG, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await preview({ configFile: CONFIG, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir !== '') await rm(outDir, { recursive: true, force: true });
}, 60_000);

/** Fails under CI, skips with the reason elsewhere. */
function unavailable(skip: (note: string) => never, reason: string): never {
  if (process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false') {
    throw new Error(`browser test cannot run: ${reason}`);
  }
  console.warn(`skipping the browser test: ${reason}`);
  return skip(reason);
}

function appUrl(query: string): string {
  const address = server?.httpServer.address();
  if (address === null || address === undefined || typeof address === 'string') throw new Error(`the preview server has no TCP address (${String(address)}).`);
  return `http://127.0.0.1:${address.port}/${query}`;
}

/** Waits for the page's status to reach `state`; fails at once, with the page's message, on an error. */
async function waitForStatus(page: Page, state: string, timeout: number, pageErrors: readonly string[]): Promise<void> {
  const status = page.locator('#status');
  try {
    await page.waitForSelector(`#status[data-state="${state}"], #status[data-state="error"]`, { timeout });
  } catch (error) {
    throw new Error(`the page's status is "${await status.textContent()}", not ${state}, after ${timeout / 1000} s (${(error as Error).message.split('\n')[0]}); page errors: [${pageErrors.join('; ')}]`);
  }
  if ((await status.getAttribute('data-state')) === 'error') {
    throw new Error(`the page failed: "${await status.textContent()}"; page errors: [${pageErrors.join('; ')}]`);
  }
}

const value = async (page: Page, selector: string) => Number(await page.locator(selector).getAttribute('data-value'));

/** A new page of the app at `query`, collecting its errors; skips (or fails under CI) without Chromium. */
async function openPage(skip: (note: string) => never, query: string): Promise<{ page: Page; pageErrors: string[] }> {
  if (!existsSync(CHROMIUM)) unavailable(skip, `${CHROMIUM} is missing (apt-get install chromium)`);
  browser ??= await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: false });
  const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(appUrl(query));
  return { page, pageErrors };
}

/** Whether the page's browser gives a WebGPU adapter; null when it does, else why not. */
async function webgpuProblem(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    if (gpu === undefined) return `navigator.gpu is missing (secure context: ${String(isSecureContext)})`;
    return (await gpu.requestAdapter()) === null ? 'navigator.gpu.requestAdapter() gave no adapter' : null;
  });
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
  const firstRmse = await value(page, '#test-rmse');
  await waitForStatus(page, 'trained', 400_000, pageErrors);
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
  expect(await page.locator('#formula-latex').textContent()).toContain('\\sin');
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
    if (problem !== null) unavailable(skip, `no WebGPU in ${CHROMIUM} ${FLAGS.join(' ')}: ${problem}`);
    await waitForStatus(page, 'ready', 60_000, pageErrors);
    expect(await page.locator('#backend').textContent()).toBe('webgpu');
    await page.click('#train');
    await page.waitForSelector('#network svg', { timeout: 300_000 });
    const first = await value(page, '#train-rmse');
    await waitForStatus(page, 'trained', 300_000, pageErrors);
    expect(await value(page, '#step')).toBe(6);
    expect(await value(page, '#train-rmse')).toBeLessThan(first);
    expect(Number(await page.locator('#network').getAttribute('data-draws'))).toBe(2);
    expect(await page.locator('#step').getAttribute('data-tensors')).toBe(await page.locator('#step').getAttribute('data-tensors-first'));
    expect(pageErrors).toEqual([]);
  } finally {
    await page.close();
  }
}, 600_000);
