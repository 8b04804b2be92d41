import { PYKAN_LIMITS, PyKANError, cut } from './errors.js';

/** A storage a torch pickle refers to by persistent id: its dtype (from the storage class) and its record key. */
export interface StorageRef {
  readonly kind: 'storage';
  readonly dtype: TorchDtype;
  readonly key: string;
  readonly numel: number;
}

/** A tensor as torch's `_rebuild_tensor_v2` describes it: a view into a storage. */
export interface TensorRef {
  readonly kind: 'tensor';
  readonly storage: StorageRef;
  readonly offset: number;
  readonly shape: readonly number[];
  readonly stride: readonly number[];
}

/** The storage classes torch state dicts use, by dtype. */
export const STORAGE_CLASSES = {
  float32: 'FloatStorage',
  float64: 'DoubleStorage',
  float16: 'HalfStorage',
  bfloat16: 'BFloat16Storage',
  int64: 'LongStorage',
  int32: 'IntStorage',
  int16: 'ShortStorage',
  int8: 'CharStorage',
  uint8: 'ByteStorage',
  bool: 'BoolStorage',
} as const;
export type TorchDtype = keyof typeof STORAGE_CLASSES;

/** What a state-dict pickle can hold. */
export type PickleValue = null | boolean | number | bigint | string | Uint8Array | PickleValue[] | Map<PickleValue, PickleValue> | StorageRef | TensorRef | Global | Reduced;

interface Global {
  readonly kind: 'global';
  readonly name: string;
}
interface Reduced {
  readonly kind: 'reduced';
}

const STORAGE_DTYPES = new Map<string, TorchDtype>(Object.entries(STORAGE_CLASSES).map(([dtype, cls]) => [`torch.${cls}`, dtype as TorchDtype]));
const ALLOWED = new Set(['collections.OrderedDict', 'torch._utils._rebuild_tensor_v2', 'torch._utils._rebuild_parameter', ...STORAGE_DTYPES.keys()]);
const MARK = Symbol('mark');
type Item = PickleValue | typeof MARK;

/**
 * Reads the subset of Python's pickle (protocols 2–4) that `torch.save` writes for a state dict. It never
 * imports or calls anything: the only globals it knows are collections.OrderedDict, torch's tensor and
 * parameter rebuild functions and the storage classes, each turned into data; any other global or opcode is
 * refused by name. Storages (persistent ids) become StorageRefs, tensors TensorRefs, OrderedDicts Maps.
 */
