import type { ObjectiveTerms } from './kan-objective.js';

/**
 * One layer's sparsity penalty λ_l1·Σv + λ_entropy·(H_rows + H_cols) with v = std(edges)/(std(h) + 0.1), and its
 * gradient as d/d edge[b, i, o] = edgeWeight[io]·(edge − edgeMean[io]) and d/d h[b, i] = inputWeight[i]·(h − inputMean[i])
 * (already times lamb). A constant edge (std 0) gets no gradient.
 */
export interface SparsityTerm {
  readonly value: number;
  readonly edgeMean: Float64Array;
  readonly edgeWeight: Float64Array;
  readonly inputMean: Float64Array;
  readonly inputWeight: Float64Array;
}

/** `SparsityTerm` of one layer from its input h [batch, n] and edge outputs [batch, n, m]. */
export function sparsityTerm(n: number, m: number, tape: { readonly h: Float64Array; readonly edges: Float64Array }, batch: number, terms: ObjectiveTerms): SparsityTerm {
  const { lamb, lambL1, lambEntropy } = terms;
  const denominator = Math.max(batch - 1, 1);
  const edgeMean = new Float64Array(n * m);
  const edgeStd = new Float64Array(n * m);
  const inputMean = new Float64Array(n);
  const inputStd = new Float64Array(n);
  const { h, edges } = tape;
  // Column by column over the batch, each sum in a local.
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let b = 0; b < batch; b++) sum += h[b * n + i]!;
    const mean = sum / batch;
    let squares = 0;
    for (let b = 0; b < batch; b++) {
      const d = h[b * n + i]! - mean;
      squares += d * d;
    }
    inputMean[i] = mean;
    inputStd[i] = squares;
  }
  for (let io = 0; io < n * m; io++) {
    const i = Math.floor(io / m);
    const o = io - i * m;
    let sum = 0;
    for (let b = 0; b < batch; b++) sum += edges[(b * n + i) * m + o]!;
    const mean = sum / batch;
    let squares = 0;
    for (let b = 0; b < batch; b++) {
      const d = edges[(b * n + i) * m + o]! - mean;
      squares += d * d;
    }
    edgeMean[io] = mean;
    edgeStd[io] = squares;
  }
  for (let i = 0; i < n; i++) inputStd[i] = Math.sqrt(inputStd[i]! / denominator);
  for (let io = 0; io < n * m; io++) edgeStd[io] = Math.sqrt(edgeStd[io]! / denominator);
  const scale = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let o = 0; o < m; o++) scale[i * m + o] = edgeStd[i * m + o]! / (inputStd[i]! + 0.1);
  const dScale = new Float64Array(n * m).fill(lambL1);
  let value = 0;
  for (const v of scale) value += lambL1 * v;
  // H over inputs for each output (mean over outputs), and over outputs for each input (mean over inputs).
  value += lambEntropy * entropy(scale, dScale, lambEntropy, m, n, (group, j) => j * m + group);
  value += lambEntropy * entropy(scale, dScale, lambEntropy, n, m, (group, j) => group * m + j);
  const edgeWeight = new Float64Array(n * m);
  const inputWeight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const spread = inputStd[i]! + 0.1;
    for (let o = 0; o < m; o++) {
      const io = i * m + o;
      if (edgeStd[io]! > 0) edgeWeight[io] = (lamb * dScale[io]!) / spread / (denominator * edgeStd[io]!);
      if (inputStd[i]! > 0) inputWeight[i]! -= (lamb * dScale[io]! * edgeStd[io]!) / (spread * spread) / (denominator * inputStd[i]!);
    }
  }
  return { value, edgeMean, edgeWeight, inputMean, inputWeight };
}

/**
 * −mean over `groups` of Σⱼ p log₂(p + 1e-4), p = v/(Σⱼ v + 1), for v = scale[index(group, j)], j < width; adds
 * weight·(its gradient) into dScale.
 */
function entropy(scale: Float64Array, dScale: Float64Array, weight: number, groups: number, width: number, index: (group: number, j: number) => number): number {
  let total = 0;
  const slope = new Float64Array(width);
  for (let group = 0; group < groups; group++) {
    let sum = 0;
    for (let j = 0; j < width; j++) sum += scale[index(group, j)]!;
    let dot = 0;
    for (let j = 0; j < width; j++) {
      const p = scale[index(group, j)]! / (sum + 1);
      total -= (p * Math.log(p + 1e-4)) / Math.LN2;
      slope[j] = -(Math.log(p + 1e-4) + p / (p + 1e-4)) / Math.LN2; // d H / d p
      dot += slope[j]! * p;
    }
    for (let j = 0; j < width; j++) dScale[index(group, j)]! += (weight * (slope[j]! - dot)) / (sum + 1) / groups;
  }
  return total / groups;
}
