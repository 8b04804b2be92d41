// Node-only entry (`@kanjs/kan-layers/node`): saving and loading models on disk. Importing it registers `file://`
// with tf.io (tfjs's own handler comes only with tfjs-node); this one needs nothing but node:fs.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, realpath, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { describe, truncate } from '@kanjs/basis-core';
import { registerFileRouter } from './file-router.js';

export { installedBasisPackages, registerInstalledBases } from './bases.js';

const MODEL_FILE = 'model.json';
/** The weight files a save writes: `weights-<the first 16 hex digits of the data's SHA-256>.bin`. */
const WEIGHTS_FILE = /^weights(-[0-9a-f]{16})?\.bin$/;
/** The temporary files `writeFileAtomic` writes beside their target: `<name>.<pid>.<12 hex digits>.tmp`. */
const TEMP_FILE = /^(model\.json|weights(-[0-9a-f]{16})?\.bin)\.\d+\.[0-9a-f]{12}\.tmp$/;
/** Bytes per element of the dtypes a weight spec (or its quantization) may declare. */
const DTYPE_BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

/**
 * Writes a file atomically and durably: a temporary file beside it (with the mode of the file it replaces),
 * flushed to disk, renamed over the target, then the folder flushed. A crash leaves the old file or the new one.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const folder = dirname(path);
  await attempt('writeFileAtomic', 'create the folder', folder, () => mkdir(folder, { recursive: true }));
  const mode = await stat(path).then((s) => s.mode & 0o7777, () => undefined);
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await attempt('writeFileAtomic', 'create', temp, () => open(temp, 'wx'));
    try {
      if (mode !== undefined) await attempt('writeFileAtomic', 'set the mode of', temp, () => handle.chmod(mode));
      await attempt('writeFileAtomic', 'write', temp, () => handle.writeFile(data));
      await attempt('writeFileAtomic', 'flush', temp, () => handle.sync());
    } finally {
      await handle.close();
    }
    await attempt('writeFileAtomic', 'replace', path, () => rename(temp, path));
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder('writeFileAtomic', folder);
}

/**
 * A tfjs IOHandler for a folder on disk holding `model.json` and its weight file:
 * `await model.save(fileSystem('out/model'))`, `await tf.loadLayersModel(fileSystem('out/model'))`.
 *
 * A save is all or nothing: the weights go to a new file named by their hash, then model.json, which names
 * that file, replaces the old one in one rename; only then are the old weights and any leftovers of an
 * interrupted save removed. A load reads only weight files inside the folder.
 */
export function fileSystem(directory: string): tf.io.IOHandler {
  return {
    async save(artifacts) {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new Error('fileSystem: binary model topologies are not supported; save a tf.LayersModel.');
      }
      const weightData = new Uint8Array(joinBuffers(artifacts.weightData));
      const weightsFile = `weights-${createHash('sha256').update(weightData).digest('hex').slice(0, 16)}.bin`;
      await writeFileAtomic(join(directory, weightsFile), weightData);
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        trainingConfig: artifacts.trainingConfig,
        userDefinedMetadata: artifacts.userDefinedMetadata,
        weightsManifest: [{ paths: [`./${weightsFile}`], weights: artifacts.weightSpecs ?? [] }],
      };
      await writeFileAtomic(join(directory, MODEL_FILE), JSON.stringify(modelJson));
      await removeLeftovers(directory, weightsFile);
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: JSON.stringify(artifacts.modelTopology).length,
          weightSpecsBytes: JSON.stringify(artifacts.weightSpecs ?? []).length,
          weightDataBytes: weightData.byteLength,
        },
      };
    },

    async load() {
      const modelPath = join(directory, MODEL_FILE);
      const text = await readFile(modelPath, 'utf8').catch((error: unknown) => {
        throw fsError('fileSystem', 'read', modelPath, error);
      });
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new Error(`fileSystem: ${shortPath(modelPath)} is not valid JSON (${truncate((error as Error).message, 100)}).`);
      }
      const model = checkModelJson(json, modelPath);
      const weightSpecs = model.weightsManifest.flatMap((group) => group.weights);
      const expected = weightSpecs.reduce((bytes, spec) => bytes + weightBytes(spec), 0);
      const files = await weightFiles(directory, model.weightsManifest.flatMap((group) => group.paths));
      const found = files.reduce((bytes, file) => bytes + file.size, 0);
      if (found !== expected) {
        throw new Error(`fileSystem: the weight files in ${shortPath(directory)} hold ${found} bytes; ${MODEL_FILE} describes ${expected}.`);
      }
      const buffers: Uint8Array[] = [];
      for (const file of files) {
        buffers.push(await readFile(file.path).catch((error: unknown) => {
          throw fsError('fileSystem', 'read', file.path, error, `, which ${MODEL_FILE} lists`);
        }));
      }
      const weightData = concat(buffers);
      if (weightData.byteLength !== expected) {
        throw new Error(`fileSystem: the weight files in ${shortPath(directory)} changed while being read; load again.`);
      }
      const artifacts: tf.io.ModelArtifacts = { modelTopology: model.modelTopology, weightSpecs, weightData, format: model.format ?? 'layers-model' };
      if (model.trainingConfig !== undefined) artifacts.trainingConfig = model.trainingConfig;
      if (model.userDefinedMetadata !== undefined) artifacts.userDefinedMetadata = model.userDefinedMetadata;
      if (model.generatedBy !== undefined) artifacts.generatedBy = model.generatedBy;
      if (model.convertedBy !== undefined && model.convertedBy !== null) artifacts.convertedBy = model.convertedBy;
      return artifacts;
    },
  };
}

