// `--resume`: checks that a checkpoint's run is the one these flags describe, and reads back its epoch records.
import type { CheckpointState } from '../node/checkpoint.js';
import { counted, quote } from '../quote.js';
import { UsageError } from './args.js';
import type { EpochRecord } from './train-command.js';

/** The flag that sets each config field a resumed run must keep (epochs may grow; the backend may change). */
const FLAG_OF: Readonly<Record<string, string>> = {
  model: '--layer/--basis', layer: '--layer', basis: '--basis', basisOptions: '--basis-options', layers: '--hidden', conv: '--conv', dataset: '--dataset',
  trainExamples: '--train-size', testExamples: '--test-size', batchSize: '--batch-size', lr: '--lr', weightDecay: '--weight-decay',
  gamma: 'the learning-rate decay', seed: '--seed',
};
const RECORD_FIELDS = ['epoch', 'loss', 'accuracy', 'valLoss', 'valAccuracy', 'seconds', 'learningRate', 'tensors'] as const;

/** JSON with object keys sorted, so that `{"a":1,"b":2}` and `{"b":2,"a":1}` compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The epoch records of a resumed state, after checking that its config matches this run's (`config`, with
 * `epochs` the number to reach); a mismatch names the differing flag.
 */
export function resumedHistory(state: CheckpointState, config: Readonly<Record<string, unknown>>, folder: string): EpochRecord[] {
  const saved = state.config ?? {};
  for (const [key, flag] of Object.entries(FLAG_OF)) {
    if (canonical(saved[key]) !== canonical(config[key])) {
      throw new UsageError(`--resume: ${folder} was trained with ${flag} ${quote(saved[key] ?? null, 60)}, this run has ${quote(config[key] ?? null, 60)}; pass the same flags, or start over with --force and without --resume.`);
    }
  }
  if (state.epoch > Number(config['epochs'])) {
    throw new UsageError(`--resume: ${folder} has ${counted(state.epoch, 'epoch')} done, more than --epochs ${String(config['epochs'])}; ask for at least ${state.epoch}.`);
  }
  return state.history.map((entry, i) => {
    const record = entry as Record<string, unknown>; // an object: loadCheckpoint checked it
    const bad = RECORD_FIELDS.find((field) => typeof record[field] !== 'number' || !Number.isFinite(record[field]));
    if (bad !== undefined) throw new UsageError(`--resume: ${folder}: epoch record ${i} has ${bad} ${quote(record[bad] ?? null, 40)}; expected a finite number.`);
    if (record['epoch'] !== i + 1) throw new UsageError(`--resume: ${folder}: epoch record ${i} is numbered ${String(record['epoch'])}; expected ${i + 1}.`);
    return record as unknown as EpochRecord;
  });
}
