/**
 * Store on a local folder: key "a/b.json" is the file <root>/a/b.json. Nothing
 * is read or written through a symbolic link inside the folder (a linked
 * reports/<profile> would otherwise receive writes outside the store): such a
 * path is refused with StoreLinkError. The folder itself may be a link.
 */
import { createHash } from 'node:crypto';
import { lstat, mkdir, open, readdir, readFile, rename, link, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { isTemporaryName, writeFileAtomic, writeTemporary } from './atomic-file.ts';
import { assertValidKey, PreconditionFailedError, toBytes, type DeleteOptions, type PutOptions, type PutResult, type Store, type StoredObject } from './store.ts';

export function etagOf(bytes: Uint8Array): string {
  return `"${createHash('md5').update(bytes).digest('hex')}"`;
}

/** A path inside the store folder is a symbolic link: refused, whichever way it points. */
export class StoreLinkError extends Error {
  constructor(readonly path: string) {
    super(`${path} is a symbolic link inside the store folder; profile-sync neither reads nor writes through links there (replace it with a real folder or file)`);
    this.name = 'StoreLinkError';
  }
}

export class FsStore implements Store {
  readonly description: string;

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
    let at = this.root;
    for (const part of key.split('/')) {
      at = join(at, part);
      let isLink: boolean;
      try {
        isLink = (await lstat(at)).isSymbolicLink();
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') break; // the rest does not exist yet
        throw e;
      }
      if (isLink) throw new StoreLinkError(at);
    }
    return target;
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
/** A lock older than this was left by a crashed writer. */
const STALE_LOCK_MS = 30_000;

async function withKeyLock<T>(target: string, fn: () => Promise<T>): Promise<T> {
  const lock = lockPathFor(target);
  for (let tries = 0; ; tries++) {
    try {
      const handle = await open(lock, 'wx');
      await handle.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const age = await stat(lock).then((st) => Date.now() - st.mtimeMs, () => 0);
      if (age > STALE_LOCK_MS) await unlink(lock).catch(() => undefined);
      else if (tries > 2000) throw new Error(`${target} is locked by another writer (${lock})`);
      else await new Promise((r) => setTimeout(r, 2));
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}
