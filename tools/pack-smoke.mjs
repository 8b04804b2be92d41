// Packs every publishable workspace package with `npm pack`, installs the tarballs into an empty temporary
// project (with the tfjs peer dependencies), then imports them from plain Node ESM and type-checks a consumer
// file with TypeScript: proof that each package installs and works on its own, outside the monorepo. Last, in
// the same project, every code block of the READMEs and docs runs as written (tools/check-docs.mjs).
// Usage: node tools/pack-smoke.mjs   (after a build)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installProject, packTarballs, rootPkg, run, tfjsPeers, workspacePackages } from './lib/packed-project.mjs';
import { checkDocs, docsDependencies } from './check-docs.mjs';

const packages = workspacePackages();

/**
 * What a tarball needs to be published: a LICENSE, and a README whose links work on npm (absolute URLs or
 * in-page anchors, no relative paths into the monorepo).
 */
function checkPublishable(pkg, tarball) {
  const files = run('tar', ['-tzf', tarball]).split('\n');
  if (!files.includes('package/LICENSE')) throw new Error(`${pkg.name}: the tarball has no LICENSE; expected package/LICENSE.`);
  const readme = run('tar', ['-xzOf', tarball, 'package/README.md']);
  const relative = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((target) => !/^(https?:|mailto:|#)/.test(target));
  if (relative.length > 0) throw new Error(`${pkg.name}: README links must be absolute to work on npm; found ${relative.join(', ')}.`);
}

/** Each command a package installs runs from a fresh project that installed it: `npx <bin> --help` exits 0. */
function checkBins(pkg, project) {
  for (const bin of Object.keys(pkg.bin ?? {})) {
    const help = run('npx', ['--no-install', bin, '--help'], project);
    if (!help.startsWith(`${bin}:`)) throw new Error(`${pkg.name}: \`npx ${bin} --help\` printed ${JSON.stringify(help.slice(0, 80))}; expected its usage, starting "${bin}:".`);
  }
}

const work = mkdtempSync(join(tmpdir(), 'kanjs-pack-'));
try {
  const tarballs = packTarballs(packages, work);
  packages.forEach(({ pkg }, i) => checkPublishable(pkg, tarballs[i]));
  const app = installProject(join(work, 'app'), [...tarballs, ...tfjsPeers, `typescript@${rootPkg.devDependencies.typescript}`, ...docsDependencies(work)]);

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
    const own = [...closure(pkg.name)].map((name) => tarballOf.get(name));
    // Required peers only, at the ranges the package declares; optional ones (backends, webgpu) stay out.
    const optionalPeers = pkg.peerDependenciesMeta ?? {};
    const peerNames = Object.entries(pkg.peerDependencies ?? {})
      .filter(([name]) => optionalPeers[name]?.optional !== true)
      .map(([name, range]) => `${name}@${range}`);
    const alone = installProject(join(work, `alone-${pkg.name.split('/')[1]}`), [...own, ...peerNames], 'alone');
    const names = Object.keys(pkg.exports).filter((k) => k !== './package.json').map((k) => (k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`));
    run('node', ['--input-type=module', '-e', names.map((n) => `await import(${JSON.stringify(n)});`).join('')], alone);
    checkBins(pkg, alone);
  }
  if (!result.bases.includes('bspline') || !result.bases.includes('gaussian') || result.size !== 5) {
    throw new Error(`unexpected consumer output: ${output}`);
  }
  console.log(`pack-smoke: ${packages.map(({ pkg }) => `${pkg.name}@${pkg.version}`).join(', ')} installed from tarballs (together and each alone), imported and type-checked, each with a LICENSE and its commands' --help run: ${output}`);
  checkDocs(app);
} finally {
  rmSync(work, { recursive: true, force: true });
}
