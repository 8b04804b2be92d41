// Saving and loading KAN models: tf.io memory handlers (layer classes and basis configs through JSON), the Node
// folder handler `fileSystem(dir)`, atomic writes, and one clear error for each kind of broken folder.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FastKANLayer, KANLinear, kan, kanLayers, updateGrid, type KANModelOptions } from '@kanjs/kan-layers';
import { fileSystem, writeFileAtomic } from '@kanjs/kan-layers/node';
import { rng, uniform } from '@kanjs/testing';
import { randomModel, useCpu, weightsOf } from './helpers.js';

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

const WEIGHTS_NAME = /^weights-[0-9a-f]{16}\.bin$/;

/** The weight file a saved folder's model.json lists. */
function weightsFile(dir: string): string {
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
  return path.join(dir, json.weightsManifest[0]!.paths[0]!);
}

describe('fileSystem(dir)', () => {
  for (const { title, options } of CASES.slice(0, 2)) {
    it(`saves ${title} as model.json + weights-<hash>.bin and loads it back exactly`, async () => {
      const dir = tempDir();
      const model = randomModel(options, 11);
      const result = await model.save(fileSystem(dir));
      const [modelFile, weights] = listDir(dir);
      expect(listDir(dir)).toHaveLength(2);
      expect(modelFile).toBe('model.json');
      expect(weights).toMatch(WEIGHTS_NAME);
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
      expect(json.weightsManifest).toEqual([{ paths: [`./${weights}`], weights: expect.any(Array) as unknown }]);
      const bytes = json.weightsManifest[0]!.weights.reduce((n, spec) => n + 4 * spec.shape.reduce((a, b) => a * b, 1), 0);
      const data = fs.readFileSync(path.join(dir, weights!));
      expect(data.length).toBe(bytes);
      // The name is the start of the data's SHA-256.
      expect(weights).toBe(`weights-${createHash('sha256').update(data).digest('hex').slice(0, 16)}.bin`);
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
    expect(listDir(dir)).toEqual(['model.json', path.basename(weightsFile(dir))]);
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
    const firstWeights = weightsFile(dir);
    const firstSize = fs.statSync(firstWeights).size;

    // A smaller model of the other kind: both files must be replaced entirely, not partly overwritten.
    const second = randomModel({ layers: [5, 3], layer: 'fastkan', seed: 2 }, 16);
    await second.save(fileSystem(dir));
    // The first weights are removed once model.json names the new ones.
    expect(listDir(dir)).toEqual(['model.json', path.basename(weightsFile(dir))]);
    expect(weightsFile(dir)).not.toBe(firstWeights);
    expect(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')).not.toBe(firstJson);
    expect(fs.statSync(weightsFile(dir)).size).toBeLessThan(firstSize);

    const x = inputs(5, 5, 17);
    const loaded = await tfl.loadLayersModel(fileSystem(dir));
    expect(kanLayers(loaded).map((l) => l.getClassName())).toEqual(['FastKANLayer']);
    expectSameModel(loaded, second, x);

    // And back again, the same model twice: identical files.
    await first.save(fileSystem(dir));
    expect(weightsFile(dir)).toBe(firstWeights);
    const again = fs.readFileSync(weightsFile(dir));
    await first.save(fileSystem(dir));
    expect(fs.readFileSync(weightsFile(dir))).toEqual(again);
    expect(listDir(dir)).toEqual(['model.json', path.basename(firstWeights)]);
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
    const before = { json: fs.readFileSync(path.join(dir, 'model.json')), bin: fs.readFileSync(weightsFile(dir)) };
    // A non-empty folder where the next model's weights go: that save fails at its first rename.
    const next = randomModel({ layers: [4, 2], layer: 'fastkan', seed: 4 }, 19);
    const data = new Uint8Array((await saveToMemory(next)).weightData as ArrayBuffer);
    const blocked = path.join(dir, `weights-${createHash('sha256').update(data).digest('hex').slice(0, 16)}.bin`);
    fs.mkdirSync(blocked);
    fs.writeFileSync(path.join(blocked, 'x'), '');
    await expect(next.save(fileSystem(dir))).rejects.toThrow(/^writeFileAtomic: cannot replace .*weights-[0-9a-f]{16}\.bin: it is a folder/);
    // model.json and its weights are untouched, and no temporary file remains.
    expect(fs.readFileSync(path.join(dir, 'model.json'))).toEqual(before.json);
    expect(fs.readFileSync(weightsFile(dir))).toEqual(before.bin);
    expect(listDir(dir)).toEqual(['model.json', path.basename(weightsFile(dir)), path.basename(blocked)].sort());
    const x = inputs(4, 3, 19);
    const loaded = await tfl.loadLayersModel(fileSystem(dir));
    expect(predict(loaded, x)).toEqual(predict(model, x));
    tf.dispose(x);
    for (const m of [model, next, loaded]) m.dispose();
  });

  it('keeps the mode of the file it replaces', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'secret.json');
    fs.writeFileSync(target, '{}', { mode: 0o600 });
    fs.chmodSync(target, 0o600);
    await writeFileAtomic(target, '{"a":1}');
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(target, 'utf8')).toBe('{"a":1}');
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

  it('names the weight file when it is missing', async () => {
    const dir = await savedDir();
    fs.rmSync(weightsFile(dir));
    await expectLoadError(dir, /cannot read .*weights-[0-9a-f]{16}\.bin, which model\.json lists: no such file/);
  });

  it('gives both byte counts when weights.bin is truncated', async () => {
    const dir = await savedDir();
    const bin = fs.readFileSync(weightsFile(dir));
    fs.writeFileSync(weightsFile(dir), bin.subarray(0, bin.length - 4));
    const message = new RegExp(`weight files in .* hold ${bin.length - 4} bytes; model\\.json describes ${bin.length}\\.`);
    await expectLoadError(dir, message);
  });

  it('gives both byte counts when weights.bin is too long', async () => {
    const dir = await savedDir();
    const bin = fs.readFileSync(weightsFile(dir));
    fs.writeFileSync(weightsFile(dir), Buffer.concat([bin, Buffer.alloc(8)]));
    await expectLoadError(dir, new RegExp(`hold ${bin.length + 8} bytes; model\\.json describes ${bin.length}\\.`));
  });
  it('refuses weight paths that leave the folder, without reading them or telling their size', async () => {
    const outer = tempDir();
    const dir = path.join(outer, 'model');
    const model = randomModel({ layers: [3, 2], layer: 'fastkan', seed: 4 }, 20);
    await model.save(fileSystem(dir));
    model.dispose();
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    const weights = fs.readFileSync(weightsFile(dir));
    // Outside files of exactly the right size, which a reader that follows the paths would load as weights.
    fs.writeFileSync(path.join(outer, 'x.bin'), weights);
    fs.symlinkSync(path.join(outer, 'x.bin'), path.join(dir, 'link.bin'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.symlinkSync(outer, path.join(dir, 'sub', 'up'));
    for (const listed of ['../x.bin', '../../x.bin', path.join(outer, 'x.bin'), 'sub/../../x.bin', 'link.bin', 'sub/up/x.bin', '', '.', 'sub']) {
      fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify({ ...json, weightsManifest: [{ ...json.weightsManifest[0], paths: [listed] }] }));
      const error = await loadError(dir);
      expect(error.message).toMatch(/^fileSystem: (model\.json lists the weight file .*, which is outside the model folder; weight paths must stay inside it|cannot read .*, which model\.json lists: it is not a regular file)\.$/);
      expect(error.message).not.toContain(String(weights.length));
    }
    // A path into a subfolder is fine.
    fs.writeFileSync(path.join(dir, 'sub', 'w.bin'), weights);
    fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify({ ...json, weightsManifest: [{ ...json.weightsManifest[0], paths: ['sub/w.bin'] }] }));
    const loaded = await tfl.loadLayersModel(fileSystem(dir));
    loaded.dispose();
  });

  it('names the path of every file-system error, folders where files should be included', async () => {
    const dir = await savedDir();
    const listed = weightsFile(dir);
    fs.rmSync(listed);
    fs.mkdirSync(listed);
    await expectLoadError(dir, /^fileSystem: cannot read .*weights-[0-9a-f]{16}\.bin, which model\.json lists: it is not a regular file\.$/);
    fs.rmSync(path.join(dir, 'model.json'));
    fs.mkdirSync(path.join(dir, 'model.json'));
    await expectLoadError(dir, /^fileSystem: cannot read .*[\\/]model\.json: it is a folder \(EISDIR\)\.$/);
    fs.writeFileSync(path.join(dir, 'model.json', 'keep'), '');
    const model = randomModel({ layers: [3, 2], layer: 'fastkan', seed: 5 }, 21);
    await expect(model.save(fileSystem(dir))).rejects.toThrow(/^writeFileAtomic: cannot replace .*[\\/]model\.json: it is a folder \(EISDIR\)\.$/);
    model.dispose();
  });

  it('says what is wrong with a malformed weightsManifest instead of failing inside', async () => {
    const dir = await savedDir();
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    const group = json.weightsManifest[0]!;
    const spec = group.weights[0]!;
    for (const [manifest, message] of [
      [[null], /weightsManifest entry that is not \{ paths: \[strings\], weights: \[specs\] \}; found null/],
      [[{ paths: [1], weights: [] }], /weightsManifest entry that is not/],
      [[{ paths: group.paths, weights: [null] }], /weightsManifest entry that is not/],
      [[{ paths: group.paths, weights: [{ ...spec, shape: [-1] }] }], /weight ".*" in model\.json must have a shape of non-negative integers; found \[-1\]/],
      [[{ paths: group.paths, weights: [{ ...spec, dtype: 'string' }] }], /weight ".*" in model\.json has dtype "string"; expected one of float32, int32, bool/],
    ] as const) {
      fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify({ ...json, weightsManifest: manifest }));
      await expectLoadError(dir, message);
    }
  });

  it('keeps every message under 300 characters, with long paths and values cut short', async () => {
    const deep = path.join(tempDir(), ...Array.from({ length: 12 }, (_, i) => `folder-with-a-rather-long-name-${i}`));
    await expectLoadError(deep, /^fileSystem: cannot read …/);
    expect((await loadError(deep)).message.length).toBeLessThan(300);
    const dir = await savedDir();
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify({ ...json, weightsManifest: [{ ...json.weightsManifest[0], paths: [`../${'x'.repeat(100_000)}`] }] }));
    expect((await loadError(dir)).message.length).toBeLessThan(300);
    fs.writeFileSync(path.join(dir, 'model.json'), `{"modelTopology": ${'1'.repeat(100_000)}x}`);
    expect((await loadError(dir)).message.length).toBeLessThan(300);
  });
});

