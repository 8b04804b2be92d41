// Saving and loading KAN models: tf.io memory handlers (layer classes and basis configs through JSON), the Node
// folder handler `fileSystem(dir)`, atomic writes, and one clear error for each kind of broken folder.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FastKANLayer, KANLinear, kan, kanLayers, updateGrid, type KANModelOptions } from '@kanjs/kan-layers';
import { fileSystem, writeFileAtomic } from '@kanjs/kan-layers/node';
import { rng, uniform } from '@kanjs/testing';
import { setWeights, useCpu, weightsOf } from './helpers.js';

beforeAll(useCpu);

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanjs-'));
  temps.push(dir);
  return dir;
}

/** A model from `kan()` whose every trainable weight is random, so that a lost or swapped weight shows. */
function randomModel(options: KANModelOptions, seed: number): tfl.Sequential {
  const model = kan(options);
  const random = rng(seed);
  for (const layer of kanLayers(model)) {
    const trainable = new Set(layer.trainableWeights.map((w) => w.originalName.split('/').pop()!));
    const values: Record<string, Float64Array> = {};
    for (const [name, data] of Object.entries(weightsOf(layer))) {
      if (trainable.has(name)) values[name] = uniform(random, data.length, name === 'layernorm_gamma' ? 0.5 : -1, name === 'layernorm_gamma' ? 1.5 : 1);
    }
    setWeights(layer, values);
  }
  return model;
}

function inputs(width: number, batch: number, seed: number): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(uniform(rng(seed), batch * width, -1.5, 1.5)), [batch, width]);
}

function predict(model: tfl.LayersModel, x: tf.Tensor2D): Float32Array {
  return tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync() as Float32Array);
}

/** Saves through tf.io.withSaveHandler (topology and weight specs through JSON text, as a file would hold them). */
async function saveToMemory(model: tfl.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (saved === undefined) throw new Error('the save handler was not called');
  return {
    ...saved,
    modelTopology: JSON.parse(JSON.stringify(saved.modelTopology)) as object,
    weightSpecs: JSON.parse(JSON.stringify(saved.weightSpecs)) as tf.io.WeightsManifestEntry[],
  };
}

async function memoryRoundTrip(model: tfl.LayersModel): Promise<tfl.LayersModel> {
  return tfl.loadLayersModel(tf.io.fromMemory(await saveToMemory(model)));
}

/** Checks that `loaded` is `original` again: same classes, configs, weights (bit for bit) and predictions. */
function expectSameModel(loaded: tfl.LayersModel, original: tfl.LayersModel, x: tf.Tensor2D): void {
  const before = kanLayers(original);
  const after = kanLayers(loaded);
  expect(after).toHaveLength(before.length);
  expect(loaded.layers).toHaveLength(original.layers.length);
  before.forEach((layer, l) => {
    const copy = after[l]!;
    expect(copy).toBeInstanceOf(layer instanceof FastKANLayer ? FastKANLayer : KANLinear);
    expect(copy.constructor).toBe(layer.constructor);
    expect(copy.basis.name).toBe(layer.basis.name);
    expect(copy.basis.config).toEqual(layer.basis.config);
    expect(copy.getConfig()).toEqual(layer.getConfig());
    expect(copy.inFeatures).toBe(layer.inFeatures);
    expect(copy.units).toBe(layer.units);
    expect(weightsOf(copy)).toEqual(weightsOf(layer));
  });
  expect(predict(loaded, x)).toEqual(predict(original, x));
}

