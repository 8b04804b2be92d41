// Programs dispatched by us on tfjs-backend-webgpu's device and command encoder, not through runWebGPUProgram:
// they can write several outputs (runWebGPUProgram binds one), and, with KANJS_WEBGPU_CACHE_UNIFORMS on, they
// keep one uniform buffer per distinct content (written once, never returned to the pool). Bind groups are made
// per dispatch: in a training step the pool hands out other buffers each step, so a cache of them keyed by the
// buffers hit about one dispatch in ten (benchmarks/webgpu/step-dispatches.md). The WGSL is ours whole: inputs
// as read-only storage arrays in order, then the outputs read_write, then the uniforms.
import * as tf from '@tensorflow/tfjs-core';
import { CACHE_UNIFORMS_FLAG } from '../flags-webgpu.js';

/** A flat program over n elements: `body` runs for each `i < uniforms.n` (grid-stride loop; `let i: u32`). */
export interface DirectProgram {
  /** Identifies the WGSL, apart from the storage types of the inputs (added to it). */
  readonly key: string;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** WGSL struct members after `n : u32, stride : u32,`, all f32 (for example `b1 : f32, eps : f32,`). */
  readonly uniformFields: readonly string[];
  readonly body: string;
}

/** The internals of tfjs-backend-webgpu's WebGPUBackend (4.22) that dispatching needs. */
interface Backend {
  device: GPUDevice;
  queue: GPUQueue;
  tensorMap: { get(dataId: tf.DataId): { dtype: string; resource: unknown; values: unknown } };
  bufferManager: { acquireBuffer(size: number, usage: number): GPUBuffer };
  uniformPendingDisposal: GPUBuffer[];
  commandQueueOwnedIds: WeakSet<object>;
  commandEncoder: GPUCommandEncoder | null;
  computePassEncoder: GPUComputePassEncoder | null;
  dispatchCountInPass: number;
  makeTensorInfo(shape: number[], dtype: 'float32'): tf.TensorInfo;
  uploadToGPU(dataId: tf.DataId): void;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
}

const WORKGROUP = 256;
const MAX_GROUPS = 65535;
/** Entries kept per cache before it starts over (a learning-rate schedule makes new uniforms every step). */
const MAX_ENTRIES = 1024;
const UNIFORM_USAGE = 0x0040 | 0x0008; // GPUBufferUsage.UNIFORM | COPY_DST

interface DeviceCaches {
  pipelines: Map<string, GPUComputePipeline>;
  uniforms: Map<string, GPUBuffer>;
}
const caches = new WeakMap<GPUDevice, DeviceCaches>();

function cachesOf(device: GPUDevice): DeviceCaches {
  let entry = caches.get(device);
  if (entry === undefined) {
    entry = { pipelines: new Map(), uniforms: new Map() };
    caches.set(device, entry);
  }
  return entry;
}

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(key, value);
  return value;
}

/** The whole WGSL of a program; `integer[i]`: input i is stored as i32 (tfjs relabels cast int32 tensors). */
export function directSource(program: DirectProgram, integer: readonly boolean[]): string {
  const inputs = program.inputNames.map((name, i) => `@group(0) @binding(${i}) var<storage, read> ${name} : array<${integer[i] ? 'i32' : 'f32'}>;`);
  const outputs = program.outputNames.map((name, i) => `@group(0) @binding(${program.inputNames.length + i}) var<storage, read_write> ${name} : array<f32>;`);
  const uniformBinding = program.inputNames.length + program.outputNames.length;
  return `struct Uniforms { n : u32, stride : u32, ${program.uniformFields.join(' ')} };
${inputs.join('\n')}
${outputs.join('\n')}
@group(0) @binding(${uniformBinding}) var<uniform> uniforms : Uniforms;
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) id : vec3<u32>) {
  for (var i = id.x; i < uniforms.n; i += uniforms.stride) {
${program.body}
  }
}
`;
}

