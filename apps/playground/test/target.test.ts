import { describe, expect, it } from 'vitest';
import { PRESETS, parseCsv, parseExpression, sampleExpression } from '../web/target.js';

describe('parseExpression', () => {
  it('finds the variables, in alphabetical order, and leaves out constants and function names', () => {
    const target = parseExpression('exp(sin(pi*x) + y^2)');
    expect(target.variables).toEqual(['x', 'y']);
    expect(parseExpression('b * sin(a) + e').variables).toEqual(['a', 'b']);
    for (const [x, y] of [[0.3, -0.7], [-1, 1], [0, 0]] as const) {
      expect(target.evaluate([x, y])).toBeCloseTo(Math.exp(Math.sin(Math.PI * x) + y * y), 12);
    }
  });

  it('parses every preset', () => {
    for (const preset of PRESETS) expect(parseExpression(preset.expression).variables.length).toBeGreaterThan(0);
  });

  it('says what it expected for a formula that does not parse, has no variable or is not real', () => {
    expect(() => parseExpression('sin(x')).toThrow(/expected a formula such as .* but "sin\(x" does not parse/);
    expect(() => parseExpression('2 * pi')).toThrow('expected a formula in at least one variable, but "2 * pi" has none.');
    expect(() => parseExpression('sqrt(x)').evaluate([-4])).toThrow(/expected "sqrt\(x\)" to give a real number, got 2i at \(-4\)/);
  });
});

describe('sampleExpression', () => {
  const target = parseExpression('x * y');

  it('draws the same samples for the same seed, inside the range, and others for another seed', () => {
    const a = sampleExpression(target, { train: 50, test: 20, seed: 3 });
    const b = sampleExpression(target, { train: 50, test: 20, seed: 3 });
    const c = sampleExpression(target, { train: 50, test: 20, seed: 4 });
    expect(a).toEqual(b);
    expect(a.train.x).not.toEqual(c.train.x);
    expect(a.train.x).toHaveLength(50);
    expect(a.test.x).toHaveLength(20);
    for (const [x, y] of [...a.train.x, ...a.test.x]) {
      expect(Math.abs(x!)).toBeLessThanOrEqual(1);
      expect(Math.abs(y!)).toBeLessThanOrEqual(1);
    }
    a.train.x.forEach(([x, y], n) => expect(a.train.y[n]).toBe(x! * y!));
  });

  it('refuses a target that is not finite on the range', () => {
    expect(() => sampleExpression(parseExpression('1/(x-x)'), { train: 5, test: 5, seed: 1 })).toThrow(/expected "1\/\(x-x\)" to be finite on \[-1, 1\], got (Infinity|NaN)/);
  });
});

describe('parseCsv', () => {
  const rows = Array.from({ length: 20 }, (_, n) => [n / 10, 1 - n / 20, (n / 10) * 2]);
  const text = `a, b, out\n${rows.map((row) => row.join(',')).join('\n')}\n`;

  it('takes the last column as the output and holds back a seeded fifth of the rows', () => {
    const data = parseCsv(text, 7);
    expect(data.variables).toEqual(['a', 'b']);
    expect(data.train.y).toHaveLength(16);
    expect(data.test.y).toHaveLength(4);
    const all = [...data.train.x.map((x, n) => [...x, data.train.y[n]]), ...data.test.x.map((x, n) => [...x, data.test.y[n]])];
    expect(all.sort((p, q) => p[0]! - q[0]!)).toEqual(rows);
    expect(parseCsv(text, 7)).toEqual(data);
  });

  it('names the line that is not numbers, and refuses a file too small or without a header', () => {
    expect(() => parseCsv(text.replace('0.1,', 'one,'), 1)).toThrow(/expected 3 numbers on CSV line 3, got "one,/);
    expect(() => parseCsv('a,out\n1,2\n', 1)).toThrow('expected at least 10 CSV rows to train and test on, got 1.');
    expect(() => parseCsv('out\n1\n', 1)).toThrow('expected a CSV header with at least two columns (inputs, then the output), got "out".');
  });
});
