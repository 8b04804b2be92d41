// Command-line parsing: defaults, outputs, and one-sentence errors for bad flags.
import { describe, expect, it } from 'vitest';
import { parseCommand, USAGE } from '../src/args.js';

const parse = (...argv: string[]) => parseCommand(argv, '/repo/benchmarks');

describe('kanjs-bench flags', () => {
  it('defaults to the smoke preset, written to the default results folder', () => {
    const command = parse();
    expect(command).toEqual({ name: 'run', quiet: false, outputs: { name: 'smoke', outDir: '/repo/benchmarks' }, options: { preset: 'smoke', torch: 'auto', torchCompile: false, torchTf32: false, torchCudaGraph: false, tf32: false, all: false } });
  });

  it('takes lists, numbers and outputs', () => {
    const command = parse('--preset', 'paper', '--backends', 'cpu,wasm', '--bases', 'bspline', '--layers', 'fastkan', '--ops', 'forward,train-step',
      '--repeats', '7', '--warmup', '0', '--min-sample-ms', '2.5', '--out', 'r.json', '--markdown', 'r.md', '--torch-compile', '--torch-tf32', '--torch-cuda-graph', '--tf32', '--no-approx', '--quiet',
      '--cuda-paths', 'fused,vendor');
    expect(command).toEqual({
      name: 'run',
      quiet: true,
      outputs: { name: 'paper', json: 'r.json', markdown: 'r.md' },
      options: {
        preset: 'paper', torch: 'auto', torchCompile: true, torchTf32: true, torchCudaGraph: true, tf32: true, all: false, approx: false, backends: ['cpu', 'wasm'], bases: ['bspline'], layers: ['fastkan'],
        ops: ['forward', 'train-step'], repeats: 7, warmup: 0, minSampleMs: 2.5, cudaPaths: ['fused', 'vendor'],
      },
    });
  });

  it('--out-dir writes <preset>.* there; --name changes the stem; approx is a subcommand', () => {
    expect(parse('--preset', 'full', '--out-dir', 'benchmarks/h200/bench')).toMatchObject({ outputs: { name: 'full', outDir: 'benchmarks/h200/bench' } });
    expect(parse('--out-dir', 'x', '--name', 'bench')).toMatchObject({ outputs: { name: 'bench', outDir: 'x' } });
    expect(parse('approx')).toEqual({ name: 'approx', quiet: false, outputs: { name: 'approx', outDir: '/repo/benchmarks' } });
    expect(parse('--torch')).toMatchObject({ options: { torch: 'on' } });
    expect(parse('--no-torch')).toMatchObject({ options: { torch: 'off' } });
    expect(parse('--max-group-seconds', '30')).toMatchObject({ options: { maxGroupSeconds: 30 } });
    expect(parse('--max-group-seconds', '0')).toMatchObject({ options: { maxGroupSeconds: null } });
    expect(parse('-h')).toEqual({ name: 'help' });
    expect(USAGE).toContain('--preset smoke|paper|full|large');
    expect(parse('--preset', 'large')).toMatchObject({ options: { preset: 'large' }, outputs: { name: 'large' } });
    expect(parse('--preset', 'scaling')).toMatchObject({ options: { preset: 'scaling' }, outputs: { name: 'scaling' } });
  });

  it('names what was expected and what was found', () => {
    expect(() => parse('--preset', 'huge')).toThrow('--preset must be one of smoke, paper, full, large, scaling, got "huge".');
    expect(() => parse('--cuda-paths', 'fused,simt')).toThrow('--cuda-paths: unknown "simt"; expected fused, vendor.');
    expect(() => parse('--backends', 'cpu,gpu')).toThrow('--backends: unknown "gpu"; expected cpu, wasm, webgpu, cuda, tensorflow.');
    expect(() => parse('--repeats', '0')).toThrow('--repeats must be an integer ≥ 1, got "0".');
    expect(() => parse('--min-sample-ms=-1')).toThrow('--min-sample-ms must be a number ≥ 0, got "-1".');
    expect(() => parse('--torch', '--no-torch')).toThrow('--torch and --no-torch contradict each other.');
    expect(() => parse('--bogus')).toThrow(/Unknown option '--bogus'; see kanjs-bench --help\./);
    expect(() => parse('--name', '../x')).toThrow('--name must be a plain file name stem, got "../x".');
  });
});
