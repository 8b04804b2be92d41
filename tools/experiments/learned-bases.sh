#!/usr/bin/env bash
# Open question 3 of the FastKAN paper: do fixed centres limit the model? Trains [784, 64, 10] with the default
# recipe (AdamW lr 1e-3, weight decay 1e-4, lr × 0.8 per epoch, batch 64) for each seed, side by side (one process
# per run, for a GPU machine):
#   - FastKAN with fixed Gaussian centres (fast-kan's model);
#   - FastKAN with learned Gaussian centres and widths per input (`{"learnable":true}`: a classic RBF network);
#   - KANLinear with KAT's group-rational basis, P and Q learned per group of 8 inputs (`{"learnable":true,"groups":8}`);
#   - FastKAN (LayerNorm in front) with the same group-rational basis.
#
#   bash tools/experiments/learned-bases.sh OUT_DIR BACKEND EPOCHS "SEEDS"
#   bash tools/experiments/learned-bases.sh benchmarks/experiments/learned-bases cuda 20 "1 2 3 4 5"
#
# Each run writes OUT_DIR/<layer>-<basis>-seed<seed>[-<options>].{json,log}; tools/experiments/learned-bases-report.mjs
# turns the folder into a table and charts.
set -euo pipefail
if (( $# < 4 )); then
  echo "usage: learned-bases.sh OUT_DIR BACKEND EPOCHS \"SEEDS\"" >&2
  exit 1
fi
out=$1 backend=$2 epochs=$3 seeds=$4
specs=()
for seed in $seeds; do
  specs+=("fastkan:gaussian:$seed" "fastkan:gaussian:$seed:{\"learnable\":true}"
          "kan-linear:rational:$seed:{\"learnable\":true,\"groups\":8}" "fastkan:rational:$seed:{\"learnable\":true,\"groups\":8}")
done
exec bash "$(dirname "$0")/../../apps/mnist-demo/scripts/parallel-runs.sh" "$out" "$backend" "$epochs" "${specs[@]}"
