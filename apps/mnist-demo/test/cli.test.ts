// The CLI end to end, as a user runs it: a separate node process on the built dist/.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { encode } from 'fast-png';
import { beforeAll, describe, expect, it } from 'vitest';

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

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build mnist-demo first (nx run mnist-demo:build).`);
});

describe('kanjs-mnist', () => {
  it('trains on a small subset to well above chance, then saves, exports, predicts and resumes', async () => {
    const json = join(work, 'result.json');
    const args = ['--layer', 'fastkan', '--epochs', '2', '--train-size', '2000', '--test-size', '500', '--backend', 'cpu', '--quiet',
      '--checkpoint', join(work, 'ck'), '--save', join(work, 'models'), '--export-torch', join(work, 'fast.safetensors'), '--json', json];
    const trained = await kanjsMnist(args);
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    const result = JSON.parse(readFileSync(json, 'utf8'));
    expect(result.config).toMatchObject({ layer: 'fastkan', basis: 'gaussian', epochs: 2, batchSize: 64, backend: 'cpu', seed: 1 });
    expect(result.epochs).toHaveLength(2);
    expect(result.epochs[1]).toEqual(expect.objectContaining({ loss: expect.any(Number), valAccuracy: expect.any(Number), seconds: expect.any(Number) }));
    expect(result.final.testAccuracy).toBeGreaterThan(0.6); // chance is 0.1
    // No tensor leaks across epochs: the count after each epoch (training, validation) stays the same.
    expect(result.epochs[0].tensors).toBeGreaterThan(0);
    expect(result.epochs[1].tensors).toBe(result.epochs[0].tensors);
    expect(trained.stdout).toMatch(/model\s+test acc\s+test loss\s+s\/epoch\s+params/);
    expect(existsSync(join(work, 'fast.safetensors'))).toBe(true);

    const predicted = await kanjsMnist(['predict', '--model', join(work, 'models', 'fastkan-gaussian'), '--index', '0', '--backend', 'cpu']);
    expect(predicted.code).toBe(0);
    expect(predicted.stdout).toMatch(/^prediction: \d \(\d+\.\d%\), label 7/);

    // Resuming with more epochs continues from the checkpoint of epoch 2.
    const resumed = await kanjsMnist([...args.map((a) => (a === '2' ? '3' : a)), '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('fastkan-gaussian: resumed from');
    expect(resumed.stdout).not.toContain('epoch 1:');
    expect(resumed.stdout).toContain('fastkan-gaussian epoch 3:');
    expect(JSON.parse(readFileSync(json, 'utf8')).epochs.slice(0, 2)).toEqual(result.epochs);
  });

  it('classifies a PNG', async () => {
    const data = new Uint8Array(28 * 28);
    for (let y = 6; y < 22; y++) data[y * 28 + 14] = 255; // a "1"
    const png = join(work, 'one.png');
    writeFileSync(png, encode({ width: 28, height: 28, data, channels: 1, depth: 8 }));
    const model = join(work, 'models', 'fastkan-gaussian');
    const predicted = await kanjsMnist(['predict', '--model', model, '--png', png, '--backend', 'cpu']);
    expect(predicted.code).toBe(0);
    expect(predicted.stdout).toMatch(/^prediction: \d/);
  });

  const failures: [string, string[], RegExp][] = [
    ['an unknown basis', ['--layer', 'fastkan', '--basis', 'nosuchbasis'], /^kanjs-mnist: unknown basis "nosuchbasis"; registered bases: .*bspline.*gaussian.*\.\n$/],
    ['an unknown backend', ['--backend', 'tpu'], /^kanjs-mnist: unknown backend "tpu"; expected one of .*\.\n$/],
    // tensorflow (tfjs-node-gpu) cannot install on these machines; cuda may be there, depending on the machine.
    ['a backend that is not available', ['--backend', 'tensorflow', '--train-size', '10'], /^kanjs-mnist: tensorflow: @tensorflow\/tfjs-node-gpu is not installed or does not load\. .*\)\.\n$/],
    ['a missing IDX file', ['--data', '/nonexistent', '--backend', 'cpu'], /^kanjs-mnist: missing IDX file: expected \/nonexistent\/train-images-idx3-ubyte or .*\.gz\.\n$/],
    ['a PNG that is not an image', ['predict', '--model', 'MODEL', '--png', 'BAD', '--backend', 'cpu'], /^kanjs-mnist: .*bad\.png is not a PNG image \(.*\)\.\n$/],
  ];
  for (const [what, args, message] of failures) {
    it(`exits 1 with one line and no stack for ${what}`, async () => {
      const bad = join(work, 'bad.png');
      writeFileSync(bad, 'hello');
      const result = await kanjsMnist(args.map((a) => (a === 'BAD' ? bad : a === 'MODEL' ? join(work, 'models', 'fastkan-gaussian') : a)));
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
    let result = await kanjsMnist(['--data', dir, '--backend', 'cpu']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^kanjs-mnist: .*train-images-idx3-ubyte: wrong IDX magic number 0x00000801; expected 0x00000803/);
    writeFileSync(join(dir, 'train-images-idx3-ubyte'), Buffer.concat([header([0, 0, 8, 3], [2, 28, 28]), Buffer.alloc(100)]));
    result = await kanjsMnist(['--data', dir, '--backend', 'cpu']);
    expect(result.stderr).toMatch(/^kanjs-mnist: .*train-images-idx3-ubyte: truncated IDX data: shape \[2, 28, 28\] needs 1568 bytes, the file has 100\.\n$/);
  });
});
