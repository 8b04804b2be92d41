import { BasisConfigError, describe, truncate } from './errors.js';
import type { Basis, BasisConfig, BasisFactory, JsonValue } from './types.js';

const factories = new Map<string, BasisFactory>();

/** Registers a basis under a name; registering the same name again replaces it. */
export function registerBasis(name: string, factory: BasisFactory): void {
  if (typeof name !== 'string' || !/^[a-z][a-z0-9-]*$/.test(name)) {
    throw new BasisConfigError(`registerBasis: name must be lower-case letters, digits and dashes, got ${describe(name)}.`);
  }
  factories.set(name, factory);
}

/** The names of the registered bases, sorted. */
export function basisNames(): string[] {
  return [...factories.keys()].sort();
}

/** Whether a basis of this name is registered. */
export function hasBasis(name: string): boolean {
  return factories.has(name);
}

/** Builds a basis for `inFeatures` inputs from `{ name, ...options }`, or from a bare name for the defaults. */
export function createBasis(config: BasisConfig | string, inFeatures: number): Basis {
  const full: BasisConfig = typeof config === 'string' ? { name: config } : config;
  if (full === null || typeof full !== 'object' || typeof full.name !== 'string') {
    throw new BasisConfigError(`createBasis: config must be a basis name or { name, ...options }, got ${describe(config)}.`);
  }
  const factory = factories.get(full.name);
  if (factory === undefined) {
    const known = basisNames();
    throw new BasisConfigError(
      `Unknown basis ${describe(full.name)}; registered bases: ${known.length > 0 ? known.join(', ') : 'none'} ` +
        `(import the basis package, e.g. @kanjs/basis-${truncate(full.name, 40)}, to register it).`,
    );
  }
  const { name: _name, ...options } = full;
  return factory(options as Record<string, JsonValue>, inFeatures);
}
