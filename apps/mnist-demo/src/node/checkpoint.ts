// Checkpoints of a training run: the model, the optimizer's moments and the run's state, written together so
// that a crash never leaves a half-written checkpoint: into a fresh folder, then swapped in by renames.
import { existsSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { readSafetensors, writeSafetensors } from '@kanjs/kan-layers';
import { fileSystem, writeFileAtomic } from '@kanjs/kan-layers/node';
import type { AdamW } from '@kanjs/kan-layers';

/** What a checkpoint remembers besides the weights. */
export interface CheckpointState {
  /** Epochs completed. */
  readonly epoch: number;
  readonly history: readonly unknown[];
  readonly [key: string]: unknown;
}

/** Saves model, optimizer and state under `dir/current`. */
export async function saveCheckpoint(dir: string, model: tfl.LayersModel, optimizer: AdamW, state: CheckpointState): Promise<void> {
  const next = join(dir, 'next');
  await rm(next, { recursive: true, force: true });
  await model.save(fileSystem(join(next, 'model')));
  // Adam's moments are named after the variables; store them by the index of the trainable weight instead, so
  // that a model rebuilt in another process (other variable names) can take them back.
  const index = new Map(model.trainableWeights.map((w, i) => [(w.read() as tf.Variable).name, i]));
  const weights = await optimizer.getWeights();
  const tensors = await Promise.all(weights.map(async ({ name, tensor }) => {
    const slot = /^(.*)\/(m|v)$/.exec(name);
    const key = slot === null ? name : `${slot[2]}/${index.get(slot[1]!)}`;
    return { name: key, shape: tensor.shape, data: (await tensor.data()) as Float32Array };
  }));
  tf.dispose(weights.filter(({ name }) => name === 'iter').map(({ tensor }) => tensor)); // a copy; the rest are live
  await writeFileAtomic(join(next, 'optimizer.safetensors'), writeSafetensors(tensors));
  await writeFileAtomic(join(next, 'state.json'), JSON.stringify(state, null, 2));
  const current = join(dir, 'current');
  const old = join(dir, 'old');
  await rm(old, { recursive: true, force: true });
  if (existsSync(current)) await rename(current, old);
  await rename(next, current);
  await rm(old, { recursive: true, force: true });
}

/** Loads a checkpoint into a freshly built model and optimizer; returns its state, or null if there is none. */
export async function loadCheckpoint(dir: string, model: tfl.LayersModel, optimizer: AdamW): Promise<CheckpointState | null> {
  // A crash between the two renames of saveCheckpoint leaves the previous checkpoint as `old`.
  const folder = [join(dir, 'current'), join(dir, 'old')].find((f) => existsSync(join(f, 'state.json')));
  if (folder === undefined) return null;
  const state = JSON.parse(await readFile(join(folder, 'state.json'), 'utf8')) as CheckpointState;
  const saved = await tfl.loadLayersModel(fileSystem(join(folder, 'model')));
  const values = saved.getWeights();
  if (values.length !== model.weights.length) {
    throw new Error(`checkpoint ${folder} holds ${values.length} weights; the model has ${model.weights.length}: was it made with other options?`);
  }
  model.setWeights(values);
  saved.dispose();
  const names = model.trainableWeights.map((w) => (w.read() as tf.Variable).name);
  const file = readSafetensors(new Uint8Array(await readFile(join(folder, 'optimizer.safetensors'))));
  const restored = [...file.tensors].map(([key, t]) => {
    const slot = /^(m|v)\/(\d+)$/.exec(key);
    const name = slot === null ? key : `${names[Number(slot[2])]}/${slot[1]}`;
    return { name, tensor: tf.tensor(t.data, [...t.shape]) };
  });
  await optimizer.setWeights(restored);
  tf.dispose(restored.map(({ tensor }) => tensor)); // setWeights copies them into variables
  return state;
}
