// The three products of a fused basis-linear call (forward, dW, dx) on the module's threads: each thread takes
// rows (or output columns) of y, or a range of inputs of dW and dx, with its own scratch. Small products run on
// this thread alone, where waking a worker would cost more than it saves.
import { kernelThreads, parallel, type kernelModule } from '../wasm/module.js';
import type { Plan } from './fused-basis-linear.js';

type Module = ReturnType<typeof kernelModule>;

/** Below this many multiply-adds a product runs on one thread. */
const MIN_THREADED_WORK = 1 << 20;

/** [0, n) cut at multiples of `unit` into at most `parts` nonempty ranges of near-equal size. */
export function ranges(n: number, unit: number, parts: number): [number, number][] {
  const units = Math.ceil(n / unit);
  const count = Math.max(1, Math.min(parts, units));
  return Array.from({ length: count }, (_, t) => [Math.min(n, Math.floor((t * units) / count) * unit), Math.min(n, Math.floor(((t + 1) * units) / count) * unit)] as [number, number]);
}

/** How many threads a product of this many multiply-adds runs on. */
const threadsFor = (work: number) => (work < MIN_THREADED_WORK ? 1 : kernelThreads().threads);

/** Floats of scratch A for every thread, each `perThread` (laid out one after the other). */
export const threadScratch = (perThread: number) => perThread * kernelThreads().threads;

/** Where thread t's scratch starts, the scratch for all at `at`, `perThread` floats each. */
const scratchOf = (at: number, perThread: number, t: number) => at + t * Math.ceil(perThread / 4) * 16;

/**
 * y (+)= the forward product of `kernel` (forwardAccumulate's arguments): rows of 4 per thread, or output panels
 * of 8 where there are fewer row groups than threads. `aFloats`: one thread's scratch A.
 */
export function forwardProduct(module: Module, p: Plan, x: number, w: number, outP: number, stateAt: number, y: number, aAt: number, aFloats: number): void {
  const threads = threadsFor(p.batchP * p.inF * p.K * outP);
  const byRows = p.batchP / 4 >= threads;
  const split = byRows ? ranges(p.batchP, 4, threads) : ranges(outP, 8, threads);
  parallel(
    module,
    'forwardAccumulate',
    split.map(([from, to], t) => [
      p.kind, x, p.batchP, p.inF, p.K, w, outP, stateAt, p.order, p.knots, p.param, y, scratchOf(aAt, aFloats, t), p.tileRows, p.features,
      ...(byRows ? [from, to, 0, outP] : [0, p.batchP, from, to]),
    ]),
  );
}

/** dW [inF·K, outP] (gradWeight's arguments), a range of inputs (multiples of 8) per thread. */
export function weightProduct(module: Module, p: Plan, x: number, outP: number, stateAt: number, dy: number, dw: number, aAt: number, aFloats: number): void {
  const threads = threadsFor(p.batchP * p.inF * p.K * outP);
  parallel(
    module,
    'gradWeight',
    ranges(p.inF, 8, threads).map(([from, to], t) => [p.kind, x, p.batchP, p.inF, p.K, outP, stateAt, p.order, p.knots, p.param, dy, dw, scratchOf(aAt, aFloats, t), p.tileRows, p.features, from, to]),
  );
}

/**
 * dx [batchP, inF] (gradInput's arguments), a range of inputs per thread, starting at multiples of `features`
 * (where W's transposed panels start). `gFloats`: one thread's scratch G.
 */
export function inputProduct(
  module: Module, p: Plan, x: number, wt: number, out: number, outP: number, stateAt: number, dy: number, dx: number, aAt: number, aFloats: number, gAt: number, gFloats: number,
): void {
  const threads = threadsFor(p.batchP * p.inF * p.K * out);
  parallel(
    module,
    'gradInput',
    ranges(p.inF, p.features, threads).map(([from, to], t) => [
      p.kind, x, p.batchP, p.inF, p.K, wt, out, outP, stateAt, p.order, p.knots, p.param, dy, dx, scratchOf(aAt, aFloats, t), scratchOf(gAt, gFloats, t), p.tileRows, p.features, from, to,
    ]),
  );
}
