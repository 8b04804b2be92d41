// The kernels' threads: in Node, worker threads that each instantiate the threaded module on one shared memory
// and run what the main thread hands them. A call writes a job (an export's name and its arguments) into each
// worker's control block, wakes it with Atomics.notify, runs its own share, then waits for theirs with
// Atomics.wait. Browsers and engines without worker_threads or SharedArrayBuffer keep one thread.

/** Exports that threads run (their index is what a control block holds). */
export const THREAD_EXPORTS = ['forwardAccumulate', 'gradWeight', 'gradInput'] as const;
export type ThreadExport = (typeof THREAD_EXPORTS)[number];

const WORKER_THREADS = 'node:worker_threads'; // a variable, so that bundlers for the browser leave the import alone

/** The most arguments a job has. */
const MAX_ARGS = 32;
// control block, Int32 slots: the job's sequence number (−1: stop), the export, the argument count, the status
// (0 ok, 1 threw), the last sequence number finished
const SEQ = 0;
const FN = 1;
const ARGS = 2;
const STATUS = 3;
const DONE = 4;
/** How long a worker spins for its next job before it sleeps, and the main thread for the workers, in ms. */
const SPIN_MS = 0.2;

/** What each worker runs: instantiate, move its scratch, say ready, then run jobs until told to stop. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { module, memory, control, args, scratch, names } = workerData;
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
kernels.useScratch(scratch);
const ctl = new Int32Array(control);
const a = new Float64Array(args);
parentPort.postMessage('ready');
let seen = 0;
for (;;) {
  // a layer's products come back to back: spin a while before sleeping, since a futex wake costs tens of µs
  let seq = Atomics.load(ctl, ${SEQ});
  for (const until = performance.now() + ${SPIN_MS}; seq === seen && performance.now() < until; ) seq = Atomics.load(ctl, ${SEQ});
  while (seq === seen) {
    Atomics.wait(ctl, ${SEQ}, seen);
    seq = Atomics.load(ctl, ${SEQ});
  }
  seen = seq;
  if (seen < 0) break;
  let status = 0;
  try {
    kernels[names[ctl[${FN}]]](...a.subarray(0, ctl[${ARGS}]));
  } catch {
    status = 1;
  }
  ctl[${STATUS}] = status;
  Atomics.store(ctl, ${DONE}, seen);
  Atomics.notify(ctl, ${DONE});
}
`;

interface NodeWorker {
  once(event: 'message' | 'error', listener: (value: unknown) => void): void;
  unref(): void;
  terminate(): Promise<number>;
}

export interface Thread {
  readonly worker: NodeWorker;
  readonly control: Int32Array;
  readonly args: Float64Array;
  seq: number;
}

type Kernels = Record<ThreadExport, (...args: number[]) => void>;

/** A set of started workers. */
export interface Pool {
  readonly threads: readonly Thread[];
}

/** Why this environment runs the kernels on one thread, or undefined where worker threads can start. */
export async function threadsUnavailable(): Promise<string | undefined> {
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') return 'this engine has no SharedArrayBuffer';
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  if (node === undefined) return 'kernel threads run in Node only (browsers keep one thread)';
  try {
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  } catch {
    return 'this engine cannot make a shared wasm memory';
  }
  return undefined;
}

/** Stops every worker of the pool. */
export async function stopThreads(pool: Pool): Promise<void> {
  const stopping = pool.threads;
  for (const thread of stopping) {
    Atomics.store(thread.control, SEQ, -1);
    Atomics.notify(thread.control, SEQ);
  }
  await Promise.all(stopping.map((thread) => thread.worker.terminate()));
}

/**
 * Starts `count` workers on the threaded module and its shared memory; worker i moves its scratch to
 * `scratchAt(i)`. Unreferenced, so that they never keep the process alive.
 */
export async function startThreads(module: WebAssembly.Module, memory: WebAssembly.Memory, count: number, scratchAt: (index: number) => number): Promise<Pool> {
  const { Worker } = (await import(/* @vite-ignore */ WORKER_THREADS)) as unknown as {
    Worker: new (source: string, options: { eval: true; workerData: unknown }) => NodeWorker;
  };
  const started = await Promise.all(
    Array.from({ length: count }, async (_, index): Promise<Thread> => {
      const control = new SharedArrayBuffer(8 * 4);
      const args = new SharedArrayBuffer(MAX_ARGS * 8);
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, control, args, scratch: scratchAt(index), names: THREAD_EXPORTS } });
      await new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', (error) => reject(new Error(`@kanjs/backend-wasm: a kernel thread failed to start: ${(error as Error).message}`)));
      });
      worker.unref();
      return { worker, control: new Int32Array(control), args: new Float64Array(args), seq: 0 };
    }),
  );
  return { threads: started };
}

/**
 * Runs `jobs[0]` on this thread with `kernels` and `jobs[t]` on the pool's worker t − 1, all calling `name`, and
 * returns when every one has finished. At most one job more than the pool has workers.
 */
export function runJobs(pool: Pool, kernels: Kernels, name: ThreadExport, jobs: readonly (readonly number[])[]): void {
  if (jobs.length > pool.threads.length + 1) throw new Error(`@kanjs/backend-wasm: ${jobs.length} jobs for ${pool.threads.length + 1} threads.`);
  const fn = THREAD_EXPORTS.indexOf(name);
  const handed = pool.threads.slice(0, jobs.length - 1);
  handed.forEach((thread, t) => {
    const args = jobs[t + 1]!;
    thread.args.set(args);
    thread.control[FN] = fn;
    thread.control[ARGS] = args.length;
    thread.seq += 1;
    Atomics.store(thread.control, SEQ, thread.seq);
    Atomics.notify(thread.control, SEQ);
  });
  let failed: unknown;
  try {
    kernels[name](...jobs[0]!);
  } catch (error) {
    failed = error;
  }
  for (const thread of handed) {
    let done = Atomics.load(thread.control, DONE);
    for (const until = performance.now() + SPIN_MS; done !== thread.seq && performance.now() < until; ) done = Atomics.load(thread.control, DONE);
    for (; done !== thread.seq; done = Atomics.load(thread.control, DONE)) Atomics.wait(thread.control, DONE, done);
    if (thread.control[STATUS] !== 0) failed ??= new Error(`@kanjs/backend-wasm: ${name} failed on a kernel thread.`);
  }
  if (failed !== undefined) throw failed;
}
