// The switches of @kanjs/backend-webgpu, as tfjs flags (`tf.env().set(name, value)`), so that a probe can compare
// the settings in one run (tools/perf/webgpu/dispatch-probe.mjs --steps).
import * as tf from '@tensorflow/tfjs-core';

/** Our directly dispatched programs keep one uniform buffer per distinct content, written once. */
export const CACHE_UNIFORMS_FLAG = 'KANJS_WEBGPU_CACHE_UNIFORMS';
/** AdamW writes p′, m′ and v′ in one dispatch per variable (three outputs), instead of three dispatches. */
export const FUSE_ADAMW_FLAG = 'KANJS_WEBGPU_FUSE_ADAMW';
/** Sum over the rows of a float32 matrix (a bias's gradient) as column sums, instead of tfjs's transpose + reduce. */
export const COLUMN_SUM_FLAG = 'KANJS_WEBGPU_COLUMN_SUM';

let registered = false;

/** Registers the flags (once), all on by default. */
export function registerWebGPUFlags(): void {
  if (registered) return;
  registered = true;
  const env = tf.env();
  for (const name of [CACHE_UNIFORMS_FLAG, FUSE_ADAMW_FLAG, COLUMN_SUM_FLAG]) {
    if (env.getFlags()[name] === undefined) env.registerFlag(name, () => true);
  }
}
