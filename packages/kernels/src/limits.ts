// The largest basis size K each GPU backend's fused basis-linear kernels take; a larger basis runs the generic
// composition (`evaluate` + `matMul`) there, with one console warning per basis.
import type { Basis } from '@kanjs/basis-core';

/**
 * The largest K per backend. cuda: a dW or dx tile of 128 rows holds at least one feature's K values, twice
 * (128/K ≥ 2). webgpu: the register and workgroup-memory budget of its 16×16 workgroups.
 */
export const MAX_FUSED_K = { cuda: 64, webgpu: 16 } as const;

/** Which snippet each backend with a K limit compiles. */
const SNIPPET_OF = { cuda: 'cuda', webgpu: 'wgsl' } as const;

const warned = new Set<string>();

/**
 * Warns once per backend, basis name and K when a basis has this backend's snippet but a K above its
 * MAX_FUSED_K, so that the generic path it takes instead is not a silent one.
 */
export function warnOverFusedK(backendName: string, basis: Basis): void {
  if (!Object.hasOwn(MAX_FUSED_K, backendName)) return;
  const backend = backendName as keyof typeof MAX_FUSED_K;
  if (basis.size <= MAX_FUSED_K[backend] || basis.kernels?.[SNIPPET_OF[backend]] === undefined) return;
  const key = `${backend}|${basis.name}|${basis.size}`;
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(
    `kanjs: the ${basis.name} basis has K = ${basis.size} functions per input; the fused ${backend} kernels take K ≤ ${MAX_FUSED_K[backend]}, ` +
      `so it runs the generic path (evaluate + matMul) on ${backend}.`,
  );
}
