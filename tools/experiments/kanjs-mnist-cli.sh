# Sourced by the experiment scripts: kanjs_mnist_cli SCRIPT prints the built kanjs-mnist CLI to run ($KANJS_MNIST,
# else the package's or the demo's dist), or fails naming SCRIPT.
kanjs_mnist_cli() {
  local candidate
  for candidate in "${KANJS_MNIST:-}" packages/mnist/dist/cli/main.js apps/mnist-demo/dist/cli/main.js; do
    [[ -n "$candidate" && -f "$candidate" ]] && { echo "$candidate"; return 0; }
  done
  echo "$1: expected a built kanjs-mnist CLI (npm run build), found none; or set KANJS_MNIST" >&2
  return 1
}
