// Counts what tfjs-webgpu asks of the WebGPU device while some code runs: compute dispatches, buffers created,
// bind groups created, compute pipelines created, uniform buffers written (queue.writeBuffer into a UNIFORM
// buffer), all buffer writes, and queue submissions. It wraps the methods of the backend's own device, queue and
// compute-pass encoder prototype, once; the wrappers only count.
import * as tf from '@tensorflow/tfjs-core';

const UNIFORM = 0x0040; // GPUBufferUsage.UNIFORM

const counts = { dispatches: 0, buffers: 0, bindGroups: 0, pipelines: 0, uniformWrites: 0, writes: 0, submits: 0 };
let installed = false;

function wrap(target, name, count) {
  const original = target[name];
  target[name] = function (...args) {
    count(args);
    return original.apply(this, args);
  };
}

/** Installs the counters on the active `webgpu` backend's device (once per process). */
export function installWebGPUCounters() {
  if (installed) return;
  const backend = tf.backend();
  const { device, queue } = backend;
  if (device === undefined || queue === undefined) throw new Error(`installWebGPUCounters: expected the webgpu backend, found ${tf.getBackend()}.`);
  installed = true;
  wrap(device, 'createBuffer', () => counts.buffers++);
  wrap(device, 'createBindGroup', () => counts.bindGroups++);
  wrap(device, 'createComputePipeline', () => counts.pipelines++);
  wrap(device, 'createComputePipelineAsync', () => counts.pipelines++);
  wrap(queue, 'submit', () => counts.submits++);
  wrap(queue, 'writeBuffer', ([buffer]) => {
    counts.writes++;
    if ((buffer.usage & UNIFORM) !== 0) counts.uniformWrites++;
  });
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  wrap(Object.getPrototypeOf(pass), 'dispatchWorkgroups', () => counts.dispatches++);
  pass.end();
  encoder.finish();
}

/** A copy of the counts so far. */
export const webgpuCounts = () => ({ ...counts });

/** The counts between two snapshots, divided by `per`. */
export function countsPer(before, after, per = 1) {
  return Object.fromEntries(Object.keys(after).map((k) => [k, (after[k] - before[k]) / per]));
}
