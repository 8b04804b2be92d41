// Checkpoints survive crashes: a double crash keeps the newest complete state, a save never removes the only
// complete one, a tampered state.json gives one clear error, and a writer killed at each file operation (and at
// random times) always leaves a state that resumes.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { AdamW } from '@kanjs/kan-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../src/data/dataset.js';
import { CheckpointError, hasCheckpoint, loadCheckpoint, saveCheckpoint } from '../src/node/checkpoint.js';
import { tinyModel } from './checkpoint-model.mjs';

const writer = new URL('./checkpoint-writer.mjs', import.meta.url).pathname;
const built = new URL('../dist/node/checkpoint.js', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'kanjs-checkpoint-'));
let scratch = 0;
const folder = () => join(work, `run-${scratch++}`);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Saves the state of `epoch` in process: every weight equal to the epoch. */
async function save(dir: string, epoch: number): Promise<void> {
  const model = tinyModel();
  const optimizer = new AdamW(1e-3, 0);
  optimizer.minimize(() => tf.sum(model.apply(tf.ones([2, 4])) as tf.Tensor));
  model.setWeights(model.weights.map((w) => tf.fill(w.shape as number[], epoch)));
  await saveCheckpoint(dir, model, optimizer, { epoch, history: Array.from({ length: epoch }, (_, i) => ({ epoch: i + 1 })), config: { run: 'kill-test' } });
  optimizer.dispose();
  model.dispose();
}

/** Resumes `dir`; returns the epoch, after checking that every weight holds that epoch's value. */
async function resumedEpoch(dir: string): Promise<number | null> {
  const model = tinyModel();
  const optimizer = new AdamW(1e-3, 0);
  try {
    const resumed = await loadCheckpoint(dir, model, optimizer);
    if (resumed === null) return null;
    const values = await Promise.all(model.getWeights().map((w) => w.data()));
    for (const v of values) expect([...v].every((x) => x === resumed.state.epoch), `${resumed.folder}: weights of another epoch than ${resumed.state.epoch}`).toBe(true);
    return resumed.state.epoch;
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}

/**
 * Runs the writer child. With `exitAt` it kills itself before that file operation; with `killAfterMs` we kill it
 * that long after its first save (so that the kill lands among saves, not in its start-up).
 */
function runWriter(dir: string, from: number, to: number, options: { exitAt?: number; killAfterMs?: number } = {}): Promise<{ saved: number[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', [writer, dir, String(from), String(to)], { env: { ...process.env, KANJS_CHECKPOINT_EXIT_AT: String(options.exitAt ?? 0) } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    let timer: NodeJS.Timeout | undefined;
    child.stdout.once('data', () => {
      if (options.killAfterMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`the checkpoint writer failed (${code}): ${err}`));
      else resolve({ saved: [...out.matchAll(/saved (\d+)/g)].map((m) => Number(m[1])), killed: signal === 'SIGKILL' });
    });
  });
}

