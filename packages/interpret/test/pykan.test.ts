// pykan checkpoints: loadPyKAN against pykan's own forward and input gradients (fixtures made by pykan's code,
// test/fixtures/make_pykan_fixtures.py), savePyKAN → loadPyKAN round trips, and one clear error per bad input.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { KANLinear, KANNodes, kan, kanLayers, kanNodes } from '@kanjs/kan-layers';
import { PyKANError, loadPyKAN, readTorchState, savePyKAN, writeTorchState } from '@kanjs/interpret';
import { writeZip } from '../src/pykan/zip.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'pykan-checkpoints');
const ROUND_TRIP = path.join(import.meta.dirname, 'fixtures', 'kanjs-written');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Reference {
  readonly dtype: string;
  readonly x: number[][];
  readonly y: number[][];
  readonly dx: number[][];
}

function checkpoint(name: string): { state: Uint8Array; config: string } {
  return {
    state: new Uint8Array(fs.readFileSync(path.join(FIXTURES, `${name}_state`))),
    config: fs.readFileSync(path.join(FIXTURES, `${name}_config.yml`), 'utf8'),
  };
}

function outputsAndGradients(model: tfl.LayersModel, x: number[][]): { y: number[][]; dx: number[][] } {
  return tf.tidy(() => {
    const input = tf.tensor2d(x);
    const y = model.predict(input) as tf.Tensor2D;
    const dx = tf.grad((v: tf.Tensor) => tf.sum(model.apply(v) as tf.Tensor))(input) as tf.Tensor2D;
    return { y: y.arraySync(), dx: dx.arraySync() };
  });
}

/** max |a − b| / (scale + |b|), with scale the largest |b|·1e-2 so that values near 0 are judged on the data's scale. */
function relativeError(actual: number[][], expected: number[][]): number {
  const flat = expected.flat();
  const floor = 1e-2 * Math.max(...flat.map(Math.abs), 1e-12);
  return Math.max(...actual.flat().map((v, n) => Math.abs(v - flat[n]!) / (floor + Math.abs(flat[n]!))));
}

const names = fs.readdirSync(FIXTURES).filter((file) => file.endsWith('.json') && fs.existsSync(path.join(FIXTURES, file.replace(/\.json$/, '_state'))))
  .map((file) => file.replace(/\.json$/, ''));

