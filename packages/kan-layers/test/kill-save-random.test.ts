// Crash safety of fileSystem(dir).save, at random times: a child process overwriting a saved model again and
// again is killed (SIGKILL) at a seeded random moment, 60 times. After every kill the folder must load as one
// complete version, and the next save leaves only model.json and its weights.
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rng } from '@kanjs/testing';
import { loadedVersion, runChild, savedFolder, useChild } from './kill-child.js';

useChild();

describe('killing a process at random times while it saves', () => {
  it('leaves a loadable version after each kill, and the next save cleans up', async () => {
    const dir = await savedFolder('random');
    const random = rng(7);
    const seen = new Set<number>();
    let kills = 0;
    for (let round = 0; round < 60; round++) {
      // Each save takes tens of milliseconds (two fsyncs of files, two of the folder).
      const { signal } = await runChild(dir, 1000, {}, Math.floor(random() * 200));
      if (signal === 'SIGKILL') kills++;
      seen.add(await loadedVersion(dir));
    }
    expect(kills).toBe(60);
    expect(seen.size).toBeGreaterThanOrEqual(2);
    await runChild(dir, 1, {});
    const left = fs.readdirSync(dir).sort();
    expect(left).toHaveLength(2);
    expect(left[0]).toBe('model.json');
    expect(left[1]).toMatch(/^weights-[0-9a-f]{16}\.bin$/);
    expect(await loadedVersion(dir)).toBe(1);
  });
});
