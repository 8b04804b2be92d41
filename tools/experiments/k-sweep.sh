#!/usr/bin/env bash
# Open question 2 of the FastKAN paper: how does the number of basis functions per input, K, trade accuracy
# against speed? Trains [784, 64, 10] with the default recipe (20 epochs) for every K of the sweep, FastKAN with
# K Gaussian centres and KANLinear with cubic B-splines on G = K − 3 intervals (K = G + 3 functions), one process
# per run, side by side (for a GPU machine; on a small CPU machine pass fewer seeds and K).
#
#   bash tools/experiments/k-sweep.sh OUT_DIR BACKEND DATASET "SEEDS" "KS" [--data DIR]
#   bash tools/experiments/k-sweep.sh benchmarks/experiments/k-sweep/mnist cuda mnist "1 2" "4 8 16 32"
#
# Each run writes OUT_DIR/<layer>-<basis>-k<K>-seed<seed>.{json,log}; tools/experiments/k-sweep-report.mjs turns
# a folder of them into a table and charts.
set -euo pipefail
if (( $# < 5 )); then
  echo "usage: k-sweep.sh OUT_DIR BACKEND DATASET \"SEEDS\" \"KS\" [extra kanjs-mnist options]" >&2
  exit 1
fi
out=$1 backend=$2 dataset=$3 seeds=$4 ks=$5
shift 5
source "$(dirname "$0")/kanjs-mnist-cli.sh"
cli=$(kanjs_mnist_cli k-sweep.sh)
mkdir -p "$out"
pids=()
for k in $ks; do
  (( k >= 4 )) || { echo "k-sweep.sh: K must be at least 4 (cubic B-splines need G = K − 3 ≥ 1), got $k" >&2; exit 1; }
  for seed in $seeds; do
    for spec in "fastkan gaussian {\"numCenters\":$k}" "kan-linear bspline {\"gridSize\":$((k - 3))}"; do
      read -r layer basis options <<<"$spec"
      name="$layer-$basis-k$k-seed$seed"
      node "$cli" --layer "$layer" --basis "$basis" --basis-options "$options" --seed "$seed" --epochs 20 \
        --backend "$backend" --dataset "$dataset" --quiet --force --checkpoint ".kanjs-mnist/k-sweep/$dataset/$name" \
        --json "$out/$name.json" "$@" >"$out/$name.log" 2>&1 &
      pids+=($!)
    done
  done
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
grep -h -E '^(fastkan|kan-linear)-' "$out"/*.log || true
exit $status
