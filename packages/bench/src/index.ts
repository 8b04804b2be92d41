// @kanjs/bench: the benchmark harness behind the kanjs-bench CLI.
export { runBench, BENCH_BACKENDS, LAYER_KINDS, DEFAULT_BASES, type BenchOptions, type ProgressEvent } from './run.js';
export { PRESETS, PRESET_NAMES, SLOW_LIMITS, benchCase, caseId, caseWork, mergeCases, slowSkipReason, type Preset, type PresetName } from './presets.js';
export { runApprox, fitSplinesWithGaussians, fitFunction, bsplineValues, gaussianValues, uniformKnots, hRatioSweep, TEST_FUNCTIONS } from './approx.js';
export type { ApproxOptions, ApproxResult, ApproxPoint, FunctionFit } from './approx.js';
export { quantile, median, summarize, interleavedOrder, pairedRatioSpread } from './stats.js';
export { timeInterleaved, type Timed, type TimingOptions, type TimingResult } from './timing.js';
export { computeRatios } from './ratios.js';
export { renderMarkdown, approxMarkdown } from './report/markdown.js';
export { renderCharts, renderApproxChart } from './report/charts.js';
export { barChart, lineChart, type Series, type Bar, type BarPanel, type LinePoint, type LinePanel } from './report/svg.js';
export { writeResult, writeApprox, defaultResultsDir, type OutputTargets } from './report/write.js';
export { probeTorch, TORCH_RUNNER, type TorchProbe } from './torch.js';
export { OPS, MODEL_OPS, BASIS_LINEAR_OPS } from './types.js';
export { SCHEMA_PATH } from './schema.js';
export type { BenchResult, BenchCase, Measurement, Skipped, Ratio, TimeSummary, MemoryFigures, LayerKind, Op, Variant, BackendRecord, TorchRecord, MachineRecord, MethodRecord } from './types.js';
