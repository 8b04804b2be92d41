// Runs a basis's WGSL snippet on WebGPU in Node (Dawn, through the `webgpu` npm package): one compute shader
// around the snippet evaluates kan_basis and kan_basis_deriv for N scalar inputs (x, feature).
import type { Basis, BasisStateValues } from '@kanjs/basis-core';
import { wgslDeclarations } from '@kanjs/kernels';
import { featureIndices, packState, splitOutputs, unavailable, type SnippetOutput } from './harness.js';
import { preferSwiftShader } from './webgpu-setup.js';

const WORKGROUP_SIZE = 64;

/**
 * The template the snippet is instantiated in, as the fused kernels do: `const KAN_K` (a u32), the snippet's
 * constants, `kan_state` over a storage buffer, then the snippet. Bindings: 0 the packed state, 1 the inputs
 * x [N], 2 their features [N], 3 the output [N, 2·K] (K values, then K derivatives, per input).
 */
export function wgslHarnessSource(basis: Basis): string {
  const snippet = basis.kernels?.wgsl;
  if (snippet === undefined) throw new Error(`wgslHarnessSource: the ${basis.name} basis has no WGSL snippet.`);
  return `${wgslDeclarations(basis)}
@group(0) @binding(0) var<storage, read> kan_state_data: array<f32>;
@group(0) @binding(1) var<storage, read> kan_inputs: array<f32>;
@group(0) @binding(2) var<storage, read> kan_features: array<u32>;
@group(0) @binding(3) var<storage, read_write> kan_outputs: array<f32>;

fn kan_state(index: u32) -> f32 {
  return kan_state_data[index];
}

${snippet}

@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let n = id.x;
  if (n >= arrayLength(&kan_inputs)) {
    return;
  }
  var values: array<f32, KAN_K>;
  var derivs: array<f32, KAN_K>;
  kan_basis(kan_inputs[n], kan_features[n], &values);
  kan_basis_deriv(kan_inputs[n], kan_features[n], &derivs);
  for (var k = 0u; k < KAN_K; k++) {
    kan_outputs[n * 2u * KAN_K + k] = values[k];
    kan_outputs[n * 2u * KAN_K + KAN_K + k] = derivs[k];
  }
}
`;
}

/** A WebGPU device that runs WGSL snippets. Open one with `openWgslHarness()` or `wgslHarness()`. */
export class WgslHarness {
  private constructor(
    // Kept referenced: Dawn crashes when the GPU object is collected while its device lives.
    private readonly gpu: GPU,
    readonly device: GPUDevice,
    /** What runs it, e.g. `swiftshader (vulkan)`. */
    readonly description: string,
  ) {}

  /** Opens a device: the harness, or the reason why there is none. */
  static async open(): Promise<WgslHarness | { readonly reason: string }> {
    preferSwiftShader();
    let webgpu: typeof import('webgpu');
    try {
      webgpu = await import('webgpu');
    } catch (error) {
      return { reason: `the webgpu package does not load (${(error as Error).message})` };
    }
    Object.assign(globalThis, webgpu.globals);
    const gpu = webgpu.create([]);
    const adapter = await gpu.requestAdapter();
    if (adapter === null) {
      const icd = process.env['VK_ICD_FILENAMES'] ?? 'unset';
      return { reason: `Dawn found no WebGPU adapter (VK_ICD_FILENAMES=${icd}; without a GPU install Debian's chromium and libvulkan1 for SwiftShader)` };
    }
    const device = await adapter.requestDevice();
    const { vendor, architecture, description } = adapter.info;
    return new WgslHarness(gpu, device, [vendor, architecture, description].filter((s) => s !== '').join(' ') || 'unknown adapter');
  }

