// Runs a script with other builds of some kanjs packages, without touching this checkout's dist/ folders:
// `node --import ./tools/perf/lib/dist-override.mjs script.mjs` with KANJS_DIST_OVERRIDE=DIR, where DIR holds dists
// by package folder name (DIR/backend-wasm, DIR/kan-layers, …, each made by tools/perf/ab/build-dist-at.sh). Every
// import of `@kanjs/<name>` with a DIR/<name>/index.js loads that one; the rest resolves as from this checkout.
import { register } from 'node:module';

const dir = process.env.KANJS_DIST_OVERRIDE;
if (dir) register('./dist-override-hooks.mjs', import.meta.url, { data: { dir } });
