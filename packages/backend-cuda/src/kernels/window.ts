// The geometry of a sliding window (convolutions and pooling, NHWC) as kernel arguments: the sizes, strides,
// dilations and padding of tfjs's Conv2DInfo, passed as ints so that one compiled kernel serves every shape.
import type { backend_util } from '@tensorflow/tfjs-core';

/** The kernel parameters that `windowArgs` fills, in order. */
export const WINDOW_PARAMS = 'int B, int inH, int inW, int inC, int outH, int outW, int outC, int fh, int fw, int sh, int sw, int dh, int dw, int padTop, int padLeft';

/** The signature letters of WINDOW_PARAMS. */
export const WINDOW_SIGNATURE = 'i'.repeat(15);

/** WINDOW_PARAMS' values for a convolution's or a pooling's info (pooling has outC = inC). */
export function windowArgs(info: backend_util.Conv2DInfo): number[] {
  return [
    info.batchSize, info.inHeight, info.inWidth, info.inChannels, info.outHeight, info.outWidth, info.outChannels,
    info.filterHeight, info.filterWidth, info.strideHeight, info.strideWidth, info.dilationHeight, info.dilationWidth,
    info.padInfo.top, info.padInfo.left,
  ];
}

/**
 * CUDA C that splits a flat NHWC index `idx` over [B, H, W, C] into `b`, `r`, `c` and `ch` (the names given), for
 * the one-thread-per-element kernels.
 */
export function splitNhwc(H: string, W: string, C: string, [b, r, c, ch]: readonly [string, string, string, string]): string {
  return `const int ${ch} = idx % ${C};
    const int ${c} = (idx / ${C}) % ${W};
    const int ${r} = (idx / ${C} / ${W}) % ${H};
    const int ${b} = idx / ${C} / ${W} / ${H};`;
}

/**
 * CUDA C that runs `body` for every output position (r, c) whose window holds input position (xr, xc) at filter
 * position (wr, wc) — xr = r·sh − padTop + wr·dh — with rows and columns in ascending output order, the cpu
 * backend's order for the gradients.
 */
export function windowsHolding(body: string): string {
  return `for (int wr = fh - 1; wr >= 0; wr--) {
      const int tr = xr + padTop - wr * dh;
      if (tr < 0 || tr % sh != 0 || tr / sh >= outH) continue;
      const int r = tr / sh;
      for (int wc = fw - 1; wc >= 0; wc--) {
        const int tc = xc + padLeft - wc * dw;
        if (tc < 0 || tc % sw != 0 || tc / sw >= outW) continue;
        const int c = tc / sw;
        ${body}
      }
    }`;
}

/**
 * CUDA C that runs `body` for every input position (xr, xc) inside the window of output position (r, c), at filter
 * position (wr, wc), in row-major window order (padding is skipped).
 */
export function windowInputs(body: string): string {
  return `for (int wr = 0; wr < fh; wr++) {
      const int xr = r * sh - padTop + wr * dh;
      if (xr < 0 || xr >= inH) continue;
      for (int wc = 0; wc < fw; wc++) {
        const int xc = c * sw - padLeft + wc * dw;
        if (xc < 0 || xc >= inW) continue;
        ${body}
      }
    }`;
}
