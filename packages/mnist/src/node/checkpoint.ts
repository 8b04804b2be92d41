// Checkpoints of a training run: the model, the optimizer's moments and the run's state, in one folder per state.
//
// A run's checkpoint folder holds at most three states: `current`, `old` and `next`. A save writes `next` from
// scratch (a marker file first, the data, then a manifest of every file's size and SHA-256, each fsynced), then
// rotates: `current` → `old`, `next` → `current`, and removes `old`. A state is complete when its manifest is
// there and every file matches it; manifests carry a sequence number, and resume takes the newest complete state
// that loads. So a kill at any point leaves the previous state or the new one, and a save never removes the only
// complete state: an interrupted rotation is finished first. Folders are removed only when they are ours (the
// marker, or only the files this module writes), marker last, so a half-removed folder is still recognised.
//
// Tests kill a writer at each file operation: KANJS_CHECKPOINT_EXIT_AT=N makes the process SIGKILL itself just
// before the Nth operation of its saves.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { readSafetensors, writeSafetensors, type AdamW } from '@kanjs/kan-layers';
import { fileSystem } from '@kanjs/kan-layers/node';
import { counted, quote, shortMessage } from '../quote.js';
import { fsyncDir, writeNewFile } from './files.js';

/** What a checkpoint remembers besides the weights. */
export interface CheckpointState {
  /** Epochs completed. */
  readonly epoch: number;
  /** One record per completed epoch. */
  readonly history: readonly unknown[];
  readonly config?: Readonly<Record<string, unknown>>;
}

/** Thrown for a checkpoint that cannot be written or read back. */
export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

const MARKER = '.kanjs-checkpoint';
const MANIFEST = 'manifest.json';
const STATE = 'state.json';
const OPTIMIZER = 'optimizer.safetensors';
const MODEL = 'model';
/** What a checkpoint folder of the first format (no marker, no manifest) held. */
const LEGACY_FILES = new Set([STATE, OPTIMIZER, 'model/model.json', 'model/weights.bin']);
/** The weights file of a model saved by @kanjs/kan-layers/node, named for its content. */
const HASHED_WEIGHTS = /^model\/weights-[0-9a-f]{16}\.bin$/;
/** Slots newest-first for states of the same sequence (a `next` is never older than `current`). */
const SLOTS = ['next', 'current', 'old'] as const;
type Slot = (typeof SLOTS)[number];

interface Manifest {
  readonly sequence: number;
  readonly epoch: number;
  readonly files: Readonly<Record<string, { readonly bytes: number; readonly sha256: string }>>;
}

/** A slot's folder as found on disk. */
type Found =
  | { readonly kind: 'absent' }
  | { readonly kind: 'complete'; readonly sequence: number }
  | { readonly kind: 'legacy' } // the first format: complete if it loads
  | { readonly kind: 'partial'; readonly why: string } // ours, not complete: a save or a removal was cut short
  | { readonly kind: 'foreign'; readonly why: string }; // not written by us: never touched

let operations = 0;
const exitAt = Number(process.env['KANJS_CHECKPOINT_EXIT_AT'] ?? 0);

/** Counts a file operation of a save; the fault injection of the kill tests. */
function step(): void {
  operations++;
  if (exitAt > 0 && operations === exitAt) process.kill(process.pid, 'SIGKILL');
}

async function files(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((e) => !e.isDirectory()).map((e) => relative(folder, join(e.parentPath, e.name))).sort();
}

async function sha256(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/** Reads a slot: absent, complete (its manifest matches every file), legacy, partial or foreign. */
async function inspect(folder: string): Promise<Found> {
  const info = await stat(folder).catch(() => null);
  if (info === null) return { kind: 'absent' };
  if (!info.isDirectory()) return { kind: 'foreign', why: 'it is not a folder' };
  const names = await files(folder);
  if (!names.includes(MARKER)) {
    const strangers = names.filter((n) => !LEGACY_FILES.has(n) && !HASHED_WEIGHTS.test(n) && !n.endsWith('.tmp'));
    if (strangers.length > 0) return { kind: 'foreign', why: `it holds files kanjs-mnist does not write (${strangers.slice(0, 3).map((n) => quote(n, 40)).join(', ')})` };
    return names.includes(STATE) ? { kind: 'legacy' } : { kind: 'partial', why: `it has no ${STATE}` };
  }
  if (!names.includes(MANIFEST)) return { kind: 'partial', why: `it has no ${MANIFEST} (a save was cut short)` };
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(folder, MANIFEST), 'utf8')) as Manifest;
    if (!Number.isInteger(manifest.sequence) || typeof manifest.files !== 'object' || manifest.files === null) throw new Error('no sequence or files');
  } catch (error) {
    return { kind: 'partial', why: `its ${MANIFEST} is not a checkpoint manifest (${(error as Error).message})` };
  }
  for (const [name, expected] of Object.entries(manifest.files)) {
    const path = join(folder, name);
    const size = (await stat(path).catch(() => null))?.size;
    if (size !== expected.bytes) return { kind: 'partial', why: `${quote(name, 40)} has ${size ?? 'no'} bytes; its manifest says ${expected.bytes}` };
    if ((await sha256(path)) !== expected.sha256) return { kind: 'partial', why: `${quote(name, 40)} does not match its manifest's SHA-256 (changed after the save)` };
  }
  return { kind: 'complete', sequence: manifest.sequence };
}

