// Where the SiLU base branch takes the fused op: only on a backend that fuses the silu basis, and there only
// where the backend's crossover says so.
import { describe, expect, it } from 'vitest';
import { registerFusedBasisLinear, setFusedBaseCrossover, useFusedBase } from '@kanjs/kernels';

const small = { batch: 8, inFeatures: 64, outFeatures: 32 };
const large = { batch: 4096, inFeatures: 1024, outFeatures: 1024 };

describe('useFusedBase', () => {
  it('is false on a backend that does not fuse the silu basis, whatever its crossover', () => {
    registerFusedBasisLinear('probe-unfused', (basis) => basis.name === 'gaussian');
    setFusedBaseCrossover('probe-unfused', () => true);
    expect(useFusedBase('probe-unfused', small)).toBe(false);
    expect(useFusedBase('probe-unknown', small)).toBe(false);
  });

  it('takes the fused op for every shape on a backend that fuses silu and sets no crossover', () => {
    registerFusedBasisLinear('probe-fused', (basis) => basis.name === 'silu');
    expect(useFusedBase('probe-fused', small)).toBe(true);
    expect(useFusedBase('probe-fused', large)).toBe(true);
  });

  it("follows the backend's crossover, which sees the product's shape", () => {
    const seen: unknown[] = [];
    registerFusedBasisLinear('probe-crossover', (basis) => basis.name === 'silu');
    setFusedBaseCrossover('probe-crossover', (shape) => {
      seen.push(shape);
      return shape.batch * shape.inFeatures * shape.outFeatures <= 2 ** 20;
    });
    expect(useFusedBase('probe-crossover', small)).toBe(true);
    expect(useFusedBase('probe-crossover', large)).toBe(false);
    expect(seen).toEqual([small, large]);
  });
});
