#!/usr/bin/env bash
# Builds this package's dist/ as it was at another commit (TypeScript only; the addon is unchanged), for
# before/after comparisons in one process or one run: scripts/ab-fused.mjs and scripts/before-after.sh.
#
#   bash packages/backend-cuda/scripts/build-dist-at.sh COMMIT OUT_DIR     (from the repository root)
set -euo pipefail
if (( $# != 2 )); then echo "usage: build-dist-at.sh COMMIT OUT_DIR" >&2; exit 1; fi
commit=$1 out=$(realpath -m "$2")
pkg=packages/backend-cuda
src=$pkg/build/src-at-$commit # inside the package, so that its imports resolve to this checkout's node_modules
rm -rf "$src" "$out"
mkdir -p "$src"
git archive "$commit" "$pkg/src" | tar -x --strip-components=3 -C "$src"
cat > "$pkg/tsconfig.at.json" <<JSON
{
  "extends": "./tsconfig.lib.json",
  "compilerOptions": { "rootDir": "build/src-at-$commit", "outDir": "$out", "tsBuildInfoFile": null, "composite": false,
    "incremental": false, "declaration": false, "declarationMap": false, "sourceMap": false },
  "include": ["build/src-at-$commit/**/*.ts"],
  "references": []
}
JSON
trap 'rm -f "$pkg/tsconfig.at.json"; rm -rf "$src"' EXIT
npx tsc -p "$pkg/tsconfig.at.json"
echo "built $pkg/dist of $commit into $out"
