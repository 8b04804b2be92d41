#!/usr/bin/env bash
# kanjs on wasm, this checkout against an earlier commit, on 2 pinned cores (taskset -c 0,1), interleaved by
# process: each round runs tools/perf/cpu/wasm_anchor.mjs (the kanjs side of the PyTorch anchor, every case of
# tools/perf/cpu/cases.json) once with BEFORE's dists of backend-wasm, kan-layers and kernels (built by
# tools/perf/ab/build-dist-at.sh, loaded through tools/perf/lib/dist-override.mjs: this checkout's dist/ folders are
# not touched) and once with this checkout's, the first alternating. Then build-ab-report.mjs tabulates the
# medians and ratios into OUT (markdown; the rounds next to it as .json).
#
#   bash tools/perf/wasm/build-ab.sh BEFORE [ROUNDS] [OUT]      (from the repository root, after npm run build)
set -euo pipefail
cd "$(dirname "$0")/../../.."
if (( $# < 1 )); then echo "usage: build-ab.sh BEFORE [ROUNDS] [OUT]" >&2; exit 1; fi
before=$1 rounds=${2:-5} out=${3:-benchmarks/cpu/wasm-fastkan-ab.md}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for p in backend-wasm kan-layers kernels; do bash tools/perf/ab/build-dist-at.sh "$before" "$work/before/$p" "packages/$p" >&2; done
run() {
  echo "round $1 of $rounds: $2" >&2
  if [[ $2 == before ]]; then
    KANJS_DIST_OVERRIDE=$work/before OMP_NUM_THREADS=2 taskset -c 0,1 node --import ./tools/perf/lib/dist-override.mjs tools/perf/cpu/wasm_anchor.mjs --out "$work/round-$1-before.json"
  else
    OMP_NUM_THREADS=2 taskset -c 0,1 node tools/perf/cpu/wasm_anchor.mjs --out "$work/round-$1-after.json"
  fi
}
for round in $(seq 1 "$rounds"); do
  if (( round % 2 == 1 )); then run "$round" before; run "$round" after; else run "$round" after; run "$round" before; fi
done
node tools/perf/wasm/build-ab-report.mjs --rounds-dir "$work" --before "$(git rev-parse --short "$before")" --out "$out" --command "bash tools/perf/wasm/build-ab.sh $before $rounds${3:+ $3}"
