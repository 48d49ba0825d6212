/** A file's text, or undefined when it does not exist (any other error is thrown). */
import { readFile } from 'node:fs/promises';
import { decodeUtf8File } from './decode-text.ts';

export async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** A file a person writes (cv.json, config.json, decisions.json): strictly UTF-8 (DocumentError where it is not). */
export async function readUtf8File(file: string): Promise<string> {
  return decodeUtf8File(new Uint8Array(await readFile(file)), file);
}

/** readUtf8File, or undefined when the file does not exist. */
export async function readUtf8FileIfExists(file: string): Promise<string | undefined> {
  try {
    return await readUtf8File(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
