import { describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import '@kanjs/kan-layers';
import { parseCommand } from '../src/cli/args.js';
import { buildModel } from '../src/train/models.js';

describe('kanjs-mnist arguments', () => {
  it('defaults to the paper recipe and both KANs', () => {
    const command = parseCommand([]);
    expect(command.name).toBe('train');
    if (command.name !== 'train') return;
    expect(command.options.specs.map((s) => `${s.kind}/${s.basis}`)).toEqual(['fastkan/gaussian', 'kan-linear/bspline']);
    expect(command.options.config).toMatchObject({ batchSize: 64, lr: 1e-3, weightDecay: 1e-4, gamma: 0.8, seed: 1 });
    expect(command.options.backend).toBe('auto');
  });

  it('takes a layer, a basis, an MLP baseline and the recipe flags', () => {
    const command = parseCommand(['train', '--layer', 'kan-linear', '--basis', 'gaussian', '--mlp', '--epochs', '3', '--batch-size', '32', '--lr', '0.002', '--seed', '9']);
    if (command.name !== 'train') throw new Error('expected train');
    expect(command.options.specs.map((s) => s.kind)).toEqual(['kan-linear', 'mlp']);
    expect(command.options.specs[0]!.basis).toBe('gaussian');
    expect(command.options.config).toMatchObject({ epochs: 3, batchSize: 32, lr: 0.002, seed: 9 });
  });

  it('passes --basis-options to the basis, after checking them against it', () => {
    const command = parseCommand(['--layer', 'fastkan', '--basis-options', '{"numCenters":12,"gridMin":-3}']);
    if (command.name !== 'train') throw new Error('expected train');
    expect(command.options.specs[0]).toMatchObject({ kind: 'fastkan', basisOptions: { numCenters: 12, gridMin: -3 } });
    expect(buildModel(command.options.specs[0]!).getLayer('fastkan_gaussian_0').getConfig()['basis']).toMatchObject({ name: 'gaussian', numCenters: 12, gridMin: -3 });
    expect(() => parseCommand(['--layer', 'fastkan', '--basis-options', '{numCenters:12}'])).toThrow(
      `--basis-options must be a JSON object such as '{"numCenters":12}', got "{numCenters:12}".`,
    );
    expect(() => parseCommand(['--layer', 'fastkan', '--basis-options', '[1]'])).toThrow('--basis-options must be a JSON object');
    expect(() => parseCommand(['--basis-options', '{}'])).toThrow('--basis-options needs --layer fastkan or --layer kan-linear.');
    expect(() => parseCommand(['--layer', 'fastkan', '--basis-options', '{"name":"bspline"}'])).toThrow('--basis-options must not hold "name"; pick the basis with --basis.');
    expect(() => parseCommand(['--layer', 'fastkan', '--basis-options', '{"numCentres":12}'])).toThrow(/^--basis-options: .*numCentres/);
  });

  it('takes one hidden width or a comma list, and --conv for every model', () => {
    const one = parseCommand(['--hidden', '64']);
    if (one.name !== 'train') throw new Error('expected train');
    expect(one.options.specs.map((s) => s.hidden)).toEqual([64, 64]);
    const deep = parseCommand(['--hidden', '256,256', '--mlp', '--conv', '--dataset', 'cifar10', '--data', 'cifar']);
    if (deep.name !== 'train') throw new Error('expected train');
    expect(deep.options.specs.map((s) => [s.kind, s.hidden, s.conv])).toEqual([['fastkan', [256, 256], true], ['kan-linear', [256, 256], true], ['mlp', [256, 256], true]]);
    expect(deep.options).toMatchObject({ dataset: 'cifar10', data: 'cifar' });
    for (const bad of ['0', '64,', ',64', '64,,64', '2.5', 'x', '64 64', '']) {
      expect(() => parseCommand(['--hidden', bad]), bad).toThrow(`--hidden must be one or more integers ≥ 1 separated by commas, such as 64 or 256,256, got ${JSON.stringify(bad)}.`);
    }
  });

  it('gives one clear error for each bad input', () => {
    expect(() => parseCommand(['--basis', 'chebyshev', '--layer', 'fastkan'])).toThrow('unknown basis "chebyshev"; registered bases: bspline, gaussian.');
    expect(() => parseCommand(['--backend', 'tpu'])).toThrow('unknown backend "tpu"; expected one of auto, cuda, webgpu, webgl, wasm, cpu, tensorflow.');
    expect(() => parseCommand(['--epochs', '0'])).toThrow('--epochs must be an integer ≥ 1, got "0".');
    expect(() => parseCommand(['--lr', 'fast'])).toThrow('--lr must be a number > 0, got "fast".');
    expect(() => parseCommand(['--layer', 'mlp'])).toThrow('--layer must be fastkan or kan-linear, got "mlp".');
    expect(() => parseCommand(['--dataset', 'cifar'])).toThrow('--dataset must be mnist, fashion or cifar10, got "cifar".');
    expect(() => parseCommand(['--dataset', 'cifar10'])).toThrow(/^--dataset cifar10 needs --data DIR, a folder of CIFAR-10's binary version \(data_batch_1\.bin … data_batch_5\.bin, test_batch\.bin\)/);
    expect(() => parseCommand(['predict', '--model', 'm', '--index', '0', '--dataset', 'cifar10'])).toThrow('--dataset cifar10 needs --data DIR');
    expect(() => parseCommand(['--conv', '--export-torch', 'x.safetensors'])).toThrow('--export-torch writes efficient-kan or fast-kan state dicts, which have no conv layers; drop --conv or --export-torch.');
    expect(() => parseCommand(['--frobnicate'])).toThrow(/Unknown option '--frobnicate'; see kanjs-mnist --help\./);
    expect(() => parseCommand(['predict', '--png', 'x.png'])).toThrow('predict needs --model DIR (a model saved with --save).');
    expect(() => parseCommand(['predict', '--model', 'm'])).toThrow('predict needs exactly one of --png FILE and --index N.');
  });
});
