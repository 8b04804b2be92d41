// Element-wise kernels: unary ops, binary ops with broadcasting, Select, Cast, ClipByValue, Step, AddN, and
// the strided copy behind Transpose, Slice and Concat. Each is CUDA C generated from an expression.
import { upcastType, type DataType, type KernelConfig, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../backend.js';
import { runOnCpu } from '../forwarding.js';
import { broadcastStrides, collapse, indexArgs, offsetCode, padded, paramList } from './strided.js';

type KernelArgs = Parameters<KernelConfig['kernelFunc']>[0];
const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** The C type a dtype has on the device. */
export const cType = (dtype: DataType) => (dtype === 'float32' ? 'float' : 'int');

/**
 * out = expr(x, y, z) over the broadcast shape of the inputs; `expr` sees x, y, z already converted to
 * `compute` (the C type the op computes in), and its value is converted to the output's type.
 */
export function map(backend: CudaBackend, name: string, inputs: readonly TensorInfo[], outShape: readonly number[], outDtype: DataType, compute: 'float' | 'int', expr: string): TensorInfo {
  const out = backend.makeOutput(outShape, outDtype);
  const n = sizeOf(outShape);
  if (n === 0) return out;
  // Most calls need no index arithmetic: each input either has every element of the output (same layout) or
  // one value (a scalar broadcast). Only the rest go through strides.
  let pattern = '';
  for (const t of inputs) {
    const size = sizeOf(t.shape);
    pattern += size === n ? 'f' : size === 1 ? 's' : 'b';
  }
  const simple = !pattern.includes('b');
  const k = inputs.length;
  let collapsed: { shape: number[]; strides: number[][] } | undefined;
  if (!simple) collapsed = collapse(outShape, inputs.map((t) => broadcastStrides(t.shape, outShape)));
  const key = `map|${name}|${expr}|${compute}|${outDtype}|${inputs.map((t) => t.dtype).join(',')}|${simple ? pattern : 'strided'}`;
  const vars = ['x', 'y', 'z'];
  const source = () => `// ${name}
extern "C" __global__ void ${name}(${cType(outDtype)}* __restrict__ out, ${inputs.map((t, i) => `const ${cType(t.dtype)}* __restrict__ in${i}`).join(', ')}, int n${simple ? '' : `, ${paramList(k)}`}) {
  for (int idx = blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += blockDim.x * gridDim.x) {
    ${simple ? inputs.map((_, i) => `int o${i} = ${pattern[i] === 'f' ? 'idx' : '0'};`).join(' ') : offsetCode(k)}
    ${inputs.map((_, i) => `${compute} ${vars[i]} = (${compute})in${i}[o${i}];`).join(' ')}
    out[idx] = (${cType(outDtype)})(${expr});
  }
}
`;
  const fn = backend.compiled(name, source, key);
  const args = [backend.pointer(out)];
  for (const t of inputs) args.push(backend.pointer(t));
  args.push(n);
  const signature = POINTERS[k]!;
  if (simple) {
    backend.launch1d(fn, n, signature, args);
  } else {
    const p = padded(collapsed!.shape, collapsed!.strides);
    const index = indexArgs(p.dims, new Array<number>(k).fill(0), p.strides);
    backend.launch1d(fn, n, signature + index.signature, args.concat(index.args));
  }
  return out;
}

/** Signatures of the output pointer, k input pointers and n. */
const POINTERS = ['pi', 'ppi', 'pppi', 'ppppi'];

/**
 * Copies `shape` elements from `src` (at base offset and strides) to `dst` (at base offset and strides): the
 * one kernel behind Transpose, Slice, StridedSlice and Concat.
 */
export function stridedCopy(backend: CudaBackend, dst: TensorInfo, dstBase: number, dstStrides: readonly number[], src: TensorInfo, srcBase: number, srcStrides: readonly number[], shape: readonly number[]): void {
  const n = sizeOf(shape);
  if (n === 0) return;
  const c = collapse(shape, [dstStrides, srcStrides]);
  const t = cType(src.dtype);
  const source = () => `// strided copy
extern "C" __global__ void strided_copy_${t}(${t}* __restrict__ dst, const ${t}* __restrict__ src, int n, ${paramList(2)}) {
  for (int idx = blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += blockDim.x * gridDim.x) {
    ${offsetCode(2)}
    dst[o0] = src[o1];
  }
}
`;
  const fn = backend.compiled(`strided_copy_${t}`, source, `copy|${t}`);
  const p = padded(c.shape, c.strides);
  const index = indexArgs(p.dims, [dstBase, srcBase], p.strides);
  backend.launch1d(fn, n, 'ppi' + index.signature, [backend.pointer(dst), backend.pointer(src), n, ...index.args]);
}

// --- unary ---

interface Unary {
  /** The expression in x (a float). */
  readonly float: string;
  /** The expression for int32 inputs, where the op keeps the dtype; without one, int inputs go to the cpu. */
  readonly int?: string;
}

const UNARY: Record<string, Unary> = {
  Abs: { float: 'fabsf(x)', int: 'abs(x)' },
  Acos: { float: 'acosf(x)' },
  Asin: { float: 'asinf(x)' },
  Atan: { float: 'atanf(x)' },
  Ceil: { float: 'ceilf(x)' },
  Cos: { float: 'cosf(x)' },
  Cosh: { float: 'coshf(x)' },
  Elu: { float: 'x >= 0.0f ? x : expf(x) - 1.0f' },
  Erf: { float: 'erff(x)' },
  Exp: { float: 'expf(x)' },
  Expm1: { float: 'expm1f(x)' },
  Floor: { float: 'floorf(x)' },
  IsNan: { float: 'isnan(x) ? 1 : 0' },
  Log: { float: 'logf(x)' },
  Log1p: { float: 'log1pf(x)' },
  Neg: { float: '-x', int: '-x' },
  Reciprocal: { float: '1.0f / x' },
  Relu: { float: 'isnan(x) ? x : fmaxf(x, 0.0f)', int: 'max(x, 0)' },
  Relu6: { float: 'isnan(x) ? x : fminf(fmaxf(x, 0.0f), 6.0f)', int: 'min(max(x, 0), 6)' },
  Round: { float: 'rintf(x)' },
  Rsqrt: { float: '1.0f / sqrtf(x)' },
  Selu: { float: 'x >= 0.0f ? 1.0507009873554805f * x : 1.7580993408473768f * (expf(x) - 1.0f)' },
  Sigmoid: { float: '1.0f / (1.0f + expf(-x))' },
  Sign: { float: 'isnan(x) ? 0.0f : (float)((x > 0.0f) - (x < 0.0f))', int: '(x > 0) - (x < 0)' },
  Sin: { float: 'sinf(x)' },
  Sinh: { float: 'sinhf(x)' },
  Softplus: { float: 'x > 15.942385f ? x : (x < -15.942385f ? expf(x) : log1pf(expf(x)))' },
  Sqrt: { float: 'sqrtf(x)' },
  Square: { float: 'x * x', int: 'x * x' },
  Tan: { float: 'tanf(x)' },
  Tanh: { float: 'tanhf(x)' },
};

/** The float expression in x of a unary kernel (Relu, Sigmoid, …), for kernels that apply it in their epilogue. */
export function unaryFloatExpression(kernelName: string): string {
  const op = UNARY[kernelName];
  if (op === undefined) throw new Error(`cuda: no unary kernel named ${kernelName}; expected one of ${Object.keys(UNARY).join(', ')}.`);
  return op.float;
}

/** Kernels whose output is bool whatever the input. */
const BOOL_OUT = new Set(['IsNan']);

function unaryKernel(kernelName: string, op: Unary): KernelConfig {
  return {
    kernelName,
    backendName: 'cuda',
    kernelFunc: (args) => {
      const backend = args.backend as CudaBackend;
      const x = (args.inputs as { x: TensorInfo }).x;
      const outDtype: DataType = BOOL_OUT.has(kernelName) ? 'bool' : x.dtype;
      if (x.dtype === 'float32') return map(backend, `${kernelName.toLowerCase()}_f`, [x], x.shape, outDtype, 'float', op.float);
      if (op.int !== undefined) return map(backend, `${kernelName.toLowerCase()}_i`, [x], x.shape, outDtype, 'int', op.int);
      return runOnCpu(kernelName, args as KernelArgs);
    },
  };
}

// --- binary ---

interface Binary {
  readonly float: string;
  readonly int?: string;
  /** The output is bool (comparisons, logic). */
  readonly bool?: boolean;
}

const BINARY: Record<string, Binary> = {
  Add: { float: 'x + y', int: 'x + y' },
  Sub: { float: 'x - y', int: 'x - y' },
  Multiply: { float: 'x * y', int: 'x * y' },
  RealDiv: { float: 'x / y' },
  FloorDiv: { float: 'floorf(x / y)', int: 'y == 0 ? 0 : (x / y - (((x % y) != 0) && ((x < 0) != (y < 0))))' },
  Pow: { float: 'powf(x, y)' },
  Maximum: { float: 'isnan(x) || isnan(y) ? nanf("") : fmaxf(x, y)', int: 'max(x, y)' },
  Minimum: { float: 'isnan(x) || isnan(y) ? nanf("") : fminf(x, y)', int: 'min(x, y)' },
  SquaredDifference: { float: '(x - y) * (x - y)', int: '(x - y) * (x - y)' },
  Atan2: { float: 'atan2f(x, y)' },
  Equal: { float: 'x == y', int: 'x == y', bool: true },
  NotEqual: { float: 'x != y', int: 'x != y', bool: true },
  Less: { float: 'x < y', int: 'x < y', bool: true },
  LessEqual: { float: 'x <= y', int: 'x <= y', bool: true },
  Greater: { float: 'x > y', int: 'x > y', bool: true },
  GreaterEqual: { float: 'x >= y', int: 'x >= y', bool: true },
  LogicalAnd: { float: '(x != 0.0f) && (y != 0.0f)', int: '(x != 0) && (y != 0)', bool: true },
  LogicalOr: { float: '(x != 0.0f) || (y != 0.0f)', int: '(x != 0) || (y != 0)', bool: true },
};

export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  return Array.from({ length: rank }, (_, d) => {
    const x = a[a.length - rank + d] ?? 1;
    const y = b[b.length - rank + d] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new Error(`cuda: shapes [${a.join(', ')}] and [${b.join(', ')}] do not broadcast.`);
    return x === 1 ? y : x;
  });
}

