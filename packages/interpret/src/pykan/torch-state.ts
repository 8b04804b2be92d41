import { PYKAN_LIMITS, PyKANError, cut, quote } from './errors.js';
import { readPickle, writeNonePickle, writeStateDictPickle, type PickleValue, type TensorRef, type TorchDtype } from './pickle.js';
import { readZip, writeZip, type ZipEntry, type ZipFile } from './zip.js';

/** One tensor of a state dict, values row-major in float64. */
export interface StateTensor {
  readonly shape: readonly number[];
  readonly values: Float64Array;
  readonly dtype: TorchDtype;
}

const ITEM_BYTES: Record<TorchDtype, number> = { float32: 4, float64: 8, float16: 2, bfloat16: 2, int64: 8, int32: 4, int16: 2, int8: 1, uint8: 1, bool: 1 };

/** A tensor of the pickle with its storage file, checked before anything is inflated. */
interface Planned {
  readonly name: string;
  readonly tensor: TensorRef;
  readonly file: ZipFile;
  readonly count: number;
}

/**
 * Reads a `torch.save`d state dict: a zip whose one folder (named after the file, `archive`, or anything)
 * holds `data.pkl` and `data/<key>` storages; newer torch adds `.format_version`, `.storage_alignment` and
 * `byteorder`. Float32 and float64 storages (and integer ones) are read; tensors come back by name. Every
 * tensor's shape, strides and storage size are checked against each other and against PYKAN_LIMITS before a
 * storage is inflated, so a small file cannot make the reader allocate more than its tensors declare.
 */
export async function readTorchState(bytes: Uint8Array): Promise<Map<string, StateTensor>> {
  const files = readZip(bytes);
  const pickles = [...files.keys()].filter((name) => /^[^/]+\/data\.pkl$/.test(name));
  if (pickles.length !== 1) {
    throw new PyKANError(`pykan: expected one <folder>/data.pkl in the torch zip, found ${pickles.length === 0 ? 'none' : `${pickles.length}, ${quote(pickles[0]!)} first`}.`);
  }
  const folder = pickles[0]!.slice(0, -'data.pkl'.length);
  const bigEndian = await readByteorder(files.get(`${folder}byteorder`));
  const pickle = files.get(pickles[0]!)!;
  if (pickle.size > PYKAN_LIMITS.pickleBytes) throw new PyKANError(`pykan: expected a data.pkl of at most ${PYKAN_LIMITS.pickleBytes} bytes, found ${pickle.size}.`);
  const root = readPickle(await pickle.read());
  if (!(root instanceof Map)) throw new PyKANError('pykan: expected the state pickle to hold an OrderedDict of tensors, found something else.');
  const planned = plan(root, (key) => files.get(`${folder}data/${key}`));
  const storages = new Map<ZipFile, Uint8Array>();
  const state = new Map<string, StateTensor>();
  for (const { name, tensor, file, count } of planned) {
    let data = storages.get(file);
    if (data === undefined) storages.set(file, (data = await file.read()));
    state.set(name, { shape: tensor.shape, values: gather(tensor, count, data, bigEndian), dtype: tensor.storage.dtype });
  }
  return state;
}

/** The state dict's tensors with their storage files, after checking names, dtypes, sizes, extents and limits. */
function plan(root: Map<PickleValue, PickleValue>, storageFile: (key: string) => ZipFile | undefined): Planned[] {
  const planned: Planned[] = [];
  const storages = new Set<ZipFile>();
  let elements = 0;
  for (const [name, value] of root) {
    if (typeof name !== 'string') throw new PyKANError('pykan: expected string keys in the state dict.');
    const entry = `state dict entry ${quote(name)}`;
    if (typeof value !== 'object' || value === null || !('kind' in value) || value.kind !== 'tensor') throw new PyKANError(`pykan: ${entry} is not a tensor.`);
    const { storage, shape, stride, offset } = value;
    if (storage.dtype === 'float16' || storage.dtype === 'bfloat16') throw new PyKANError(`pykan: ${entry} is ${storage.dtype}; expected float32, float64 or an integer type.`);
    const count = shape.reduce((a, b) => a * b, 1);
    elements += count;
    if (elements > PYKAN_LIMITS.stateElements) {
      throw new PyKANError(`pykan: the state dict's tensors hold more than ${PYKAN_LIMITS.stateElements} elements (${entry} has shape [${cut(shape.join(', '), 40)}]).`);
    }
    const file = storageFile(storage.key);
    if (file === undefined) throw new PyKANError(`pykan: ${entry} points at storage data/${cut(storage.key)}, which the zip lacks.`);
    const item = ITEM_BYTES[storage.dtype];
    const last = count === 0 ? -1 : offset + shape.reduce((sum, size, d) => sum + (size - 1) * stride[d]!, 0);
    if (file.size !== storage.numel * item || last >= storage.numel) {
      throw new PyKANError(`pykan: ${entry} (shape [${cut(shape.join(', '), 40)}], ${storage.dtype}) needs ${(last + 1) * item} bytes of a storage of ${storage.numel} elements, but its storage file has ${file.size} bytes.`);
    }
    storages.add(file);
    planned.push({ name, tensor: value, file, count });
  }
  const storageBytes = [...storages].reduce((sum, file) => sum + file.size, 0);
  if (storageBytes > PYKAN_LIMITS.storageBytes) throw new PyKANError(`pykan: the state dict's storages take ${storageBytes} bytes; the limit is ${PYKAN_LIMITS.storageBytes}.`);
  return planned;
}

/** Whether the storages are big-endian, from the optional `byteorder` entry ('little' or 'big'). */
async function readByteorder(file: ZipFile | undefined): Promise<boolean> {
  if (file === undefined) return false;
  const text = file.size <= 16 ? new TextDecoder().decode(await file.read()).trim() : '';
  if (text !== 'little' && text !== 'big') throw new PyKANError(`pykan: expected the zip's byteorder to say little or big, found ${file.size <= 16 ? quote(text) : `${file.size} bytes`}.`);
  return text === 'big';
}

/** The tensor's `count` elements, row-major, read through its offset and strides (checked to lie inside the storage). */
function gather(tensor: TensorRef, count: number, data: Uint8Array, bigEndian: boolean): Float64Array {
  const { dtype } = tensor.storage;
  const item = ITEM_BYTES[dtype];
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const little = !bigEndian;
  const read = (n: number): number => {
    const at = n * item;
    switch (dtype) {
      case 'float64': return view.getFloat64(at, little);
      case 'int64': return Number(view.getBigInt64(at, little));
      case 'int32': return view.getInt32(at, little);
      case 'int16': return view.getInt16(at, little);
      case 'int8': return view.getInt8(at);
      case 'uint8': case 'bool': return view.getUint8(at);
      default: return view.getFloat32(at, little);
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
