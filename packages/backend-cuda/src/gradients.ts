// Sum's and Mean's gradients without a host-made tensor of ones on cuda. tfjs-core writes both as
// dy · ones(x.shape): the ones are filled in JavaScript and uploaded on every backward pass (16 MiB for the loss
// of a [4096, 1024] output). On cuda the same values come from broadcasting dy (the Tile kernel) instead; on
// every other backend these gradients are tfjs-core's, operation for operation.
import { Mean, Sum, backend_util, broadcastTo, div, getBackend, mul, ones, registerGradient, reshape, util, type NamedAttrMap, type Tensor } from '@tensorflow/tfjs-core';

const axesOf = (x: Tensor, attrs: NamedAttrMap) => util.parseAxisParam((attrs as unknown as { axis: number | number[] }).axis, x.shape);

/** dy with x's rank (reduced axes of size 1), spread over x's shape. */
function spread(dy: Tensor, x: Tensor, attrs: NamedAttrMap): Tensor {
  const expanded = x.shape.slice();
  for (const axis of axesOf(x, attrs)) expanded[axis] = 1;
  const dyExpanded = reshape(dy, expanded);
  return getBackend() === 'cuda' ? broadcastTo(dyExpanded, x.shape) : mul(dyExpanded, ones(x.shape, 'float32'));
}

/**
 * Registers the two gradients. Called when the package is imported and again when the backend starts, so that
 * they win over tfjs-core's, which register when @tensorflow/tfjs-layers (or @tensorflow/tfjs) is imported.
 */
export function registerCudaGradients(): void {
  registerGradient({ kernelName: Sum, inputsToSave: ['x'], gradFunc: (dy, [x], attrs) => ({ x: () => spread(dy as Tensor, x!, attrs) }) });
  registerGradient({
    kernelName: Mean,
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => ({
      x: () => div(spread(dy as Tensor, x!, attrs), util.sizeFromShape(backend_util.computeOutAndReduceShapes(x!.shape, axesOf(x!, attrs))[1])),
    }),
  });
}