function binaryKernel(kernelName: string, op: Binary): KernelConfig {
  return {
    kernelName,
    backendName: 'cuda',
    kernelFunc: (args) => {
      const backend = args.backend as CudaBackend;
      const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
      const type = upcastType(a.dtype, b.dtype);
      const shape = broadcastShape(a.shape, b.shape);
      const outDtype: DataType = op.bool === true ? 'bool' : type;
      if (type === 'float32') return map(backend, `${kernelName.toLowerCase()}_f`, [a, b], shape, outDtype, 'float', op.float);
      if ((type === 'int32' || type === 'bool') && op.int !== undefined) return map(backend, `${kernelName.toLowerCase()}_i`, [a, b], shape, outDtype, 'int', op.int);
      return runOnCpu(kernelName, args as KernelArgs);
    },
  };
}

// --- the rest ---

const cast: KernelConfig = {
  kernelName: 'Cast',
  backendName: 'cuda',
  kernelFunc: (args) => {
    const backend = args.backend as CudaBackend;
    const x = (args.inputs as { x: TensorInfo }).x;
    const dtype = (args.attrs as { dtype: DataType }).dtype;
    if (dtype === x.dtype) return backend.share(x, x.shape);
    if (dtype === 'bool') return map(backend, `cast_bool_${cType(x.dtype)}`, [x], x.shape, 'bool', x.dtype === 'float32' ? 'float' : 'int', x.dtype === 'float32' ? 'x != 0.0f' : 'x != 0');
    if (dtype === 'int32') return map(backend, 'cast_int', [x], x.shape, 'int32', x.dtype === 'float32' ? 'float' : 'int', x.dtype === 'float32' ? '(int)truncf(x)' : 'x');
    if (dtype === 'float32') return map(backend, 'cast_float', [x], x.shape, 'float32', 'float', 'x');
    return runOnCpu('Cast', args as KernelArgs);
  },
};

