/** Paths named on the command line, checked before use: a missing file, or a folder where a file is meant, is a usage error. */
import { statSync } from 'node:fs';
import { UsageError } from './usage-error.ts';

function kindOf(path: string): 'file' | 'folder' | 'other' | 'missing' {
  try {
    const s = statSync(path);
    return s.isFile() ? 'file' : s.isDirectory() ? 'folder' : 'other';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw e;
  }
}

/** Throws UsageError unless `path` (given with `option`, e.g. "--cv"; none for an argument) is a file. */
export function requireFile(option: string | undefined, path: string): void {
  const kind = kindOf(path);
  const named = option ? `${option} ${path}` : path;
  if (kind === 'missing') throw new UsageError(`${named}: no such file`);
  if (kind === 'folder') throw new UsageError(`${named}: is a folder, not a file`);
  if (kind === 'other') throw new UsageError(`${named}: not a regular file`);
}

/** Throws UsageError when `path` exists and is not a folder (a missing folder is created later). */
export function requireFolderOrNothing(option: string, path: string): void {
  const kind = kindOf(path);
  if (kind === 'file' || kind === 'other') throw new UsageError(`${option} ${path}: is a file, not a folder`);
}
