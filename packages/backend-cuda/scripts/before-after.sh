#!/usr/bin/env bash
# Before/after rounds on one GPU machine: the bench with other builds' dist/ swapped in ("before"), then this
# build ("after"), then (on cuda) this build with TF32 on ("tf32"), ROUNDS times in a row (default 2). Results go
# to OUT_DIR/<before|after|tf32>-<round>.{json,md}. OTHER is either one dist/ of this package, or a folder of
# dists by package folder name (OTHER/backend-cuda, OTHER/kan-layers, OTHER/bench, …), each swapped in for the
# package of that name. Make them with scripts/build-dist-at.sh. BACKEND (default cuda) picks the bench backend;
# CASES and OPS (comma lists) narrow the bench.
#
#   bash packages/backend-cuda/scripts/before-after.sh OTHER OUT_DIR [ROUNDS]     (from the repository root)
set -euo pipefail
if (( $# < 2 )); then echo "usage: before-after.sh OTHER OUT_DIR [ROUNDS]" >&2; exit 1; fi
other=$1 out=$2 rounds=${3:-2} backend=${BACKEND:-cuda}
declare -A swaps
if [[ -f $other/index.js ]]; then swaps[backend-cuda]=$other; else for d in "$other"/*/; do swaps[$(basename "$d")]=${d%/}; done; fi
mkdir -p "$out"
bench=(node packages/bench/dist/cli.js --preset full --backends "$backend" --layers kan-linear,fastkan --bases bspline,gaussian
  --cases "${CASES:-network-784-64-10-b64,network-784-64-10-b1024,layer-1024x1024-b4096}" --ops "${OPS:-forward,forward-backward,train-step}"
  --no-approx --no-torch --quiet --out-dir "$out")
swap_in() { for p in "${!swaps[@]}"; do mv "packages/$p/dist" "packages/$p/dist.this" && cp -r "${swaps[$p]}" "packages/$p/dist"; done; }
restore() { for p in "${!swaps[@]}"; do if [[ -d packages/$p/dist.this ]]; then rm -rf "packages/$p/dist"; mv "packages/$p/dist.this" "packages/$p/dist"; fi; done; }
trap restore EXIT
for round in $(seq 1 "$rounds"); do
  swap_in
  "${bench[@]}" --name "before-$round"
  restore
  "${bench[@]}" --name "after-$round"
  if [[ $backend == cuda ]]; then "${bench[@]}" --tf32 --name "tf32-$round"; fi
done
rm -f "$out"/*.svg