const clip: KernelConfig = {
  kernelName: 'ClipByValue',
  backendName: 'cuda',
  kernelFunc: (args) => {
    const x = (args.inputs as { x: TensorInfo }).x;
    const { clipValueMin, clipValueMax } = args.attrs as unknown as { clipValueMin: number; clipValueMax: number };
    if (x.dtype !== 'float32') return runOnCpu('ClipByValue', args as KernelArgs);
    const lo = floatLiteral(clipValueMin);
    const hi = floatLiteral(clipValueMax);
    return map(args.backend as CudaBackend, 'clip_f', [x], x.shape, 'float32', 'float', `isnan(x) ? x : (x > ${hi} ? ${hi} : (x < ${lo} ? ${lo} : x))`);
  },
};

const step: KernelConfig = {
  kernelName: 'Step',
  backendName: 'cuda',
  kernelFunc: (args) => {
    const x = (args.inputs as { x: TensorInfo }).x;
    const alpha = floatLiteral((args.attrs as { alpha?: number }).alpha ?? 0);
    if (x.dtype !== 'float32') return runOnCpu('Step', args as KernelArgs);
    return map(args.backend as CudaBackend, 'step_f', [x], x.shape, 'float32', 'float', `isnan(x) ? x : (x > 0.0f ? 1.0f : ${alpha})`);
  },
};

