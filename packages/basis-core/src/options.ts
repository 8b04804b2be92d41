import { BasisConfigError, describe } from './errors.js';
import type { JsonValue } from './types.js';

type Options = Readonly<Record<string, JsonValue>>;

interface NumberRule {
  readonly integer?: boolean;
  readonly min?: number;
  /** Strict lower bound: the value must be greater than this. */
  readonly above?: number;
  /** Upper bound: the value must be ≤ this. */
  readonly max?: number;
  /** What a value over `max` would take, in memory or time, for the error: `(g) => 'a 75 GiB fit per input'`. */
  readonly cost?: (value: number) => string;
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
        throw this.error(`unknown option ${describe(key)}; expected one of ${known.join(', ')}`);
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
    if (rule.max !== undefined && value > rule.max) {
      const cost = rule.cost === undefined ? '' : `: ${rule.cost(value)}`;
      throw this.error(`${field} must be ≤ ${rule.max}, got ${describe(value)}${cost}`);
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
