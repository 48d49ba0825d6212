/**
 * Writing a local file so that readers see the old bytes or the new ones,
 * never a part: the bytes go to a temporary file beside the target (same
 * folder, so the same file system), are flushed, then renamed over it. When
 * anything fails (a full disk, say) the temporary file is removed and the
 * target is untouched.
 */
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/** The temporary name used beside `target` (the folder store skips such names when listing). */
export function temporaryPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${++counter}`);
}

export const isTemporaryName = (name: string) => /^\..*\.tmp-\d+-\d+$/.test(name);

/** Writes `bytes` to a new temporary file beside `target` and returns its path (removed again on failure). */
export async function writeTemporary(target: string, bytes: Uint8Array | string): Promise<string> {
  const tmp = temporaryPathFor(target);
  let handle;
  try {
    handle = await open(tmp, 'wx', 0o644);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    return tmp;
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

export async function writeFileAtomic(target: string, bytes: Uint8Array | string): Promise<void> {
  const tmp = await writeTemporary(target, bytes);
  try {
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
