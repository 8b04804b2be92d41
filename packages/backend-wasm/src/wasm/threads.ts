// The kernels' threads: in Node, worker threads that each instantiate the threaded module on one shared memory
// and run what the main thread hands them. A call writes its jobs (one export, each job's arguments) into the
// pool's shared job table, wakes the workers with Atomics.notify, and every thread, this one included, takes the
// next job from a shared counter until none is left, so that a slow thread takes fewer. Then it waits for the
// workers with Atomics.wait. Browsers and engines without worker_threads or SharedArrayBuffer keep one thread.

/** Exports that threads run (their index is what a control block holds). */
export const THREAD_EXPORTS = ['forwardAccumulate', 'gradWeight', 'gradInput'] as const;
export type ThreadExport = (typeof THREAD_EXPORTS)[number];
/** Where each export's scratch pointers are among its arguments (A; and G for gradInput): each thread has its own. */
const SCRATCH_ARGS: readonly (readonly number[])[] = [[12], [12], [14, 15]];

const WORKER_THREADS = 'node:worker_threads'; // a variable, so that bundlers for the browser leave the import alone

/** The most arguments a job has, and the most jobs a call has. */
const MAX_ARGS = 24;
export const MAX_JOBS = 64;
// a worker's control block, Int32 slots: the call's sequence number (−1: stop), the export, the job count, the
// argument count, the status (0 ok, 1 threw), the last sequence number finished
const SEQ = 0;
const FN = 1;
const JOBS = 2;
const ARGS = 3;
const STATUS = 4;
const DONE = 5;
/** Then the bytes between two threads' scratch, for each scratch argument (SCRATCH_ARGS). */
const STRIDES = 6;
/** How long a worker spins for its next call before it sleeps, and the main thread for the workers, in ms. */
const SPIN_MS = 0.2;

/** What each worker runs: instantiate, move its scratch, say ready, then take jobs until told to stop. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { module, memory, control, table, counter, scratch, names, scratchArgs, thread } = workerData;
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
kernels.useScratch(scratch);
const ctl = new Int32Array(control);
const jobs = new Float64Array(table);
const next = new Int32Array(counter);
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
    const which = ctl[${FN}], fn = kernels[names[which]], count = ctl[${JOBS}], n = ctl[${ARGS}];
    for (let job = Atomics.add(next, 0, 1); job < count; job = Atomics.add(next, 0, 1)) {
      const args = Array.from(jobs.subarray(job * ${MAX_ARGS}, job * ${MAX_ARGS} + n));
      scratchArgs[which].forEach((at, k) => (args[at] += thread * ctl[${STRIDES} + k]));
      fn(...args);
    }
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
  seq: number;
}

type Kernels = Record<ThreadExport, (...args: number[]) => void>;

/** A set of started workers, and the job table and counter they share with this thread. */
export interface Pool {
  readonly threads: readonly Thread[];
  readonly table: Float64Array;
  readonly counter: Int32Array;
}

/** A pool of no workers. */
export const NO_POOL: Pool = { threads: [], table: new Float64Array(0), counter: new Int32Array(1) };

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
  const table = new SharedArrayBuffer(MAX_JOBS * MAX_ARGS * 8);
  const counter = new SharedArrayBuffer(4);
  const started = await Promise.all(
    Array.from({ length: count }, async (_, index): Promise<Thread> => {
      const control = new SharedArrayBuffer(8 * 4);
      const workerData = { module, memory, control, table, counter, scratch: scratchAt(index), names: THREAD_EXPORTS, scratchArgs: SCRATCH_ARGS, thread: index + 1 };
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
      await new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', (error) => reject(new Error(`@kanjs/backend-wasm: a kernel thread failed to start: ${(error as Error).message}`)));
      });
      worker.unref();
      return { worker, control: new Int32Array(control), seq: 0 };
    }),
  );
  return { threads: started, table: new Float64Array(table), counter: new Int32Array(counter) };
}

/**
 * Runs `name` once per job (at most MAX_JOBS, of equal length) on this thread and the pool's workers, each thread
 * taking the next job until none is left, and returns when every one has finished. `kernels`: this thread's
 * instance. The jobs' scratch pointers (SCRATCH_ARGS) are thread 0's: thread t adds t·`strides`[k] bytes to the k-th.
 */
export function runJobs(pool: Pool, kernels: Kernels, name: ThreadExport, jobs: readonly (readonly number[])[], strides: readonly number[]): void {
  if (jobs.length > MAX_JOBS) throw new Error(`@kanjs/backend-wasm: ${jobs.length} jobs, at most ${MAX_JOBS}.`);
  const n = jobs[0]!.length;
  jobs.forEach((args, job) => pool.table.set(args, job * MAX_ARGS));
  Atomics.store(pool.counter, 0, 0);
  const fn = THREAD_EXPORTS.indexOf(name);
  for (const thread of pool.threads) {
    thread.control[FN] = fn;
    thread.control[JOBS] = jobs.length;
    thread.control[ARGS] = n;
    strides.forEach((stride, k) => (thread.control[STRIDES + k] = stride));
    thread.seq += 1;
    Atomics.store(thread.control, SEQ, thread.seq);
    Atomics.notify(thread.control, SEQ);
  }
  let failed: unknown;
  try {
    for (let job = Atomics.add(pool.counter, 0, 1); job < jobs.length; job = Atomics.add(pool.counter, 0, 1)) kernels[name](...jobs[job]!);
  } catch (error) {
    failed = error;
    Atomics.store(pool.counter, 0, jobs.length); // the others take no more
  }
  for (const thread of pool.threads) {
    let done = Atomics.load(thread.control, DONE);
    for (const until = performance.now() + SPIN_MS; done !== thread.seq && performance.now() < until; ) done = Atomics.load(thread.control, DONE);
    for (; done !== thread.seq; done = Atomics.load(thread.control, DONE)) Atomics.wait(thread.control, DONE, done);
    if (thread.control[STATUS] !== 0) failed ??= new Error(`@kanjs/backend-wasm: ${name} failed on a kernel thread.`);
  }
  if (failed !== undefined) throw failed;
}
