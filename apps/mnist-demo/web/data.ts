// Loads the MNIST asset that the build made (see mnist-asset-plugin.ts).
import type { Split } from '../src/data/dataset.js';
import { MNIST_ASSET, decodeMnistAsset } from './mnist-asset.js';

/** Fetches and unpacks the train/test split that ships with the page. */
export async function loadMnistAsset(): Promise<Split> {
  const url = `${import.meta.env.BASE_URL}${MNIST_ASSET}`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status} ${response.statusText}.`);
  return await decodeMnistAsset(new Uint8Array(await response.arrayBuffer()));
}
