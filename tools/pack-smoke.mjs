// Packs every publishable workspace package with `npm pack`, installs the tarballs into an empty temporary
// project (with the tfjs peer dependencies), then imports them from plain Node ESM and type-checks a consumer
// file with TypeScript: proof that each package installs and works on its own, outside the monorepo.
// Usage: node tools/pack-smoke.mjs   (after a build)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const tfjsVersion = rootPkg.devDependencies['@tensorflow/tfjs-core'];

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => join(root, 'packages', dir))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ pkg }) => !pkg.private);

const work = mkdtempSync(join(tmpdir(), 'kanjs-pack-'));
try {
  const tarballs = packages.map(({ dir }) => join(work, run('npm', ['pack', '--silent', '--pack-destination', work], dir).trim().split('\n').pop()));
  const app = join(work, 'app');
  run('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const peers = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-backend-cpu'].map((p) => `${p}@${tfjsVersion}`);
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs, ...peers, `typescript@${rootPkg.devDependencies.typescript}`], app);

  writeFileSync(join(app, 'consumer.ts'), `
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { basisNames, createBasis, type Basis } from '@kanjs/basis-core';
import { bspline } from '@kanjs/basis-bspline';
import { gaussian } from '@kanjs/basis-gaussian';
import { kan, loadTorchKAN, saveTorchKAN, KANLinear } from '@kanjs/kan-layers';
import { fileSystem } from '@kanjs/kan-layers/node';

await tf.setBackend('cpu');
const basis: Basis = createBasis({ name: 'gaussian', numCenters: 5 }, 3);
const model = kan({ layers: [3, 4, 2], layer: 'fastkan', seed: 1 });
const y = model.predict(tf.ones([2, 3])) as tf.Tensor;
const again = loadTorchKAN(await saveTorchKAN(model));
const y2 = again.predict(tf.ones([2, 3])) as tf.Tensor;
if (y.shape.join() !== '2,2' || y2.dataSync().some((v, i) => v !== y.dataSync()[i])) throw new Error('round trip failed');
const layer: KANLinear = new KANLinear({ units: 2 });
console.log(JSON.stringify({ bases: basisNames(), size: basis.size, bspline: bspline({}, 1).size, gaussian: gaussian({}, 1).size, layer: layer.getClassName(), handler: typeof fileSystem('x').save }));
`);
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, lib: ['es2022', 'dom'], types: [] },
    files: ['consumer.ts'],
  }));
  // Types: a strict consumer compiles against the published .d.ts files (with skipLibCheck, which tfjs's own
  // declarations need).
  run(join(app, 'node_modules/.bin/tsc'), ['-p', '.', '--skipLibCheck'], app);
  // Runtime: plain Node ESM, no bundler, no source condition.
  run(join(app, 'node_modules/.bin/tsc'), ['-p', '.', '--noEmit', 'false', '--outDir', 'out', '--skipLibCheck'], app);
  const output = run('node', ['out/consumer.js'], app).trim();
  const result = JSON.parse(output.split('\n').pop());
  // Each package alone: only its own tarball, those of the workspace packages it depends on, and its peers.
  const tarballOf = new Map(packages.map(({ pkg }, i) => [pkg.name, tarballs[i]]));
  const closure = (name, seen = new Set()) => {
    if (seen.has(name)) return seen;
    seen.add(name);
    const { pkg } = packages.find((p) => p.pkg.name === name);
    for (const dep of Object.keys(pkg.dependencies ?? {})) if (tarballOf.has(dep)) closure(dep, seen);
    return seen;
  };
  for (const { pkg } of packages) {
    const alone = join(work, `alone-${pkg.name.split('/')[1]}`);
    run('mkdir', ['-p', alone]);
    writeFileSync(join(alone, 'package.json'), JSON.stringify({ name: 'alone', private: true, type: 'module' }));
    const own = [...closure(pkg.name)].map((name) => tarballOf.get(name));
    // Required peers only, at the ranges the package declares; optional ones (backends, webgpu) stay out.
    const optionalPeers = pkg.peerDependenciesMeta ?? {};
    const peerNames = Object.entries(pkg.peerDependencies ?? {})
      .filter(([name]) => optionalPeers[name]?.optional !== true)
      .map(([name, range]) => `${name}@${range}`);
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...own, ...peerNames], alone);
    const names = Object.keys(pkg.exports).filter((k) => k !== './package.json').map((k) => (k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`));
    run('node', ['--input-type=module', '-e', names.map((n) => `await import(${JSON.stringify(n)});`).join('')], alone);
  }
  if (!result.bases.includes('bspline') || !result.bases.includes('gaussian') || result.size !== 5) {
    throw new Error(`unexpected consumer output: ${output}`);
  }
  console.log(`pack-smoke: ${packages.map(({ pkg }) => `${pkg.name}@${pkg.version}`).join(', ')} installed from tarballs (together and each alone), imported and type-checked: ${output}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
