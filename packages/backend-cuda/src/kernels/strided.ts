// Index arithmetic shared by the element-wise and copy kernels: broadcasting strides, and merging dimensions
// that every operand walks contiguously, so that most launches see rank 1 or 2.
export const MAX_RANK = 6;

/** Row-major strides of a shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = step;
    step *= shape[d]!;
  }
  return strides;
}

/** The strides of an input as it is read for each output index, under numpy broadcasting (0 on broadcast dims). */
export function broadcastStrides(inShape: readonly number[], outShape: readonly number[]): number[] {
  const inStrides = stridesOf(inShape);
  const offset = outShape.length - inShape.length;
  return outShape.map((_, d) => {
    const i = d - offset;
    return i < 0 || inShape[i] === 1 ? 0 : inStrides[i]!;
  });
}

/**
 * Merges adjacent dimensions where every operand's stride of the outer one equals its stride of the inner one
 * times the inner size, and drops size-1 dimensions. Returns the shape and each operand's strides, at least rank 1.
 */
export function collapse(shape: readonly number[], strides: readonly (readonly number[])[]): { shape: number[]; strides: number[][] } {
  const dims: number[] = [];
  const out: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && strides.every((s, k) => out[k]![last] === s[d]! * shape[d]!)) {
      dims[last] = dims[last]! * shape[d]!;
      strides.forEach((s, k) => (out[k]![last] = s[d]!));
    } else {
      dims.push(shape[d]!);
      strides.forEach((s, k) => out[k]!.push(s[d]!));
    }
  }
  if (dims.length === 0) return { shape: [1], strides: strides.map(() => [0]) };
  return { shape: dims, strides: out };
}

/** Pads shape and strides to MAX_RANK (leading 1s and 0s) for the kernels' fixed argument lists. */
export function padded(shape: readonly number[], strides: readonly (readonly number[])[]): { dims: number[]; strides: number[][] } {
  if (shape.length > MAX_RANK) throw new Error(`cuda: tensors of rank ${shape.length} are not supported by this kernel; expected rank ${MAX_RANK} or less after merging dimensions.`);
  const pad = MAX_RANK - shape.length;
  return { dims: [...new Array<number>(pad).fill(1), ...shape], strides: strides.map((s) => [...new Array<number>(pad).fill(0), ...s]) };
}

/** The CUDA C that turns a flat index `idx` into offsets `o0..o{n-1}` along the strides s{k}_{d}. */
export function offsetCode(operands: number): string {
  const lines = [`int rest = idx;`, ...Array.from({ length: operands }, (_, k) => `int o${k} = base${k};`)];
  for (let d = MAX_RANK - 1; d >= 0; d--) {
    lines.push(`{ int q = rest % d${d}; rest /= d${d};${Array.from({ length: operands }, (_, k) => ` o${k} += q * s${k}_${d};`).join('')} }`);
  }
  return lines.join('\n    ');
}

/** Kernel parameters for rank dims and per-operand base offsets and strides. */
export function paramList(operands: number): string {
  const dims = Array.from({ length: MAX_RANK }, (_, d) => `int d${d}`);
  const per = Array.from({ length: operands }, (_, k) => [`int base${k}`, ...Array.from({ length: MAX_RANK }, (_, d) => `int s${k}_${d}`)]).flat();
  return [...dims, ...per].join(', ');
}

/** The matching signature letters and argument values. */
export function indexArgs(dims: readonly number[], bases: readonly number[], strides: readonly (readonly number[])[]): { signature: string; args: number[] } {
  const args: number[] = dims.slice();
  strides.forEach((s, k) => {
    args.push(bases[k]!);
    for (const v of s) args.push(v);
  });
  return { signature: SIGNATURES[strides.length] ?? 'i'.repeat(args.length), args };
}

/** The signature of indexArgs for 0 to 4 operands (all int). */
const SIGNATURES = [0, 1, 2, 3, 4].map((k) => 'i'.repeat(MAX_RANK + k * (MAX_RANK + 1)));
