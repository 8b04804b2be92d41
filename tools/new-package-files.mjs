// Writes the boilerplate config files of a workspace package (tsconfigs, vitest config) from its package.json.
// Usage: node tools/new-package-files.mjs packages/<name>
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.argv[2];
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const root = relative(dir, '.') || '.';
const internal = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.devDependencies })
  .filter((name) => name.startsWith('@kanjs/'))
  .map((name) => {
    const short = name.slice('@kanjs/'.length);
    return existsSync(join('packages', short)) ? join('packages', short) : join('apps', short);
  });
const json = (value) => JSON.stringify(value, null, 2) + '\n';
const write = (file, text) => writeFileSync(join(dir, file), text);

write('tsconfig.json', json({
  extends: `${root}/tsconfig.base.json`,
  files: [],
  include: [],
  references: [{ path: './tsconfig.lib.json' }, { path: './tsconfig.spec.json' }],
}));
write('tsconfig.lib.json', json({
  extends: `${root}/tsconfig.base.json`,
  compilerOptions: {
    rootDir: 'src',
    outDir: 'dist',
    tsBuildInfoFile: 'dist/tsconfig.lib.tsbuildinfo',
    types: ['node'],
  },
  include: ['src/**/*.ts'],
  references: internal.map((p) => ({ path: `${relative(dir, p)}/tsconfig.lib.json` })),
}));
write('tsconfig.spec.json', json({
  extends: `${root}/tsconfig.base.json`,
  compilerOptions: {
    outDir: './out-tsc/spec',
    noEmit: false,
    emitDeclarationOnly: true,
    tsBuildInfoFile: './out-tsc/spec/tsconfig.spec.tsbuildinfo',
    types: ['node'],
  },
  include: ['test/**/*.ts'],
  references: [{ path: './tsconfig.lib.json' }],
}));
write('vitest.config.ts', `import { kanjsProject } from '${root}/vitest.shared.js';\n\nexport default kanjsProject('${pkg.name}');\n`);