export function readPickle(bytes: Uint8Array): PickleValue {
  if (bytes.length > PYKAN_LIMITS.pickleBytes) throw new PyKANError(`pykan: expected a pickle of at most ${PYKAN_LIMITS.pickleBytes} bytes, found ${bytes.length}.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: Item[] = [];
  const memo = new Map<number, PickleValue>();
  let at = 0;
  let objects = 0;
  /** Counts an object the pickle makes, so that a pickle of one-byte opcodes cannot make millions of them. */
  const made = <T>(value: T): T => {
    if (++objects > PYKAN_LIMITS.pickleObjects) throw new PyKANError(`pykan: the pickle makes more than ${PYKAN_LIMITS.pickleObjects} objects; a state dict makes a few per tensor.`);
    return value;
  };
  const take = (n: number): number => {
    if (at + n > bytes.length) throw new PyKANError(`pykan: truncated pickle: needs byte ${at + n}, has ${bytes.length}.`);
    const start = at;
    at += n;
    return start;
  };
  const text = (n: number): string => new TextDecoder().decode(bytes.subarray(take(n), at));
  const line = (): string => {
    const end = bytes.indexOf(0x0a, at);
    if (end < 0) throw new PyKANError('pykan: truncated pickle: a GLOBAL opcode has no end of line.');
    const value = new TextDecoder().decode(bytes.subarray(at, end));
    at = end + 1;
    return value;
  };
  const pop = (): PickleValue => {
    const value = stack.pop();
    if (value === undefined || value === MARK) throw new PyKANError(`pykan: corrupt pickle: the stack is empty at byte ${at}.`);
    return value;
  };
  const popMark = (): PickleValue[] => {
    const start = stack.lastIndexOf(MARK);
    if (start < 0) throw new PyKANError(`pykan: corrupt pickle: no MARK before byte ${at}.`);
    const items = stack.splice(start) as PickleValue[];
    items.shift();
    return items;
  };
  const top = (): PickleValue => {
    const value = stack[stack.length - 1];
    if (value === undefined || value === MARK) throw new PyKANError(`pykan: corrupt pickle: the stack is empty at byte ${at}.`);
    return value;
  };
  const global = (name: string): Global => {
    if (!ALLOWED.has(name)) {
      throw new PyKANError(`pykan: the pickle asks for the global ${cut(name)}; a state dict may only use collections.OrderedDict, torch._utils' tensor and parameter rebuilds and torch's storage classes.`);
    }
    return { kind: 'global', name };
  };
  const setItems = (target: PickleValue, items: PickleValue[]): void => {
    if (!(target instanceof Map)) throw new PyKANError(`pykan: corrupt pickle: SETITEM(S) on a ${describe(target)} at byte ${at}.`);
    if (items.length % 2 !== 0) throw new PyKANError(`pykan: corrupt pickle: SETITEMS with an odd number (${items.length}) of keys and values at byte ${at}.`);
    for (let n = 0; n + 1 < items.length; n += 2) target.set(items[n]!, items[n + 1]!);
  };
  for (;;) {
    const position = at;
    const op = bytes[take(1)]!;
    switch (op) {
      case 0x80: take(1); break; // PROTO
      case 0x95: take(8); break; // FRAME
      case 0x2e: return pop(); // STOP
      case 0x28: stack.push(MARK); break; // MARK
      case 0x7d: stack.push(made(new Map())); break; // EMPTY_DICT
      case 0x5d: stack.push(made([])); break; // EMPTY_LIST
      case 0x29: stack.push(made([])); break; // EMPTY_TUPLE
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x4b: stack.push(bytes[take(1)]!); break; // BININT1
      case 0x4d: stack.push(view.getUint16(take(2), true)); break; // BININT2
      case 0x4a: stack.push(view.getInt32(take(4), true)); break; // BININT
      case 0x8a: stack.push(long(bytes.subarray(take(bytes[take(1)]!), at))); break; // LONG1
      case 0x47: stack.push(view.getFloat64(take(8), false)); break; // BINFLOAT
      case 0x58: stack.push(text(view.getUint32(take(4), true))); break; // BINUNICODE
      case 0x8c: stack.push(text(bytes[take(1)]!)); break; // SHORT_BINUNICODE
      case 0x55: stack.push(text(bytes[take(1)]!)); break; // SHORT_BINSTRING
      case 0x54: stack.push(text(view.getUint32(take(4), true))); break; // BINSTRING
      case 0x43: stack.push(made(bytes.slice(take(bytes[take(1)]!), at))); break; // SHORT_BINBYTES
      case 0x42: stack.push(made(bytes.slice(take(view.getUint32(take(4), true)), at))); break; // BINBYTES
      case 0x74: stack.push(made(popMark())); break; // TUPLE
      case 0x85: stack.push(made([pop()])); break; // TUPLE1
      case 0x86: { const b = pop(); stack.push(made([pop(), b])); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); stack.push(made([pop(), b, c])); break; } // TUPLE3
      case 0x61: { const value = pop(); asList(top(), at).push(value); break; } // APPEND
      case 0x65: { const items = popMark(); const list = asList(top(), at); for (const item of items) list.push(item); break; } // APPENDS
      case 0x73: { const value = pop(); const key = pop(); setItems(top(), [key, value]); break; } // SETITEM
      case 0x75: { const items = popMark(); setItems(top(), items); break; } // SETITEMS
      case 0x71: memo.set(bytes[take(1)]!, made(top())); break; // BINPUT
      case 0x72: memo.set(view.getUint32(take(4), true), made(top())); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, made(top())); break; // MEMOIZE
      case 0x68: stack.push(recall(memo, bytes[take(1)]!)); break; // BINGET
      case 0x6a: stack.push(recall(memo, view.getUint32(take(4), true))); break; // LONG_BINGET
      case 0x63: { const module = line(); stack.push(made(global(`${module}.${line()}`))); break; } // GLOBAL
      case 0x93: { const name = pop(); const module = pop(); stack.push(made(global(`${globalPart(module)}.${globalPart(name)}`))); break; } // STACK_GLOBAL
      case 0x51: stack.push(made(persistent(pop()))); break; // BINPERSID
      case 0x52: { const args = pop(); stack.push(made(reduce(pop(), args))); break; } // REDUCE
      case 0x81: { const args = pop(); stack.push(made(reduce(pop(), args))); break; } // NEWOBJ
      case 0x62: pop(); break; // BUILD: object state (e.g. a state dict's _metadata), not needed
      default:
        throw new PyKANError(`pykan: unsupported pickle opcode 0x${op.toString(16).padStart(2, '0')} (${JSON.stringify(String.fromCharCode(op))}) at byte ${position}; a torch state dict needs only protocol 2–4 data opcodes.`);
    }
  }
}

/** A STACK_GLOBAL's module or name, which must be a string. */
function globalPart(value: PickleValue): string {
  if (typeof value !== 'string') throw new PyKANError(`pykan: corrupt pickle: STACK_GLOBAL expects a module and a name as strings, found a ${describe(value)}.`);
  return value;
}

function recall(memo: Map<number, PickleValue>, key: number): PickleValue {
  const value = memo.get(key);
  if (value === undefined) throw new PyKANError(`pykan: corrupt pickle: memo entry ${key} was never stored.`);
  return value;
}

function asList(value: PickleValue, at: number): PickleValue[] {
  if (!Array.isArray(value)) throw new PyKANError(`pykan: corrupt pickle: APPEND(S) on a ${describe(value)} at byte ${at}.`);
  return value;
}

function long(bytes: Uint8Array): number | bigint {
  let value = 0n;
  for (let n = bytes.length - 1; n >= 0; n--) value = (value << 8n) | BigInt(bytes[n]!);
  if (bytes.length > 0 && bytes[bytes.length - 1]! & 0x80) value -= 1n << BigInt(8 * bytes.length);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** torch's persistent id ('storage', StorageClass, key, location, numel). */
function persistent(pid: PickleValue): StorageRef {
  if (!Array.isArray(pid) || pid[0] !== 'storage' || pid.length < 5) throw new PyKANError(`pykan: expected a storage persistent id ('storage', class, key, location, numel), found ${describe(pid)}.`);
  const cls = pid[1] as PickleValue;
  const dtype = isGlobal(cls) ? STORAGE_DTYPES.get(cls.name) : undefined;
  if (dtype === undefined) throw new PyKANError(`pykan: expected a torch storage class in a persistent id, found ${describe(cls)}.`);
  const numel = pid[4];
  if (typeof pid[2] !== 'string' || typeof numel !== 'number' || !Number.isInteger(numel) || numel < 0) {
    throw new PyKANError(`pykan: a storage persistent id needs a string key and an element count, found ${describe(pid[2]!)} and ${describe(numel!)}.`);
  }
  return { kind: 'storage', dtype, key: pid[2], numel };
}

function reduce(callable: PickleValue, args: PickleValue): PickleValue {
  if (!isGlobal(callable) || !Array.isArray(args)) throw new PyKANError(`pykan: corrupt pickle: REDUCE of a ${describe(callable)}.`);
  switch (callable.name) {
    case 'collections.OrderedDict':
      return new Map();
    case 'torch._utils._rebuild_tensor_v2': {
      const [storage, offset, shape, stride] = args;
      if (!isStorage(storage) || typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || !isIntegers(shape) || !isIntegers(stride) || shape.length !== stride.length) {
        throw new PyKANError('pykan: _rebuild_tensor_v2 expects (storage, offset, size, stride, …); found other arguments.');
      }
      return { kind: 'tensor', storage, offset, shape, stride };
    }
    case 'torch._utils._rebuild_parameter': {
      const tensor = args[0];
      if (!isTensor(tensor)) throw new PyKANError(`pykan: _rebuild_parameter expects a tensor, found ${describe(tensor ?? null)}.`);
      return tensor;
    }
    default:
      throw new PyKANError(`pykan: the pickle calls ${cut(callable.name)}, which a state dict does not.`);
  }
}

function isGlobal(value: PickleValue | undefined): value is Global {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map) && !(value instanceof Uint8Array) && value.kind === 'global';
}
function isStorage(value: PickleValue | undefined): value is StorageRef {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'storage';
}
function isTensor(value: PickleValue | undefined): value is TensorRef {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'tensor';
}
function isIntegers(value: PickleValue | undefined): value is number[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0);
}

function describe(value: PickleValue): string {
  if (value === null) return 'None';
  if (Array.isArray(value)) return `tuple of ${value.length}`;
  if (value instanceof Map) return 'dict';
  if (value instanceof Uint8Array) return 'bytes';
  if (typeof value === 'object') return value.kind === 'global' ? `global ${cut(value.name)}` : value.kind;
  return typeof value;
}

/** A tensor to pickle: its name in the state dict, dtype, shape and storage key. */
export interface PickledTensor {
  readonly name: string;
  readonly dtype: 'float32' | 'float64';
  readonly shape: readonly number[];
  readonly key: string;
}

/** Pickles a state dict (an OrderedDict of contiguous tensors on cpu) as torch.save does, protocol 2. */
export function writeStateDictPickle(tensors: readonly PickledTensor[]): Uint8Array {
  const out: number[] = [0x80, 2];
  const encoder = new TextEncoder();
  const op = (...codes: number[]) => out.push(...codes);
  const int = (value: number) => {
    if (value >= 0 && value < 256) op(0x4b, value);
    else op(0x4a, value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, (value >>> 24) & 0xff);
  };
  const str = (value: string) => {
    const b = encoder.encode(value);
    op(0x58, b.length & 0xff, (b.length >> 8) & 0xff, (b.length >> 16) & 0xff, (b.length >>> 24) & 0xff, ...b);
  };
  const global = (module: string, name: string) => op(0x63, ...encoder.encode(`${module}\n${name}\n`));
  const tuple = (values: readonly number[]) => {
    op(0x28);
    values.forEach(int);
    op(0x74);
  };
  const orderedDict = () => {
    global('collections', 'OrderedDict');
    op(0x29, 0x52);
  };
  orderedDict();
  op(0x28);
  for (const tensor of tensors) {
    const numel = tensor.shape.reduce((a, b) => a * b, 1);
    const stride = tensor.shape.map((_, d) => tensor.shape.slice(d + 1).reduce((a, b) => a * b, 1));
    str(tensor.name);
    global('torch._utils', '_rebuild_tensor_v2');
    op(0x28);
    op(0x28);
    str('storage');
    global('torch', STORAGE_CLASSES[tensor.dtype]);
    str(tensor.key);
    str('cpu');
    int(numel);
    op(0x74, 0x51);
    int(0);
    tuple(tensor.shape);
    tuple(stride);
    op(0x89);
    orderedDict();
    op(0x74, 0x52);
  }
  op(0x75, 0x2e);
  return Uint8Array.from(out);
}

/** The pickle of None (what pykan's `_cache_data` holds when no batch was cached). */
export function writeNonePickle(): Uint8Array {
  return Uint8Array.from([0x80, 2, 0x4e, 0x2e]);
}