describe('checkpoints', () => {
  it('resumes from a complete next after a crash between the two renames, and the next save keeps it', async () => {
    const dir = folder();
    await save(dir, 1);
    await save(dir, 2);
    // Crash 1 between rename(current → old) and rename(next → current): epoch 2 is `next`, epoch 1 is `old`.
    cpSync(join(dir, 'current'), join(dir, 'next'), { recursive: true });
    await save(join(work, 'epoch-1-copy'), 1);
    renameSync(join(dir, 'current'), join(dir, 'old-2'));
    cpSync(join(work, 'epoch-1-copy', 'current'), join(dir, 'old'), { recursive: true });
    expect(existsSync(join(dir, 'current'))).toBe(false);
    // The copy of epoch 1 has a lower sequence number than epoch 2's `next`.
    expect(await resumedEpoch(dir)).toBe(2);
    // The next save first finishes the rotation, so the complete epoch 2 is never the one removed.
    await save(dir, 3);
    expect(await resumedEpoch(dir)).toBe(3);
    expect(existsSync(join(dir, 'old'))).toBe(false);
    expect(existsSync(join(dir, 'next'))).toBe(false);
  });

  it('passes over an incomplete next, and refuses folders it did not write', async () => {
    const dir = folder();
    await save(dir, 1);
    cpSync(join(dir, 'current'), join(dir, 'next'), { recursive: true });
    writeFileSync(join(dir, 'next', 'state.json'), JSON.stringify({ epoch: 9, history: [] }));
    const model = tinyModel();
    const optimizer = new AdamW(1e-3, 0);
    const resumed = await loadCheckpoint(dir, model, optimizer);
    expect(resumed?.state.epoch).toBe(1);
    expect(resumed?.skipped.join()).toMatch(/next: "state\.json" has \d+ bytes; its manifest says \d+/);
    model.dispose();
    optimizer.dispose();
    expect(await hasCheckpoint(dir)).toBe(true);
    expect(await hasCheckpoint(folder())).toBe(false);

    const foreign = folder();
    await save(foreign, 1);
    cpSync(join(foreign, 'current'), join(foreign, 'old'), { recursive: true });
    writeFileSync(join(foreign, 'old', 'notes.txt'), 'mine');
    renameSync(join(foreign, 'old', '.kanjs-checkpoint'), join(foreign, 'old', 'marker-moved'));
    await expect(save(foreign, 2)).rejects.toThrow(/old is in the way of the checkpoint, and it holds files kanjs-mnist does not write \("manifest\.json", "marker-moved", "notes\.txt"\)/);
    expect(readFileSync(join(foreign, 'old', 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('gives one clear error for a tampered state.json', async () => {
    const dir = folder();
    await save(dir, 2);
    const tampered = { epoch: 2, history: 'x'.repeat(100_000) };
    // A state.json rewritten with its manifest entry (so that the manifest check passes) reaches the state check.
    const manifestPath = join(dir, 'current', 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const text = JSON.stringify(tampered);
    writeFileSync(join(dir, 'current', 'state.json'), text);
    const { createHash } = await import('node:crypto');
    manifest.files['state.json'] = { bytes: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex') };
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const error = await resumedEpoch(dir).catch((e: Error) => e);
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as Error).message).toMatch(/state\.json: "history" must be an array of epoch records, found "x+…/);
    expect((error as Error).message.length).toBeLessThan(300);
  });

  it('keeps the old or the new complete state when the writer is killed at each file operation, and at random times', async () => {
    expect(existsSync(built), `${built} is missing: build @kanjs/mnist first`).toBe(true);
    // A kill before operation `exitAt` of a save over a complete state, then another in the next save.
    const atOperation = async (exitAt: number) => {
      const dir = folder();
      await save(dir, 1);
      await save(dir, 2); // current = 2 (old removed); the writer saves 3
      const first = await runWriter(dir, 3, 3, { exitAt });
      const epoch = await resumedEpoch(dir);
      expect(first.killed ? [2, 3] : [3], `killed before operation ${exitAt}`).toContain(epoch);
      const second = await runWriter(dir, 4, 4, { exitAt });
      expect(second.killed ? [epoch, 4] : [4], `killed twice before operation ${exitAt}`).toContain(await resumedEpoch(dir));
      return { kills: Number(first.killed) + Number(second.killed), lastOperation: !first.killed };
    };
    // A kill at a random time within a row of saves.
    const atRandom = async (delay: number) => {
      const dir = folder();
      const run = await runWriter(dir, 1, 1000, { killAfterMs: delay });
      const last = run.saved.at(-1)!;
      expect([last, last + 1], `killed ${delay.toFixed(0)} ms after the first save`).toContain(await resumedEpoch(dir));
      return Number(run.killed);
    };
    let kills = 0;
    let operations = 0;
    // Two writers at a time; operation by operation until a save runs to its end.
    for (let exitAt = 1; operations === 0; exitAt += 2) {
      const results = await Promise.all([atOperation(exitAt), atOperation(exitAt + 1)]);
      kills += results.reduce((n, r) => n + r.kills, 0);
      const done = results.findIndex((r) => r.lastOperation);
      if (done >= 0) operations = exitAt + done - 1;
    }
    const random = seededRandom(7);
    while (kills < 50) kills += (await Promise.all([atRandom(300 * random()), atRandom(300 * random())])).reduce((a, b) => a + b, 0);
    console.log(`checkpoint kill test: a save has ${operations} file operations; ${kills} kills, each left a complete state`);
    expect(operations).toBeGreaterThanOrEqual(15);
  }, 300_000);
});
