// The three products of a fused basis-linear call (forward, dW, dx) on the module's threads: cut into jobs of rows
// (or output columns) of y, or of ranges of inputs of dW and dx, a few per thread, which the threads take in turn,
// each with its own scratch. Small products run on this thread alone, where waking a worker would cost more than
// it saves.
import { kernelThreads, parallel, type kernelModule } from '../wasm/module.js';
import type { Plan } from './fused-basis-linear.js';

type Module = ReturnType<typeof kernelModule>;

/** Below this many multiply-adds a product runs on one thread. */
const MIN_THREADED_WORK = 1 << 22;
/** Jobs per thread, so that a thread that runs slower (or later) takes fewer. */
const JOBS_PER_THREAD = 4;

/** [0, n) cut at multiples of `unit` into at most `parts` nonempty ranges of near-equal size. */
export function ranges(n: number, unit: number, parts: number): [number, number][] {
  const units = Math.ceil(n / unit);
  const count = Math.max(1, Math.min(parts, units));
  return Array.from({ length: count }, (_, t) => [Math.min(n, Math.floor((t * units) / count) * unit), Math.min(n, Math.floor(((t + 1) * units) / count) * unit)] as [number, number]);
}

/** How many jobs a product of this many multiply-adds is cut into: one where it runs on one thread. */
function jobsFor(work: number): number {
  const threads = work < MIN_THREADED_WORK ? 1 : kernelThreads().threads;
  return threads === 1 ? 1 : threads * JOBS_PER_THREAD;
}

/** The bytes between two threads' scratch of `perThread` floats each (16-byte aligned, as layout() aligns). */
const strideOf = (perThread: number) => Math.ceil(perThread / 4) * 16;

/** Floats of scratch for every thread, each `perThread` at strideOf(perThread) bytes from the previous one. */
export const threadScratch = (perThread: number) => (strideOf(perThread) / 4) * kernelThreads().threads;

/**
 * y (+)= the forward product (forwardAccumulate's arguments), in jobs of rows (multiples of 4), or, where there
 * are fewer row groups than threads, one job of output panels (of 8) per thread. `aFloats`: one thread's scratch A.
 */
export function forwardProduct(module: Module, p: Plan, x: number, w: number, outP: number, stateAt: number, y: number, aAt: number, aFloats: number): void {
  const jobs = jobsFor(p.batchP * p.inF * p.K * outP);
  const threads = Math.min(jobs, kernelThreads().threads);
  const byRows = p.batchP / 4 >= threads;
  // a job of output panels computes the basis of all its rows again: one such job per thread, so that each thread
  // computes it once, at the same time as the others
  const split = byRows ? ranges(p.batchP, 4, jobs) : ranges(outP, 8, threads);
  parallel(
    module,
    'forwardAccumulate',
    split.map(([from, to]) => [
      p.kind, x, p.batchP, p.inF, p.K, w, outP, stateAt, p.order, p.knots, p.param, y, aAt, p.tileRows, p.features,
      ...(byRows ? [from, to, 0, outP] : [0, p.batchP, from, to]),
    ]),
    [strideOf(aFloats)],
  );
}

/** dW [inF·K, outP] (gradWeight's arguments), in jobs of ranges of inputs (multiples of 8). */
export function weightProduct(module: Module, p: Plan, x: number, outP: number, stateAt: number, dy: number, dw: number, aAt: number, aFloats: number): void {
  parallel(
    module,
    'gradWeight',
    ranges(p.inF, 8, jobsFor(p.batchP * p.inF * p.K * outP)).map(([from, to]) => [p.kind, x, p.batchP, p.inF, p.K, outP, stateAt, p.order, p.knots, p.param, dy, dw, aAt, p.tileRows, p.features, from, to]),
    [strideOf(aFloats)],
  );
}

/**
 * dx [batchP, inF] (gradInput's arguments), in jobs of ranges of inputs starting at multiples of `features`
 * (where W's transposed panels start). `gFloats`: one thread's scratch G.
 */
export function inputProduct(
  module: Module, p: Plan, x: number, wt: number, out: number, outP: number, stateAt: number, dy: number, dx: number, aAt: number, aFloats: number, gAt: number, gFloats: number,
): void {
  parallel(
    module,
    'gradInput',
    ranges(p.inF, p.features, jobsFor(p.batchP * p.inF * p.K * out)).map(([from, to]) => [
      p.kind, x, p.batchP, p.inF, p.K, wt, out, outP, stateAt, p.order, p.knots, p.param, dy, dx, aAt, gAt, p.tileRows, p.features, from, to,
    ]),
    [strideOf(aFloats), strideOf(gFloats)],
  );
}
