// The child process of the kill tests: it overwrites a saved model again and again through fileSystem(dir).save,
// from the handler's source bundled for plain node, until it is killed. Versions of the model to save, and a
// check that a folder loads as one of them exactly.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { build } from 'vite';
import { afterAll, beforeAll, expect } from 'vitest';
import { kan, kanLayers } from '@kanjs/kan-layers';
import { fileSystem } from '@kanjs/kan-layers/node';
import { useCpu, weightsOf } from './helpers.js';

let work = '';

/** A version of the model: what the child saves, as JSON (weights in base64), and the weights it must load back as. */
interface Version {
  readonly artifacts: { modelTopology: unknown; weightSpecs: unknown; weightData: string; format?: string };
  readonly weights: Record<string, Float32Array>[];
}

let versions: Version[] = [];
let child = '';

async function version(model: tfl.Sequential): Promise<Version> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const weights = kanLayers(model).map((layer) => weightsOf(layer));
  model.dispose();
  const { modelTopology, weightSpecs, weightData, format } = saved!;
  return { artifacts: { modelTopology, weightSpecs, weightData: Buffer.from(weightData as ArrayBuffer).toString('base64'), ...(format === undefined ? {} : { format }) }, weights };
}

/** Registers the hooks of a kill test file: the child and the versions are made before its tests, removed after. */
export function useChild(): void {
  beforeAll(setUpChild);
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
}

/** Bundles the child and makes the versions, in a new temporary folder. */
async function setUpChild(): Promise<void> {
  await useCpu();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kanjs-kill-'));
  // The child runs the handler's source, bundled here for plain node (no build of the package needed).
  const entry = fileURLToPath(new URL('../src/io/node.ts', import.meta.url));
  await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { conditions: ['@kanjs/source'] },
    ssr: { noExternal: true, resolve: { conditions: ['@kanjs/source'], externalConditions: ['@kanjs/source'] } },
    build: { ssr: entry, outDir: path.join(work, 'bundle'), emptyOutDir: true, minify: false, rollupOptions: { output: { entryFileNames: 'node.mjs' } } },
  });
  child = path.join(work, 'save-loop.mjs');
  fs.writeFileSync(child, `
import { readFileSync } from 'node:fs';
import { fileSystem } from './bundle/node.mjs';
const [dir, file, rounds] = process.argv.slice(2);
const versions = JSON.parse(readFileSync(file, 'utf8'));
process.stdout.write('ready\\n');
for (let i = 0; i < Number(rounds); i++) {
  const { weightData, ...rest } = versions[(i + 1) % versions.length].artifacts;
  const bytes = Buffer.from(weightData, 'base64');
  await fileSystem(dir).save({ ...rest, weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) });
}
`);
  // Three versions: two of one size (so that mixing them would go unnoticed by size checks) and one bigger.
  versions = [
    await version(kan({ layers: [24, 96, 24], seed: 1 })),
    await version(kan({ layers: [24, 96, 24], seed: 2 })),
    await version(kan({ layers: [24, 128, 8], layer: 'fastkan', seed: 3 })),
  ];
  fs.writeFileSync(path.join(work, 'versions.json'), JSON.stringify(versions.map((v) => ({ artifacts: v.artifacts }))));
}

/** Runs the child on `dir` for `rounds` saves, killed `killAfterMs` after it is ready when given; resolves with how it ended. */
export function runChild(dir: string, rounds: number, env: Record<string, string>, killAfterMs?: number): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, dir, path.join(work, 'versions.json'), String(rounds)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.stdout.once('data', () => {
      if (killAfterMs !== undefined) timer = setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0 && signal === null) reject(new Error(`the child failed: ${stderr}`));
      else resolve({ code, signal });
    });
  });
}

/** Loads the folder and says which version it holds; fails if it loads as none of them. */
export async function loadedVersion(dir: string): Promise<number> {
  const model = await tfl.loadLayersModel(fileSystem(dir));
  const weights = kanLayers(model).map((layer) => weightsOf(layer));
  model.dispose();
  const found = versions.findIndex((v) => v.weights.length === weights.length && v.weights.every((w, l) => {
    const names = Object.keys(w);
    return names.length === Object.keys(weights[l]!).length && names.every((name) => weights[l]![name] !== undefined && Buffer.from(w[name]!.buffer).equals(Buffer.from(weights[l]![name]!.buffer)));
  }));
  expect(found, `${dir} holds no complete version`).toBeGreaterThanOrEqual(0);
  return found;
}

/** A folder named `name` holding version 0. */
export async function savedFolder(name: string): Promise<string> {
  const dir = path.join(work, name);
  const { weightData, ...rest } = versions[0]!.artifacts;
  const bytes = Buffer.from(weightData, 'base64');
  await fileSystem(dir).save!({ ...rest, weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) } as tf.io.ModelArtifacts);
  return dir;
}
