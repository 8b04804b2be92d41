// The CLI end to end, as a user runs it: a separate node process on the built dist/.
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { encode } from 'fast-png';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeIdx } from '../src/data/idx.js';

const run = promisify(execFile);
const cli = new URL('../dist/cli/main.js', import.meta.url).pathname;

async function kanjsMnist(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [cli, ...args], { env: { ...process.env, KANJS_DEBUG: '' }, maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const work = mkdtempSync(join(tmpdir(), 'kanjs-cli-'));
const model = join(work, 'models', 'fastkan-gaussian');
// A small run: epochs of 1000 examples on a [784, 16, 10] FastKAN, a few seconds each.
const TRAIN = ['--layer', 'fastkan', '--hidden', '16', '--batch-size', '32', '--lr', '0.003', '--train-size', '1000', '--test-size', '200', '--backend', 'cpu', '--quiet'];
let trained: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build @kanjs/mnist first (nx run @kanjs/mnist:build).`);
  trained = await kanjsMnist([...TRAIN, '--epochs', '1', '--checkpoint', join(work, 'ck'), '--save', join(work, 'models'),
    '--export-torch', join(work, 'fast.safetensors'), '--json', join(work, 'result.json')]);
}, 300_000);

/** A copy of the shared run's checkpoints, for a test that writes to them. */
function checkpointCopy(): string {
  const dir = mkdtempSync(join(work, 'ck-'));
  cpSync(join(work, 'ck'), dir, { recursive: true });
  return dir;
}

describe('kanjs-mnist', () => {
  it('trains on a small subset to well above chance, and saves and exports the model', () => {
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    const result = JSON.parse(readFileSync(join(work, 'result.json'), 'utf8'));
    expect(result.config).toMatchObject({ layer: 'fastkan', basis: 'gaussian', layers: [784, 16, 10], epochs: 1, batchSize: 32, lr: 0.003, backend: 'cpu', seed: 1 });
    expect(result.epochs).toHaveLength(1);
    expect(result.epochs[0]).toEqual(expect.objectContaining({ loss: expect.any(Number), valAccuracy: expect.any(Number), seconds: expect.any(Number) }));
    expect(result.final.testAccuracy).toBeGreaterThan(0.3); // chance is 0.1; one epoch of 32 batches
    expect(result.epochs[0].tensors).toBeGreaterThan(0);
    expect(trained.stdout).toMatch(/model\s+test acc\s+test loss\s+s\/epoch\s+params/);
    expect(trained.stdout).toContain('backend cpu, 1 epoch\n');
    expect(existsSync(join(work, 'fast.safetensors'))).toBe(true);
    expect(existsSync(join(model, 'model.json'))).toBe(true);
  });

  it('exports each of several KANs into the --export-torch folder, and the one KAN to the path given', async () => {
    const out = join(work, 'torch-both');
    const both = await kanjsMnist(['--hidden', '2', '--train-size', '64', '--test-size', '10', '--backend', 'cpu', '--quiet', '--epochs', '1',
      '--checkpoint', mkdtempSync(join(work, 'ck-')), '--export-torch', out]);
    expect(both.stderr).toBe('');
    expect(readdirSync(out).sort()).toEqual(['fastkan-gaussian.safetensors', 'kan-linear-bspline.safetensors']);
    expect(both.stdout).toContain(`fastkan-gaussian: exported to ${join(out, 'fastkan-gaussian.safetensors')}`);
    // No extension added or changed: the file is exactly the path given.
    const file = join(work, 'fast-kan.pt');
    const one = await kanjsMnist([...TRAIN, '--train-size', '64', '--test-size', '10', '--hidden', '2', '--epochs', '1',
      '--checkpoint', mkdtempSync(join(work, 'ck-')), '--export-torch', file]);
    expect(one.stderr).toBe('');
    expect(statSync(file).isFile()).toBe(true);
  });

  it('predicts an example of the test set', async () => {
    const predicted = await kanjsMnist(['predict', '--model', model, '--index', '0', '--backend', 'cpu']);
    expect(predicted.stderr).toBe('');
    expect(predicted.stdout).toMatch(/^prediction: \d \(\d+\.\d%\), label 7/);
  });

  it('classifies a PNG', async () => {
    const data = new Uint8Array(28 * 28);
    for (let y = 6; y < 22; y++) data[y * 28 + 14] = 255; // a "1"
    const png = join(work, 'one.png');
    writeFileSync(png, encode({ width: 28, height: 28, data, channels: 1, depth: 8 }));
    const predicted = await kanjsMnist(['predict', '--model', model, '--png', png, '--backend', 'cpu']);
    expect(predicted.code).toBe(0);
    expect(predicted.stdout).toMatch(/^prediction: \d/);
  });

  it('resumes with more epochs from the checkpoint of epoch 1, with no tensor leak', async () => {
    const ck = checkpointCopy();
    const json = join(work, 'resumed.json');
    const resumed = await kanjsMnist([...TRAIN, '--epochs', '2', '--checkpoint', ck, '--json', json, '--resume']);
    expect(resumed.stderr).toBe('');
    expect(resumed.stdout).toContain('fastkan-gaussian: resumed from');
    expect(resumed.stdout).not.toContain('epoch 1:');
    expect(resumed.stdout).toContain('fastkan-gaussian epoch 2:');
    const result = JSON.parse(readFileSync(json, 'utf8'));
    expect(result.epochs.slice(0, 1)).toEqual(JSON.parse(readFileSync(join(work, 'result.json'), 'utf8')).epochs);
    // No tensor leaks: the count after each epoch (training, validation, checkpoint) stays the same.
    expect(result.epochs[1].tensors).toBe(result.epochs[0].tensors);
    expect(result.final.testAccuracy).toBeGreaterThan(0.5); // chance is 0.1
  }, 240_000);

  it('refuses to resume with other flags, naming the flag', async () => {
    const result = await kanjsMnist([...TRAIN.map((a) => (a === '0.003' ? '0.01' : a)), '--epochs', '2', '--checkpoint', checkpointCopy(), '--resume']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^kanjs-mnist: --resume: .*current was trained with --lr 0\.003, this run has 0\.01; pass the same flags, or start over with --force and without --resume\.\n$/);
  });

  it('refuses to resume with other hidden widths, naming --hidden', async () => {
    const result = await kanjsMnist([...TRAIN.map((a) => (a === '16' ? '16,16' : a)), '--epochs', '2', '--checkpoint', checkpointCopy(), '--resume']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^kanjs-mnist: --resume: .*current was trained with --hidden \[784,16,10\], this run has \[784,16,16,10\]; pass the same flags/);
  });

  it('trains a conv KAN on CIFAR-10 binary files and predicts with it', async () => {
    const dir = join(work, 'cifar');
    mkdirSync(dir);
    // Tiny batch files of the official format: a label byte, then the red, green and blue planes.
    const batch = (count: number, seed: number) => Uint8Array.from({ length: count * 3073 }, (_, n) => (n % 3073 === 0 ? (n / 3073 + seed) % 10 : (n * 37 + seed) % 256));
    for (let i = 1; i <= 5; i++) writeFileSync(join(dir, `data_batch_${i}.bin`), batch(8, i));
    writeFileSync(join(dir, 'test_batch.bin'), batch(6, 0));
    const json = join(work, 'cifar.json');
    const trainedCifar = await kanjsMnist(['--dataset', 'cifar10', '--data', dir, '--conv', '--layer', 'fastkan', '--hidden', '8,8', '--mlp', '--epochs', '1',
      '--backend', 'cpu', '--quiet', '--checkpoint', join(work, 'ck-cifar'), '--save', join(work, 'cifar-models'), '--json', json]);
    expect(trainedCifar.stderr).toBe('');
    expect(trainedCifar.stdout).toContain('kanjs-mnist: cifar10, 40 train / 6 test examples');
    const { runs } = JSON.parse(readFileSync(json, 'utf8'));
    expect(runs.map((r: { config: object }) => r.config)).toEqual([
      expect.objectContaining({ model: 'conv-fastkan-gaussian', layers: [1152, 8, 8, 10], conv: true, input: [32, 32, 3], dataset: 'cifar10' }),
      expect.objectContaining({ model: 'conv-mlp', conv: true, input: [32, 32, 3] }),
    ]);
    expect(runs[0].epochs[0].layerNormDomain).toHaveLength(3);
    const predicted = await kanjsMnist(['predict', '--model', join(work, 'cifar-models', 'conv-fastkan-gaussian'), '--dataset', 'cifar10', '--data', dir, '--index', '1', '--backend', 'cpu']);
    expect(predicted.stderr).toBe('');
    expect(predicted.stdout).toMatch(/^prediction: \d \(\d+\.\d%\), label 1/);
    const mismatch = await kanjsMnist(['predict', '--model', join(work, 'cifar-models', 'conv-fastkan-gaussian'), '--index', '0', '--backend', 'cpu']);
    expect(mismatch.stderr).toMatch(/conv-fastkan-gaussian takes 3072 input values, but predict was given mnist images of 784 values; pass the --dataset the model was trained on\.\n$/);
  }, 240_000);

  it('never deletes or overwrites what is there without --force, and keeps the mode of a replaced file', async () => {
    const ck = checkpointCopy();
    const fresh = await kanjsMnist([...TRAIN, '--epochs', '1', '--checkpoint', ck]);
    expect(fresh.code).toBe(1);
    expect(fresh.stderr).toBe(`kanjs-mnist: ${join(ck, 'fastkan-gaussian')} holds the checkpoint of an earlier run; pass --resume to continue it, or --force to start over and replace it.\n`);
    expect(existsSync(join(ck, 'fastkan-gaussian', 'current', 'state.json'))).toBe(true);
    for (const [flag, path] of [['--json', join(work, 'result.json')], ['--export-torch', join(work, 'fast.safetensors')], ['--save', join(work, 'models')]] as const) {
      const refused = await kanjsMnist([...TRAIN, '--epochs', '1', '--checkpoint', mkdtempSync(join(work, 'ck-')), flag, path]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(new RegExp(`^kanjs-mnist: ${flag} .*: a (file|folder) is already there; pass --force to replace it, or pick another path\\.\\n$`));
    }
    const json = join(work, 'private.json');
    writeFileSync(json, '{}');
    chmodSync(json, 0o600);
    const forced = await kanjsMnist([...TRAIN, '--epochs', '1', '--train-size', '64', '--test-size', '10', '--hidden', '2', '--checkpoint', ck, '--json', json, '--force']);
    expect(forced.stderr).toBe('');
    expect(JSON.parse(readFileSync(json, 'utf8')).epochs).toHaveLength(1);
    expect(statSync(json).mode & 0o777).toBe(0o600);
  });

  const failures: [string, string[], RegExp][] = [
    ['an unknown basis', ['--layer', 'fastkan', '--basis', 'nosuchbasis'], /^kanjs-mnist: unknown basis "nosuchbasis"; registered bases: .*bspline.*gaussian.*\.\n$/],
    ['an unknown backend', ['--backend', 'tpu'], /^kanjs-mnist: unknown backend "tpu"; expected one of .*\.\n$/],
    // tensorflow (tfjs-node-gpu) cannot install on these machines; cuda may be there, depending on the machine.
    ['a backend that is not available', ['--backend', 'tensorflow', '--train-size', '10', '--checkpoint', 'CK'], /^kanjs-mnist: tensorflow: @tensorflow\/tfjs-node-gpu is not installed or does not load\. .*(\)\.|…)\n$/],
    ['a missing IDX file', ['--data', '/nonexistent', '--backend', 'cpu', '--checkpoint', 'CK'], /^kanjs-mnist: missing IDX file: expected \/nonexistent\/train-images-idx3-ubyte or .*\.gz\.\n$/],
    ['a PNG that is not an image', ['predict', '--model', '/nonexistent', '--png', 'BAD', '--backend', 'cpu'], /^kanjs-mnist: .*bad\.png is not a PNG image \(.*\)\.\n$/],
    ['a value too long to print', ['--layer', 'fastkan', '--basis-options', `{"numCenters":${'9'.repeat(100_000)}`], /^kanjs-mnist: --basis-options must be a JSON object such as .{0,200}…\.\n$/],
  ];
  for (const [what, args, message] of failures) {
    it(`exits 1 with one line and no stack for ${what}`, async () => {
      const bad = join(work, 'bad.png');
      writeFileSync(bad, 'hello');
      const result = await kanjsMnist(args.map((a) => (a === 'BAD' ? bad : a === 'CK' ? join(work, 'unused-ck') : a)));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('exits 1 for a corrupt or truncated IDX file', async () => {
    const dir = join(work, 'corrupt');
    await run('mkdir', ['-p', dir]);
    const header = (magic: number[], dims: number[]) => Buffer.from([...magic, ...dims.flatMap((d) => [d >>> 24, (d >>> 16) & 255, (d >>> 8) & 255, d & 255])]);
    writeFileSync(join(dir, 'train-images-idx3-ubyte'), header([0, 0, 8, 1], [5]));
    let result = await kanjsMnist(['--data', dir, '--backend', 'cpu', '--checkpoint', join(dir, 'ck')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^kanjs-mnist: .*train-images-idx3-ubyte: wrong IDX magic number 0x00000801; expected 0x00000803/);
    writeFileSync(join(dir, 'train-images-idx3-ubyte'), Buffer.concat([header([0, 0, 8, 3], [2, 28, 28]), Buffer.alloc(100)]));
    result = await kanjsMnist(['--data', dir, '--backend', 'cpu', '--checkpoint', join(dir, 'ck')]);
    expect(result.stderr).toMatch(/^kanjs-mnist: .*train-images-idx3-ubyte: truncated IDX data: shape \[2, 28, 28\] needs 1568 bytes, the file has 100\.\n$/);
  });

  it('exits 1 for data with no examples', async () => {
    const dir = join(work, 'empty');
    mkdirSync(dir);
    for (const prefix of ['train', 't10k']) {
      writeFileSync(join(dir, `${prefix}-images-idx3-ubyte`), encodeIdx([0, 28, 28], new Uint8Array(0)));
      writeFileSync(join(dir, `${prefix}-labels-idx1-ubyte`), encodeIdx([0], new Uint8Array(0)));
    }
    const result = await kanjsMnist(['--data', dir, '--backend', 'cpu', '--checkpoint', join(dir, 'ck')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`kanjs-mnist: ${join(dir, 'train-images-idx3-ubyte')} holds no images (its count is 0); expected at least 1.\n`);
  });
});
