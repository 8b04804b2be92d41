// captureStep: a repeated step (forward, backward and optimizer update) recorded once as a CUDA graph, then
// replayed as one graph launch per call, with no tfjs engine work and no launch cost per kernel.
//
// How a call goes:
// 1. The first call runs the step normally (warm-up): kernels get compiled, optimizer slots get created.
// 2. The second call captures it: the step's inputs are copied into static input tensors, the step runs on them
//    with the stream in capture mode (nothing executes), and the graph is launched once.
// 3. Every later call copies its inputs into the static tensors and launches the graph.
//
// Variables: tfjs optimizers assign each variable a new tensor per step, so after the capture a variable points
// at a buffer the graph wrote, while the graph reads the one it held before. The capture ends with a copy of
// each moved variable's new value into its old buffer, and the variable is pointed back at its old buffer: every
// replay then reads the current state and leaves it in the same place. The step keeps a reference to the buffers
// of the variables the graph uses, and before each replay puts back any of them that something else (an
// uncaptured call, a load) moved since.
import * as tf from '@tensorflow/tfjs-core';
import type { DataId } from '@tensorflow/tfjs-core';
import { CaptureReadError, CudaBackend } from './backend.js';

/** What a step may return: a tensor (the loss), a list of tensors, or nothing. */
export type StepResult = tf.Tensor | tf.Tensor[] | void;

/** Options of `captureStep`. */
export interface CaptureStepOptions {
  /** Example inputs: the step is captured for their shapes and dtypes (default: those of the first call). */
  readonly inputs?: readonly tf.Tensor[];
  /** Where fallback notes go (default `console.warn`); each distinct note is given once per step. */
  readonly warn?: (note: string) => void;
}

/** Where a captured step stands. */
export type CaptureState = 'warm-up' | 'ready' | 'captured' | 'uncaptured';

/** A step function that replays its captured graph; `dispose()` frees the graph and its memory. */
export interface CapturedStep<R extends StepResult> {
  (...inputs: tf.Tensor[]): R;
  /** 'warm-up' before the first call, 'ready' before the capture, 'captured' once replaying, 'uncaptured' after a fallback for good. */
  readonly state: CaptureState;
  /** Why the step runs uncaptured for good, or null. */
  readonly note: string | null;
  /** Frees the graph, its memory pool, the static inputs and the step's references (the variables stay). */
  dispose(): void;
}

/** A variable as it was when the capture began: the buffer the graph reads and writes. */
interface Binding {
  readonly variable: tf.Variable;
  readonly dataId: DataId;
}

/**
 * Captures `fn` (one training step, e.g. `(x, y) => optimizer.minimize(() => loss(model.apply(x), y), true)`)
 * as a CUDA graph on the cuda backend, and returns a function that replays it: `step(xBatch, yBatch)` copies the
 * batch into the step's static inputs and launches the graph. Returned tensors are fresh copies, read only when
 * asked. Values that come from JavaScript inside `fn` (a learning rate, `tf.scalar(0.5)`, attributes, host-made
 * random tensors) are fixed at capture: capture again after changing them. Inputs of another shape or dtype run `fn` uncaptured (with a
 * note), and so does every call when the step cannot be captured (a read back or a kernel forwarded to the CPU
 * inside it). On other backends the returned function simply runs `fn`.
 */
export function captureStep<R extends StepResult>(fn: (...inputs: tf.Tensor[]) => R, options?: CaptureStepOptions): CapturedStep<R>;
export function captureStep<R extends StepResult>(fn: (...inputs: tf.Tensor[]) => R, ...examples: tf.Tensor[]): CapturedStep<R>;
export function captureStep<R extends StepResult>(fn: (...inputs: tf.Tensor[]) => R, ...rest: (tf.Tensor | CaptureStepOptions | undefined)[]): CapturedStep<R> {
  const options: CaptureStepOptions = rest.length === 1 && !(rest[0] instanceof tf.Tensor) ? (rest[0] ?? {}) : { inputs: rest as tf.Tensor[] };
  const capture = new Capture(fn, options);
  const step = ((...inputs: tf.Tensor[]) => capture.call(inputs)) as CapturedStep<R>;
  Object.defineProperties(step, {
    state: { get: () => capture.state },
    note: { get: () => capture.note },
    dispose: { value: () => capture.dispose() },
  });
  return step;
}

