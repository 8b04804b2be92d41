// Sum's and Mean's gradients without a host-made tensor of ones on GPU backends. tfjs-core writes both as
// dy · ones(x.shape): the ones are filled in JavaScript and uploaded on every backward pass (16 MiB for the loss
// of a [4096, 1024] output). On a backend declared here the same values come from broadcasting dy (the Tile
// kernel) instead; on every other backend these gradients are tfjs-core's, operation for operation.
import { Mean, Sum, backend_util, broadcastTo, div, getBackend, mul, ones, registerGradient, reshape, util, type NamedAttrMap, type Tensor } from '@tensorflow/tfjs-core';

const broadcastBackends = new Set<string>();

const axesOf = (x: Tensor, attrs: NamedAttrMap) => util.parseAxisParam((attrs as unknown as { axis: number | number[] }).axis, x.shape);

/** dy with x's rank (reduced axes of size 1), spread over x's shape. */
function spread(dy: Tensor, x: Tensor, attrs: NamedAttrMap): Tensor {
  const expanded = x.shape.slice();
  for (const axis of axesOf(x, attrs)) expanded[axis] = 1;
  const dyExpanded = reshape(dy, expanded);
  return broadcastBackends.has(getBackend()) ? broadcastTo(dyExpanded, x.shape) : mul(dyExpanded, ones(x.shape, 'float32'));
}

/**
 * Makes Sum's and Mean's gradients broadcast dy on this backend. Registers both gradients (again on every call,
 * so that they win over tfjs-core's, which register when @tensorflow/tfjs-layers or @tensorflow/tfjs is
 * imported): call it when the backend starts.
 */
export function useDeviceReductionGradients(backendName: string): void {
  broadcastBackends.add(backendName);
  registerGradient({ kernelName: Sum, inputsToSave: ['x'], gradFunc: (dy, [x], attrs) => ({ x: () => spread(dy as Tensor, x!, attrs) }) });
  registerGradient({
    kernelName: Mean,
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => ({
      x: () => div(spread(dy as Tensor, x!, attrs), util.sizeFromShape(backend_util.computeOutAndReduceShapes(x!.shape, axesOf(x!, attrs))[1])),
    }),
  });
}