/** Removes a folder that is ours: the manifest first, the marker last, so a cut-short removal stays recognisable. */
async function removeOurs(folder: string, found: Found): Promise<void> {
  if (found.kind === 'absent') return;
  if (found.kind === 'foreign') throw new CheckpointError(`${folder} is in the way of the checkpoint, and ${found.why}; move it away or pick another --checkpoint folder.`);
  const names = await files(folder);
  const order = [...names.filter((n) => n === MANIFEST || n === STATE), ...names.filter((n) => n !== MANIFEST && n !== STATE && n !== MARKER), ...names.filter((n) => n === MARKER)];
  for (const name of order) {
    step();
    await unlink(join(folder, name));
  }
  const dirs = (await readdir(folder, { withFileTypes: true, recursive: true })).filter((e) => e.isDirectory()).map((e) => join(e.parentPath, e.name));
  for (const dir of dirs.sort((a, b) => b.length - a.length)) await rmdir(dir);
  step();
  await rmdir(folder);
}

/** Whether `dir` holds any checkpoint state, complete or not (a fresh run must not write over it unasked). */
export async function hasCheckpoint(dir: string): Promise<boolean> {
  for (const slot of SLOTS) if ((await inspect(join(dir, slot))).kind !== 'absent') return true;
  return false;
}

/** Moves a complete `next` in: `current` → `old`, `next` → `current`, then removes `old`. */
async function rotate(dir: string, found: Record<Slot, Found>): Promise<void> {
  const path = (slot: Slot) => join(dir, slot);
  await removeOurs(path('old'), found.old); // `next` is complete: `old` is never the only complete state here
  if (found.current.kind !== 'absent') {
    step();
    await rename(path('current'), path('old'));
  }
  step();
  await rename(path('next'), path('current'));
  await fsyncDir(dir);
  await removeOurs(path('old'), found.current);
}

async function inspectAll(dir: string): Promise<Record<Slot, Found>> {
  const [next, current, old] = await Promise.all(SLOTS.map((slot) => inspect(join(dir, slot))));
  return { next: next!, current: current!, old: old! };
}

function sequenceOf(found: Found): number {
  return found.kind === 'complete' ? found.sequence : found.kind === 'legacy' ? 0 : -1;
}

