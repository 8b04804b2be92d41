// Node-only entry (`@kanjs/kan-layers/node`): saving and loading models on disk. tfjs's `file://` handler comes
// only with tfjs-node; this one needs nothing but node:fs.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';

export { installedBasisPackages, registerInstalledBases } from './bases.js';

const MODEL_FILE = 'model.json';
const WEIGHTS_FILE = 'weights.bin';

/** Writes a file atomically: a temporary file beside it, then a rename, so a crash never leaves half a file. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * A tfjs IOHandler for a folder on disk holding `model.json` and `weights.bin`:
 * `await model.save(fileSystem('out/model'))`, `await tf.loadLayersModel(fileSystem('out/model'))`.
 * Both files are written atomically; the weights first, so model.json never points at missing weights.
 */
export function fileSystem(directory: string): tf.io.IOHandler {
  return {
    async save(artifacts) {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new Error('fileSystem: binary model topologies are not supported; save a tf.LayersModel.');
      }
      const weightData = joinBuffers(artifacts.weightData);
      await writeFileAtomic(join(directory, WEIGHTS_FILE), new Uint8Array(weightData));
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        trainingConfig: artifacts.trainingConfig,
        userDefinedMetadata: artifacts.userDefinedMetadata,
        weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] }],
      };
      await writeFileAtomic(join(directory, MODEL_FILE), JSON.stringify(modelJson));
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
      const text = await readFile(modelPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new Error(`fileSystem: cannot read ${modelPath}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`);
      });
      let json: tf.io.ModelJSON;
      try {
        json = JSON.parse(text) as tf.io.ModelJSON;
      } catch (error) {
        throw new Error(`fileSystem: ${modelPath} is not valid JSON (${(error as Error).message}).`);
      }
      if (json === null || typeof json !== 'object' || json.modelTopology === undefined || !Array.isArray(json.weightsManifest)) {
        throw new Error(`fileSystem: ${modelPath} is not a tfjs model: expected modelTopology and weightsManifest.`);
      }
      const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
      const buffers: Uint8Array[] = [];
      for (const path of json.weightsManifest.flatMap((group) => group.paths)) {
        const weightsPath = join(directory, path);
        buffers.push(await readFile(weightsPath).catch((error: NodeJS.ErrnoException) => {
          throw new Error(`fileSystem: cannot read ${weightsPath}, which ${MODEL_FILE} lists: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`);
        }));
      }
      const weightData = concat(buffers);
      const expected = weightSpecs.reduce((bytes, spec) => bytes + spec.shape.reduce((n, d) => n * d, 1) * bytesPerElement(spec.dtype), 0);
      if (weightData.byteLength !== expected) {
        throw new Error(`fileSystem: the weight files in ${directory} hold ${weightData.byteLength} bytes; ${MODEL_FILE} describes ${expected}.`);
      }
      const artifacts: tf.io.ModelArtifacts = { modelTopology: json.modelTopology, weightSpecs, weightData, format: json.format ?? 'layers-model' };
      if (json.trainingConfig !== undefined) artifacts.trainingConfig = json.trainingConfig;
      if (json.userDefinedMetadata !== undefined) artifacts.userDefinedMetadata = json.userDefinedMetadata;
      if (json.generatedBy !== undefined) artifacts.generatedBy = json.generatedBy;
      if (json.convertedBy !== undefined && json.convertedBy !== null) artifacts.convertedBy = json.convertedBy;
      return artifacts;
    },
  };
}

function bytesPerElement(dtype: string): number {
  return dtype === 'bool' ? 1 : 4;
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