/** "[64,784] float32, [64] int32" */
function describe(shapes: readonly { shape: readonly number[]; dtype: string }[]): string {
  return shapes.length === 0 ? 'no inputs' : shapes.map((t) => `[${t.shape.join(',')}] ${t.dtype}`).join(', ');
}

const flatten = (result: StepResult): tf.Tensor[] => (result === undefined ? [] : Array.isArray(result) ? result : [result]);

class Capture<R extends StepResult> {
  state: CaptureState = 'warm-up';
  note: string | null = null;
  private signature: string | undefined;
  private readonly warn: (note: string) => void;
  private readonly notes = new Set<string>();
  private backend: CudaBackend | undefined;
  private graph = 0;
  private statics: tf.Tensor[] = [];
  private outputs: tf.Tensor[] = [];
  private returnsList = false;
  private bindings: Binding[] = [];
  private disposed = false;

  constructor(
    private readonly fn: (...inputs: tf.Tensor[]) => R,
    options: CaptureStepOptions,
  ) {
    this.warn = options.warn ?? ((note) => console.warn(note));
    if (options.inputs !== undefined && options.inputs.length > 0) this.signature = describe(options.inputs);
  }

  call(inputs: tf.Tensor[]): R {
    if (this.disposed) throw new Error('captureStep: the step was disposed; capture it again with captureStep(fn).');
    const backend = tf.backend();
    if (!(backend instanceof CudaBackend) || this.state === 'uncaptured') return this.fn(...inputs);
    if (this.backend !== undefined && this.backend !== backend) {
      this.fallBack('the cuda backend changed since the capture (tf.removeBackend or a new backend)');
      return this.fn(...inputs);
    }
    this.backend = backend;
    const signature = describe(inputs);
    this.signature ??= signature;
    if (signature !== this.signature) {
      this.tell(`captureStep: inputs ${signature} differ from the captured ${this.signature}; this call runs uncaptured (normal execution).`);
      return this.fn(...inputs);
    }
    if (this.state === 'warm-up') {
      this.state = 'ready';
      return this.fn(...inputs);
    }
    if (this.state === 'ready') return this.capture(backend, inputs);
    return this.replay(backend, inputs);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const backend = this.backend;
    if (this.graph !== 0 && backend !== undefined) backend.native.destroyGraph(this.graph);
    this.graph = 0;
    tf.dispose([...this.outputs, ...this.statics]);
    this.outputs = [];
    this.statics = [];
    if (backend !== undefined) for (const binding of this.bindings) release(backend, binding.dataId);
    this.bindings = [];
  }

  private tell(note: string): void {
    if (this.notes.has(note)) return;
    this.notes.add(note);
    this.warn(note);
  }

  private fallBack(reason: string): void {
    this.state = 'uncaptured';
    this.note = reason;
    this.tell(`captureStep: ${reason}; the step runs uncaptured (normal execution) from now on.`);
  }

