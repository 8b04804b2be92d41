// The smoke preset, run programmatically on cpu with few repeats: the result validates against the committed
// JSON Schema, covers every combination or says why not, and writes its files.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS, SCHEMA_PATH, renderMarkdown, runBench, writeResult, type BenchResult, type ProgressEvent } from '@kanjs/bench';

const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object;

describe('the smoke preset on cpu', () => {
  let result: BenchResult;
  const events: ProgressEvent[] = [];
  const logs: string[] = [];
  let tensorsBefore = 0;
  const out = mkdtempSync(join(tmpdir(), 'kanjs-bench-'));

  beforeAll(async () => {
    await tf.setBackend('cpu');
    tensorsBefore = tf.memory().numTensors;
    result = await runBench({
      preset: 'smoke', backends: ['cpu'], repeats: 2, warmup: 1, torch: 'off',
      onProgress: (e) => events.push(e), log: (line) => logs.push(line),
    });
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('validates against bench.schema.json', () => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    const ok = validate(JSON.parse(JSON.stringify(result)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('measures every basis × layer kind × op on every case, finite, with parameters and memory', () => {
    const cases = PRESETS.smoke.cases;
    for (const c of cases) {
      for (const layer of ['fastkan', 'kan-linear'] as const) {
        for (const basis of ['bspline', 'gaussian']) {
          for (const op of ['forward', 'forward-backward', 'train-step'] as const) {
            const m = result.measurements.find((x) => x.caseId === c.id && x.layer === layer && x.basis === basis && x.op === op);
            expect(m, `${c.id} ${layer} ${basis} ${op}`).toBeDefined();
            expect(m!.finite).toBe(true);
            expect(m!.samplesMs).toHaveLength(2);
            expect(m!.params).toBeGreaterThan(0);
            expect(m!.memory.peakBytes).toBeGreaterThan(0);
            expect(m!.dtype).toBe('float32');
            expect(m!.network).toEqual(c.widths);
            expect(m!.batch).toBe(c.batch);
          }
        }
      }
    }
    // The spline branch alone (single-layer cases): generic, and fused through @kanjs/backend-wasm's cpu kernels,
    // which the workspace installs and `useBackend('cpu')` registers, for both bases.
    const layerCases = cases.filter((c) => c.kind === 'layer').length;
    const spline = (variant: string) => result.measurements.filter((m) => m.op === 'basis-linear-forward' && m.variant === variant);
    expect(spline('generic').length).toBe(2 * layerCases);
    expect(spline('fused').length).toBe(2 * layerCases);
    expect(spline('fused').every((m) => m.finite)).toBe(true);
    expect(result.skipped.some((s) => s.variant === 'fused')).toBe(false);
  });

  it('counts parameters the way the layers define them', () => {
    const layer = result.measurements.find((m) => m.caseId === 'layer-100x100-b8' && m.layer === 'kan-linear' && m.basis === 'bspline' && m.op === 'forward')!;
    // base_weight + spline_weight (K = 8) + spline_scaler, and the [in, G+2k+1] grid.
    expect(layer.params).toBe(100 * 100 + 100 * 8 * 100 + 100 * 100);
    expect(layer.nonTrainableParams).toBe(100 * 12);
    const branch = result.measurements.find((m) => m.caseId === 'layer-100x100-b8' && m.op === 'basis-linear-forward' && m.basis === 'gaussian')!;
    expect(branch.params).toBe(100 * 8 * 100);
  });

  it('reports the paper ratio for each case, and the records a result needs', () => {
    const paper = result.ratios.filter((r) => r.kind === 'paper' && r.op === 'forward');
    expect(paper.map((r) => r.caseId).sort()).toEqual(PRESETS.smoke.cases.map((c) => c.id).sort());
    for (const r of paper) {
      expect(r.interleaved).toBe(true);
      expect(r.ratio).toBeGreaterThanOrEqual(r.spread.p25);
      expect(r.ratio).toBeLessThanOrEqual(r.spread.p75);
    }
    expect(result.commit).toMatch(/^([0-9a-f]{40}|unknown)$/);
    expect(result.packages['@tensorflow/tfjs-core']).toBe('4.22.0');
    expect(result.backends).toEqual([expect.objectContaining({ name: 'cpu', available: true, selected: true, info: expect.objectContaining({ name: 'cpu' }) })]);
    expect(result.torch).toEqual(expect.objectContaining({ available: false }));
    expect(result.approx?.splineFit.best.hRatio).toBeGreaterThan(0);
  });

  it('reports progress up to the planned total, and leaks no tensors', () => {
    expect(events.length).toBeGreaterThan(10);
    const last = events[events.length - 1]!;
    expect(last.done).toBe(last.total);
    expect(events.every((e, i) => i === 0 || e.done >= events[i - 1]!.done)).toBe(true);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('writes JSON, markdown with the paper table, and SVG charts', () => {
    const written = writeResult(result, { outDir: out, name: 'smoke' });
    const files = readdirSync(out).sort();
    expect(files).toEqual(expect.arrayContaining(['smoke.json', 'smoke.md', 'smoke-forward.svg', 'smoke-sweep-forward.svg', 'smoke-approx.svg']));
    expect(written).toHaveLength(files.length);
    const md = readFileSync(join(out, 'smoke.md'), 'utf8');
    expect(md).toContain("## The paper's claim");
    expect(md).toMatch(/\| backend \| shape @batch \| efficient-KAN ms \| FastKAN ms \| efficient-KAN \/ FastKAN \|/);
    expect(md).toContain('![smoke-forward.svg](smoke-forward.svg)');
    for (const svg of files.filter((f) => f.endsWith('.svg'))) {
      const text = readFileSync(join(out, svg), 'utf8');
      expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(text.trim().endsWith('</svg>')).toBe(true);
      expect(text).not.toMatch(/NaN|undefined|Infinity/);
    }
    expect(JSON.parse(readFileSync(join(out, 'smoke.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(result)));
    expect(renderMarkdown(result)).toContain('cpu');
  });
});
