import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { chebyshev } from '@kanjs/basis-chebyshev';
import '@kanjs/basis-chebyshev/register';
import { basisSuite, chebyshevValues, rng, snippetHarnesses, uniform } from '@kanjs/testing';

/** x [batch, 3]: 0, saturating inputs (±6, ±20) and random points on [-4, 4]. */
function inputs(seed: number): Float64Array {
  const x = uniform(rng(seed), 40 * 3, -4, 4);
  x.set([0, 6, -6, 20, -20, 0.5]);
  return x;
}

basisSuite(await snippetHarnesses(), chebyshev, {
  created: { label: 'defaults to degree 4: K = 5 functions, no state', size: 5, config: { name: 'chebyshev', degree: 4 }, state: [], domain: [-2, 2] },
  values: {
    formula: 'T_d(tanh x) = cos(d·acos(tanh x))',
    cases: [1, 2, 4, 7].map((d) => ({ label: `D=${d}`, basis: chebyshev({ degree: d }, 3), x: inputs(d), reference: (x) => chebyshevValues(x, d) })),
  },
  gradient: { basis: chebyshev({ degree: 6 }, 3), x: uniform(rng(11), 8 * 3, -2.5, 2.5), reference: (x) => chebyshevValues(x, 6) },
  invalid: [
    [{ degree: 0 }, 'chebyshev basis: degree must be ≥ 1, got 0.'],
    [{ degree: 2.5 }, 'chebyshev basis: degree must be an integer, got 2.5.'],
    [{ degree: '3' }, 'chebyshev basis: degree must be a finite number, got "3".'],
    [{ order: 3 }, 'chebyshev basis: unknown option "order"; expected one of degree.'],
    [{}, 'chebyshev basis: inFeatures must be an integer ≥ 1, got 0.', 0],
  ],
  roundTrip: { config: { name: 'chebyshev', degree: 6 }, size: 7 },
  snippets: {
    cudaCompile: chebyshev({ degree: 4 }, 2),
    cudaRun: [{ label: 'D=5', basis: chebyshev({ degree: 5 }, 3), x: Float32Array.from(inputs(5)) }],
  },
});
