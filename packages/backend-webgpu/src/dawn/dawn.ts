// WebGPU in Node through the `webgpu` package (Dawn). Without a GPU, Dawn needs a Vulkan driver: Chromium's
// SwiftShader works (Debian's `chromium` package ships it); Mesa's llvmpipe is refused.
import { SWIFTSHADER_ICD } from '@kanjs/kernels';

/** What an adapter says about itself, as far as we report it. */
export interface AdapterSummary {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** A CPU implementation (SwiftShader, a fallback adapter): not a GPU. */
  readonly software: boolean;
}

interface AdapterLike {
  readonly info?: { vendor?: string; architecture?: string; device?: string; description?: string };
  readonly isFallbackAdapter?: boolean;
}

/** Summarises an adapter; SwiftShader and fallback adapters count as software. */
export function summarise(adapter: AdapterLike): AdapterSummary {
  const info = adapter.info ?? {};
  const text = `${info.vendor ?? ''} ${info.architecture ?? ''} ${info.device ?? ''} ${info.description ?? ''}`.toLowerCase();
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    software: adapter.isFallbackAdapter === true || /swiftshader|llvmpipe|lavapipe|software/.test(text),
  };
}

/** Whether this runs in Node (not a browser). */
export const isNode = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== undefined;

/** Dawn for Node; a variable, so that bundlers for the browser leave the import alone. */
const DAWN_PACKAGE = 'webgpu';

/**
 * Makes `navigator.gpu` exist: in a browser it is there or not; in Node it comes from the `webgpu` package
 * (whose globals, such as GPUBufferUsage, are installed too). Returns the adapter summary, or a reason why
 * there is no adapter.
 */
export async function ensureWebGPU(): Promise<{ adapter: AdapterSummary } | { reason: string }> {
  const g = globalThis as { navigator?: { gpu?: { requestAdapter(o?: object): Promise<AdapterLike | null> } } };
  if (g.navigator?.gpu === undefined) {
    if (!isNode) return { reason: 'this browser has no navigator.gpu (WebGPU is off or unsupported)' };
    let module: { create(flags: string[]): unknown; globals: object };
    try {
      module = (await import(/* @vite-ignore */ DAWN_PACKAGE)) as never;
    } catch (error) {
      return { reason: `the "webgpu" package is not installed (npm install webgpu): ${(error as Error).message}` };
    }
    Object.assign(globalThis, module.globals);
    // KANJS_DAWN_TOGGLES=a,b turns on Dawn toggles (e.g. skip_validation) for experiments.
    const toggles = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.['KANJS_DAWN_TOGGLES'];
    const gpu = module.create(toggles ? [`enable-dawn-features=${toggles}`] : []) as never;
    if (g.navigator === undefined) Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
    else Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
  }
  const adapter = await g.navigator!.gpu!.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (adapter === null) {
    const hint = isNode ? ` (no Vulkan driver? on a machine without a GPU, install chromium and set VK_ICD_FILENAMES=${SWIFTSHADER_ICD})` : '';
    return { reason: `no WebGPU adapter${hint}` };
  }
  return { adapter: summarise(adapter) };
}
