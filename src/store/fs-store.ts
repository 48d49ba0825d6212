/**
 * Store on a local folder: key "a/b.json" is the file <root>/a/b.json. Nothing
 * is read or written through a symbolic link inside the folder (a linked
 * reports/<profile> would otherwise receive writes outside the store): such a
 * path is refused with StoreLinkError. The folder itself may be a link.
 */
import { createHash, randomUUID } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, realpath, rename, link, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import { isTemporaryName, temporaryPathFor, writeFileAtomic, writeTemporary } from './atomic-file.ts';
import { assertValidKey, PreconditionFailedError, toBytes, type DeleteOptions, type PutOptions, type PutResult, type Store, type StoredObject } from './store.ts';

export function etagOf(bytes: Uint8Array): string {
  return `"${createHash('md5').update(bytes).digest('hex')}"`;
}

const isMissing = (e: unknown) => ['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '');

/** A path inside the store folder is a symbolic link: refused, whichever way it points. */
export class StoreLinkError extends Error {
  constructor(readonly path: string) {
    super(`${path} is a symbolic link inside the store folder; profile-sync neither reads nor writes through links there (replace it with a real folder or file)`);
    this.name = 'StoreLinkError';
  }
}

export class FsStore implements Store {
  readonly description: string;
  /** The folder with its own links resolved (it may be a link), once it exists. */
  private resolvedRoot: string | undefined;

  constructor(private readonly root: string) {
    // Like an S3 store's "s3://bucket/prefix/": a key appended to it is the object's location.
    this.description = root.endsWith('/') ? root : `${root}/`;
  }

  private path(key: string): string {
    assertValidKey(key);
    return join(this.root, ...key.split('/'));
  }

  /** The key's path, after checking that no existing part of it below the root is a symbolic link. */
  private async realPath(key: string): Promise<string> {
    const target = this.path(key);
    const parts = key.split('/');
    // The deepest existing part, its links resolved (realpath), must be the same path under the resolved root: then
    // no part up to it is a link, and the first missing part must not be a dangling one. The common cases cost one
    // call (the key exists), or three (a new key in an existing folder). A link somewhere is named by the walk below.
    try {
      this.resolvedRoot ??= await realpath(this.root);
    } catch (e) {
      if (!isMissing(e)) throw e;
      return target; // no folder yet: nothing below it exists
    }
    for (let n = parts.length; n >= 1; n--) {
      const at = join(this.root, ...parts.slice(0, n));
      let resolved: string;
      try {
        resolved = await realpath(at);
      } catch (e) {
        if (isMissing(e)) continue;
        if ((e as NodeJS.ErrnoException).code === 'ELOOP') break;
        throw e;
      }
      if (resolved !== join(this.resolvedRoot, ...parts.slice(0, n))) break;
      if (n < parts.length) await this.refuseLink(join(at, parts[n]!));
      return target;
    }
    let at = this.root;
    for (const part of parts) {
      at = join(at, part);
      if (!(await this.refuseLink(at))) break; // the rest does not exist yet
    }
    return target;
  }

  /** Whether `path` exists; StoreLinkError when it is a symbolic link (pointing anywhere, or nowhere). */
  private async refuseLink(path: string): Promise<boolean> {
    try {
      if ((await lstat(path)).isSymbolicLink()) throw new StoreLinkError(path);
      return true;
    } catch (e) {
      if (isMissing(e)) return false;
      throw e;
    }
  }

  async get(key: string): Promise<StoredObject | undefined> {
    try {
      const path = await this.realPath(key);
      const body = new Uint8Array(await readFile(path));
      const { mtime } = await stat(path);
      return { key, body, etag: etagOf(body), lastModified: mtime };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions): Promise<PutResult> {
    const target = await this.realPath(key);
    try {
      return await this.write(key, target, toBytes(body), options);
    } catch (e) {
      // A failed write on an open file names no path: name the one meant.
      const err = e as NodeJS.ErrnoException;
      if (typeof err.code === 'string' && err.path === undefined) err.path = target;
      throw e;
    }
  }

  private async write(key: string, target: string, bytes: Uint8Array, options: PutOptions): Promise<PutResult> {
    await mkdir(dirname(target), { recursive: true });
    if (options.ifMatch !== undefined) {
      const ifMatch = options.ifMatch;
      // Compare-then-replace under an exclusive lock file, so that two writers holding the
      // same ETag (two runs taking one lease) cannot both win, as with S3's atomic If-Match.
      return withKeyLock(target, async () => {
        const current = await this.get(key);
        if (!current || current.etag !== ifMatch) throw new PreconditionFailedError(key, `If-Match ${ifMatch}`);
        await writeFileAtomic(target, bytes);
        return { etag: etagOf(bytes) };
      });
    }
    // Write beside the target, then move into place: readers never see half a file,
    // and a failed write (a full disk) leaves no temporary file behind.
    const tmp = await writeTemporary(target, bytes);
    try {
      if (options.ifNoneMatch === '*') {
        try {
          await link(tmp, target); // fails with EEXIST if another writer got there first
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new PreconditionFailedError(key, 'If-None-Match *');
          throw e;
        }
      } else {
        await rename(tmp, target);
      }
    } finally {
      await unlink(tmp).catch(() => undefined); // after rename: already gone
    }
    return { etag: etagOf(bytes) };
  }

  async delete(key: string, options: DeleteOptions = {}): Promise<void> {
    const target = await this.realPath(key);
    const remove = async () => {
      if (options.ifMatch !== undefined) {
        const current = await this.get(key);
        if (!current || current.etag !== options.ifMatch) throw new PreconditionFailedError(key, `If-Match ${options.ifMatch}`);
      }
      try {
        await unlink(target);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        if (options.ifMatch !== undefined) throw new PreconditionFailedError(key, `If-Match ${options.ifMatch}`);
      }
    };
    // A conditional delete compares and removes under the same lock as a conditional put.
    if (options.ifMatch === undefined) return remove();
    await mkdir(dirname(target), { recursive: true });
    return withKeyLock(target, remove);
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw e;
      }
      for (const entry of entries) {
        const full = join(dir, entry.name);
        if (entry.isSymbolicLink()) throw new StoreLinkError(full);
        if (entry.isDirectory()) await walk(full);
        else if (!isTemporaryName(entry.name)) keys.push(relative(this.root, full).split(sep).join('/'));
      }
    };
    // Walk only the folder the prefix names (e.g. "raw/p/run-1/" walks <root>/raw/p/run-1).
    const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    await walk(folder === '' ? this.root : await this.realPath(folder));
    return keys.filter((k) => k.startsWith(prefix)).sort();
  }
}

