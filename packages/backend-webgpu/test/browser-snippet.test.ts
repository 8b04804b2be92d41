// In Chromium (WebGPU on SwiftShader): a custom basis whose WGSL snippet has a type error gives one warning
// naming the basis and the line, then correct outputs through the generic path, instead of Dawn's validation
// error and zeros. The page is test/browser/ (built with Vite). Without Chromium or WebGPU the test fails under
// CI=true and is skipped, with the reason, elsewhere.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, browserUnavailable, chromiumFlags, serveApp, waitForStatus, webgpuProblem } from '@kanjs/testing/browser';
import { expect, it } from 'vitest';

const FLAGS = chromiumFlags(['--enable-features=Vulkan', '--use-angle=swiftshader', '--use-vulkan=swiftshader']);
const PAGE = fileURLToPath(new URL('browser', import.meta.url));
const app = serveApp(join(PAGE, 'vite.config.ts'), 'kanjs-webgpu-snippet-');

interface PageResult {
  warnings: string[];
  fused: { early: boolean; late: boolean; gaussian: boolean };
  lateChecked: boolean;
  gaussianChecked: boolean;
  earlyOnGpu: { op: number[]; generic: number[] };
  lateFirstCall: { op: number[]; generic: number[] };
  earlyOnCpu: { op: number[]; generic: number[] };
}

it('a broken custom WGSL snippet: one warning, then correct outputs through the generic path', async ({ skip }) => {
  const browser = await app.browser(skip, FLAGS);
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    await page.goto(app.url(''));
    const problem = await webgpuProblem(page);
    if (problem !== null) browserUnavailable(skip, `no WebGPU in ${CHROMIUM} ${FLAGS.join(' ')}: ${problem}`);
    await waitForStatus(page, 'done', 240_000, pageErrors);
    const result = JSON.parse((await page.locator('#result').textContent()) ?? '') as PageResult;

    const about = (name: string) => result.warnings.filter((m) => m.includes(`the WGSL snippet of the ${name} basis`));
    for (const name of ['broken-early', 'broken-late']) {
      expect(about(name)).toHaveLength(1);
      expect(about(name)[0]).toMatch(/does not compile, so it runs the generic path \(evaluate \+ matMul\) on webgpu: line 4:\d+ of the snippet: .*\(`let z: u32 = \(x - kan_state\(k\)\) \/ KAN_H;`\)\.$/);
    }
    expect(result.warnings.filter((m) => m.includes('WGSL snippet') && !m.includes('broken-'))).toEqual([]);
    expect(result.fused).toEqual({ early: false, late: false, gaussian: true });
    expect([result.lateChecked, result.gaussianChecked]).toEqual([false, true]);

    // The layers' op gives the generic composition's outputs, the cpu's to float32 rounding, and not zeros.
    expect(result.earlyOnGpu.op).toEqual(result.earlyOnGpu.generic);
    expect(result.lateFirstCall.op).toEqual(result.lateFirstCall.generic);
    result.earlyOnCpu.op.forEach((v, i) => expect(result.earlyOnGpu.op[i]).toBeCloseTo(v, 4));
    expect(result.earlyOnGpu.op.some((v) => Math.abs(v) > 1e-2)).toBe(true);
    expect(pageErrors).toEqual([]);
  } finally {
    await page.close();
  }
}, 600_000);
