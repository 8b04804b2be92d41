// Sum's and Mean's gradients on cuda without a host-made tensor of ones. tfjs-core writes both as
// dy · ones(x.shape): the ones are filled in JavaScript and uploaded on every backward pass (16 MiB for the loss
// of a [4096, 1024] output). On cuda the same values come from broadcasting dy (the Tile kernel) instead. Other
// backends keep tfjs-core's gradient unchanged.
import { Mean, Sum, backend_util, broadcastTo, div, getBackend, getGradient, registerGradient, reshape, util, type GradConfig, type NamedAttrMap, type Tensor } from '@tensorflow/tfjs-core';

/** dy reshaped to x's rank (reduced axes of size 1), then broadcast to x's shape. */
function broadcastDy(dy: Tensor, x: Tensor, attrs: NamedAttrMap): Tensor {
  const expanded = x.shape.slice();
  for (const axis of axesOf(x, attrs)) expanded[axis] = 1;
  return broadcastTo(reshape(dy, expanded), x.shape);
}

const axesOf = (x: Tensor, attrs: NamedAttrMap) => util.parseAxisParam((attrs as unknown as { axis: number | number[] }).axis, x.shape);

function onCuda(kernelName: string, gradient: (dy: Tensor, x: Tensor, attrs: NamedAttrMap) => Tensor): void {
  const original = getGradient(kernelName) as GradConfig | undefined;
  if (original?.gradFunc === undefined) throw new Error(`cuda: tfjs-core registered no gradient for ${kernelName}.`);
  const fallback = original.gradFunc;
  registerGradient({
    ...original,
    gradFunc: (dy, saved, attrs) => {
      if (getBackend() !== 'cuda') return fallback(dy, saved, attrs);
      const x = saved[0]!;
      return { x: () => gradient(dy as Tensor, x, attrs) };
    },
  });
}

/** Registers the two gradients (once, when the package is imported). */
export function registerCudaGradients(): void {
  onCuda(Sum, (dy, x, attrs) => broadcastDy(dy, x, attrs));
  onCuda(Mean, (dy, x, attrs) => {
    const [, reduced] = backend_util.computeOutAndReduceShapes(x.shape, axesOf(x, attrs));
    return div(broadcastDy(dy, x, attrs), util.sizeFromShape(reduced));
  });
}
