#!/usr/bin/env bash
# Builds compared on one GPU machine: the bench with other builds' dist/ swapped in ("other"), then this build
# ("this"), then (on cuda) this build with TF32 on ("tf32"), REPEATS times in a row (default 2). Results go to
# OUT_DIR/<other|this|tf32>-<N>.{json,md}; tools/perf/ab/compare-builds-table.mjs OUT_DIR tabulates them. OTHER is either one dist/ of this package, or a folder of
# dists by package folder name (OTHER/backend-cuda, OTHER/kan-layers, OTHER/bench, …), each swapped in for the
# package of that name. Make them with tools/perf/ab/build-dist-at.sh. BACKEND (default cuda) picks the bench backend;
# CASES and OPS (comma lists) narrow the bench.
#
#   bash tools/perf/ab/compare-builds.sh OTHER OUT_DIR [REPEATS]     (from the repository root)
set -euo pipefail
if (( $# < 2 )); then echo "usage: compare-builds.sh OTHER OUT_DIR [REPEATS]" >&2; exit 1; fi
other=$1 out=$2 repeats=${3:-2} backend=${BACKEND:-cuda}
declare -A swaps
if [[ -f $other/index.js ]]; then swaps[backend-cuda]=$other; else for d in "$other"/*/; do swaps[$(basename "$d")]=${d%/}; done; fi
mkdir -p "$out"
bench=(node packages/bench/dist/cli.js --preset full --backends "$backend" --layers kan-linear,fastkan --bases bspline,gaussian
  --cases "${CASES:-network-784-64-10-b64,network-784-64-10-b1024,layer-1024x1024-b4096}" --ops "${OPS:-forward,forward-backward,train-step}"
  --no-approx --no-torch --quiet --out-dir "$out")
swap_in() { for p in "${!swaps[@]}"; do mv "packages/$p/dist" "packages/$p/dist.this" && cp -r "${swaps[$p]}" "packages/$p/dist"; done; }
restore() { for p in "${!swaps[@]}"; do if [[ -d packages/$p/dist.this ]]; then rm -rf "packages/$p/dist"; mv "packages/$p/dist.this" "packages/$p/dist"; fi; done; }
trap restore EXIT
for n in $(seq 1 "$repeats"); do
  swap_in
  "${bench[@]}" --name "other-$n"
  restore
  "${bench[@]}" --name "this-$n"
  if [[ $backend == cuda ]]; then "${bench[@]}" --tf32 --name "tf32-$n"; fi
done
rm -f "$out"/*.svg
