import { PyKANError } from './errors.js';
import { readPickle, writeNonePickle, writeStateDictPickle, type TensorRef, type TorchDtype } from './pickle.js';
import { readZip, writeZip, type ZipEntry } from './zip.js';

/** One tensor of a state dict, values row-major in float64. */
export interface StateTensor {
  readonly shape: readonly number[];
  readonly values: Float64Array;
  readonly dtype: TorchDtype;
}

const ITEM_BYTES: Record<TorchDtype, number> = { float32: 4, float64: 8, float16: 2, bfloat16: 2, int64: 8, int32: 4, int16: 2, int8: 1, uint8: 1, bool: 1 };

/**
 * Reads a `torch.save`d state dict: a zip whose one folder (named after the file, `archive`, or anything)
 * holds `data.pkl` and `data/<key>` storages; newer torch adds `.format_version`, `.storage_alignment` and
 * `byteorder`. Float32 and float64 storages (and integer ones) are read; tensors come back by name.
 */
export async function readTorchState(bytes: Uint8Array): Promise<Map<string, StateTensor>> {
  const entries = await readZip(bytes);
  const pickles = [...entries.keys()].filter((name) => /^[^/]+\/data\.pkl$/.test(name));
  if (pickles.length !== 1) {
    throw new PyKANError(`pykan: expected one <folder>/data.pkl in the torch zip, found ${pickles.length === 0 ? 'none' : pickles.join(', ')}.`);
  }
  const folder = pickles[0]!.slice(0, -'data.pkl'.length);
  const byteorder = entries.get(`${folder}byteorder`);
  const bigEndian = byteorder !== undefined && new TextDecoder().decode(byteorder).trim() === 'big';
  const root = readPickle(entries.get(pickles[0]!)!);
  if (!(root instanceof Map)) throw new PyKANError('pykan: expected the state pickle to hold an OrderedDict of tensors, found something else.');
  const state = new Map<string, StateTensor>();
  for (const [name, value] of root) {
    if (typeof name !== 'string') throw new PyKANError('pykan: expected string keys in the state dict.');
    if (typeof value !== 'object' || value === null || !('kind' in value) || value.kind !== 'tensor') {
      throw new PyKANError(`pykan: state dict entry "${name}" is not a tensor.`);
    }
    const data = entries.get(`${folder}data/${value.storage.key}`);
    if (data === undefined) throw new PyKANError(`pykan: state dict entry "${name}" points at storage data/${value.storage.key}, which the zip lacks.`);
    state.set(name, { shape: value.shape, values: gather(name, value, data, bigEndian), dtype: value.storage.dtype });
  }
  return state;
}

/** The tensor's elements, row-major, read through its offset and strides; checks they lie inside the storage. */
function gather(name: string, tensor: TensorRef, data: Uint8Array, bigEndian: boolean): Float64Array {
  const { dtype } = tensor.storage;
  const item = ITEM_BYTES[dtype];
  const count = tensor.shape.reduce((a, b) => a * b, 1);
  const last = count === 0 ? -1 : tensor.offset + tensor.shape.reduce((sum, size, d) => sum + (size - 1) * tensor.stride[d]!, 0);
  if (data.length !== tensor.storage.numel * item || (last + 1) * item > data.length) {
    throw new PyKANError(`pykan: state dict entry "${name}" (shape [${tensor.shape.join(', ')}], ${dtype}) needs ${(last + 1) * item} bytes of a storage of ${tensor.storage.numel} elements, but its storage file has ${data.length} bytes.`);
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const little = !bigEndian;
  const read = (n: number): number => {
    const at = n * item;
    switch (dtype) {
      case 'float32': return view.getFloat32(at, little);
      case 'float64': return view.getFloat64(at, little);
      case 'int64': return Number(view.getBigInt64(at, little));
      case 'int32': return view.getInt32(at, little);
      case 'int16': return view.getInt16(at, little);
      case 'int8': return view.getInt8(at);
      case 'uint8': case 'bool': return view.getUint8(at);
      default: throw new PyKANError(`pykan: state dict entry "${name}" is ${dtype}; expected float32, float64 or an integer type.`);
    }
  };
  const values = new Float64Array(count);
  const index = new Array<number>(tensor.shape.length).fill(0);
  for (let n = 0; n < count; n++) {
    let at = tensor.offset;
    for (let d = 0; d < index.length; d++) at += index[d]! * tensor.stride[d]!;
    values[n] = read(at);
    for (let d = index.length - 1; d >= 0; d--) {
      if (++index[d]! < tensor.shape[d]!) break;
      index[d] = 0;
    }
  }
  return values;
}

/** A tensor to write: name, shape, row-major values and storage dtype. */
export interface TensorToWrite {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: ArrayLike<number>;
  readonly dtype: 'float32' | 'float64';
}

/** `torch.save` of a state dict, in the newer zip layout (folder `archive`, .format_version, byteorder). */
export function writeTorchState(tensors: readonly TensorToWrite[]): Uint8Array {
  const storages: ZipEntry[] = tensors.map((tensor, n) => {
    const data = tensor.dtype === 'float64' ? Float64Array.from(tensor.values) : Float32Array.from(tensor.values);
    return { name: `archive/data/${n}`, data: new Uint8Array(data.buffer) };
  });
  const pickle = writeStateDictPickle(tensors.map((tensor, n) => ({ name: tensor.name, dtype: tensor.dtype, shape: tensor.shape, key: String(n) })));
  return writeArchive(pickle, storages);
}

/** `torch.save(None)`: pykan's `<path>_cache_data` when no batch is cached. */
export function writeTorchNone(): Uint8Array {
  return writeArchive(writeNonePickle(), []);
}

function writeArchive(pickle: Uint8Array, storages: readonly ZipEntry[]): Uint8Array {
  const text = (value: string) => new TextEncoder().encode(value);
  return writeZip([
    { name: 'archive/data.pkl', data: pickle },
    { name: 'archive/.format_version', data: text('1') },
    { name: 'archive/.storage_alignment', data: text('64') },
    { name: 'archive/byteorder', data: text('little') },
    ...storages,
    { name: 'archive/version', data: text('3\n') },
  ]);
}
