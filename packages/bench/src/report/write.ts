// Writes a result to disk: JSON, markdown and the SVG charts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApproxResult } from '../approx.js';
import type { BenchResult } from '../types.js';
import { renderApproxChart, renderCharts } from './charts.js';
import { approxMarkdown, renderMarkdown } from './markdown.js';

/** Where results go by default: the repository's benchmarks/ folder; ./kanjs-bench-results when installed from npm. */
export function defaultResultsDir(): string {
  const own = fileURLToPath(new URL('../../../../benchmarks', import.meta.url));
  return own.split(sep).includes('node_modules') ? resolve('kanjs-bench-results') : own;
}

export interface OutputTargets {
  /** The JSON file. */
  readonly json?: string;
  /** The markdown file. */
  readonly markdown?: string;
  /** A folder for `<name>.json`, `<name>.md` and `<name>-*.svg`. */
  readonly outDir?: string;
  /** The file name stem in outDir. */
  readonly name: string;
}

function write(path: string, text: string, written: string[]): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, text);
  written.push(path);
}

/** Chart links relative to the markdown file. */
function links(markdownPath: string, outDir: string, charts: readonly string[]): string[] {
  return charts.map((c) => relative(dirname(resolve(markdownPath)), join(resolve(outDir), c)).split(sep).join('/'));
}

/** Writes what the targets ask for; returns the paths written. */
export function writeResult(result: BenchResult, targets: OutputTargets): string[] {
  const written: string[] = [];
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const charts = targets.outDir === undefined ? {} : renderCharts(result, targets.name);
  if (targets.outDir !== undefined) {
    for (const [file, svg] of Object.entries(charts)) write(join(targets.outDir, file), svg, written);
    write(join(targets.outDir, `${targets.name}.json`), json, written);
    const md = join(targets.outDir, `${targets.name}.md`);
    write(md, renderMarkdown(result, links(md, targets.outDir, Object.keys(charts))), written);
  }
  if (targets.json !== undefined) write(targets.json, json, written);
  if (targets.markdown !== undefined) {
    const chartLinks = targets.outDir === undefined ? [] : links(targets.markdown, targets.outDir, Object.keys(charts));
    write(targets.markdown, renderMarkdown(result, chartLinks), written);
  }
  return written;
}

/** Writes the approximation experiment alone: JSON, markdown and its chart. */
export function writeApprox(approx: ApproxResult, targets: OutputTargets): string[] {
  const written: string[] = [];
  const json = `${JSON.stringify({ approx }, null, 2)}\n`;
  const svg = renderApproxChart(approx);
  const header = '# kanjs-bench: approximation experiment\n\n';
  if (targets.outDir !== undefined) {
    const chart = join(targets.outDir, `${targets.name}.svg`);
    write(chart, svg, written);
    write(join(targets.outDir, `${targets.name}.json`), json, written);
    write(join(targets.outDir, `${targets.name}.md`), header + approxMarkdown(approx, `${targets.name}.svg`), written);
  }
  if (targets.json !== undefined) write(targets.json, json, written);
  if (targets.markdown !== undefined) {
    const chart = targets.outDir === undefined ? undefined : links(targets.markdown, targets.outDir, [`${targets.name}.svg`])[0];
    write(targets.markdown, header + approxMarkdown(approx, chart), written);
  }
  return written;
}