/** Checks the shape of a parsed model.json: an object with modelTopology and a weightsManifest of { paths, weights } groups. */
function checkModelJson(json: unknown, modelPath: string): tf.io.ModelJSON {
  const model = json as tf.io.ModelJSON | null;
  if (model === null || typeof model !== 'object' || Array.isArray(model) || model.modelTopology === undefined || !Array.isArray(model.weightsManifest)) {
    throw new Error(`fileSystem: ${shortPath(modelPath)} is not a tfjs model: expected modelTopology and weightsManifest.`);
  }
  for (const group of model.weightsManifest as unknown[]) {
    const g = group as { paths?: unknown; weights?: unknown } | null;
    const valid = g !== null && typeof g === 'object' && Array.isArray(g.paths) && Array.isArray(g.weights) &&
      g.paths.every((p) => typeof p === 'string') && g.weights.every((w) => w !== null && typeof w === 'object' && !Array.isArray(w));
    if (!valid) {
      throw new Error(`fileSystem: ${shortPath(modelPath)} has a weightsManifest entry that is not { paths: [strings], weights: [specs] }; found ${describe(group)}.`);
    }
  }
  return model;
}

/** The bytes one weight spec takes: its element count times its dtype's size (or its quantized dtype's). */
function weightBytes(spec: tf.io.WeightsManifestEntry): number {
  const shape = (spec as { shape?: unknown }).shape;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new Error(`fileSystem: weight ${describe(spec.name)} in ${MODEL_FILE} must have a shape of non-negative integers; found ${describe(shape)}.`);
  }
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const size = typeof dtype === 'string' && Object.hasOwn(DTYPE_BYTES, dtype) ? DTYPE_BYTES[dtype]! : undefined;
  if (size === undefined) {
    throw new Error(`fileSystem: weight ${describe(spec.name)} in ${MODEL_FILE} has dtype ${describe(dtype)}; expected one of ${Object.keys(DTYPE_BYTES).join(', ')}.`);
  }
  return (shape as number[]).reduce((n, d) => n * d, 1) * size;
}

/** The weight files model.json lists, each a regular file that stays inside the folder (symbolic links resolved), with its size. */
async function weightFiles(directory: string, paths: readonly string[]): Promise<{ path: string; size: number }[]> {
  const folder = await realpath(directory).catch((error: unknown) => {
    throw fsError('fileSystem', 'read', directory, error);
  });
  const files: { path: string; size: number }[] = [];
  for (const listed of paths) {
    const escape = new Error(`fileSystem: ${MODEL_FILE} lists the weight file ${describe(listed)}, which is outside the model folder; weight paths must stay inside it.`);
    const inside = (path: string) => {
      const rel = relative(folder, path);
      return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
    };
    if (listed.includes('\0') || isAbsolute(listed) || /^[a-zA-Z]:|^[\\/]/.test(listed) || !inside(resolve(folder, listed))) throw escape;
    const path = join(directory, listed);
    const real = await realpath(path).catch((error: unknown) => {
      throw fsError('fileSystem', 'read', path, error, `, which ${MODEL_FILE} lists`);
    });
    if (!inside(real)) throw escape;
    const info = await stat(real).catch((error: unknown) => {
      throw fsError('fileSystem', 'read', path, error, `, which ${MODEL_FILE} lists`);
    });
    if (!info.isFile()) throw new Error(`fileSystem: cannot read ${shortPath(path)}, which ${MODEL_FILE} lists: it is not a regular file.`);
    files.push({ path: real, size: info.size });
  }
  return files;
}