const leakyRelu: KernelConfig = {
  kernelName: 'LeakyRelu',
  backendName: 'cuda',
  kernelFunc: (args) => {
    const x = (args.inputs as { x: TensorInfo }).x;
    const alpha = floatLiteral((args.attrs as { alpha: number }).alpha);
    if (x.dtype !== 'float32') return runOnCpu('LeakyRelu', args as KernelArgs);
    return map(args.backend as CudaBackend, 'leaky_relu_f', [x], x.shape, 'float32', 'float', `x < 0.0f ? ${alpha} * x : x`);
  },
};

const select: KernelConfig = {
  kernelName: 'Select',
  backendName: 'cuda',
  kernelFunc: (args) => {
    const backend = args.backend as CudaBackend;
    const { condition, t, e } = args.inputs as { condition: TensorInfo; t: TensorInfo; e: TensorInfo };
    const type = upcastType(t.dtype, e.dtype);
    // tfjs allows a rank-1 condition that picks whole rows of t and e.
    const cond = condition.shape.length === 1 && t.shape.length > 1 ? { ...condition, shape: [condition.shape[0]!, ...new Array<number>(t.shape.length - 1).fill(1)] } : condition;
    const compute = type === 'float32' ? 'float' : 'int';
    return map(backend, `select_${compute}`, [cond, t, e], t.shape, type, compute, `x != 0 ? y : z`);
  },
};

const addN: KernelConfig = {
  kernelName: 'AddN',
  backendName: 'cuda',
  kernelFunc: (args) => {
    const backend = args.backend as CudaBackend;
    const tensors = Object.values(args.inputs as Record<string, TensorInfo>);
    if (tensors.length === 1) return backend.share(tensors[0]!, tensors[0]!.shape);
    const compute = tensors[0]!.dtype === 'float32' ? 'float' : 'int';
    let sum = map(backend, `add_${compute[0]}`, [tensors[0]!, tensors[1]!], tensors[0]!.shape, tensors[0]!.dtype, compute, 'x + y');
    for (const next of tensors.slice(2)) {
      const more = map(backend, `add_${compute[0]}`, [sum, next], sum.shape, sum.dtype, compute, 'x + y');
      backend.disposeData(sum.dataId);
      sum = more;
    }
    return sum;
  },
};

