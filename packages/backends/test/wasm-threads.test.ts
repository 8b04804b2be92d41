// useBackend('wasm')'s thread pool: options.threads validated, the pool asked for before tfjs-wasm starts (the
// cores available by default), and what it got reported in details; the browser rules (cross-origin isolation)
// checked with stubbed globals.
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackendError, useBackend } from '@kanjs/backends';
import { checkThreads, planWasmThreads, wasmThreadDetails } from '../src/wasm-threads.js';

describe('options.threads', () => {
  it.each([0, -2, 1.5, Number.NaN, '4', null])('rejects %s with one sentence', async (threads) => {
    expect(() => checkThreads(threads)).toThrow(/^useBackend: expected options\.threads to be a positive integer, got .+\.$/);
    await expect(useBackend('wasm', { threads } as unknown as { threads: number })).rejects.toThrow(BackendError);
  });

  it('accepts a positive integer or nothing', () => {
    expect(checkThreads(3)).toBe(3);
    expect(checkThreads(undefined)).toBeUndefined();
  });
});

describe('the pool useBackend asks tfjs-wasm for', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('in Node: the threads given, else the cores this process may use; tfjs-wasm stays single-threaded there', async () => {
    expect(await planWasmThreads(5, 'node')).toMatchObject({ threads: 5 });
    const plan = await planWasmThreads(undefined, 'node');
    expect(plan.threads).toBe(availableParallelism());
    expect(plan.singleThreaded).toMatch(/single-threaded in Node/);
  });

  it('in a cross-origin isolated page: navigator.hardwareConcurrency, or the threads given', async () => {
    vi.stubGlobal('crossOriginIsolated', true);
    vi.stubGlobal('navigator', { hardwareConcurrency: 6 });
    expect(await planWasmThreads(undefined, 'browser')).toEqual({ threads: 6 });
    expect(await planWasmThreads(2, 'browser')).toEqual({ threads: 2 });
  });

  it('in a page that is not cross-origin isolated: one thread, and why', async () => {
    vi.stubGlobal('crossOriginIsolated', false);
    vi.stubGlobal('navigator', { hardwareConcurrency: 6 });
    const plan = await planWasmThreads(4, 'browser');
    expect(plan.threads).toBe(1);
    expect(plan.singleThreaded).toMatch(/not cross-origin isolated.*Cross-Origin-Opener-Policy: same-origin/);
  });

  it('reports multi-threaded where the pool has more than one thread, else the reason', () => {
    expect(wasmThreadDetails({ threads: 4 }, 4, false)).toEqual({ threads: 4, threadsRequested: 4, threading: 'multi-threaded' });
    expect(wasmThreadDetails({ threads: 4 }, 1, false).threading).toMatch(/^single-threaded: tfjs-backend-wasm loaded its single-threaded build/);
    expect(wasmThreadDetails({ threads: 4 }, 1, true).threading).toMatch(/^single-threaded: the wasm backend had already started/);
    expect(wasmThreadDetails({ threads: 1 }, 1, false).threading).toBe('single-threaded: one thread was asked for');
  });
});

describe("useBackend('wasm') in Node", () => {
  it('asks for the threads given before the backend starts and reports what tfjs-wasm got', async () => {
    const info = await useBackend('wasm', { threads: 3 });
    expect(info.name).toBe('wasm');
    expect(info.details).toMatchObject({ threads: 1, threadsRequested: 3 });
    expect(info.details?.['threading']).toMatch(/^single-threaded: tfjs-backend-wasm runs single-threaded in Node/);
  });

  it('says so when the backend had started before', async () => {
    const info = await useBackend('wasm');
    expect(info.details).toMatchObject({ threads: 1, threadsRequested: availableParallelism() });
    expect(info.details?.['threading']).toMatch(/had already started/);
  });
});