const CASES: readonly { readonly title: string; readonly options: KANModelOptions }[] = [
  { title: 'kan-linear, defaults', options: { layers: [5, 4, 3], layer: 'kan-linear', seed: 1 } },
  { title: 'fastkan, defaults', options: { layers: [5, 4, 3], layer: 'fastkan', seed: 1 } },
  {
    title: 'kan-linear, bspline G=7 k=2 on [-2, 3], no standalone scaler, tanh base',
    options: {
      layers: [5, 4, 3],
      layer: 'kan-linear',
      basis: { name: 'bspline', gridSize: 7, splineOrder: 2, gridRange: [-2, 3] },
      standaloneScaleSpline: false,
      baseActivation: 'tanh',
      seed: 3,
    },
  },
  {
    title: 'fastkan, gaussian K=5 on [-1.5, 2.5] with denominator 0.7, no LayerNorm',
    options: {
      layers: [5, 4, 3],
      layer: 'fastkan',
      basis: { name: 'gaussian', numCenters: 5, gridMin: -1.5, gridMax: 2.5, denominator: 0.7 },
      useLayerNorm: false,
      seed: 4,
    },
  },
  {
    title: 'fastkan, LayerNorm ε 1e-3, no base branch',
    options: { layers: [5, 4, 3], layer: 'fastkan', useBaseUpdate: false, layerNormEpsilon: 1e-3, seed: 5 },
  },
];

describe('model.save → tf.loadLayersModel through memory', () => {
  for (const [n, { title, options }] of CASES.entries()) {
    it(`restores ${title} exactly`, async () => {
      const model = randomModel(options, 100 + n);
      const x = inputs(5, 7, 200 + n);
      const loaded = await memoryRoundTrip(model);
      expectSameModel(loaded, model, x);
      // The options really reached the layers (and so were not lost as defaults on both sides).
      const layer = kanLayers(loaded)[0]!;
      if ('standaloneScaleSpline' in options && options.standaloneScaleSpline === false) {
        expect((layer as KANLinear).standaloneScaleSpline).toBe(false);
        expect(layer.weights.map((w) => w.originalName.split('/').pop())).not.toContain('spline_scaler');
      }
      if ('useLayerNorm' in options && options.useLayerNorm === false) expect((layer as FastKANLayer).useLayerNorm).toBe(false);
      if ('useBaseUpdate' in options && options.useBaseUpdate === false) expect((layer as FastKANLayer).useBaseUpdate).toBe(false);
      if ('layerNormEpsilon' in options) expect((layer as FastKANLayer).layerNormEpsilon).toBe(options.layerNormEpsilon);
      if ('baseActivation' in options) expect(layer.baseActivationName).toBe(options.baseActivation);
      if (options.basis !== undefined && typeof options.basis === 'object') {
        for (const [key, value] of Object.entries(options.basis)) expect(layer.basis.config[key]).toEqual(value);
      }
      tf.dispose(x);
      model.dispose();
      loaded.dispose();
    });
  }

  it('keeps the non-uniform knots of a grid update', async () => {
    const model = randomModel({ layers: [5, 4, 3], layer: 'kan-linear', seed: 1 }, 7);
    const random = rng(8);
    const data = tf.tensor2d(Float32Array.from({ length: 64 * 5 }, () => Math.fround((random() * 2 - 1) ** 3)), [64, 5]);
    const uniformKnots = weightsOf(kanLayers(model)[0]!)['grid']!.slice();
    updateGrid(model, data);
    const knots = weightsOf(kanLayers(model)[0]!)['grid']!;
    expect(knots).not.toEqual(uniformKnots);
    const first = [...knots.subarray(0, 12)];
    const steps = first.slice(1).map((t, j) => t - first[j]!);
    expect(Math.max(...steps) - Math.min(...steps)).toBeGreaterThan(0.05); // really non-uniform

    const x = inputs(5, 9, 9);
    const loaded = await memoryRoundTrip(model);
    expectSameModel(loaded, model, x);
    for (const [l, layer] of kanLayers(loaded).entries()) {
      expect(weightsOf(layer)['grid']).toEqual(weightsOf(kanLayers(model)[l]!)['grid']);
    }
    // A fresh model of the same config has uniform knots: the loaded ones came from the file.
    const fresh = kan({ layers: [5, 4, 3], layer: 'kan-linear', seed: 1 });
    expect(weightsOf(kanLayers(fresh)[0]!)['grid']).toEqual(uniformKnots);
    expect(weightsOf(kanLayers(loaded)[0]!)['grid']).not.toEqual(uniformKnots);
    tf.dispose([x, data]);
    for (const m of [model, loaded, fresh]) m.dispose();
  });
});

