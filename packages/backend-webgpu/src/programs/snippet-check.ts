// Checks a basis's WGSL snippet on the device before the fused kernels take it. A snippet that does not compile
// would make every fused dispatch invalid: WebGPU reports that asynchronously (Dawn prints it) and the outputs
// stay zeros. So the snippet is compiled first, in a small shader that calls kan_basis and kan_basis_deriv as the
// kernels do; until that check has passed, the basis runs the generic path (evaluate + matMul), and a snippet
// that fails it stays there, with one warning that names the basis and the line.
import type { Basis } from '@kanjs/basis-core';
import { truncate } from '@kanjs/basis-core';
import { wgslDeclarations } from '@kanjs/kernels';
import { basisPrelude } from '../templates/basis-linear-wgsl.js';

/** One message of GPUShaderModule.getCompilationInfo(). */
interface CompilationMessage {
  readonly type: string;
  readonly message: string;
  readonly lineNum: number;
  readonly linePos: number;
}

/** What the check needs of a GPUDevice. */
export interface CheckDevice {
  pushErrorScope(filter: 'validation'): void;
  popErrorScope(): Promise<{ readonly message: string } | null>;
  createShaderModule(descriptor: { code: string; label?: string }): { getCompilationInfo(): Promise<{ readonly messages: readonly CompilationMessage[] }> };
  createComputePipelineAsync(descriptor: { layout: 'auto'; compute: { module: unknown; entryPoint: string } }): Promise<unknown>;
}

/** Per snippet (declarations and source): whether it compiles, or the check under way. */
const results = new Map<string, boolean | Promise<boolean>>();

/** The basis's name and the WGSL it adds to the kernels, whatever its input count: K, its constants and its snippet. */
function snippetKey(basis: Basis): string {
  return `${basis.name}\n${wgslDeclarations(basis)}\n${basis.kernels!.wgsl!}`;
}

/**
 * The check shader: the kernels' prelude over the basis's state (as storage arrays), then an entry point that
 * calls kan_basis and kan_basis_deriv the way the fused kernels do. `snippetLine` is the line the snippet starts on.
 */
export function checkShader(basis: Basis): { code: string; snippetLine: number } {
  const sizes = basis.stateSpecs.map((spec) => spec.shape.reduce((a, b) => a * b, 1));
  const prelude = basisPrelude(basis, sizes);
  const snippetLine = prelude.slice(0, prelude.length - basis.kernels!.wgsl!.length).split('\n').length;
  const code = [
    ...sizes.map((_, i) => `@group(0) @binding(${i}) var<storage, read> state${i}: array<f32>;`),
    `@group(0) @binding(${sizes.length}) var<storage, read_write> kan_check: array<f32>;`,
    prelude,
    `@compute @workgroup_size(1)
fn kan_check_main() {
  var values: array<f32, KAN_K>;
  var derivs: array<f32, KAN_K>;
  kan_basis(kan_check[0], 0u, &values);
  kan_basis_deriv(kan_check[0], 0u, &derivs);
  kan_check[1] = values[0] + derivs[0];
}`,
  ].join('\n');
  return { code, snippetLine: snippetLine + sizes.length + 1 };
}

/** Compiles the check shader; returns null when it compiles, else what is wrong and where, in one sentence's tail. */
async function compileCheck(basis: Basis, device: CheckDevice): Promise<string | null> {
  const { code, snippetLine } = checkShader(basis);
  // Push, create and pop with no await between them: checks run concurrently, and error scopes are one stack.
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ code, label: `kanjs snippet check: ${basis.name}` });
  const pipelined = device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'kan_check_main' } }).then(
    () => null,
    (error: unknown) => (error as Error).message,
  );
  const popped = device.popErrorScope();
  const messages = (await module.getCompilationInfo()).messages.filter((m) => m.type === 'error');
  const [pipeline, scoped] = await Promise.all([pipelined, popped]);
  const first = messages[0];
  if (first !== undefined) {
    const lines = code.split('\n');
    const text = (lines[first.lineNum - 1] ?? '').trim();
    const line = first.lineNum - snippetLine + 1;
    const where = line >= 1 && line <= basis.kernels!.wgsl!.split('\n').length ? `line ${line}:${first.linePos} of the snippet` : `line ${first.lineNum}:${first.linePos} of the check shader`;
    return `${where}: ${truncate(first.message, 160)}${text === '' ? '' : ` (\`${truncate(text, 80)}\`)`}`;
  }
  const other = pipeline ?? scoped?.message ?? null;
  return other === null ? null : truncate(other.split('\n')[0]!, 200);
}

function warnBroken(basis: Basis, problem: string): void {
  console.warn(`@kanjs/backend-webgpu: the WGSL snippet of the ${basis.name} basis does not compile, so it runs the generic path (evaluate + matMul) on webgpu: ${problem}.`);
}

/**
 * Compiles the basis's snippet on `device`, once per basis name and snippet (its source with K and its constants); resolves
 * whether it compiles. One that does not gets one console warning naming the basis and the line.
 */
export function checkSnippet(basis: Basis, device: CheckDevice): Promise<boolean> {
  const key = snippetKey(basis);
  const known = results.get(key);
  if (known !== undefined) return Promise.resolve(known);
  const check = compileCheck(basis, device).then(
    (problem) => {
      if (problem !== null) warnBroken(basis, problem);
      return problem === null;
    },
    (error: unknown) => {
      warnBroken(basis, `the check itself failed (${truncate((error as Error).message ?? String(error), 160)})`);
      return false;
    },
  );
  results.set(key, check);
  void check.then((ok) => results.set(key, ok));
  return check;
}

/**
 * Whether the basis's snippet is known to compile. One never checked starts its check on `device` (when one is
 * given) and counts as not compiling until the check ends: that call runs the generic path, which is correct.
 */
export function snippetCompiles(basis: Basis, device: CheckDevice | undefined): boolean {
  const known = results.get(snippetKey(basis));
  if (typeof known === 'boolean') return known;
  if (known === undefined && device !== undefined) void checkSnippet(basis, device);
  return false;
}
