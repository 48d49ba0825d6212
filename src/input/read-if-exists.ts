/** A file's text, or undefined when it does not exist (any other error is thrown). */
import { readFile } from 'node:fs/promises';

export async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
