// `file://` URLs in Node with @kanjs/kan-layers/node imported: model.save('file://dir') and
// tf.loadLayersModel('file://dir/model.json') go through fileSystem(dir), with its content-named weights.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@kanjs/kan-layers/node';
import { rng, uniform } from '@kanjs/testing';
import { randomModel, useCpu } from './helpers.js';

beforeAll(useCpu);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kanjs-file-url-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function predict(model: tfl.LayersModel, x: tf.Tensor2D): Float32Array {
  return tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync() as Float32Array);
}

describe('file:// with @kanjs/kan-layers/node', () => {
  for (const layer of ['kan-linear', 'fastkan'] as const) {
    it(`saves a ${layer} model to file://dir and loads file://dir/model.json with the same weights and predictions`, async () => {
      const dir = path.join(root, `${layer}-model`);
      const model = randomModel({ layers: [4, 5, 3], layer, seed: 2 }, 30);
      const result = await model.save(`file://${dir}`);
      const names = fs.readdirSync(dir).sort();
      expect(names).toHaveLength(2);
      expect(names[0]).toBe('model.json');
      expect(names[1]).toMatch(/^weights-[0-9a-f]{16}\.bin$/);
      expect(result.modelArtifactsInfo.weightDataBytes).toBe(fs.statSync(path.join(dir, names[1]!)).size);

      const loaded = await tfl.loadLayersModel(`file://${dir}/model.json`);
      const x = tf.tensor2d(Float32Array.from(uniform(rng(31), 6 * 4, -1.5, 1.5)), [6, 4]);
      expect(predict(loaded, x)).toEqual(predict(model, x));
      loaded.getWeights().forEach((w, i) => expect(w.dataSync()).toEqual(model.getWeights()[i]!.dataSync()));
      // The folder URL loads the same model.
      const again = await tfl.loadLayersModel(`file://${dir}`);
      expect(predict(again, x)).toEqual(predict(model, x));
      tf.dispose(x);
      [model, loaded, again].forEach((m) => m.dispose());
    });
  }

  it('takes a relative folder, as tfjs-node does', async () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const model = randomModel({ layers: [2, 2], layer: 'fastkan', seed: 1 }, 32);
      await model.save('file://relative/out');
      expect(fs.existsSync(path.join(root, 'relative', 'out', 'model.json'))).toBe(true);
      const loaded = await tfl.loadLayersModel('file://relative/out/model.json');
      const x = tf.tensor2d([[0.3, -0.7]]);
      expect(predict(loaded, x)).toEqual(predict(model, x));
      tf.dispose(x);
      [model, loaded].forEach((m) => m.dispose());
    } finally {
      process.chdir(cwd);
    }
  });

  it('gives one clear sentence for a missing folder, a missing weight file and a file that is not model.json', async () => {
    const missing = path.join(root, 'nowhere');
    await expect(tfl.loadLayersModel(`file://${missing}/model.json`)).rejects.toThrow(/^fileSystem: cannot read .*nowhere[\\/]model\.json: no such file\.$/);

    const dir = path.join(root, 'no-weights');
    const model = randomModel({ layers: [3, 2], layer: 'fastkan', seed: 4 }, 33);
    await model.save(`file://${dir}`);
    model.dispose();
    const weights = fs.readdirSync(dir).find((name) => name.endsWith('.bin'))!;
    fs.rmSync(path.join(dir, weights));
    await expect(tfl.loadLayersModel(`file://${dir}/model.json`)).rejects.toThrow(
      new RegExp(`^fileSystem: cannot read .*${weights.replace('.', '\\.')}, which model\\.json lists: no such file\\.$`),
    );

    await expect(tfl.loadLayersModel(`file://${dir}/other.json`)).rejects.toThrow(
      `file://: "file://${dir}/other.json" names the file "other.json"; expected a folder, or model.json in it.`,
    );
  });

  it('serves file:// alone: one save handler and one load handler', () => {
    expect(tf.io.getSaveHandlers('file://x')).toHaveLength(1);
    expect(tf.io.getLoadHandlers('file://x/model.json')).toHaveLength(1);
    expect(tf.io.getSaveHandlers('other://x/file://y')).toHaveLength(0);
  });
});