describe('fileSystem(dir) cleans up after interrupted saves', () => {
  it('removes temporary files and unlisted weight files it wrote, and nothing else', async () => {
    const dir = tempDir();
    const model = randomModel({ layers: [3, 2], layer: 'kan-linear', seed: 6 }, 22);
    await model.save(fileSystem(dir));
    const ours = ['model.json.4242.0123456789ab.tmp', 'weights-0123456789abcdef.bin', 'weights-0123456789abcdef.bin.17.abcdefabcdef.tmp', 'weights.bin'];
    const theirs = ['notes.txt', 'weights-backup.bin', 'model.json.bak', 'weights-0123.bin', 'x.tmp'];
    for (const name of [...ours, ...theirs]) fs.writeFileSync(path.join(dir, name), 'left over');
    fs.mkdirSync(path.join(dir, 'weights-fedcba9876543210.bin')); // a folder of a matching name is not ours
    await model.save(fileSystem(dir));
    expect(listDir(dir)).toEqual(['model.json', path.basename(weightsFile(dir)), 'weights-fedcba9876543210.bin', ...theirs].sort());
    const loaded = await tfl.loadLayersModel(fileSystem(dir));
    const x = inputs(3, 2, 23);
    expect(predict(loaded, x)).toEqual(predict(model, x));
    tf.dispose(x);
    model.dispose();
    loaded.dispose();
  });
});
