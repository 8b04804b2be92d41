// tfjs-webgpu settings for Dawn in Node, where each queue submission and each small CPU↔GPU transfer costs far
// more than in a browser (measured on an H200).
import * as tf from '@tensorflow/tfjs-core';
import { useWriteBufferUploads } from './dawn-upload.js';

/** Commands per queue submission on Dawn in Node (tfjs's default is 15). */
export const DAWN_SUBMIT_BATCH = 64;

/**
 * Submits in larger batches, keeps small ops on the GPU instead of forwarding them to the CPU, and uploads with
 * queue.writeBuffer (KANJS_DAWN_STAGING_UPLOADS=1 keeps tfjs's own uploads, for comparisons).
 */
export function configureForDawn(backendClass: { prototype: unknown }): void {
  tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', DAWN_SUBMIT_BATCH);
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  if ((globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.['KANJS_DAWN_STAGING_UPLOADS'] !== '1') {
    useWriteBufferUploads(backendClass);
  }
}
