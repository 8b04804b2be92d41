// captureStep's bookkeeping without a GPU: with the recording stand-in for the addon nothing runs, but the
// capture's order (warm-up, capture, replays), its fallbacks and its references are real.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@kanjs/basis-bspline/register';
import '@kanjs/basis-gaussian/register';
import { AdamW, kan, softmaxCrossEntropy } from '@kanjs/kan-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CudaBackend, captureStep } from '../src/index.js';
import { RecordingAddon } from './recording-addon.js';

let addon: RecordingAddon;

beforeAll(async () => {
  tf.removeBackend('cuda');
  addon = new RecordingAddon();
  tf.registerBackend('cuda', () => new CudaBackend({ native: addon, kernelCache: false }));
  await tf.setBackend('cuda');
});
afterAll(async () => {
  await tf.setBackend('cpu');
  tf.removeBackend('cuda');
});

/** A step that moves a variable, as an optimizer does: w ← w − 0.1·x. */
function sgdStep(w: tf.Variable) {
  let calls = 0;
  const fn = (x: tf.Tensor) => {
    calls++;
    w.assign(tf.sub(w, tf.mul(x, 0.1)));
    return tf.sum(w);
  };
  return { fn, calls: () => calls };
}

describe('captureStep (recording addon)', () => {
  it('runs the step once to warm up, captures it once, then only launches the graph', () => {
    const w = tf.variable(tf.zeros([4]));
    const { fn, calls } = sgdStep(w);
    const step = captureStep(fn, { warn: () => {} });
    const x = tf.ones([4]);
    const replaysBefore = addon.replays.size;
    for (let i = 0; i < 5; i++) tf.dispose(step(x));
    expect(calls()).toBe(2);
    expect(step.state).toBe('captured');
    expect(addon.replays.size).toBe(replaysBefore + 1);
    expect([...addon.replays.values()].at(-1)).toBe(4); // the capture's own launch, then three replays
    const graph = [...addon.graphs.values()].at(-1)!;
    expect(graph).toContain('sub_f');
    step.dispose();
    tf.dispose([w, x]);
  });

  it('points each moved variable back at the buffer the graph reads, and keeps no tensors', () => {
    const w = tf.variable(tf.zeros([4]));
    const { fn } = sgdStep(w);
    const x = tf.ones([4]);
    const step = captureStep(fn, x);
    tf.dispose(step(x)); // warm-up
    const tensors = tf.memory().numTensors;
    const buffers = tf.backend().numDataIds();
    const before = w.dataId;
    tf.dispose(step(x)); // capture
    expect(w.dataId).toBe(before);
    for (let i = 0; i < 3; i++) tf.dispose(step(x));
    expect(w.dataId).toBe(before);
    step.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.backend().numDataIds()).toBe(buffers);
    tf.dispose([w, x]);
  });

  it('binds only the variables the graph uses: one moved elsewhere is put back, an unrelated one is left alone', () => {
    const w = tf.variable(tf.zeros([4]));
    const scale = tf.variable(tf.ones([4]), false); // read by the step, never assigned by it
    const unrelated = tf.variable(tf.zeros([2]));
    const step = captureStep(() => {
      w.assign(tf.add(w, scale));
      return tf.sum(w);
    });
    tf.dispose([step(), step()]); // warm-up, capture
    const scaleBuffer = scale.dataId;
    scale.assign(tf.fill([4], 2));
    unrelated.assign(tf.ones([2]));
    const unrelatedBuffer = unrelated.dataId;
    tf.dispose(step());
    expect(scale.dataId).toBe(scaleBuffer); // copied back to where the graph reads it
    expect(unrelated.dataId).toBe(unrelatedBuffer);
    step.dispose();
    tf.dispose([w, scale, unrelated]);
  });

  it('runs other shapes uncaptured, with one note per shape', () => {
    const w = tf.variable(tf.zeros([4]));
    const { fn, calls } = sgdStep(w);
    const notes: string[] = [];
    const step = captureStep(fn, { inputs: [tf.ones([4])], warn: (note) => notes.push(note) });
    const x = tf.ones([4]);
    tf.dispose([step(x), step(x)]);
    const odd = tf.ones([1]);
    tf.dispose([step(odd), step(odd), step(x)]);
    expect(notes).toEqual(['captureStep: inputs [1] float32 differ from the captured [4] float32; this call runs uncaptured (normal execution).']);
    expect(calls()).toBe(4); // warm-up, capture, and the two [1] calls
    expect(step.state).toBe('captured');
    step.dispose();
    tf.dispose([w, x, odd]);
  });

  it('falls back for good when the step reads a value back, leaving the variables as they were', () => {
    const w = tf.variable(tf.zeros([4]));
    const notes: string[] = [];
    let calls = 0;
    const step = captureStep(
      () => {
        calls++;
        const next = tf.add(w, 1);
        next.dataSync(); // a read back: cannot be captured
        w.assign(next);
        return next;
      },
      { warn: (note) => notes.push(note) },
    );
    tf.dispose(step()); // warm-up
    const before = w.dataId;
    const tensors = tf.memory().numTensors;
    const result = step(); // the capture fails; the step then runs uncaptured
    expect(step.state).toBe('uncaptured');
    expect(step.note).toMatch(/reads device values back/);
    expect(notes).toHaveLength(1);
    expect(calls).toBe(3); // warm-up, the failed capture, the uncaptured rerun
    expect(w.dataId).not.toBe(before); // moved by the uncaptured rerun, not left on a captured buffer
    result.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose(step());
    expect(calls).toBe(4);
    step.dispose();
    w.dispose();
  });

  it('names a kernel forwarded to the CPU as the reason', () => {
    const notes: string[] = [];
    const step = captureStep((x: tf.Tensor) => tf.cumsum(tf.add(x, 1)), { warn: (note) => notes.push(note) });
    const x = tf.ones([3]);
    tf.dispose([step(x), step(x), step(x)]);
    expect(step.state).toBe('uncaptured');
    expect(step.note).toMatch(/Cumsum through CPU forwarding/);
    expect(notes).toHaveLength(1);
    step.dispose();
    x.dispose();
  });

  for (const [layer, basis] of [['fastkan', 'gaussian'], ['kan-linear', 'bspline']] as const) {
    it(`captures a whole ${layer} AdamW step: no read back, nothing forwarded, the variables in place`, () => {
      const model = kan({ layers: [12, 6, 3], layer, basis, seed: 1 });
      const optimizer = new AdamW(1e-3, 1e-4);
      const step = captureStep(
        (x: tf.Tensor, y: tf.Tensor) => optimizer.minimize(() => softmaxCrossEntropy(y as tf.Tensor2D, model.apply(x, { training: true }) as tf.Tensor2D), true)!,
        { warn: (note) => { throw new Error(note); } },
      );
      const x = tf.randomUniform([5, 12], -1, 1, 'float32', 1);
      const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1], 'int32'), 3);
      tf.dispose(step(x, y)); // warm-up: AdamW's slots appear
      const buffers = Object.values(tf.engine().registeredVariables).map((v) => v.dataId);
      const tensors = tf.memory().numTensors;
      for (let i = 0; i < 4; i++) tf.dispose(step(x, y));
      expect(step.state).toBe('captured');
      expect([...addon.graphs.values()].at(-1)!.length).toBeGreaterThan(20);
      expect(Object.values(tf.engine().registeredVariables).map((v) => v.dataId)).toEqual(buffers);
      expect(tf.memory().numTensors).toBe(tensors + 2 + 1); // the static inputs and the graph's loss, until dispose
      step.dispose();
      expect(tf.memory().numTensors).toBe(tensors);
      tf.dispose([x, y]);
      optimizer.dispose();
      model.dispose();
    });
  }

  it('simply runs the step on other backends', async () => {
    await tf.setBackend('cpu');
    const step = captureStep((x: tf.Tensor) => tf.add(x, 1));
    const y = step(tf.ones([2]));
    expect(Array.from(y.dataSync())).toEqual([2, 2]);
    expect(step.state).toBe('warm-up');
    step.dispose();
    await tf.setBackend('cuda');
  });
});
