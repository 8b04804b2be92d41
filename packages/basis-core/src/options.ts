import { BasisConfigError, describe } from './errors.js';
import type { JsonValue } from './types.js';

type Options = Readonly<Record<string, JsonValue>>;

interface NumberRule {
  readonly integer?: boolean;
  readonly min?: number;
  /** Strict lower bound: the value must be greater than this. */
  readonly above?: number;
}

/** Reads and checks option values for one basis; every error names the basis and the field. */
export class OptionReader {
  constructor(
    private readonly basis: string,
    private readonly options: Options,
  ) {}

  /** Throws for options this basis does not know, which catches typos such as `gridsize`. */
  rejectUnknown(known: readonly string[]): void {
    for (const key of Object.keys(this.options)) {
      if (!known.includes(key)) {
        throw this.error(`unknown option "${key}"; expected one of ${known.join(', ')}`);
      }
    }
  }

  /** A finite number, or the default when absent. */
  number(field: string, fallback: number, rule: NumberRule = {}): number {
    const value = this.options[field] ?? fallback;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw this.error(`${field} must be a finite number, got ${describe(value)}`);
    }
    if (rule.integer === true && !Number.isInteger(value)) {
      throw this.error(`${field} must be an integer, got ${describe(value)}`);
    }
    if (rule.min !== undefined && value < rule.min) {
      throw this.error(`${field} must be ≥ ${rule.min}, got ${describe(value)}`);
    }
    if (rule.above !== undefined && value <= rule.above) {
      throw this.error(`${field} must be > ${rule.above}, got ${describe(value)}`);
    }
    return value;
  }

  /** A boolean, or the default when absent. */
  boolean(field: string, fallback: boolean): boolean {
    const value = this.options[field] ?? fallback;
    if (typeof value !== 'boolean') throw this.error(`${field} must be true or false, got ${describe(value)}`);
    return value;
  }

  /** A non-empty array of finite numbers, or the default when absent. */
  numbers(field: string, fallback: readonly number[]): number[] {
    const value = this.options[field] ?? fallback;
    if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw this.error(`${field} must be a non-empty array of finite numbers, got ${describe(value)}`);
    }
    return [...(value as readonly number[])];
  }

  /** A [low, high] pair of finite numbers with low < high. */
  range(field: string, fallback: readonly [number, number]): [number, number] {
    const value = this.options[field] ?? fallback;
    if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw this.error(`${field} must be a pair [low, high] of finite numbers, got ${describe(value)}`);
    }
    const [low, high] = value as [number, number];
    if (!(low < high)) throw this.error(`${field} must have low < high, got ${describe(value)}`);
    return [low, high];
  }

  /** A config error naming this basis. */
  error(message: string): BasisConfigError {
    return new BasisConfigError(`${this.basis} basis: ${message}.`);
  }
}

/** Checks the number of input features a basis is created for. */
export function checkInFeatures(basis: string, inFeatures: number): void {
  if (!Number.isInteger(inFeatures) || inFeatures < 1) {
    throw new BasisConfigError(`${basis} basis: inFeatures must be an integer ≥ 1, got ${describe(inFeatures)}.`);
  }
}

/** The options of K functions centred on an even grid (Gaussian RBFs, RSWAF, wavelets). */
export interface CentredGrid {
  /** K. */
  readonly numCenters: number;
  readonly gridMin: number;
  readonly gridMax: number;
  /** The width, from the option `widthOption`: by default the spacing (gridMax − gridMin)/(K − 1), or the caller's default. */
  readonly width: number;
}

/**
 * Reads `numCenters` (default 8, integer ≥ 2), `gridMin` (-2) < `gridMax` (2) and a width option (e.g.
 * `denominator`; > 0), with errors that name the field. The width defaults to the spacing, or to
 * `defaultWidth(gridMin, gridMax, numCenters)` when given.
 */
export function readCentredGrid(
  reader: OptionReader,
  widthOption: string,
  defaultWidth: (gridMin: number, gridMax: number, numCenters: number) => number = (low, high, k) => (high - low) / (k - 1),
): CentredGrid {
  const numCenters = reader.number('numCenters', 8, { integer: true, min: 2 });
  const gridMin = reader.number('gridMin', -2);
  const gridMax = reader.number('gridMax', 2);
  if (!(gridMin < gridMax)) throw reader.error(`gridMin must be < gridMax, got gridMin ${gridMin} and gridMax ${gridMax}`);
  const width = reader.number(widthOption, defaultWidth(gridMin, gridMax, numCenters), { above: 0 });
  return { numCenters, gridMin, gridMax, width };
}
