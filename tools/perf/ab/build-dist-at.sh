#!/usr/bin/env bash
# Builds a package's dist/ as it was at another commit (TypeScript only; the CUDA addon is unchanged), to compare
# builds in one process or one run: tools/perf/cuda/ab-fused.mjs and tools/perf/ab/compare-builds.sh. A package
# with scripts/build-wasm.mjs (backend-wasm) gets its wasm module built from that commit's assembly/ too.
# PACKAGE is a package folder (default packages/backend-cuda).
#
#   bash tools/perf/ab/build-dist-at.sh COMMIT OUT_DIR [PACKAGE]     (from the repository root)
set -euo pipefail
if (( $# < 2 || $# > 3 )); then echo "usage: build-dist-at.sh COMMIT OUT_DIR [PACKAGE]" >&2; exit 1; fi
commit=$1 out=$(realpath -m "$2") pkg=${3:-packages/backend-cuda}
src=$pkg/build/src-at-$commit # inside the package, so that its imports resolve to this checkout's node_modules
rm -rf "$src" "$out"
mkdir -p "$src"
git archive "$commit" "$pkg/src" | tar -x --strip-components=3 -C "$src"
wasm=$pkg/build/wasm-at-$commit
if git cat-file -e "$commit:$pkg/scripts/build-wasm.mjs" 2>/dev/null; then
  rm -rf "$wasm" && mkdir -p "$wasm"
  git archive "$commit" "$pkg/assembly" "$pkg/scripts" | tar -x --strip-components=2 -C "$wasm"
  (cd "$wasm" && node scripts/build-wasm.mjs >/dev/null)
  mkdir -p "$src/wasm" && cp "$wasm/src/wasm/module-bytes.ts" "$src/wasm/module-bytes.ts"
fi
cat > "$pkg/tsconfig.at.json" <<JSON
{
  "extends": "./tsconfig.lib.json",
  "compilerOptions": { "rootDir": "build/src-at-$commit", "outDir": "$out", "tsBuildInfoFile": null, "composite": false,
    "incremental": false, "declaration": false, "declarationMap": false, "sourceMap": false },
  "include": ["build/src-at-$commit/**/*.ts"],
  "references": []
}
JSON
trap 'rm -f "$pkg/tsconfig.at.json"; rm -rf "$pkg/build/src-at-$commit" "$wasm"; rmdir "$pkg/build" 2>/dev/null || true' EXIT
npx tsc -p "$pkg/tsconfig.at.json"
echo "built $pkg/dist of $commit into $out"