/** Saves model, optimizer and state as the newest state of `dir`. */
export async function saveCheckpoint(dir: string, model: tfl.LayersModel, optimizer: AdamW, state: CheckpointState): Promise<void> {
  await mkdir(dir, { recursive: true });
  let found = await inspectAll(dir);
  for (const slot of SLOTS) {
    const f = found[slot];
    if (f.kind === 'foreign') throw new CheckpointError(`${join(dir, slot)} is in the way of the checkpoint, and ${f.why}; move it away or pick another --checkpoint folder.`);
  }
  // A complete `next` newer than `current` is a rotation cut short: finish it before anything is removed.
  if (found.next.kind === 'complete' && sequenceOf(found.next) >= sequenceOf(found.current)) {
    await rotate(dir, found);
    found = await inspectAll(dir);
  } else {
    await removeOurs(join(dir, 'next'), found.next);
  }
  const sequence = Math.max(...SLOTS.map((slot) => sequenceOf(found[slot]))) + 1;

  const next = join(dir, 'next');
  step();
  await mkdir(next);
  step();
  await writeNewFile(join(next, MARKER), 'A checkpoint folder of kanjs-mnist; it removes this folder only while this file is here.\n');
  step();
  await model.save(fileSystem(join(next, MODEL)));
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
  step();
  await writeNewFile(join(next, OPTIMIZER), writeSafetensors(tensors));
  step();
  await writeNewFile(join(next, STATE), JSON.stringify(state, null, 2));
  const listed: Record<string, { bytes: number; sha256: string }> = {};
  for (const name of (await files(next)).filter((n) => n !== MARKER)) {
    const bytes = await readFile(join(next, name));
    listed[name] = { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  step();
  await fsyncDir(join(next, MODEL));
  const manifest: Manifest = { sequence, epoch: state.epoch, files: listed };
  step();
  await writeNewFile(join(next, `${MANIFEST}.tmp`), JSON.stringify(manifest, null, 2));
  step();
  await rename(join(next, `${MANIFEST}.tmp`), join(next, MANIFEST));
  await fsyncDir(next);
  await rotate(dir, { ...found, next: { kind: 'complete', sequence } });
}

/** Checks what state.json holds; one sentence for each way it can be wrong. */
function checkState(value: unknown, file: string): CheckpointState {
  const fail = (what: string): never => {
    throw new CheckpointError(`${file}: ${what}.`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(`expected a JSON object, found ${quote(value)}`);
  const { epoch, history, config } = value as Record<string, unknown>;
  if (!Number.isInteger(epoch) || (epoch as number) < 0) fail(`"epoch" must be an integer ≥ 0, found ${quote(epoch)}`);
  if (!Array.isArray(history)) return fail(`"history" must be an array of epoch records, found ${quote(history)}`);
  if (history.length !== epoch) fail(`"history" holds ${history.length} records for ${counted(epoch as number, 'epoch')}`);
  const bad = history.findIndex((record) => typeof record !== 'object' || record === null || Array.isArray(record));
  if (bad >= 0) fail(`"history" record ${bad} must be an object, found ${quote(history[bad])}`);
  if (config !== undefined && (typeof config !== 'object' || config === null || Array.isArray(config))) fail(`"config" must be an object, found ${quote(config)}`);
  return value as CheckpointState;
}

/** What the caller's check of a state threw: loadCheckpoint passes it on rather than trying an older state. */
class Refused extends Error {
  constructor(readonly reason: unknown) {
    super('the caller refused the checkpoint');
  }
}

/** Checks a checkpoint's state before its weights are read (a mismatch of options); throws to refuse it. */
export type CheckpointCheck = (state: CheckpointState, folder: string) => void;

/** Reads one state folder and applies it to the model and optimizer, all checks before any change. */
async function restore(folder: string, model: tfl.LayersModel, optimizer: AdamW, check?: CheckpointCheck): Promise<CheckpointState> {
  const stateFile = join(folder, STATE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(stateFile, 'utf8'));
  } catch (error) {
    throw new CheckpointError(`${stateFile} is not valid JSON (${(error as Error).message}).`);
  }
  const state = checkState(parsed, stateFile);
  try {
    check?.(state, folder);
  } catch (error) {
    throw new Refused(error);
  }
  const saved = await tfl.loadLayersModel(fileSystem(join(folder, MODEL)));
  const values = saved.getWeights();
  try {
    const shapes = (tensors: readonly { shape: readonly (number | null)[] }[]) => tensors.map((t) => `[${t.shape.join(',')}]`).join(' ');
    if (shapes(values) !== shapes(model.weights)) {
      throw new CheckpointError(`${join(folder, MODEL)} holds weights of shapes ${quote(shapes(values), 60)}; the model has ${quote(shapes(model.weights), 60)}: was it made with other options?`);
    }
    const names = model.trainableWeights.map((w) => (w.read() as tf.Variable).name);
    const file = readSafetensors(new Uint8Array(await readFile(join(folder, OPTIMIZER))));
    const entries = [...file.tensors].map(([key, t]) => {
      const slot = /^(m|v)\/(\d+)$/.exec(key);
      if (slot !== null && names[Number(slot[2])] === undefined) throw new CheckpointError(`${join(folder, OPTIMIZER)}: moment ${quote(key)} of a weight the model does not have.`);
      return { name: slot === null ? key : `${names[Number(slot[2])]}/${slot[1]}`, data: t.data, shape: [...t.shape] };
    });
    model.setWeights(values);
    const restored = entries.map(({ name, data, shape }) => ({ name, tensor: tf.tensor(data, shape) }));
    await optimizer.setWeights(restored);
    tf.dispose(restored.map(({ tensor }) => tensor)); // setWeights copies them into variables
  } finally {
    saved.dispose();
  }
  return state;
}

/** A resumed checkpoint: its state, the folder it came from, and why newer folders were passed over. */
export interface Resumed {
  readonly state: CheckpointState;
  readonly folder: string;
  readonly skipped: readonly string[];
}

/**
 * Loads the newest complete state of `dir` into a freshly built model and optimizer; null when `dir` holds no
 * complete state. Incomplete states are passed over (with the reason in `skipped`); when no complete one loads,
 * or a folder in the way is not ours, it throws. `check` sees each state before its weights are read, and what it
 * throws is thrown (so that a run with other options is told so, not that the weights have other shapes).
 */
export async function loadCheckpoint(dir: string, model: tfl.LayersModel, optimizer: AdamW, check?: CheckpointCheck): Promise<Resumed | null> {
  const found = await inspectAll(dir);
  const candidates = SLOTS.filter((slot) => found[slot].kind === 'complete' || found[slot].kind === 'legacy')
    .sort((a, b) => sequenceOf(found[b]) - sequenceOf(found[a]) || SLOTS.indexOf(a) - SLOTS.indexOf(b));
  const skipped = SLOTS.filter((slot) => !candidates.includes(slot) && found[slot].kind !== 'absent').map((slot) => {
    const f = found[slot] as { why: string };
    return `${join(dir, slot)}: ${f.why}`;
  });
  // Only incomplete states of our own (a first save cut short): there is nothing to resume.
  if (candidates.length === 0 && SLOTS.every((slot) => found[slot].kind !== 'foreign')) return null;
  for (const slot of candidates) {
    try {
      return { state: await restore(join(dir, slot), model, optimizer, check), folder: join(dir, slot), skipped };
    } catch (error) {
      if (error instanceof Refused) throw error.reason;
      skipped.push(shortMessage((error as Error).message, 200));
    }
  }
  throw new CheckpointError(shortMessage(`no complete checkpoint in ${dir}: ${skipped.join('; ')}`, 290));
}