/** A float literal in C that reads back as the same float32. */
export function floatLiteral(value: number): string {
  if (Number.isNaN(value)) return 'nanf("")';
  if (!Number.isFinite(value)) return value > 0 ? '__int_as_float(0x7f800000)' : '__int_as_float(0xff800000)';
  return `${Math.fround(value).toPrecision(9)}f`;
}

/** Kernels that share their input's buffer: no copy, no launch. */
function sharing(kernelName: string, shapeOf: (x: TensorInfo, attrs: NamedAttrMap) => number[]): KernelConfig {
  return {
    kernelName,
    backendName: 'cuda',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const x = (inputs as { x?: TensorInfo; input?: TensorInfo }).x ?? (inputs as { input: TensorInfo }).input;
      return (backend as CudaBackend).share(x, shapeOf(x, attrs ?? {}));
    },
  };
}

function reshapeShape(x: TensorInfo, attrs: NamedAttrMap): number[] {
  const shape = [...(attrs['shape'] as number[])];
  const size = sizeOf(x.shape);
  const unknown = shape.indexOf(-1);
  if (unknown >= 0) shape[unknown] = size / sizeOf(shape.filter((d) => d !== -1));
  if (sizeOf(shape) !== size) throw new Error(`cuda: Reshape: cannot reshape [${x.shape.join(', ')}] (${size} values) into [${shape.join(', ')}].`);
  return shape;
}

function expandDimsShape(x: TensorInfo, attrs: NamedAttrMap): number[] {
  let axis = attrs['dim'] as number;
  if (axis < 0) axis += x.shape.length + 1;
  const shape = [...x.shape];
  shape.splice(axis, 0, 1);
  return shape;
}

function squeezeShape(x: TensorInfo, attrs: NamedAttrMap): number[] {
  const axes = ((attrs['axis'] as number[] | undefined) ?? []).map((a) => (a < 0 ? a + x.shape.length : a));
  return x.shape.filter((d, i) => (axes.length === 0 ? d !== 1 : !axes.includes(i)));
}

function fillLike(kernelName: string, value: number): KernelConfig {
  return {
    kernelName,
    backendName: 'cuda',
    kernelFunc: ({ inputs, backend }) => {
      const x = (inputs as { x: TensorInfo }).x;
      const cuda = backend as CudaBackend;
      const out = cuda.makeOutput(x.shape, x.dtype);
      cuda.native.fill32(cuda.pointer(out), sizeOf(x.shape), bits(value, x.dtype));
      return out;
    },
  };
}

/** The 32-bit pattern of a value as a dtype stores it on the device. */
export function bits(value: number, dtype: DataType): number {
  if (dtype === 'float32') return new Uint32Array(Float32Array.of(value).buffer)[0]!;
  return (dtype === 'bool' ? Number(value !== 0) : value | 0) >>> 0;
}

const fill: KernelConfig = {
  kernelName: 'Fill',
  backendName: 'cuda',
  kernelFunc: ({ backend, attrs }) => {
    const { shape, value, dtype } = attrs as unknown as { shape: number[]; value: number; dtype: DataType };
    const cuda = backend as CudaBackend;
    const out = cuda.makeOutput(shape, dtype ?? 'float32');
    cuda.native.fill32(cuda.pointer(out), sizeOf(shape), bits(value, out.dtype));
    return out;
  },
};

export const ELEMENTWISE_KERNELS: KernelConfig[] = [
  ...Object.entries(UNARY).map(([name, op]) => unaryKernel(name, op)),
  ...Object.entries(BINARY).map(([name, op]) => binaryKernel(name, op)),
  cast,
  clip,
  step,
  leakyRelu,
  select,
  addN,
  fill,
  fillLike('ZerosLike', 0),
  fillLike('OnesLike', 1),
  sharing('Identity', (x) => [...x.shape]),
  sharing('Reshape', reshapeShape),
  sharing('ExpandDims', expandDimsShape),
  sharing('Squeeze', squeezeShape),
];