/** Removes what earlier saves left: weight files other than `keep`, and temporary files. Only names this module writes. */
async function removeLeftovers(directory: string, keep: string): Promise<void> {
  const names = await attempt('fileSystem', 'list', directory, () => readdir(directory));
  for (const name of names) {
    if (name === keep || !(WEIGHTS_FILE.test(name) || TEMP_FILE.test(name))) continue;
    const path = join(directory, name);
    await attempt('fileSystem', 'remove', path, () => unlink(path)).catch((error: unknown) => {
      // Gone already, or a folder of that name, which is not ours.
      if (!['ENOENT', 'EISDIR', 'EPERM'].includes(codeOf((error as Error).cause))) throw error;
    });
  }
}

/** Flushes a folder's entries (the renames in it) to disk, where the platform can. */
async function syncFolder(who: string, folder: string): Promise<void> {
  crashPoint();
  const handle = await open(folder, 'r').catch(() => null);
  if (handle === null) return;
  try {
    await handle.sync().catch((error: unknown) => {
      if (!['EINVAL', 'EPERM', 'EISDIR', 'EBADF'].includes(codeOf(error))) throw fsError(who, 'flush', folder, error);
    });
  } finally {
    await handle.close();
  }
}

/** Runs one file operation (after the crash point), turning a Node error into one that names the path. */
async function attempt<T>(who: string, action: string, path: string, operation: () => Promise<T>): Promise<T> {
  crashPoint();
  try {
    return await operation();
  } catch (error) {
    throw fsError(who, action, path, error);
  }
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder (EISDIR)',
  ENOTDIR: 'a part of the path is not a folder (ENOTDIR)',
  EEXIST: 'it already exists (EEXIST)',
  ENOTEMPTY: 'it is a folder that is not empty (ENOTEMPTY)',
  EACCES: 'permission denied (EACCES)',
  EPERM: 'operation not permitted (EPERM)',
  ENOSPC: 'no space left on the device (ENOSPC)',
  EROFS: 'the file system is read-only (EROFS)',
  ENAMETOOLONG: 'the name is too long (ENAMETOOLONG)',
  EMFILE: 'too many open files (EMFILE)',
};

/** `who: cannot <action> <path><context>: <reason>.` for a Node file-system error; any other error is returned as it is. */
function fsError(who: string, action: string, path: string, error: unknown, context = ''): Error {
  const code = codeOf(error);
  if (code === '') return error as Error;
  const reason = REASONS[code] ?? `${truncate((error as Error).message, 80)}`;
  return new Error(`${who}: cannot ${action} ${shortPath(path)}${context}: ${reason}.`, { cause: error });
}

function codeOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : '';
}

/** A path for a message, cut from the front when long so that the file name shows. */
function shortPath(path: string): string {
  return path.length <= 100 ? path : `…${path.slice(-99)}`;
}

let fileOperations = 0;

/**
 * Crash injection for tests: with KANJS_KILL_AT_FILE_OP=N set, the process kills itself (SIGKILL, as a crash
 * would) just before its N-th file operation that writes or removes through this module.
 */
function crashPoint(): void {
  const killAt = process.env['KANJS_KILL_AT_FILE_OP'];
  if (killAt === undefined || killAt === '') return;
  fileOperations += 1;
  if (fileOperations === Number(killAt)) process.kill(process.pid, 'SIGKILL');
}

function joinBuffers(data: tf.io.ModelArtifacts['weightData']): ArrayBuffer {
  if (data === undefined) return new ArrayBuffer(0);
  if (!Array.isArray(data)) return data;
  return concat(data.map((buffer) => new Uint8Array(buffer)));
}

function concat(parts: readonly Uint8Array[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out.buffer;
}

// `model.save('file://dir')` and `tf.loadLayersModel('file://dir/model.json')` through `fileSystem(dir)`.
registerFileRouter(fileSystem);
