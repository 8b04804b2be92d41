// --cuda-paths: forced KanBasisLinear paths become extra contenders (variants layer-simt/layer-vendor and
// simt/vendor) that set the path around each call, and the ratios pair them with generic and with the baseline's
// own variant. Runs on cpu: the path setter is a recording stand-in, and cuda's fused op is declared, not run.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerFusedBasisLinear } from '@kanjs/kernels';
import { registerInstalledBases } from '@kanjs/kan-layers/node';
import { buildGroup } from '../src/contenders.js';
import { benchCase } from '../src/presets.js';
import { computeRatios } from '../src/ratios.js';
import type { Measurement } from '../src/types.js';

beforeAll(async () => {
  await registerInstalledBases();
  registerFusedBasisLinear('cuda', () => true); // as @kanjs/backend-cuda declares it; the ops run on cpu here
  await tf.setBackend('cpu');
});

describe('forced cuda paths in the bench', () => {
  it('adds one contender per forced path and model op or fused branch op, each setting the path around its call', async () => {
    const calls: string[] = [];
    const group = buildGroup({
      backend: 'cuda', benchCase: benchCase([3, 2], 4), bases: ['gaussian'], layers: ['fastkan'], ops: ['forward', 'basis-linear-forward'], seed: 1,
      cudaPaths: { paths: ['fused', 'vendor'], setPath: (path) => calls.push(path) },
    });
    try {
      expect(group.contenders.map((c) => `${c.op}/${c.variant}`)).toEqual([
        'forward/layer', 'forward/layer-simt', 'forward/layer-vendor',
        'basis-linear-forward/fused', 'basis-linear-forward/simt', 'basis-linear-forward/vendor', 'basis-linear-forward/generic',
      ]);
      for (const c of group.contenders) await c.step(true);
      expect(calls).toEqual(['fused', 'auto', 'vendor', 'auto', 'fused', 'auto', 'vendor', 'auto']);
    } finally {
      group.dispose();
    }
  });

  it('gives no forced contenders on other backends', () => {
    const group = buildGroup({
      backend: 'webgpu', benchCase: benchCase([3, 2], 4), bases: ['gaussian'], layers: ['fastkan'], ops: ['forward'], seed: 1,
      cudaPaths: { paths: ['vendor'], setPath: () => undefined },
    });
    expect(group.contenders.map((c) => c.variant)).toEqual(['layer']);
    group.dispose();
  });

  it('pairs generic with simt and vendor, and a forced layer with the baseline backend’s layer', () => {
    const m = (backend: string, op: Measurement['op'], variant: Measurement['variant'], ms: number): Measurement => ({
      id: `${backend}/c/${variant.startsWith('layer') ? 'fastkan' : '-'}/gaussian/${op}/${variant}`, backend, runtime: 'tfjs', caseId: 'c', kind: 'layer', shape: { in: 3, out: 2 },
      network: [3, 2], batch: 4, dtype: 'float32', basis: 'gaussian', basisConfig: {}, layer: variant.startsWith('layer') ? 'fastkan' : null, op, variant,
      group: `${backend}/c`, warmup: 0, repeats: 1, inner: 1, timeMs: { median: ms, p25: ms, p75: ms, min: ms, max: ms, mean: ms }, samplesMs: [ms],
      params: 0, nonTrainableParams: 0, memory: { peakAddedBytes: 0, persistentBytes: 0, peakBytes: 0, method: 'none', backend: {} }, finite: true,
    });
    const ratios = computeRatios([
      m('cuda', 'basis-linear-forward', 'generic', 4), m('cuda', 'basis-linear-forward', 'simt', 2), m('cuda', 'basis-linear-forward', 'vendor', 1),
      m('cuda', 'forward', 'layer-vendor', 3), m('torch-cuda', 'forward', 'layer', 6),
    ], 'torch-cuda');
    expect(ratios.map((r) => [r.label, r.ratio])).toEqual([
      ['gaussian: generic / simt', 2],
      ['gaussian: generic / vendor', 4],
      ['cuda / torch-cuda', 0.5],
    ]);
  });
});