  /** Compiles the harness shader for a basis; throws with the compiler's messages if it does not compile. */
  async compile(basis: Basis): Promise<GPUComputePipeline> {
    const code = wgslHarnessSource(basis);
    const { device } = this;
    device.pushErrorScope('validation');
    const module = device.createShaderModule({ code });
    const info = await module.getCompilationInfo();
    const errors = info.messages.filter((m) => m.type === 'error');
    // An explicit layout: with 'auto', a binding the snippet does not use (the state) would be dropped.
    const storage = (type: GPUBufferBindingType): GPUBindGroupLayoutEntry => ({ binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type } });
    const entries = [storage('read-only-storage'), storage('read-only-storage'), storage('read-only-storage'), storage('storage')];
    const bindGroupLayout = device.createBindGroupLayout({ entries: entries.map((entry, binding) => ({ ...entry, binding })) });
    const layout = device.createPipelineLayout({ bindGroupLayouts: [bindGroupLayout] });
    const pipeline = device.createComputePipeline({ layout, compute: { module, entryPoint: 'main' } });
    const scope = await device.popErrorScope();
    if (errors.length > 0 || scope !== null) {
      const lines = code.split('\n');
      const described = errors.map((m) => `  line ${m.lineNum}: ${m.message}\n    ${lines[m.lineNum - 1]?.trim() ?? ''}`);
      throw new Error(`The ${basis.name} WGSL snippet does not compile:\n${described.join('\n') || scope?.message}`);
    }
    return pipeline;
  }

  /** Runs kan_basis and kan_basis_deriv on N inputs x with their feature indices. Returns values and derivs [N, K]. */
  async run(basis: Basis, state: BasisStateValues, x: Float32Array, features: Uint32Array): Promise<SnippetOutput> {
    if (x.length !== features.length) throw new Error(`WgslHarness.run: ${x.length} inputs but ${features.length} features.`);
    const bad = features.findIndex((f) => f >= basis.inFeatures);
    if (bad >= 0) throw new Error(`WgslHarness.run: feature ${features[bad]} at ${bad} is out of range for ${basis.inFeatures} inputs.`);
    const pipeline = await this.compile(basis);
    const { device } = this;
    const n = x.length;
    const size = basis.size;
    const packed = packState(basis, state);
    const input = (data: Float32Array | Uint32Array) => {
      // Storage buffers may not be empty; pad to at least one element.
      const buffer = device.createBuffer({ size: Math.max(4, data.byteLength), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
      if (data.byteLength > 0) device.queue.writeBuffer(buffer, 0, new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice());
      return buffer;
    };
    const buffers = [input(packed), input(x), input(features)];
    const outputBytes = n * 2 * size * 4;
    const output = device.createBuffer({ size: Math.max(4, outputBytes), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    const readback = device.createBuffer({ size: Math.max(4, outputBytes), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    device.pushErrorScope('validation');
    try {
      const bindGroup = device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [...buffers, output].map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(Math.ceil(n / WORKGROUP_SIZE));
      pass.end();
      encoder.copyBufferToBuffer(output, 0, readback, 0, Math.max(4, outputBytes));
      device.queue.submit([encoder.finish()]);
      const error = await device.popErrorScope();
      if (error !== null) throw new Error(`WgslHarness.run: the ${basis.name} snippet did not run: ${error.message}`);
      await readback.mapAsync(GPUMapMode.READ);
      const all = new Float32Array(readback.getMappedRange().slice(0, outputBytes));
      readback.unmap();
      return splitOutputs(all, n, size);
    } finally {
      for (const buffer of [...buffers, output, readback]) buffer.destroy();
    }
  }

  /** Runs the snippet on x [batch, in] row-major (feature = column). Returns values and derivs [batch, in, K]. */
  evaluate(basis: Basis, state: BasisStateValues, x: Float32Array): Promise<SnippetOutput> {
    return this.run(basis, state, x, featureIndices(x.length, basis.inFeatures));
  }

  /** Releases the device. */
  destroy(): void {
    this.device.destroy();
  }
}

/** Opens the WGSL harness for tests: the harness, or null after printing why (under CI=true it throws instead). */
export async function wgslHarness(): Promise<WgslHarness | null> {
  const opened = await WgslHarness.open();
  return opened instanceof WgslHarness ? opened : unavailable('WGSL snippet harness (WebGPU through Dawn)', opened.reason, true);
}
