// @kanjs/kernels: the kernel contracts every kanjs backend implements (names, attrs, shapes, limits), the device
// reduction gradients and the snippet templates.
export { BASIS_LINEAR_KERNELS, registerFusedBasisLinear, hasFusedBasisLinear } from './basis-linear.js';
export { LAYER_NORM_KERNELS, registerFusedLayerNorm, hasFusedLayerNorm } from './layer-norm.js';
export { FASTKAN_LAYER_KERNELS, registerFusedFastKANLayer, hasFusedFastKANLayer } from './fastkan-layer.js';
export { ADAMW_KERNEL, type AdamWAttrs } from './adamw.js';
export { SOFTMAX_CROSS_ENTROPY_KERNELS, softmaxCrossEntropyShape } from './softmax-cross-entropy.js';
export { MAX_FUSED_K } from './limits.js';
export { kernelConfigs } from './kernel-configs.js';
export { siluBasis } from './silu-basis.js';
export { cpuFormOf, CPU_RADIAL_PROFILES, CPU_WAVELET_PROFILES, MAX_CPU_SPLINE_ORDER } from './cpu-form.js';
export { setFusedBaseCrossover, useFusedBase, type BaseLinearShape } from './base-crossover.js';
export { useDeviceReductionGradients } from './device-gradients.js';
export { snippetConstants, wgslLiteral, cudaLiteral, wgslDeclarations, cudaDefines } from './snippet-template.js';
export { SWIFTSHADER_ICD } from './swiftshader.js';