/** A lock file's name has the temporary-file shape, so listings skip it. */
const lockPathFor = (target: string) => join(dirname(target), `.${basename(target)}.tmp-0-0`);
/** Held (briefly) by whoever removes a lock its writer left behind: one remover at a time. */
const removerPathFor = (target: string) => join(dirname(target), `.${basename(target)}.tmp-0-1`);
/** Looks at a held lock this many times (2 ms apart, at least) before giving up. */
const LOCK_TRIES = 2000;

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code;

/**
 * Whether the writer named in a lock file (host, pid, token) is gone: a process
 * of this machine that no longer exists. Another machine's writer (a shared
 * folder), or a file that names none, is never judged gone; nor is a pid that
 * another process has taken since: those locks are waited for until the wait
 * gives up, naming the file to remove.
 */
function writerIsGone(holder: string): boolean {
  const [host, pid] = holder.split(' ');
  if (host !== hostname() || pid === undefined || !/^[1-9]\d*$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (e) {
    return errno(e) === 'ESRCH';
  }
}

const readLock = (path: string) => readFile(path, 'utf8').catch((e: unknown) => (errno(e) === 'ENOENT' ? undefined : Promise.reject(e)));

/**
 * Removes the lock `seen` names if it is still that one (a lock a writer that
 * is gone left behind), holding the remover's file meanwhile: two writers that
 * both found the dead writer's lock cannot remove each other's fresh one.
 * False when another remover is at it.
 */
async function removeLeftLock(lock: string, remover: string, mine: string, seen: string): Promise<boolean> {
  try {
    await link(mine, remover);
  } catch (e) {
    if (errno(e) === 'EEXIST') return false;
    throw e;
  }
  try {
    if ((await readLock(lock)) === seen) await unlink(lock);
    return true;
  } finally {
    await unlink(remover).catch(() => undefined);
  }
}

/**
 * Runs fn holding the key's lock file, created with the writer's host, pid and a
 * token (a hard link to a file already written, so it never has half a name). A
 * held lock is waited for, whatever its age: it is taken over only when its
 * writer's process is gone (not by the wall clock: a writer that stalls inside
 * would otherwise find another one in with it, and both would win one ETag).
 */
async function withKeyLock<T>(target: string, fn: () => Promise<T>): Promise<T> {
  const lock = lockPathFor(target);
  const mine = temporaryPathFor(target);
  await writeFile(mine, `${hostname()} ${process.pid} ${randomUUID()}\n`, { flag: 'wx' });
  try {
    for (let tries = 0; ; tries++) {
      try {
        await link(mine, lock);
        break;
      } catch (e) {
        if (errno(e) !== 'EEXIST') throw e;
      }
      const holder = await readLock(lock);
      if (holder === undefined) continue; // given back meanwhile
      if (writerIsGone(holder) && (await removeLeftLock(lock, removerPathFor(target), mine, holder))) continue;
      if (tries >= LOCK_TRIES) throw new Error(`${target} is locked by another writer (${lock}: ${holder.trim() || 'no writer named'}); if that writer is gone, remove the file`);
      await new Promise((r) => setTimeout(r, 2));
    }
  } finally {
    await unlink(mine).catch(() => undefined); // the lock, if taken, is a second name of it
  }
  try {
    return await fn();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}