function pipelineOf(backend: Backend, program: DirectProgram, integer: readonly boolean[]): GPUComputePipeline {
  const key = `${program.key}_${integer.map((b) => (b ? 'i' : 'f')).join('')}`;
  const { pipelines } = cachesOf(backend.device);
  const pipeline =
    pipelines.get(key) ??
    remember(pipelines, key, backend.device.createComputePipeline({
      layout: 'auto',
      compute: { module: backend.device.createShaderModule({ code: directSource(program, integer) }), entryPoint: 'main' },
    }));
  return pipeline;
}

/** n and stride as u32, then the program's f32 uniforms, padded to 16 bytes. */
function uniformBytes(n: number, stride: number, values: readonly number[]): ArrayBuffer {
  const bytes = new ArrayBuffer(Math.ceil((2 + values.length) / 4) * 16);
  new Uint32Array(bytes, 0, 2).set([n, stride]);
  new Float32Array(bytes, 8, values.length).set(values);
  return bytes;
}

function uniformBuffer(backend: Backend, bytes: ArrayBuffer, cached: boolean): GPUBuffer {
  const key = cached ? Array.from(new Uint32Array(bytes)).join(',') : '';
  const { uniforms } = cachesOf(backend.device);
  const known = cached ? uniforms.get(key) : undefined;
  if (known !== undefined) return known;
  const buffer = cached
    ? backend.device.createBuffer({ size: bytes.byteLength, usage: UNIFORM_USAGE })
    : backend.bufferManager.acquireBuffer(bytes.byteLength, UNIFORM_USAGE);
  backend.queue.writeBuffer(buffer, 0, bytes);
  if (cached) remember(uniforms, key, buffer);
  else backend.uniformPendingDisposal.push(buffer);
  return buffer;
}

/**
 * Runs `program` over n elements of `inputs`, writing one new float32 tensor of `outputShape` per output name;
 * `uniforms` are the program's f32 uniforms in `uniformFields` order. Records into tfjs's command encoder and
 * submits when tfjs would (WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE).
 */
export function runDirect(gpu: unknown, program: DirectProgram, inputs: readonly tf.TensorInfo[], outputShape: readonly number[], n: number, uniforms: readonly number[]): tf.TensorInfo[] {
  const backend = gpu as Backend;
  if (inputs.length !== program.inputNames.length) {
    throw new Error(`webgpu: program ${program.key} expects ${program.inputNames.length} inputs, got ${inputs.length}.`);
  }
  const outputs = program.outputNames.map(() => backend.makeTensorInfo([...outputShape], 'float32'));
  if (outputShape.includes(0)) {
    // Empty outputs, as runWebGPUProgram makes them: no buffer, no dispatch.
    for (const t of outputs) backend.tensorMap.get(t.dataId).values = new Float32Array(0);
    return outputs;
  }
  for (const t of [...inputs, ...outputs]) backend.uploadToGPU(t.dataId);
  const integer = inputs.map((t) => {
    const dtype = backend.tensorMap.get(t.dataId).dtype;
    return dtype === 'int32' || dtype === 'bool';
  });
  const pipeline = pipelineOf(backend, program, integer);
  const groups = Math.max(1, Math.min(Math.ceil(n / WORKGROUP), MAX_GROUPS));
  const uniform = uniformBuffer(backend, uniformBytes(n, groups * WORKGROUP, uniforms), tf.env().getBool(CACHE_UNIFORMS_FLAG));
  const buffers = [...inputs, ...outputs].map((t) => backend.tensorMap.get(t.dataId).resource as GPUBuffer);
  const bindGroup = backend.device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [...buffers, uniform].map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  for (const t of [...inputs, ...outputs]) backend.commandQueueOwnedIds.add(t.dataId);
  backend.ensureCommandEncoderReady();
  backend.computePassEncoder ??= backend.commandEncoder!.beginComputePass({});
  backend.computePassEncoder.setPipeline(pipeline);
  backend.computePassEncoder.setBindGroup(0, bindGroup);
  backend.computePassEncoder.dispatchWorkgroups(groups, 1, 1);
  backend.dispatchCountInPass++;
  if (tf.env().getNumber('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE') <= backend.dispatchCountInPass) {
    backend.endComputePassEncoder();
    backend.submitQueue();
  }
  return outputs;
}
