#!/usr/bin/env bash
# The fused kernels on one thread against two (issue 19): wasm_anchor.mjs's cases, kanjs only, with
# KANJS_ANCHOR_THREADS=1 and =2 alternating for ROUNDS rounds, each pinned to cores 0 and 1; then the fastest round
# of each, side by side, in OUT_DIR/kernel-threads.md (+ every round's JSON). Default OUT_DIR: benchmarks/cpu.
#   bash tools/perf/cpu/kernel-threads.sh [rounds] [OUT_DIR]      (after npm run build; on the GPU machine under
#   bash .carry/on-gpu.sh, next to torch-vs-wasm.sh)
set -euo pipefail
cd "$(dirname "$0")/../../.."
rounds=${1:-3}
out=${2:-benchmarks/cpu}
mkdir -p "$out/kernel-threads"
export KANJS_COMMIT=${KANJS_COMMIT:-$(git rev-parse HEAD 2>/dev/null || echo unknown)}
for round in $(seq 1 "$rounds"); do
  for threads in 1 2; do
    echo "round $round of $rounds: $threads kernel thread(s)" >&2
    KANJS_ANCHOR_THREADS=$threads OMP_NUM_THREADS=2 taskset -c 0,1 node tools/perf/cpu/wasm_anchor.mjs --out "$out/kernel-threads/$threads-round-$round.json"
  done
done
command="bash tools/perf/cpu/kernel-threads.sh $rounds"
[[ "$out" == benchmarks/cpu ]] || command="$command $out"
node tools/perf/cpu/kernel-threads-report.mjs "$out/kernel-threads" "$command" > "$out/kernel-threads.md"
