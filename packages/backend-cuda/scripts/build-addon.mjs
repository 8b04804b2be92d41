// Builds the native addon with cmake-js when nvcc is found (PATH, $CUDA_HOME/bin, /usr/local/cuda/bin), into
// build/Release/kanjs_cuda.node. Without nvcc it prints why it skipped and exits 0: the package still installs,
// and useBackend('cuda') explains what is missing. `--require` makes a missing nvcc an error (CI).
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
if (nvcc === undefined) {
  const message = `@kanjs/backend-cuda: not building the CUDA addon: nvcc not found (looked in ${[...new Set(tried)].join(', ')}).`;
  if (process.argv.includes('--require')) {
    console.error(message);
    process.exit(1);
  }
  console.log(`${message} Install the CUDA toolkit and run \`npm run build:addon\` in this package to use the cuda backend.`);
  process.exit(0);
}
const cmakeJs = join(dirname(require.resolve('cmake-js/package.json')), 'bin', 'cmake-js');
const args = [cmakeJs, 'compile', '--directory', root, '--out', join(root, 'build'), `--CDCMAKE_CUDA_COMPILER=${nvcc}`, `--CDCUDAToolkit_ROOT=${dirname(dirname(nvcc))}`];
const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
