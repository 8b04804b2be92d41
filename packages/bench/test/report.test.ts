// Ratios against named baselines, the markdown tables and the SVG helpers, on hand-made measurements.
import { describe, expect, it } from 'vitest';
import { barChart, computeRatios, lineChart, type BenchResult, type Measurement } from '@kanjs/bench';
import { formatBytes, formatMs, table } from '../src/report/format.js';
import { scalingCharts, scalingMarkdown } from '../src/report/scaling.js';
import { linearTicks, logTicks } from '../src/report/svg.js';

function measurement(backend: string, layer: 'fastkan' | 'kan-linear' | null, basis: string, op: Measurement['op'], variant: Measurement['variant'], samples: number[]): Measurement {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    id: `${backend}/c/${layer ?? '-'}/${basis}/${op}/${variant}`, backend, runtime: 'tfjs', caseId: 'c', kind: 'layer', shape: { in: 2, out: 2 }, network: [2, 2], batch: 1,
    dtype: 'float32', basis, basisConfig: { name: basis }, layer, op, variant, group: `${backend}/c`, warmup: 0, repeats: samples.length, inner: 1,
    timeMs: { median: sorted[Math.floor(sorted.length / 2)]!, p25: sorted[0]!, p75: sorted[sorted.length - 1]!, min: sorted[0]!, max: sorted[sorted.length - 1]!, mean: 0 },
    samplesMs: samples, params: 1, nonTrainableParams: 0,
    memory: { peakAddedBytes: 0, persistentBytes: 0, peakBytes: 0, method: 'none', backend: {} }, finite: true,
  };
}

describe('computeRatios', () => {
  const ms = [
    measurement('cpu', 'fastkan', 'gaussian', 'forward', 'layer', [1, 1, 1]),
    measurement('cpu', 'fastkan', 'bspline', 'forward', 'layer', [2, 2, 2]),
    measurement('cpu', 'kan-linear', 'gaussian', 'forward', 'layer', [2, 2, 2]),
    measurement('cpu', 'kan-linear', 'bspline', 'forward', 'layer', [3, 3.3, 3.6]),
    measurement('webgpu', null, 'bspline', 'basis-linear-forward', 'fused', [1, 1, 1]),
    measurement('webgpu', null, 'bspline', 'basis-linear-forward', 'generic', [4, 5, 6]),
    measurement('webgpu', 'fastkan', 'gaussian', 'forward', 'layer', [0.5, 0.5, 0.5]),
  ];
  const ratios = computeRatios(ms, 'cpu');

  it('paper: efficient-KAN (kan-linear, bspline) over FastKAN (fastkan, gaussian), paired per repeat', () => {
    const paper = ratios.filter((r) => r.kind === 'paper');
    expect(paper).toHaveLength(1);
    expect(paper[0]).toMatchObject({ backend: 'cpu', op: 'forward', baselineMs: 1, contenderMs: 3.3, interleaved: true });
    expect(paper[0]!.ratio).toBeCloseTo(3.3, 12);
    expect(paper[0]!.spread.p25).toBeCloseTo(3.15, 12);
    expect(paper[0]!.spread.p75).toBeCloseTo(3.45, 12);
  });

  it('basis: bspline over gaussian in each layer kind; fused: generic over fused; backend: against the baseline', () => {
    expect(ratios.filter((r) => r.kind === 'basis').map((r) => [r.label, r.ratio])).toEqual([['fastkan: bspline / gaussian', 2], ['kan-linear: bspline / gaussian', 1.65]]);
    expect(ratios.filter((r) => r.kind === 'fused').map((r) => r.ratio)).toEqual([5]);
    const backend = ratios.filter((r) => r.kind === 'backend');
    expect(backend).toHaveLength(1);
    expect(backend[0]).toMatchObject({ backend: 'webgpu vs cpu', ratio: 0.5, interleaved: false, spread: { p25: 0.5, p75: 0.5 } });
  });
});

