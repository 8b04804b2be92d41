// What the probe scripts share: a numeric flag, the median, bursts of contenders timed interleaved on a device,
// the median time of a synchronous call, and the largest relative error between two arrays.
import * as tf from '@tensorflow/tfjs-core';

/** The number after `--name` on the command line, or the fallback. */
export function numberArg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

/** The middle value of a list (the upper one of two for an even length). */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Throughput of each contender, interleaved: every repeat runs each one `burst` times back to back (the GPU stays
 * busy, as in training) and reads one value of the last output, which waits for the queue. The first `warmup`
 * repeats are not kept. Returns the median ms per call of each contender, rounded to µs.
 */
export async function timeBursts(contenders, { burst, repeats, warmup = 3 }) {
  const times = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let r = -warmup; r < repeats; r++) {
    for (const [name, f] of Object.entries(contenders)) {
      const start = performance.now();
      const outs = [];
      for (let b = 0; b < burst; b++) outs.push(tf.tidy(f));
      const done = tf.sum(outs[outs.length - 1]);
      await done.data();
      if (r >= 0) times[name].push((performance.now() - start) / burst);
      tf.dispose([done, ...outs]);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, v]) => [name, +median(v).toFixed(3)]));
}

/**
 * Median ms per call of a synchronous `call`: `warmup` calls, then `samples` samples of N calls each, N from the
 * fastest warm-up call so that a sample lasts about `minSampleMs`. Returns the median, the samples and N.
 */
export function measure(call, { warmup, samples, minSampleMs }) {
  let fastest = Infinity;
  for (let i = 0; i < warmup; i++) {
    const start = performance.now();
    call();
    fastest = Math.min(fastest, performance.now() - start);
  }
  const callsPerSample = Math.max(1, Math.ceil(minSampleMs / Math.max(fastest, 1e-6)));
  const perCall = [];
  for (let s = 0; s < samples; s++) {
    const start = performance.now();
    for (let i = 0; i < callsPerSample; i++) call();
    perCall.push((performance.now() - start) / callsPerSample);
  }
  return { ms: median(perCall), samples: perCall, callsPerSample };
}

/** max |a − b| / max |b|, written as 1.2e-7. */
export function relativeError(a, b) {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return (diff / scale).toExponential(1);
}
