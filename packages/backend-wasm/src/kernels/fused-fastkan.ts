// FastKAN's whole layer on plain Float32Arrays, in the wasm module: the forward (LayerNorm, the basis product, the
// SiLU base branch and the bias) and all six gradients, each one after the other in the module's memory, so that a
// layer pays one op's overhead forward and one backward.
import { siluBasis } from '@kanjs/kernels';
import { kernelModule, layout, view } from '../wasm/module.js';
import { copyUnpadded, gFloats, place, placeRows, placeWeight, plan, roundUp, scratchFloats, stateFloats, type Operands } from './fused-basis-linear.js';
import { forwardProduct, inputProduct, threadScratch, weightProduct } from './products.js';

/** A FastKAN layer's weights, flat and row-major. */
export interface FastKANArrays {
  readonly gamma: Float32Array;
  readonly beta: Float32Array;
  /** [in·K, out] */
  readonly spline: Float32Array;
  /** [in, out] */
  readonly base: Float32Array;
  /** [out] */
  readonly bias: Float32Array;
}

/** y [batch, out] = Σᵢ Σₖ Bₖ(LayerNorm(x)[b, i])·Ws[i·K + k, o] + Σᵢ SiLU(x[b, i])·Wb[i, o] + bb[o]. */
export function fusedFastKANForward(ops: Operands, weights: FastKANArrays, epsilon: number, out: number): Float32Array {
  const p = plan(ops);
  const base = plan({ basis: siluBasis(p.inF), x: ops.x, batch: ops.batch, state: new Float32Array(0) });
  const outP = roundUp(out, 8);
  const module = kernelModule();
  const { inF, batchP } = p;
  const aFloats = Math.max(scratchFloats(p), scratchFloats(base));
  const [xAt, uAt, stateAt, wsAt, wbAt, rawAt, gammaAt, betaAt, biasAt, yAt, aAt] = layout(module, [
    batchP * inF, batchP * inF, stateFloats(p), inF * p.K * outP, inF * outP, Math.max(weights.spline.length, weights.base.length),
    inF, inF, outP, batchP * outP, threadScratch(aFloats),
  ]);
  place(p, ops, xAt!, stateAt!, module);
  view(module, gammaAt!, inF).set(weights.gamma);
  view(module, betaAt!, inF).set(weights.beta);
  const bias = view(module, biasAt!, outP);
  bias.fill(0);
  bias.set(weights.bias);
  placeWeight(module, weights.spline, inF * p.K, out, rawAt!, wsAt!);
  placeWeight(module, weights.base, inF, out, rawAt!, wbAt!);
  module.layerNormForward(xAt!, gammaAt!, betaAt!, uAt!, batchP, inF, epsilon);
  view(module, yAt!, batchP * outP).fill(0);
  forwardProduct(module, p, uAt!, wsAt!, outP, stateAt!, yAt!, aAt!, aFloats);
  forwardProduct(module, base, xAt!, wbAt!, outP, stateAt!, yAt!, aAt!, aFloats);
  module.addBias(yAt!, biasAt!, batchP, outP);
  return copyUnpadded(module, yAt!, ops.batch, out, outP);
}

/** The gradients of a FastKAN layer's output: dx [batch, in], dγ, dβ [in], dWs [in·K, out], dWb [in, out], dbb [out]. */
export interface FastKANGradients {
  readonly dx: Float32Array;
  readonly dgamma: Float32Array;
  readonly dbeta: Float32Array;
  readonly dspline: Float32Array;
  readonly dbase: Float32Array;
  readonly dbias: Float32Array;
}

/**
 * The gradients of Σ dy ⊙ y, y the layer's output (fusedFastKANForward): LayerNorm(x) is recomputed, then the two
 * branches' weight and input gradients, LayerNorm's three, and dx as LayerNorm's input gradient plus the base's.
 */
export function fusedFastKANGrad(ops: Operands, dy: Float32Array, weights: Omit<FastKANArrays, 'bias'>, epsilon: number, out: number): FastKANGradients {
  const p = plan(ops);
  const base = plan({ basis: siluBasis(p.inF), x: ops.x, batch: ops.batch, state: new Float32Array(0) });
  const outP = roundUp(out, 8);
  const module = kernelModule();
  const { inF, batchP, K } = p;
  const rows = inF * K;
  const aFloats = Math.max(scratchFloats(p), scratchFloats(base));
  const gFloatsBoth = Math.max(gFloats(p), gFloats(base));
  const [xAt, uAt, stateAt, rawAt, wtAt, gammaAt, betaAt, dyAt, aAt, gAt, dsAt, dbAt, duAt, dxAt, dxBaseAt, dgAt, dbetaAt, xhatAt, dbiasAt] = layout(module, [
    batchP * inF, batchP * inF, stateFloats(p), Math.max(weights.spline.length, weights.base.length), roundUp(rows, 8) * out, inF, inF,
    batchP * outP, threadScratch(aFloats), threadScratch(gFloatsBoth), rows * outP, inF * outP,
    batchP * inF, batchP * inF, batchP * inF, inF, inF, inF, outP,
  ]);
  place(p, ops, xAt!, stateAt!, module);
  view(module, gammaAt!, inF).set(weights.gamma);
  view(module, betaAt!, inF).set(weights.beta);
  placeRows(module, dy, ops.batch, batchP, out, outP, dyAt!);
  module.layerNormForward(xAt!, gammaAt!, betaAt!, uAt!, batchP, inF, epsilon);
  // the weights' gradients, from the basis of u and SiLU(x)
  weightProduct(module, p, uAt!, outP, stateAt!, dyAt!, dsAt!, aAt!, aFloats);
  weightProduct(module, base, xAt!, outP, stateAt!, dyAt!, dbAt!, aAt!, aFloats);
  module.layerNormGradBeta(dyAt!, dbiasAt!, batchP, outP);
  // du, then LayerNorm's gradients (padded rows of dy are 0, so are those of du)
  view(module, rawAt!, rows * out).set(weights.spline.subarray(0, rows * out));
  module.packTransposed(rawAt!, rows, out, wtAt!);
  inputProduct(module, p, uAt!, wtAt!, out, outP, stateAt!, dyAt!, duAt!, aAt!, aFloats, gAt!, gFloatsBoth);
  module.layerNormGradGamma(duAt!, xAt!, dgAt!, xhatAt!, batchP, inF, epsilon);
  module.layerNormGradBeta(duAt!, dbetaAt!, batchP, inF);
  module.layerNormGradInput(duAt!, xAt!, gammaAt!, dxAt!, batchP, inF, epsilon);
  // dx = LayerNorm's dx + the base branch's SiLU'(x)·(dy·Wbᵀ)
  view(module, rawAt!, inF * out).set(weights.base.subarray(0, inF * out));
  module.packTransposed(rawAt!, inF, out, wtAt!);
  inputProduct(module, base, xAt!, wtAt!, out, outP, stateAt!, dyAt!, dxBaseAt!, aAt!, aFloats, gAt!, gFloatsBoth);
  module.addBias(dxAt!, dxBaseAt!, 1, batchP * inF);
  return {
    dx: view(module, dxAt!, ops.batch * inF).slice(),
    dgamma: view(module, dgAt!, inF).slice(),
    dbeta: view(module, dbetaAt!, inF).slice(),
    dspline: copyUnpadded(module, dsAt!, rows, out, outP),
    dbase: copyUnpadded(module, dbAt!, inF, out, outP),
    dbias: view(module, dbiasAt!, out).slice(),
  };
}
