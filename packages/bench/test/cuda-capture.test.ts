// --cuda-capture: on cuda, one more train-step contender per model (variant layer-captured) that runs its step
// through captureStep, on its own model and optimizer; the ratios compare it with the baseline's layer. Runs on
// cpu with a stand-in for captureStep that records what it was given and runs the step.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerInstalledBases } from '@kanjs/kan-layers/node';
import { buildGroup, type CaptureStepFn } from '../src/contenders.js';
import { benchCase } from '../src/presets.js';

beforeAll(async () => {
  await registerInstalledBases();
  await tf.setBackend('cpu');
});

/** A captureStep that counts captures, calls and disposals, and runs the step uncaptured. */
function recordingCapture() {
  const counts = { captures: 0, calls: 0, disposed: 0 };
  const captureStep: CaptureStepFn = (fn) => {
    counts.captures++;
    return Object.assign(
      () => {
        counts.calls++;
        return fn();
      },
      { dispose: () => void counts.disposed++ },
    );
  };
  return { counts, captureStep };
}

describe('captured train-steps in the bench', () => {
  it('adds a layer-captured train-step per model on cuda, stepping through captureStep', async () => {
    const { counts, captureStep } = recordingCapture();
    const group = buildGroup({
      backend: 'cuda', benchCase: benchCase([3, 2], 4), bases: ['gaussian'], layers: ['fastkan'], ops: ['forward', 'train-step'], seed: 1, captureStep,
    });
    try {
      expect(group.contenders.map((c) => `${c.op}/${c.variant}`)).toEqual(['forward/layer', 'train-step/layer', 'train-step/layer-captured']);
      const captured = group.contenders.find((c) => c.variant === 'layer-captured')!;
      await captured.step(true);
      await captured.step(true);
      expect(counts).toEqual({ captures: 1, calls: 2, disposed: 0 });
      expect((await captured.check()).finite).toBe(true);
    } finally {
      group.dispose();
    }
    expect(counts.disposed).toBe(1);
  });

  it('adds none on other backends', () => {
    const { counts, captureStep } = recordingCapture();
    const group = buildGroup({ backend: 'webgpu', benchCase: benchCase([3, 2], 4), bases: ['gaussian'], layers: ['fastkan'], ops: ['train-step'], seed: 1, captureStep });
    expect(group.contenders.map((c) => c.variant)).toEqual(['layer']);
    group.dispose();
    expect(counts.captures).toBe(0);
  });
});
