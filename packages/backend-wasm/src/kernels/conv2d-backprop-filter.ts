// Conv2DBackpropFilter, the gradient of conv2d with respect to its filter, which tfjs-backend-wasm 4.22 lacks
// (training a conv layer on wasm fails with "Kernel 'Conv2DBackpropFilter' not registered"). It runs tfjs-wasm's
// own Conv3DBackpropFilterV2 on the same buffers seen with a depth of 1: x [batch, h, w, in] as
// [batch, 1, h, w, in] and dy [batch, oh, ow, out] as [batch, 1, oh, ow, out]; the filter gradient
// [1, fh, fw, in, out] is [fh, fw, in, out] in the same memory. No data is copied. Strides 1 only: tfjs-wasm's
// Conv3DBackpropFilterV2 is wrong for larger strides (it disagrees with tfjs-backend-cpu's).
import * as tf from '@tensorflow/tfjs-core';

const NAME = 'Conv2DBackpropFilter';

function conv2dBackpropFilter({ inputs, backend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  if (dataFormat !== 'NHWC') throw new Error(`wasm ${NAME}: dataFormat must be NHWC, got ${String(dataFormat)}.`);
  if (pad !== 'valid' && pad !== 'same') throw new Error(`wasm ${NAME}: pad must be 'valid' or 'same', got ${JSON.stringify(pad)}.`);
  if (dimRoundingMode !== undefined) throw new Error(`wasm ${NAME}: dimRoundingMode is not supported, got ${dimRoundingMode}.`);
  const [strideHeight, strideWidth] = typeof strides === 'number' ? [strides, strides] : strides;
  if (strideHeight !== 1 || strideWidth !== 1) {
    throw new Error(`wasm ${NAME}: strides must be 1 (tfjs-wasm's Conv3DBackpropFilterV2, which this runs, is wrong for larger ones), got [${strideHeight}, ${strideWidth}]; train strided convolutions on cpu.`);
  }
  const kernel = tf.getKernel('Conv3DBackpropFilterV2', 'wasm');
  if (kernel === undefined) throw new Error(`wasm ${NAME}: expected tfjs-backend-wasm's Conv3DBackpropFilterV2 kernel, found none.`);
  const depthOne = (t: tf.TensorInfo): tf.TensorInfo => ({ ...t, shape: [t.shape[0]!, 1, ...t.shape.slice(1)] });
  const dw = kernel.kernelFunc({
    inputs: { x: depthOne(x), dy: depthOne(dy) },
    backend,
    attrs: { strides: [1, strideHeight, strideWidth], pad, filterShape: [1, ...filterShape] },
  }) as tf.TensorInfo;
  return { dataId: dw.dataId, shape: [...filterShape], dtype: dw.dtype };
}

/** The kernel's config for the `wasm` backend. */
export const conv2dBackpropFilterConfig: tf.KernelConfig = { kernelName: NAME, backendName: 'wasm', kernelFunc: conv2dBackpropFilter };