describe('report helpers', () => {
  it('formats times, bytes and tables', () => {
    expect(formatMs(1234.5)).toBe('1235');
    expect(formatMs(3.14159)).toBe('3.14');
    expect(formatMs(0.0001234)).toBe('1.23e-4');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.00 MiB');
    expect(formatBytes(null)).toBe('—');
    expect(table(['a', 'b'], [['x|y', '1']])).toBe('| a | b |\n| --- | ---: |\n| x\\|y | 1 |');
  });

  it('picks round ticks', () => {
    expect(linearTicks(9)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(linearTicks(0.37)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(logTicks(0.003, 40)).toEqual([0.01, 0.1, 1, 10]);
    expect(logTicks(1.5, 30)).toEqual([2, 5, 10, 20]);
  });

  it('draws bars and lines as standalone SVG with escaped text', () => {
    const bars = barChart({ title: 'a < b & c', yLabel: 'ms', series: [{ name: 's1' }, { name: 's2' }], panels: [{ title: 'p', groups: [{ label: 'g', bars: [{ series: 0, value: 1, low: 0.5, high: 1.5 }, { series: 1, value: 2 }] }] }] });
    expect(bars).toContain('a &lt; b &amp; c');
    expect(bars.match(/<rect [^>]*fill="#/g)).toHaveLength(4); // two legend swatches, two bars
    const lines = lineChart({ title: 't', xLabel: 'batch', yLabel: 'ms', xLog: true, yLog: true, series: [{ name: 'a' }], panels: [{ title: 'p', lines: [{ series: 0, points: [{ x: 1, y: 0.1 }, { x: 64, y: 3 }] }] }] });
    expect(lines).toContain('<polyline');
    expect(lines).not.toMatch(/NaN|Infinity/);
  });
});

describe('the scaling view', () => {
  const cases = [256, 1024].flatMap((w) => [1, 16].map((batch) => ({ id: `layer-${w}x${w}-b${batch}`, kind: 'layer' as const, widths: [w, w], batch, charts: ['sweep' as const] })));
  const at = (backend: string, c: (typeof cases)[number], ms: number): Measurement => ({ ...measurement(backend, 'fastkan', 'gaussian', 'forward-backward', 'layer', [ms]), caseId: c.id, batch: c.batch });
  // kanjs cuda: 1 ms per case plus 1 ms per 2^24 multiply-adds; PyTorch twice as slow.
  const cudaMs = (c: (typeof cases)[number]) => 1 + (c.batch * c.widths[0]! * c.widths[1]! * 8) / 2 ** 24;
  const result = {
    ops: ['forward-backward'], cases, baselineBackend: 'torch-cuda',
    measurements: cases.flatMap((c) => [at('cuda', c, cudaMs(c)), at('torch-cuda', c, 2 * cudaMs(c))]),
  } as unknown as BenchResult;

  it('tables time against batch and width with the work, the speed against the baseline and the throughput', () => {
    const md = scalingMarkdown(result)!;
    expect(md).toContain('### fastkan · gaussian, forward-backward');
    expect(md).toContain('| width | batch | work (MACs) | cuda ms | torch-cuda ms | cuda speed vs torch-cuda | cuda MACs/s |');
    // 1024 → 1024 @16: 16·1024·1024·8 = 134 M multiply-adds = 8 · 2^24, so cuda takes 9 ms and torch-cuda 18 ms.
    expect(md).toContain('| 1024→1024 | 16 | 134 M | 9 | 18 | 2.00× | 14.9 G/s |');
    const rows = md.split('\n').filter((l) => /^\| \d+→/.test(l));
    expect(rows.map((r) => r.split(' | ').slice(0, 2).join(' '))).toEqual(['| 256→256 1', '| 256→256 16', '| 1024→1024 1', '| 1024→1024 16']);
  });

  it('charts time against work with one line per width, and has nothing to say for a single width', () => {
    const files = scalingCharts(result, 'scaling', 'sub', { 'forward-backward': 'Forward + backward' } as Record<Measurement['op'], string>);
    expect(Object.keys(files)).toEqual(['scaling-scaling-forward-backward.svg']);
    const svg = files['scaling-scaling-forward-backward.svg']!;
    expect(svg).toContain('256→256');
    expect(svg).toContain('1024→1024');
    expect(svg).toContain('fastkan · gaussian · torch-cuda');
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    const one = { ...result, cases: cases.filter((c) => c.widths[0] === 256) } as BenchResult;
    expect(scalingMarkdown(one)).toBeNull();
    expect(scalingCharts(one, 'scaling', 'sub', {} as Record<Measurement['op'], string>)).toEqual({});
  });
});
