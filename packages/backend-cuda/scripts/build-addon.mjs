// Builds the native addon with cmake-js when nvcc is found (PATH, $CUDA_HOME/bin, /usr/local/cuda/bin), into
// build/Release/kanjs_cuda.node. Without nvcc or cmake, or when the compile fails, it says why and exits 0: the
// package still installs (and the main job still runs), and useBackend('cuda') explains what is missing.
// `--require` makes each of those an error (exit 1). In CI, the package's tests fail if nvcc is there and the
// addon is not.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tried = [
  ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'nvcc')),
  ...(process.env.CUDA_HOME ? [join(process.env.CUDA_HOME, 'bin', 'nvcc')] : []),
  '/usr/local/cuda/bin/nvcc',
];
const nvcc = tried.find((path) => existsSync(path));
const required = process.argv.includes('--require');

/** Ends the build without an addon: an error with --require, else a note and success. */
function skip(reason) {
  const message = `@kanjs/backend-cuda: not building the CUDA addon: ${reason}.`;
  if (required) {
    console.error(message);
    process.exit(1);
  }
  console.log(`${message} The cuda backend stays unavailable; fix that and run \`npm run build:addon\` in this package to use it.`);
  process.exit(0);
}

if (nvcc === undefined) skip(`nvcc not found (looked in ${[...new Set(tried)].join(', ')})`);
if (spawnSync('cmake', ['--version'], { stdio: 'ignore' }).status !== 0) skip('cmake not found on the PATH (cmake-js needs it)');
const cmakeJs = join(dirname(require.resolve('cmake-js/package.json')), 'bin', 'cmake-js');
const args = [cmakeJs, 'compile', '--directory', root, '--out', join(root, 'build'), `--CDCMAKE_CUDA_COMPILER=${nvcc}`, `--CDCUDAToolkit_ROOT=${dirname(dirname(nvcc))}`];
const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root });
if (result.status !== 0) skip(`cmake-js failed (exit ${result.status ?? result.signal}; its output is above)`);
