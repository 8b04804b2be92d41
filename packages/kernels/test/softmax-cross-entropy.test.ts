// The shapes the fused softmax cross-entropy kernels take.
import { describe, expect, it } from 'vitest';
import { SOFTMAX_CROSS_ENTROPY_KERNELS, softmaxCrossEntropyShape } from '@kanjs/kernels';

const info = (shape: number[], dtype = 'float32') => ({ shape, dtype });

describe('softmaxCrossEntropyShape', () => {
  it('gives [batch, classes] for float32 labels and logits of one shape', () => {
    expect(softmaxCrossEntropyShape('probe', info([7, 10]), info([7, 10]))).toEqual([7, 10]);
  });

  it('names the backend, the kernel and what it got when the shapes or dtypes do not fit', () => {
    expect(() => softmaxCrossEntropyShape('probe', info([7, 10]), info([7, 9]))).toThrow(
      `probe: ${SOFTMAX_CROSS_ENTROPY_KERNELS.forward} expects float32 labels and logits of one shape [batch, classes], got float32 [7, 10] and float32 [7, 9].`,
    );
    expect(() => softmaxCrossEntropyShape('probe', info([7, 10], 'int32'), info([7, 10]))).toThrow('got int32 [7, 10] and float32 [7, 10].');
    expect(() => softmaxCrossEntropyShape('probe', info([70]), info([70]))).toThrow('got float32 [70] and float32 [70].');
  });
});
