#!/usr/bin/env bash
# Before/after rounds on one GPU machine: the bench with another build's dist/ swapped in ("before"), then this
# build ("after"), then this build with TF32 on ("tf32"), ROUNDS times in a row (default 2). Results go to
# OUT_DIR/<before|after|tf32>-<round>.{json,md}. Make the other build with scripts/build-dist-at.sh.
#
#   bash packages/backend-cuda/scripts/before-after.sh OTHER_DIST OUT_DIR [ROUNDS]     (from the repository root)
set -euo pipefail
if (( $# < 2 )); then echo "usage: before-after.sh OTHER_DIST OUT_DIR [ROUNDS]" >&2; exit 1; fi
other=$1 out=$2 rounds=${3:-2}
dist=packages/backend-cuda/dist
mkdir -p "$out"
bench=(node packages/bench/dist/cli.js --preset full --backends cuda --layers kan-linear,fastkan --bases bspline,gaussian
  --cases network-784-64-10-b64,network-784-64-10-b1024,layer-1024x1024-b4096 --ops forward,forward-backward,train-step
  --no-approx --no-torch --quiet --out-dir "$out")
restore() { if [[ -d $dist.this ]]; then rm -rf "$dist"; mv "$dist.this" "$dist"; fi; }
trap restore EXIT
for round in $(seq 1 "$rounds"); do
  mv "$dist" "$dist.this" && cp -r "$other" "$dist"
  "${bench[@]}" --name "before-$round"
  restore
  "${bench[@]}" --name "after-$round"
  "${bench[@]}" --tf32 --name "tf32-$round"
done
rm -f "$out"/*.svg