function listDir(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

describe('fileSystem(dir)', () => {
  for (const { title, options } of CASES.slice(0, 2)) {
    it(`saves ${title} as model.json + weights.bin and loads it back exactly`, async () => {
      const dir = tempDir();
      const model = randomModel(options, 11);
      const result = await model.save(fileSystem(dir));
      expect(listDir(dir)).toEqual(['model.json', 'weights.bin']);
      expect(listDir(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
      expect(json.weightsManifest).toEqual([{ paths: ['./weights.bin'], weights: expect.any(Array) as unknown }]);
      const bytes = json.weightsManifest[0]!.weights.reduce((n, spec) => n + 4 * spec.shape.reduce((a, b) => a * b, 1), 0);
      expect(fs.statSync(path.join(dir, 'weights.bin')).size).toBe(bytes);
      expect(result.modelArtifactsInfo.weightDataBytes).toBe(bytes);

      const x = inputs(5, 6, 12);
      const loaded = await tfl.loadLayersModel(fileSystem(dir));
      expectSameModel(loaded, model, x);
      tf.dispose(x);
      model.dispose();
      loaded.dispose();
    });
  }

  it('creates missing parent folders', async () => {
    const dir = path.join(tempDir(), 'a', 'b', 'model');
    const model = randomModel({ layers: [3, 2], layer: 'kan-linear', seed: 2 }, 13);
    await model.save(fileSystem(dir));
    expect(listDir(dir)).toEqual(['model.json', 'weights.bin']);
    const x = inputs(3, 4, 14);
    const loaded = await tfl.loadLayersModel(fileSystem(dir));
    expect(predict(loaded, x)).toEqual(predict(model, x));
    tf.dispose(x);
    model.dispose();
    loaded.dispose();
  });

  it('overwrites a saved model cleanly when saving again into the same folder', async () => {
    const dir = tempDir();
    const first = randomModel({ layers: [5, 6, 4, 3], layer: 'kan-linear', basis: { name: 'bspline', gridSize: 8 }, seed: 1 }, 15);
    await first.save(fileSystem(dir));
    const firstJson = fs.readFileSync(path.join(dir, 'model.json'), 'utf8');
    const firstSize = fs.statSync(path.join(dir, 'weights.bin')).size;

    // A smaller model of the other kind: both files must be replaced entirely, not partly overwritten.
    const second = randomModel({ layers: [5, 3], layer: 'fastkan', seed: 2 }, 16);
    await second.save(fileSystem(dir));
    expect(listDir(dir)).toEqual(['model.json', 'weights.bin']);
    expect(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')).not.toBe(firstJson);
    expect(fs.statSync(path.join(dir, 'weights.bin')).size).toBeLessThan(firstSize);

    const x = inputs(5, 5, 17);
    const loaded = await tfl.loadLayersModel(fileSystem(dir));
    expect(kanLayers(loaded).map((l) => l.getClassName())).toEqual(['FastKANLayer']);
    expectSameModel(loaded, second, x);

    // And back again, the same model twice: identical files.
    await first.save(fileSystem(dir));
    const again = fs.readFileSync(path.join(dir, 'weights.bin'));
    await first.save(fileSystem(dir));
    expect(fs.readFileSync(path.join(dir, 'weights.bin'))).toEqual(again);
    expect(listDir(dir)).toEqual(['model.json', 'weights.bin']);
    const reloaded = await tfl.loadLayersModel(fileSystem(dir));
    expectSameModel(reloaded, first, x);
    tf.dispose(x);
    for (const m of [first, second, loaded, reloaded]) m.dispose();
  });
});

describe('writeFileAtomic', () => {
  it('writes strings and byte views (only the viewed bytes), leaving no temporary file', async () => {
    const dir = tempDir();
    await writeFileAtomic(path.join(dir, 'a.txt'), 'héllo');
    const backing = Uint8Array.of(9, 9, 1, 2, 3, 9);
    await writeFileAtomic(path.join(dir, 'b.bin'), backing.subarray(2, 5));
    await writeFileAtomic(path.join(dir, 'a.txt'), 'replaced');
    expect(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('replaced');
    expect([...fs.readFileSync(path.join(dir, 'b.bin'))]).toEqual([1, 2, 3]);
    expect(listDir(dir)).toEqual(['a.txt', 'b.bin']);
  });

  it('leaves the old file and no temporary file when the data fails half-way through the write', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'model.json');
    fs.writeFileSync(target, 'original contents');
    // fs.promises.writeFile takes (async) iterables: this one yields a first chunk, so the temporary file is
    // created and partly written, then fails.
    async function* failing(): AsyncGenerator<string> {
      yield 'half of the new ';
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Error('disk on fire');
    }
    await expect(writeFileAtomic(target, failing() as unknown as string)).rejects.toThrow(/disk on fire/);
    expect(fs.readFileSync(target, 'utf8')).toBe('original contents');
    expect(listDir(dir)).toEqual(['model.json']);
  });

  it('leaves no temporary file when the data is rejected before writing', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'weights.bin');
    fs.writeFileSync(target, Uint8Array.of(1, 2, 3));
    await expect(writeFileAtomic(target, 42 as unknown as string)).rejects.toThrow(/"data" argument/);
    expect([...fs.readFileSync(target)]).toEqual([1, 2, 3]);
    expect(listDir(dir)).toEqual(['weights.bin']);
  });

  it('leaves the target and no temporary file when the final rename fails', async () => {
    const dir = tempDir();
    // The target is a non-empty folder: the temporary file is written in full, then rename() refuses.
    const target = path.join(dir, 'weights.bin');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep'), 'kept');
    await expect(writeFileAtomic(target, new Uint8Array(1024).fill(7))).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST|directory/i);
    expect(fs.statSync(target).isDirectory()).toBe(true);
    expect(fs.readFileSync(path.join(target, 'keep'), 'utf8')).toBe('kept');
    expect(listDir(dir)).toEqual(['weights.bin']);
    expect(listDir(target)).toEqual(['keep']);
  });

  it('fails without writing anything when the parent path is a file', async () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'a file');
    await expect(writeFileAtomic(path.join(blocker, 'model.json'), '{}')).rejects.toThrow(/EEXIST|ENOTDIR/);
    expect(fs.readFileSync(blocker, 'utf8')).toBe('a file');
    expect(listDir(dir)).toEqual(['not-a-folder']);
  });

  it('keeps a saved model loadable when a second save fails half-way', async () => {
    const dir = tempDir();
    const model = randomModel({ layers: [4, 3], layer: 'kan-linear', seed: 3 }, 18);
    await model.save(fileSystem(dir));
    const before = { json: fs.readFileSync(path.join(dir, 'model.json')), bin: fs.readFileSync(path.join(dir, 'weights.bin')) };
    // Put a non-empty folder where weights.bin was (the good file kept aside), so the next save fails at its
    // first write: the weights.
    fs.renameSync(path.join(dir, 'weights.bin'), path.join(dir, 'weights.saved'));
    fs.mkdirSync(path.join(dir, 'weights.bin'));
    fs.writeFileSync(path.join(dir, 'weights.bin', 'x'), '');
    await expect(model.save(fileSystem(dir))).rejects.toThrow();
    // model.json was not touched (weights are written first), and no temporary files remain.
    expect(fs.readFileSync(path.join(dir, 'model.json'))).toEqual(before.json);
    expect(listDir(dir)).toEqual(['model.json', 'weights.bin', 'weights.saved']);
    fs.rmSync(path.join(dir, 'weights.bin'), { recursive: true });
    fs.renameSync(path.join(dir, 'weights.saved'), path.join(dir, 'weights.bin'));
    expect(fs.readFileSync(path.join(dir, 'weights.bin'))).toEqual(before.bin);
    const x = inputs(4, 3, 19);
    const loaded = await tfl.loadLayersModel(fileSystem(dir));
    expect(predict(loaded, x)).toEqual(predict(model, x));
    tf.dispose(x);
    model.dispose();
    loaded.dispose();
  });
});

