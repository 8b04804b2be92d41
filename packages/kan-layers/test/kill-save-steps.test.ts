// Crash safety of fileSystem(dir).save, by injection: a child process overwriting a saved model is killed just
// before each of its file operations in turn (KANJS_KILL_AT_FILE_OP=N). After every kill the folder must load
// as one complete version, the old or the new, never a mix and never an error.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadedVersion, runChild, savedFolder, useChild } from './kill-child.js';

useChild();

describe('killing a process at each file operation of its saves', () => {
  it('leaves a loadable old or new version at every file operation of three overwriting saves', async () => {
    const dir = await savedFolder(path.join('steps', 'model'));
    let kills = 0;
    const seen = new Set<number>();
    for (let step = 1; ; step++) {
      const { signal } = await runChild(dir, 3, { KANJS_KILL_AT_FILE_OP: String(step) });
      if (signal === null) break; // the child got through all three saves: every operation was a kill point
      expect(signal).toBe('SIGKILL');
      kills++;
      seen.add(await loadedVersion(dir));
    }
    expect(kills).toBeGreaterThanOrEqual(40);
    expect([...seen].sort()).toEqual([0, 1, 2]);
  });
});
