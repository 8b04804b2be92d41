// tf.io routers for `file://` URLs in Node, over `fileSystem(dir)`: `model.save('file://out/model')` and
// `tf.loadLayersModel('file://out/model/model.json')` (or the folder itself).
import * as tf from '@tensorflow/tfjs-core';
import { basename, dirname } from 'node:path';
import { describe } from '@kanjs/basis-core';

const SCHEME = 'file://';

/** The folder a `file://` URL names: `file://dir` and `file://dir/model.json` both give `dir` (relative or absolute, as written). */
export function fileUrlFolder(url: string): string {
  const path = url.slice(SCHEME.length);
  if (path === '') throw new Error(`file://: the URL ${describe(url)} names no folder; expected file://<folder> or file://<folder>/model.json.`);
  if (!path.endsWith('.json')) return path;
  if (basename(path) !== 'model.json') {
    throw new Error(`file://: ${describe(url)} names the file ${describe(basename(path))}; expected a folder, or model.json in it.`);
  }
  return dirname(path);
}

let registered = false;

/**
 * Registers `file://` with tf.io for saving and loading (once), each URL served by `handlerFor(folder)`. Skipped
 * where another handler already serves `file://` (tfjs-node's), since tf.io refuses a URL that two handlers claim.
 */
export function registerFileRouter(handlerFor: (folder: string) => tf.io.IOHandler): void {
  if (registered) return;
  registered = true;
  if (tf.io.getSaveHandlers(`${SCHEME}.`).length > 0 || tf.io.getLoadHandlers(`${SCHEME}./model.json`).length > 0) return;
  // tf.io's routers return null for URLs that are not theirs, although its IORouter type says IOHandler.
  const route = ((url: string | string[]) => (typeof url === 'string' && url.startsWith(SCHEME) ? handlerFor(fileUrlFolder(url)) : null)) as Parameters<typeof tf.io.registerSaveRouter>[0];
  tf.io.registerSaveRouter(route);
  tf.io.registerLoadRouter(route);
}
