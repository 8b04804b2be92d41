// The small convolutional front end that `--conv` puts before the KAN (or MLP) layers: the flat input is reshaped
// to its image, then two 3×3 convolutions (16 and 32 channels, ReLU, no padding), each followed by 2×2 max-pooling,
// then flattened. MNIST's [28, 28, 1] becomes 5·5·32 = 800 features; CIFAR-10's [32, 32, 3] becomes 6·6·32 = 1152.
import * as tfl from '@tensorflow/tfjs-layers';
import { featureCount, type ImageShape } from '../data/dataset.js';

/** The channels of the two convolutions. */
export const CONV_CHANNELS = [16, 32] as const;
const KERNEL = 3;
const POOL = 2;

/** The features the front end puts out for images of `shape`: 800 for [28, 28, 1], 1152 for [32, 32, 3]. */
export function convOutputFeatures(shape: ImageShape): number {
  let [height, width] = shape;
  for (let i = 0; i < CONV_CHANNELS.length; i++) {
    height = Math.floor((height - KERNEL + 1) / POOL);
    width = Math.floor((width - KERNEL + 1) / POOL);
  }
  if (height < 1 || width < 1) throw new Error(`--conv: images of ${shape[0]}×${shape[1]} are too small for two 3×3 convolutions with 2×2 pooling; expected at least 10×10.`);
  return height * width * CONV_CHANNELS[CONV_CHANNELS.length - 1]!;
}

/**
 * The front end's layers, for flat inputs [batch, height·width·channels] with channels last; it puts out
 * [batch, convOutputFeatures(shape)]. Layer names start with `name`; the initialisation is seeded from `seed`.
 */
export function convFrontEnd(shape: ImageShape, name: string, seed: number): tfl.layers.Layer[] {
  convOutputFeatures(shape); // checks that the images are large enough
  const layers: tfl.layers.Layer[] = [tfl.layers.reshape({ targetShape: [...shape], inputShape: [featureCount(shape)], name: `${name}_image` })];
  CONV_CHANNELS.forEach((filters, i) => {
    layers.push(
      tfl.layers.conv2d({ filters, kernelSize: KERNEL, activation: 'relu', name: `${name}_conv${i}`, kernelInitializer: tfl.initializers.heUniform({ seed: seed + 1000 + i }) }),
      tfl.layers.maxPooling2d({ poolSize: POOL, name: `${name}_pool${i}` }),
    );
  });
  layers.push(tfl.layers.flatten({ name: `${name}_flat` }));
  return layers;
}
