// Where WebGPU runs without a GPU: Dawn on Chromium's SwiftShader Vulkan driver (a CPU implementation). Dawn
// refuses Mesa's llvmpipe; Debian's `chromium` package ships SwiftShader.

/** Where Debian's chromium keeps SwiftShader's Vulkan driver manifest (set VK_ICD_FILENAMES to it). */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
