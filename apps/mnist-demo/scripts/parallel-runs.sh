#!/usr/bin/env bash
# Runs several 20-epoch kanjs-mnist trainings side by side on one machine (one process each), for a GPU machine
# where one run leaves the GPU mostly idle. Each spec is LAYER:BASIS:SEED, or LAYER:BASIS:SEED:OPTIONS with the
# basis's options as JSON (--basis-options); results go to DIR as <layer>-<basis>-seed<seed>[-<options>].{log,json},
# checkpoints to .kanjs-mnist/checkpoints/<the same name> (git-ignored).
#
#   bash apps/mnist-demo/scripts/parallel-runs.sh DIR BACKEND EPOCHS SPEC...
#   bash apps/mnist-demo/scripts/parallel-runs.sh benchmarks/mnist/bases webgpu 20 kan-linear:chebyshev:1 kan-linear:fourier:1
#   bash apps/mnist-demo/scripts/parallel-runs.sh benchmarks/mnist/bases/mexican-hat-scale cuda 20 'kan-linear:mexican-hat:1:{"scale":1}'
set -euo pipefail
if (( $# < 4 )); then
  echo "usage: parallel-runs.sh DIR BACKEND EPOCHS LAYER:BASIS:SEED..." >&2
  exit 1
fi
dir=$1 backend=$2 epochs=$3
shift 3
mkdir -p "$dir"
cli="$(dirname "$0")/../../../packages/mnist/dist/cli/main.js"
pids=()
for spec in "$@"; do
  IFS=: read -r layer basis seed options <<<"$spec"
  name="$layer-$basis-seed$seed"
  extra=()
  if [[ -n "$options" ]]; then
    name="$name-$(tr -c 'A-Za-z0-9.\n-' '_' <<<"$options" | tr -s '_' | sed 's/^_//; s/_$//')"
    extra=(--basis-options "$options")
  fi
  node "$cli" --layer "$layer" --basis "$basis" --seed "$seed" --epochs "$epochs" --backend "$backend" --quiet "${extra[@]}" \
    --checkpoint ".kanjs-mnist/checkpoints/$name" --json "$dir/$name.json" >"$dir/$name.log" 2>&1 &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
for f in "$dir"/*.log; do echo "== $f"; tail -n 4 "$f"; done
exit $status
