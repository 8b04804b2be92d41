#!/usr/bin/env node
// kanjs-mnist: the command-line entry. Errors print one line and exit 1; KANJS_DEBUG=1 shows the stack.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@kanjs/kan-layers';
import { registerInstalledBases } from '@kanjs/kan-layers/node';
import { USAGE, parseCommand } from './args.js';
import { basisNames } from '@kanjs/basis-core';
import { shortMessage } from '../quote.js';
import { predictCommand } from './predict-command.js';
import { trainCommand } from './train-command.js';

async function main(argv: readonly string[]): Promise<void> {
  // Every installed basis package (@kanjs/basis-*) can be picked with --basis, with no change here.
  await registerInstalledBases(dirname(fileURLToPath(import.meta.url)));
  const command = parseCommand(argv);
  if (command.name === 'help') {
    console.log(USAGE.replace('BASES', basisNames().join(', ')));
  } else if (command.name === 'train') {
    await trainCommand(command.options);
  } else {
    await predictCommand(command.options);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (process.env['KANJS_DEBUG'] === '1') console.error(error);
  else console.error(shortMessage(`kanjs-mnist: ${error instanceof Error ? error.message : String(error)}`));
  process.exit(1);
});
