// captureStep on the GPU: 100 AdamW steps of FastKAN and KANLinear [784, 64, 10], replayed from one CUDA graph,
// end with the same weights, bit for bit, as the same steps run normally, and return the same losses; other
// shapes and uncapturable steps fall back; dispose gives the memory back. Skips without a CUDA device.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import '@kanjs/basis-bspline/register';
import '@kanjs/basis-gaussian/register';
import { afterAll, describe, expect, it } from 'vitest';
import { AdamW, kan, softmaxCrossEntropy } from '@kanjs/kan-layers';
import { CudaBackend, captureStep, setTF32 } from '../src/index.js';
import { cudaOrSkipReason } from './device.js';

const skip = (await cudaOrSkipReason()) !== null;
afterAll(async () => {
  await tf.setBackend('cpu');
});

const WIDTHS = [784, 64, 10];
const MODELS = [
  { layer: 'fastkan', basis: 'gaussian' },
  { layer: 'kan-linear', basis: 'bspline' },
] as const;

/** Deterministic batches: pixels in [0, 1) and labels, from a small LCG. */
function batches(sizes: readonly number[], seed: number): { pixels: Float32Array; labels: Int32Array }[] {
  let state = seed >>> 0;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return sizes.map((size) => ({
    pixels: Float32Array.from({ length: size * WIDTHS[0]! }, next),
    labels: Int32Array.from({ length: size }, () => Math.floor(next() * 10)),
  }));
}

type Model = (typeof MODELS)[number];
type Step = (x: tf.Tensor, y: tf.Tensor) => tf.Scalar;

/** A model with fixed initial weights, its optimizer, and the training step over them. */
function setup({ layer, basis }: Model) {
  const model = kan({ layers: WIDTHS, layer, basis, seed: 7 });
  const optimizer = new AdamW(1e-3, 1e-4);
  const fn: Step = (x, y) => optimizer.minimize(() => softmaxCrossEntropy(y as tf.Tensor2D, model.apply(x, { training: true }) as tf.Tensor2D), true)!;
  return { model, optimizer, fn, dispose: () => (model.dispose(), optimizer.dispose()) };
}

/** Trains over the batches, one step call each; returns the losses and every weight's bytes (the model's and AdamW's). */
async function train(model: Model, data: ReturnType<typeof batches>, wrap: (fn: Step) => Step & { dispose?: () => void }) {
  const { model: net, optimizer, fn, dispose } = setup(model);
  const step = wrap(fn);
  const losses: tf.Scalar[] = [];
  for (const batch of data) {
    const [x, y] = tf.tidy(() => [tf.tensor2d(batch.pixels, [batch.labels.length, WIDTHS[0]!]), tf.oneHot(tf.tensor1d(batch.labels, 'int32'), 10)]);
    losses.push(step(x!, y!));
    tf.dispose([x!, y!]);
  }
  const lossValues = new Float32Array(losses.length);
  for (const [i, loss] of losses.entries()) lossValues[i] = (await loss.data())[0]!;
  tf.dispose(losses);
  const slots = await optimizer.getWeights();
  const weights = [...net.getWeights(), ...slots.slice(1).map((s) => s.tensor)].map((w) => new Uint8Array((w.dataSync() as Float32Array).slice().buffer));
  tf.dispose(slots.map((s) => s.tensor));
  step.dispose?.();
  dispose();
  return { losses: lossValues, weights };
}

const noWarnings = (note: string) => {
  throw new Error(`unexpected note: ${note}`);
};

describe.skipIf(skip)('captureStep on cuda', () => {
  for (const model of MODELS) {
    it(`replays 100 AdamW steps of ${model.layer} [784, 64, 10] bit for bit`, async () => {
      setTF32(false);
      const data = batches(Array.from({ length: 100 }, () => 64), 11);
      const plain = await train(model, data, (fn) => fn);
      let captured: ReturnType<typeof captureStep> | undefined;
      const replayed = await train(model, data, (fn) => (captured = captureStep(fn, { warn: noWarnings })) as never);
      expect(captured!.state).toBe('captured');
      expect(replayed.losses).toEqual(plain.losses);
      expect(replayed.weights.length).toBe(plain.weights.length);
      replayed.weights.forEach((bytes, i) => expect(Buffer.compare(bytes, plain.weights[i]!), `weight ${i}`).toBe(0));
    });
  }

  it('runs a batch of another shape uncaptured, with a note, and stays exact around it', async () => {
    const model = MODELS[0];
    const data = batches([64, 64, 64, 64, 32, 32, 64, 64, 64, 64], 5);
    const plain = await train(model, data, (fn) => fn);
    const notes: string[] = [];
    const replayed = await train(model, data, (fn) => captureStep(fn, { warn: (note) => notes.push(note) }) as never);
    expect(notes).toEqual(['captureStep: inputs [32,784] float32, [32,10] int32 differ from the captured [64,784] float32, [64,10] int32; this call runs uncaptured (normal execution).']);
    expect(replayed.losses).toEqual(plain.losses);
    replayed.weights.forEach((bytes, i) => expect(Buffer.compare(bytes, plain.weights[i]!), `weight ${i}`).toBe(0));
  });

  it('falls back with one note when the step has a kernel forwarded to the CPU', async () => {
    const { model, optimizer, dispose } = setup(MODELS[0]);
    const notes: string[] = [];
    const step = captureStep(
      (x: tf.Tensor, y: tf.Tensor) =>
        optimizer.minimize(() => softmaxCrossEntropy(y as tf.Tensor2D, tf.cumsum(model.apply(x) as tf.Tensor2D, 1) as tf.Tensor2D), true)!,
      { warn: (note) => notes.push(note) },
    );
    const [x, y] = tf.tidy(() => [tf.randomUniform([64, 784]), tf.oneHot(tf.tensor1d(batches([64], 3)[0]!.labels, 'int32'), 10)]);
    const losses = [step(x!, y!), step(x!, y!), step(x!, y!)];
    expect(step.state).toBe('uncaptured');
    expect(step.note).toMatch(/Cumsum through CPU forwarding/);
    expect(notes).toHaveLength(1);
    for (const loss of losses) expect(Number.isFinite((await loss.data())[0])).toBe(true);
    tf.dispose([...losses, x!, y!]);
    step.dispose();
    dispose();
  });

  it('keeps the tensor count across replays and gives its memory back on dispose', async () => {
    const { fn, dispose } = setup(MODELS[0]);
    const backend = tf.backend() as CudaBackend;
    const [x, y] = tf.tidy(() => [tf.randomUniform([64, 784]), tf.oneHot(tf.tensor1d(batches([64], 4)[0]!.labels, 'int32'), 10)]);
    fn(x!, y!).dispose(); // AdamW's slots exist from here on
    const tensors = tf.memory().numTensors;
    const bytes = backend.memory().numBytesInGPU;
    const step = captureStep(fn, { warn: noWarnings });
    const counts: number[] = [];
    for (let i = 0; i < 10; i++) {
      step(x!, y!).dispose();
      counts.push(tf.memory().numTensors);
    }
    expect(step.state).toBe('captured');
    expect(new Set(counts.slice(2)).size).toBe(1);
    expect(backend.memory().numBytesInGraphs).toBeGreaterThan(0);
    step.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.memory().numBytesInGPU).toBe(bytes);
    expect(backend.memory().numBytesInGraphs).toBe(0);
    tf.dispose([x!, y!]);
    dispose();
  });
});
