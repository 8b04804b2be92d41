#!/usr/bin/env bash
# Open question 5 of the FastKAN paper: does accuracy hold beyond MNIST? Trains, with the default recipe:
#   - mnist and fashion: the deeper [784, 256, 256, 10] FastKAN and KANLinear, and the conv front end (two 3×3
#     convolutions, 16 and 32 channels, 2×2 max-pooling) feeding FastKAN and KANLinear [800, 64, 10];
#   - cifar10: FastKAN and KANLinear [3072, 64, 10], the MLP baseline with the same parameter count as the FastKAN
#     (trained in the FastKAN's run, so its file holds both), and the conv front end feeding FastKAN [1152, 64, 10].
#
#   bash tools/experiments/beyond-mnist.sh OUT_DIR BACKEND "SEEDS" EPOCHS "DATASETS" [extra kanjs-mnist options]
#   FASHION_DATA=/tmp/fashion-idx JOBS=8 \
#     bash tools/experiments/beyond-mnist.sh benchmarks/experiments/beyond-mnist cuda "1 2" 20 "mnist fashion"
#   CIFAR_DATA=DIR bash tools/experiments/beyond-mnist.sh benchmarks/experiments/beyond-mnist wasm "1" 20 cifar10
#
# DATASETS is any of "mnist fashion cifar10"; extra options go to every run (e.g. --train-size 2000 for a check).
# FASHION_DATA is a folder of Fashion-MNIST's IDX files (made by tools/experiments/fashion-idx.mjs; without it the
# fashion-mnist package is read); CIFAR_DATA a folder of CIFAR-10's binary version (data_batch_1.bin …
# data_batch_5.bin, test_batch.bin), needed for cifar10.
# JOBS runs that many trainings side by side (default 1: one after another, for a small CPU machine).
# RUNS="conv-fastkan conv-kan-linear" keeps only the runs of those names (default: all of a data set's runs).
# Each run writes OUT_DIR/<dataset>/<run>-seed<seed>.{json,log}; tools/experiments/beyond-mnist-report.mjs turns
# them into OUT_DIR/README.md and a chart.
set -euo pipefail
(( $# >= 5 )) || { echo "usage: beyond-mnist.sh OUT_DIR BACKEND \"SEEDS\" EPOCHS \"DATASETS\" [extra kanjs-mnist options]" >&2; exit 1; }
out=$1 backend=$2 seeds=$3 epochs=$4 datasets=$5
shift 5
jobs_max=${JOBS:-1}
source "$(dirname "$0")/kanjs-mnist-cli.sh"
cli=$(kanjs_mnist_cli beyond-mnist.sh)

# The runs of a data set, one per line: a name, then its kanjs-mnist options.
runs_of() {
  case $1 in
    mnist|fashion) printf '%s\n' \
      'deep-fastkan --layer fastkan --hidden 256,256' \
      'deep-kan-linear --layer kan-linear --hidden 256,256' \
      'conv-fastkan --layer fastkan --conv' \
      'conv-kan-linear --layer kan-linear --conv' ;;
    cifar10) printf '%s\n' \
      'fastkan-mlp --layer fastkan --mlp' \
      'kan-linear --layer kan-linear' \
      'conv-fastkan --layer fastkan --conv' ;;
    *) echo "beyond-mnist.sh: DATASETS must list mnist, fashion or cifar10, got $1" >&2; exit 1 ;;
  esac
}
data_of() {
  case $1 in
    fashion) [[ -n "${FASHION_DATA:-}" ]] && echo "--data $FASHION_DATA" || true ;;
    cifar10) [[ -n "${CIFAR_DATA:-}" ]] || { echo "beyond-mnist.sh: cifar10 needs CIFAR_DATA=DIR, a folder of CIFAR-10's binary version" >&2; exit 1; }
             echo "--data $CIFAR_DATA" ;;
  esac
}

for dataset in $datasets; do runs_of "$dataset" >/dev/null; data_of "$dataset" >/dev/null; done
for dataset in $datasets; do
  mkdir -p "$out/$dataset"
  data=$(data_of "$dataset")
  while read -r name options; do
    [[ -z "${RUNS:-}" || " $RUNS " == *" $name "* ]] || continue
    for seed in $seeds; do
      while (( $(jobs -rp | wc -l) >= jobs_max )); do wait -n || true; done
      run="$name-seed$seed"
      # shellcheck disable=SC2086 # the options and --data DIR are words
      ( if node "$cli" $options --seed "$seed" --epochs "$epochs" --backend "$backend" --dataset "$dataset" $data --quiet --force \
          --checkpoint ".kanjs-mnist/beyond-mnist/$dataset/$run" --json "$out/$dataset/$run.json" "$@" >"$out/$dataset/$run.log" 2>&1
        then echo 0; else echo $?; fi >"$out/$dataset/$run.rc" ) &
    done
  done < <(runs_of "$dataset")
done
wait
status=0
for dataset in $datasets; do
  for rc in "$out/$dataset"/*.rc; do
    [[ -e "$rc" ]] || continue
    [[ "$(cat "$rc")" == 0 ]] || { echo "beyond-mnist.sh: ${rc%.rc}.log failed" >&2; status=1; }
    rm -f "$rc"
  done
  grep -h -E '^(conv-)?(fastkan|kan-linear|mlp)[a-z-]* epoch [0-9]+:' "$out/$dataset"/*.log | tail -n 20 || true
done
exit $status