describe('fileSystem(dir) on broken folders', () => {
  /** A folder holding a good save of a small model. */
  async function savedDir(): Promise<string> {
    const dir = tempDir();
    const model = randomModel({ layers: [3, 2], layer: 'fastkan', seed: 4 }, 20);
    await model.save(fileSystem(dir));
    model.dispose();
    return dir;
  }

  async function loadError(dir: string): Promise<Error> {
    try {
      await fileSystem(dir).load!();
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected the load to fail');
  }

  /** Asserts the handler and tf.loadLayersModel both fail with the message. */
  async function expectLoadError(dir: string, message: RegExp): Promise<void> {
    const error = await loadError(dir);
    expect(error.message).toMatch(message);
    expect(error.message.split('\n')).toHaveLength(1);
    await expect(tfl.loadLayersModel(fileSystem(dir))).rejects.toThrow(message);
  }

  it('names model.json when the folder does not exist', async () => {
    const dir = path.join(tempDir(), 'nowhere');
    await expectLoadError(dir, /^fileSystem: cannot read .*nowhere[\\/]model\.json: no such file\.$/);
  });

  it('names model.json when the folder has no model.json', async () => {
    const dir = await savedDir();
    fs.rmSync(path.join(dir, 'model.json'));
    await expectLoadError(dir, /cannot read .*model\.json: no such file/);
  });

  it('says when model.json is not JSON', async () => {
    const dir = await savedDir();
    fs.writeFileSync(path.join(dir, 'model.json'), '{"modelTopology": {');
    await expectLoadError(dir, /model\.json is not valid JSON \(/);
  });

  it('says when model.json is empty', async () => {
    const dir = await savedDir();
    fs.writeFileSync(path.join(dir, 'model.json'), '');
    await expectLoadError(dir, /model\.json is not valid JSON/);
  });

  for (const [title, content] of [
    ['no modelTopology', { weightsManifest: [] }],
    ['no weightsManifest', { modelTopology: {} }],
    ['a weightsManifest that is not a list', { modelTopology: {}, weightsManifest: {} }],
    ['JSON null', null],
    ['a JSON array', [1, 2]],
    ['a JSON string', 'model'],
  ] as const) {
    it(`says a model.json with ${title} is not a tfjs model`, async () => {
      const dir = await savedDir();
      fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(content));
      await expectLoadError(dir, /model\.json is not a tfjs model: expected modelTopology and weightsManifest/);
    });
  }

  it('names weights.bin when it is missing', async () => {
    const dir = await savedDir();
    fs.rmSync(path.join(dir, 'weights.bin'));
    await expectLoadError(dir, /cannot read .*weights\.bin, which model\.json lists: no such file/);
  });

  it('gives both byte counts when weights.bin is truncated', async () => {
    const dir = await savedDir();
    const bin = fs.readFileSync(path.join(dir, 'weights.bin'));
    fs.writeFileSync(path.join(dir, 'weights.bin'), bin.subarray(0, bin.length - 4));
    const message = new RegExp(`weight files in .* hold ${bin.length - 4} bytes; model\\.json describes ${bin.length}\\.`);
    await expectLoadError(dir, message);
  });

  it('gives both byte counts when weights.bin is too long', async () => {
    const dir = await savedDir();
    const bin = fs.readFileSync(path.join(dir, 'weights.bin'));
    fs.writeFileSync(path.join(dir, 'weights.bin'), Buffer.concat([bin, Buffer.alloc(8)]));
    await expectLoadError(dir, new RegExp(`hold ${bin.length + 8} bytes; model\\.json describes ${bin.length}\\.`));
  });
});
