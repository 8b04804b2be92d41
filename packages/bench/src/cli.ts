#!/usr/bin/env node
// kanjs-bench: the command-line entry. It parses flags, shows a progress bar on stderr, calls runBench and
// writes the files. Errors print one line and exit 1; KANJS_DEBUG=1 shows the stack.
import cliProgress from 'cli-progress';
import { runApprox } from './approx.js';
import { USAGE, parseCommand } from './args.js';
import { formatMs, formatRatio } from './report/format.js';
import { defaultResultsDir, writeApprox, writeResult } from './report/write.js';
import { runBench, type ProgressEvent } from './run.js';
import type { BenchResult } from './types.js';

/** A progress bar on stderr that can print lines above itself. */
function progressBar(quiet: boolean): { update(event: ProgressEvent): void; log(line: string): void; stop(): void } {
  if (quiet) return { update: () => undefined, log: (line) => process.stderr.write(`${line}\n`), stop: () => undefined };
  const multi = new cliProgress.MultiBar(
    {
      format: 'kanjs-bench |{bar}| {percentage}% | {value}/{total} steps | eta {eta_formatted} | {label}',
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      stream: process.stderr,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(event) {
      if (bar === undefined) bar = multi.create(event.total, event.done, { label: event.label });
      bar.setTotal(event.total);
      bar.update(event.done, { label: event.label });
    },
    log(line) {
      if (bar === undefined) process.stderr.write(`${line}\n`);
      else multi.log(`${line}\n`);
    },
    stop() {
      multi.stop();
    },
  };
}

/** The paper's claim in a few lines for the terminal. */
function summary(result: BenchResult): string {
  const rows = result.ratios.filter((r) => r.kind === 'paper' && r.op === 'forward');
  if (rows.length === 0) return 'No forward measurements of both efficient-KAN (kan-linear, bspline) and FastKAN (fastkan, gaussian).';
  return [
    'efficient-KAN / FastKAN forward time (the FastKAN paper reports 3.33×):',
    ...rows.map((r) => `  ${r.backend.padEnd(12)} ${r.caseId.padEnd(26)} ${formatRatio(r.ratio).padStart(7)}  (${formatMs(r.contenderMs)} ms / ${formatMs(r.baselineMs)} ms)`),
  ].join('\n');
}

async function main(): Promise<void> {
  const command = parseCommand(process.argv.slice(2), defaultResultsDir());
  if (command.name === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (command.name === 'approx') {
    const written = writeApprox(runApprox(), command.outputs);
    for (const file of written) process.stdout.write(`wrote ${file}\n`);
    return;
  }
  const bar = progressBar(command.quiet);
  let result: BenchResult;
  try {
    result = await runBench({ ...command.options, onProgress: (event) => bar.update(event), log: (line) => bar.log(line) });
  } finally {
    bar.stop();
  }
  process.stdout.write(`${summary(result)}\n`);
  if (result.skipped.length > 0) process.stdout.write(`${result.skipped.length} combinations skipped (reasons in the JSON and markdown).\n`);
  for (const file of writeResult(result, command.outputs)) process.stdout.write(`wrote ${file}\n`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`kanjs-bench: ${process.env['KANJS_DEBUG'] ? (error.stack ?? error.message) : error.message}\n`);
    process.exit(1);
  },
);
