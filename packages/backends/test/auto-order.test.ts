// The order of useBackend('auto'): cuda first in Node, webgl after webgpu in a browser, and the loop that takes
// the first backend that starts and otherwise gives every reason in order.
import { describe, expect, it } from 'vitest';
import { autoOrder, firstToStart } from '../src/auto-order.js';

describe("useBackend('auto')'s order", () => {
  it('tries cuda, webgpu, wasm, cpu in Node and webgpu, webgl, wasm, cpu in a browser', () => {
    expect(autoOrder('node')).toEqual(['cuda', 'webgpu', 'wasm', 'cpu']);
    expect(autoOrder('browser')).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
  });

  it('takes webgl in a browser when webgpu does not start, and nothing after it', async () => {
    const tried: string[] = [];
    const result = await firstToStart(autoOrder('browser'), async (name) => {
      tried.push(name);
      if (name === 'webgpu') throw new Error('webgpu: this browser has no navigator.gpu (WebGPU is off or unsupported).');
      return { name };
    });
    expect(tried).toEqual(['webgpu', 'webgl']);
    expect(result).toEqual({ started: { name: 'webgl' } });
  });

  it('falls through to wasm where webgl is not installed, and gives every reason when nothing starts', async () => {
    const missing = new Set(['webgpu', 'webgl']);
    const result = await firstToStart(autoOrder('browser'), async (name) => {
      if (missing.has(name)) throw new Error(`${name}: not here.`);
      return name;
    });
    expect(result).toEqual({ started: 'wasm' });
    const none = await firstToStart(autoOrder('browser'), async (name): Promise<string> => {
      throw new Error(`${name}: not here.`);
    });
    expect(none).toEqual({ reasons: ['webgpu: not here', 'webgl: not here', 'wasm: not here', 'cpu: not here'] });
  });
});