describe('loadPyKAN matches pykan', () => {
  it('has the fixtures pykan wrote', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  it.each(names)('%s: forward within 1e-4 and input gradient within 1e-3 (relative)', async (name) => {
    const reference = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Reference;
    const model = await loadPyKAN(checkpoint(name));
    const { y, dx } = outputsAndGradients(model, reference.x);
    expect(relativeError(y, reference.y)).toBeLessThanOrEqual(1e-4);
    expect(relativeError(dx, reference.dx)).toBeLessThanOrEqual(1e-3);
    const count = tf.memory().numTensors;
    outputsAndGradients(model, reference.x);
    expect(tf.memory().numTensors).toBe(count);
  });
});

/** A kanjs model with symbolic edges, masks and mult nodes: what savePyKAN must carry over. */
function richModel(): tfl.Sequential {
  const model = tfl.sequential();
  const basis = { name: 'bspline', gridSize: 4, splineOrder: 2 };
  const first = new KANLinear({ units: 4, seed: 3, basis, inputShape: [3] });
  model.add(first);
  model.add(new KANNodes({ nSum: 2, nMult: 1, multArity: 2 }));
  model.add(new KANLinear({ units: 2, seed: 4, basis }));
  first.fixSymbolic(0, 1, 'sin', [1.2, 0.1, 0.8, -0.05]);
  first.fixSymbolic(2, 3, 'x^2', [0.7, -0.2, 1.1, 0.02]);
  first.setEdgeMask(1, 0, 0);
  const nodes = kanNodes(model)[0]!;
  const values = nodes.weights.map((w, n) => tf.add(tf.ones(w.shape as number[]), n * 0.1 - 0.15));
  nodes.setWeights(values);
  tf.dispose(values);
  return model;
}

describe('savePyKAN', () => {
  it('writes files that loadPyKAN reads back to the same forward', async () => {
    for (const [name, model, dtype] of [
      ['plain', kan({ layers: [2, 5, 1], seed: 1 }), 'float32'],
      ['rich', richModel(), 'float64'],
    ] as const) {
      const files = savePyKAN(model, { dtype });
      const loaded = await loadPyKAN(files);
      const x = Array.from({ length: 8 }, (_, b) => Array.from({ length: kanLayers(model)[0]!.inFeatures }, (_, i) => Math.sin(3 * b + i) * 0.9));
      const ours = outputsAndGradients(model, x);
      const back = outputsAndGradients(loaded, x);
      expect(relativeError(back.y, ours.y)).toBeLessThanOrEqual(1e-6);
      expect((await readTorchState(files.state)).get('act_fun.0.coef')!.dtype).toBe(dtype);
      if (process.env['KANJS_WRITE_PYKAN'] === '1') {
        // For make_pykan_fixtures.py --check: pykan's loadckpt reads these and compares its forward with ours.
        fs.mkdirSync(ROUND_TRIP, { recursive: true });
        fs.writeFileSync(path.join(ROUND_TRIP, `${name}_state`), files.state);
        fs.writeFileSync(path.join(ROUND_TRIP, `${name}_config.yml`), files.config);
        fs.writeFileSync(path.join(ROUND_TRIP, `${name}_cache_data`), files.cacheData);
        fs.writeFileSync(path.join(ROUND_TRIP, `${name}.json`), JSON.stringify({ dtype, x, y: ours.y }));
      }
    }
  });

  it('refuses a model pykan cannot hold', () => {
    expect(() => savePyKAN(kan({ layers: [2, 2], layer: 'fastkan' }))).toThrow(/pykan layers are B-spline KANLinear layers; layer 0 is a FastKANLayer over gaussian/);
  });
});

describe('bad input', () => {
  const good = (): { state: Uint8Array; config: string } => savePyKAN(kan({ layers: [2, 3, 1], seed: 2 }));

  it('not a zip, or a truncated zip', async () => {
    await expect(loadPyKAN({ ...good(), state: new TextEncoder().encode('hello') })).rejects.toThrow(/expected a zip \(torch.save's format/);
    const { state, config } = good();
    await expect(loadPyKAN({ state: state.subarray(0, state.length - 30), config })).rejects.toThrow(/truncated zip/);
  });

  it('a pickle with an unsupported global or opcode', async () => {
    const pickle = Uint8Array.from('\x80\x02cos\nsystem\nq\x00.', (c) => c.charCodeAt(0));
    await expect(loadPyKAN({ ...good(), state: zipWithPickle(pickle) })).rejects.toThrow(/asks for the global os.system; a state dict may only use collections.OrderedDict/);
    const opcode = zipWithPickle(Uint8Array.from([0x80, 2, 0x69, 0x2e]));
    await expect(loadPyKAN({ ...good(), state: opcode })).rejects.toThrow(/unsupported pickle opcode 0x69 \("i"\) at byte 2/);
  });

  it('storages that disagree with the shapes', async () => {
    const { state, config } = good();
    const entries = await readTorchState(state);
    const coef = entries.get('act_fun.0.coef')!;
    const short = writeTorchState([{ name: 'act_fun.0.coef', shape: [...coef.shape], values: coef.values.subarray(0, 5), dtype: 'float32' }]);
    // The pickle says [2, 3, 8] while its storage holds 5 values.
    await expect(loadPyKAN({ state: short, config })).rejects.toThrow(/act_fun.0.coef" \(shape \[2, 3, 8\], float32\) needs 192 bytes of a storage of 48 elements, but its storage file has 20 bytes/);
  });

  it('a config whose widths disagree with the state dict', async () => {
    const { state, config } = good();
    const wider = config.replace(/\nwidth:[\s\S]*$/, '\nwidth:\n- [2, 0]\n- [4, 0]\n- [1, 0]\n');
    expect(wider).not.toBe(config);
    await expect(loadPyKAN({ state, config: wider })).rejects.toThrow(/symbolic.funs_name.0 should be 4 × 2|config widths disagree with the state dict/);
    await expect(loadPyKAN({ state, config: 'width: [2, 1]\n' })).rejects.toThrow(PyKANError);
  });
});

/** A torch zip whose archive/data.pkl is `pickle`, to feed the pickle reader bad pickles. */
function zipWithPickle(pickle: Uint8Array): Uint8Array {
  return writeZip([{ name: 'archive/data.pkl', data: pickle }, { name: 'archive/version', data: new TextEncoder().encode('3\n') }]);
}
