// @kanjs/backend-cuda: importing it registers the tfjs backend `cuda` (its native kernels, CPU forwarding for
// the rest, the fused KanBasisLinear kernels for every basis with a CUDA snippet, and FastKAN's fused LayerNorm).
import * as tf from '@tensorflow/tfjs-core';
import { useDeviceReductionGradients } from '@kanjs/kernels';
import '@tensorflow/tfjs-backend-cpu';
import { CudaBackend } from './backend.js';
import { registerForwardedKernels } from './forwarding.js';
import { NATIVE_KERNELS } from './kernels/index.js';
import { declareFusedBasisLinear } from './kernels/basis-linear.js';
import { declareFusedLayerNorm } from './kernels/layer-norm.js';
import { defaultDevice, loadAddon, type DeviceInfo } from './native.js';

export { CudaBackend, CaptureReadError, type CudaMemoryInfo } from './backend.js';
export { captureStep, type CapturedStep, type CaptureStepOptions, type CaptureState, type StepResult } from './capture-step.js';
export { ADDON_PATH, type DeviceInfo } from './native.js';
export { basisLinearSource, supportsBasis, FUSED_BASE_MAX_PRODUCT } from './kernels/basis-linear.js';
export {
  setBasisLinearPath,
  basisLinearPath,
  autoBasisLinearPath,
  VENDOR_MIN_WORK,
  VENDOR_MIN_BATCH,
  VENDOR_MIN_OUT,
  VENDOR_CHUNK_BYTES,
  type BasisLinearPath,
  type BasisLinearShape,
} from './kernels/basis-linear-path.js';

/** The backend's registry name. */
export const BACKEND_NAME = 'cuda';

let device: DeviceInfo | undefined;

/**
 * Starts the device (once) and describes it. Throws one sentence when something is missing: the addon not
 * built, no driver, no GPU, or the toolkit's NVRTC or cuBLAS not found (naming the paths tried).
 */
export function describeDevice(): DeviceInfo {
  device ??= loadAddon().init(defaultDevice());
  return device;
}

/** The active cuda backend; throws if another backend is active. */
function active(): CudaBackend {
  const backend = tf.backend();
  if (!(backend instanceof CudaBackend)) throw new Error(`cuda: the active backend is ${tf.getBackend()}, not cuda; call tf.setBackend('cuda') first.`);
  return backend;
}

/**
 * Lets fp32 matrix products use TF32 tensor cores: cuBLAS's and the fused KanBasisLinear kernels' (faster; the
 * operands keep 10 mantissa bits, sums stay fp32). Off by default.
 */
export function setTF32(on: boolean): void {
  active().tf32 = on;
}

/** The kernels that ran through CPU forwarding since the backend started, and how often. */
export function forwardingReport(): { kernel: string; calls: number }[] {
  return active().forwardingReport();
}

for (const config of NATIVE_KERNELS) tf.registerKernel(config);
registerForwardedKernels();
declareFusedBasisLinear();
declareFusedLayerNorm();
useDeviceReductionGradients(BACKEND_NAME); // Sum's and Mean's gradients broadcast dy on the device
tf.registerBackend(
  BACKEND_NAME,
  () => {
    useDeviceReductionGradients(BACKEND_NAME); // again: tfjs-core's own may have registered since the import
    return new CudaBackend();
  },
  3,
);
