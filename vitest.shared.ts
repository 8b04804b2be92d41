// Shared vitest settings: every package resolves workspace imports to their TypeScript source through the
// "@kanjs/source" export condition, so tests run without building first.
import { defaultServerConditions } from 'vite';
import { defineProject, type ViteUserConfig } from 'vitest/config';

export function kanjsProject(name: string, overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  return defineProject({
    resolve: { conditions: ['@kanjs/source', ...defaultServerConditions] },
    ssr: { resolve: { conditions: ['@kanjs/source', ...defaultServerConditions] } },
    test: {
      name,
      environment: 'node',
      include: ['test/**/*.test.ts'],
      testTimeout: 120_000,
      watch: false,
      ...overrides,
    },
  });
}