  private capture(backend: CudaBackend, inputs: tf.Tensor[]): R {
    this.statics = inputs.map((t) => tf.keep(tf.engine().makeTensorFromTensorInfo(backend.makeOutput(t.shape, t.dtype), backend)));
    this.copyInputs(backend, inputs);
    const variables = Object.values(tf.engine().registeredVariables);
    this.bindings = variables.map((variable) => ({ variable, dataId: variable.dataId }));
    for (const binding of this.bindings) backend.incRef(binding.dataId);
    const forwardedBefore = new Map(backend.forwarded);
    let result: R | undefined;
    backend.beginCapture();
    try {
      result = tf.tidy(() => this.fn(...this.statics));
      const created = Object.values(tf.engine().registeredVariables).filter((v) => !variables.includes(v));
      if (created.length > 0) throw new Error(`the step created variables while it was captured (${created.map((v) => v.name).join(', ')}), so each replay would start them again`);
      for (const { variable, dataId } of this.bindings) {
        if (!variable.isDisposed && variable.dataId !== dataId) backend.native.copy(backend.pointer({ dataId, shape: variable.shape, dtype: variable.dtype }), backend.pointer(variable), 4 * variable.size);
      }
      this.graph = backend.endCapture(true);
    } catch (error) {
      if (backend.capturing) backend.endCapture(false);
      // Nothing of the capture ran: the variables' old buffers still hold the state.
      for (const binding of this.bindings) if (!binding.variable.isDisposed && binding.variable.dataId !== binding.dataId) repoint(backend, binding);
      for (const binding of this.bindings) release(backend, binding.dataId);
      this.bindings = [];
      tf.dispose([...flatten(result), ...this.statics]);
      this.statics = [];
      this.fallBack(reason(error, backend, forwardedBefore));
      return this.fn(...inputs);
    }
    for (const binding of this.bindings) if (!binding.variable.isDisposed && binding.variable.dataId !== binding.dataId) repoint(backend, binding);
    // Only the variables the graph uses stay bound (checked before each replay); the others are let go.
    const unused = this.bindings.filter((binding) => !backend.usedInCapture(binding.dataId));
    for (const binding of unused) release(backend, binding.dataId);
    this.bindings = this.bindings.filter((binding) => !unused.includes(binding));
    this.returnsList = Array.isArray(result);
    this.outputs = flatten(result).map((t) => tf.keep(t));
    this.state = 'captured';
    backend.native.launchGraph(this.graph);
    return this.results(backend);
  }

  private replay(backend: CudaBackend, inputs: tf.Tensor[]): R {
    this.copyInputs(backend, inputs);
    for (const binding of this.bindings) {
      const { variable, dataId } = binding;
      if (variable.isDisposed || variable.dataId === dataId) continue;
      // Moved since the last replay (an uncaptured call, an assign): its value goes back where the graph reads it.
      backend.native.copy(backend.pointer({ dataId, shape: variable.shape, dtype: variable.dtype }), backend.pointer(variable), 4 * variable.size);
      repoint(backend, binding);
    }
    backend.native.launchGraph(this.graph);
    return this.results(backend);
  }

  private copyInputs(backend: CudaBackend, inputs: tf.Tensor[]): void {
    inputs.forEach((input, i) => {
      const target = this.statics[i]!;
      if (input.size > 0) backend.native.copy(backend.pointer(target), backend.pointer(input), 4 * input.size);
    });
  }

  /** Fresh copies of the graph's outputs (the graph overwrites its own on the next replay). */
  private results(backend: CudaBackend): R {
    const copies = this.outputs.map((output) => {
      const info = backend.makeOutput(output.shape, output.dtype);
      if (output.size > 0) backend.native.copy(backend.pointer(info), backend.pointer(output), 4 * output.size);
      return tf.engine().makeTensorFromTensorInfo(info, backend);
    });
    return (this.returnsList ? copies : copies[0]) as R;
  }
}

/** Points a variable back at the buffer it had when the capture began (the step holds a reference to it). */
function repoint(backend: CudaBackend, { variable, dataId }: Binding): void {
  backend.incRef(dataId); // the temporary tensor's reference, which assign then shares
  const tensor = tf.engine().makeTensorFromDataId(dataId, variable.shape, variable.dtype, backend);
  variable.assign(tensor);
  tensor.dispose();
}

/** Drops the step's reference to a buffer; the engine forgets it too if that was the last one. */
function release(backend: CudaBackend, dataId: DataId): void {
  if (backend.disposeData(dataId)) tf.engine().removeDataId(dataId, backend);
}

/** One sentence on why a capture failed. */
function reason(error: unknown, backend: CudaBackend, forwardedBefore: ReadonlyMap<string, number>): string {
  const forwarded = [...backend.forwarded].filter(([kernel, calls]) => calls > (forwardedBefore.get(kernel) ?? 0)).map(([kernel]) => kernel);
  if (forwarded.length > 0) return `the step runs ${forwarded.join(', ')} through CPU forwarding (no cuda kernel), which cannot be captured`;
  if (error instanceof CaptureReadError) return 'the step reads device values back (dataSync, data or array), which a captured step cannot do';
  return `the step could not be captured: ${(error as Error).message}`;
}
