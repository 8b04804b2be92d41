// The CLI's file writes: durable (written, fsynced, renamed into place), never over a file without consent, and
// keeping the mode of a file they replace.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Thrown when an output is in the way of a write that was not allowed to replace it. */
export class OutputExistsError extends Error {
  override readonly name = 'OutputExistsError';
}

/** Refuses `path` when something is there and `force` is false; `flag` names the option that chose the path. */
export async function refuseExisting(path: string, flag: string, force: boolean): Promise<void> {
  if (force) return;
  const found = await stat(path).catch(() => null);
  if (found !== null) throw new OutputExistsError(`${flag} ${path}: a ${found.isDirectory() ? 'folder' : 'file'} is already there; pass --force to replace it, or pick another path.`);
}

/** fsyncs a folder, so that the names created or renamed in it survive a power cut. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a new file (failing if one is there) and fsyncs it. */
export async function writeNewFile(path: string, data: string | Uint8Array, mode = 0o666): Promise<void> {
  const handle = await open(path, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `path` atomically: a temporary file beside it, written and fsynced, then renamed over it. A file that
 * was there keeps its mode (a 0600 file stays 0600).
 */
export async function replaceFile(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const previous = await stat(path).catch(() => null);
  if (previous?.isDirectory()) throw new OutputExistsError(`${path} is a folder; expected a file path to write.`);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', previous === null ? 0o666 : previous.mode & 0o7777);
    try {
      if (previous !== null) await handle.chmod(previous.mode & 0o7777); // open's mode goes through the umask
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDir(dirname(path));
}
