// What the apps' browser tests share: Debian's headless Chromium on WebGPU (SwiftShader) through playwright-core,
// an app built and served with Vite for the test file, and the page checks (WebGPU adapter, status) they all use.
// Without Chromium or WebGPU a test fails under CI and is skipped, with the reason, elsewhere.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, mergeConfig, preview, type PreviewServer, type UserConfig } from 'vite';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';

/** Chromium's flags: headless, WebGPU on, `extra` (e.g. Vulkan settings), and no calls home on the closed network. */
export function chromiumFlags(extra: readonly string[] = []): string[] {
  return [
    '--headless=new',
    '--no-sandbox',
    '--enable-unsafe-webgpu',
    ...extra,
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
}

/** Fails under CI, skips with the reason elsewhere. */
export function browserUnavailable(skip: (note: string) => never, reason: string): never {
  if (process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false') {
    throw new Error(`browser test cannot run: ${reason}`);
  }
  console.warn(`skipping the browser test: ${reason}`);
  return skip(reason);
}

/** Whether the page's browser gives a WebGPU adapter; null when it does, else why not. */
export async function webgpuProblem(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    if (gpu === undefined) return `navigator.gpu is missing (secure context: ${String(isSecureContext)})`;
    return (await gpu.requestAdapter()) === null ? 'navigator.gpu.requestAdapter() gave no adapter' : null;
  });
}

/** Waits for the page's `#status` to reach `state`; fails at once, with the page's message, on an error. */
export async function waitForStatus(page: Page, state: string, timeout: number, pageErrors: readonly string[]): Promise<void> {
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

/** An app built and served for one test file, and the Chromium that visits it. */
export interface ServedApp {
  /** The served app's address (under the base path) with `query` appended (e.g. `?steps=8`). */
  url(query: string): string;
  /** The Chromium of this test file, launched with `flags` on first use; skips (or fails under CI) without it. */
  browser(skip: (note: string) => never, flags: readonly string[]): Promise<Browser>;
}

/** How `serveApp` builds and serves. */
export interface ServeOptions {
  /** The public base path the app is built for and served under, as Vite's `base` (e.g. `/kanjs/`); default the config's. */
  readonly base?: string;
}

/**
 * Registers the test file's hooks: before all, build the Vite app of `configFile` into a new temporary folder
 * (named from `tmpPrefix`) and serve it on a free local port (under `options.base`); after all, close Chromium
 * and the server and delete the folder.
 */
export function serveApp(configFile: string, tmpPrefix: string, options: ServeOptions = {}): ServedApp {
  let outDir = '';
  let server: PreviewServer | undefined;
  let launched: Browser | undefined;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), tmpPrefix));
    // The config is imported by the test runner, not by Vite's config loader: under vitest, Node runs with the
    // @kanjs/source condition, and Vite's loader leaves the config's package imports to Node, which would then
    // be handed the packages' TypeScript sources.
    const { default: loaded } = (await import(/* @vite-ignore */ configFile)) as { default: UserConfig };
    const config = mergeConfig(loaded, { configFile: false, logLevel: 'warn', ...(options.base === undefined ? {} : { base: options.base }) });
    await build(mergeConfig(config, { build: { outDir, emptyOutDir: true } }));
    server = await preview(mergeConfig(config, { build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false } }));
  }, 120_000);

  afterAll(async () => {
    await launched?.close();
    await server?.close();
    if (outDir !== '') await rm(outDir, { recursive: true, force: true });
  }, 60_000);

  return {
    url(query) {
      const address = server?.httpServer.address();
      if (address === null || address === undefined || typeof address === 'string') throw new Error(`the preview server has no TCP address (${String(address)}).`);
      return `http://127.0.0.1:${address.port}${options.base ?? '/'}${query}`;
    },
    async browser(skip, flags) {
      if (!existsSync(CHROMIUM)) browserUnavailable(skip, `${CHROMIUM} is missing (apt-get install chromium)`);
      launched ??= await chromium.launch({ executablePath: CHROMIUM, args: [...flags], headless: false });
      return launched;
    },
  };
}
