import * as tf from '@tensorflow/tfjs-core';

/**
 * AdamW (Loshchilov & Hutter), as `torch.optim.AdamW` computes it: each step first decays every parameter,
 * p ← p·(1 − lr·weightDecay), then takes the Adam step. Defaults are PyTorch's.
 */
export class AdamW extends tf.AdamOptimizer {
  static override get className(): string {
    return 'AdamW';
  }

  constructor(
    learningRate = 1e-3,
    readonly weightDecay = 1e-2,
    beta1 = 0.9,
    beta2 = 0.999,
    epsilon = 1e-8,
  ) {
    super(learningRate, beta1, beta2, epsilon);
    if (!(weightDecay >= 0)) throw new Error(`AdamW: weightDecay must be ≥ 0, got ${weightDecay}.`);
  }

  /** The current learning rate. */
  get lr(): number {
    return this.learningRate;
  }

  /** Changes the learning rate, e.g. for a schedule. */
  setLearningRate(learningRate: number): void {
    if (!(learningRate > 0)) throw new Error(`AdamW: learningRate must be > 0, got ${learningRate}.`);
    this.learningRate = learningRate;
  }

  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    const names = Array.isArray(variableGradients) ? variableGradients.map((g) => g.name) : Object.keys(variableGradients);
    const decay = 1 - this.learningRate * this.weightDecay;
    if (decay !== 1) {
      tf.tidy(() => {
        for (const name of names) {
          const variable = tf.engine().registeredVariables[name];
          if (variable?.trainable) variable.assign(tf.mul(variable, decay));
        }
      });
    }
    super.applyGradients(variableGradients);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), weightDecay: this.weightDecay };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new (cls as unknown as typeof AdamW)(
      config['learningRate'] as number,
      config['weightDecay'] as number,
      config['beta1'] as number,
      config['beta2'] as number,
      config['epsilon'] as number,
    ) as unknown as T;
  }
}
tf.serialization.registerClass(AdamW);
