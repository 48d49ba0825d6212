/**
 * The folder store's key lock (what makes its If-Match atomic, so that two runs
 * taking one lease cannot both win) is broken only when its holder is gone,
 * never because of how long it has been held: a writer that stalls inside the
 * lock (a suspended laptop, an fsync on a saturated disk) must not find another
 * writer inside with it when it resumes. The interleaving is driven through
 * the file system calls, not by waiting: the test holds the lock itself and
 * watches the other writer's attempts to take it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, renameSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FsStore } from '../../src/store/fs-store.ts';
import { PreconditionFailedError } from '../../src/store/store.ts';

/** Each refused attempt to create a lock file (EEXIST), in order. */
const refused: string[] = [];
let onRefused: (() => void) | undefined;
const isLock = (p: unknown) => typeof p === 'string' && /\.tmp-0-0$/.test(p);

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const watch = async <T>(path: unknown, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (e) {
      if (isLock(path) && (e as NodeJS.ErrnoException).code === 'EEXIST') {
        refused.push(String(path));
        onRefused?.();
      }
      throw e;
    }
  };
  return {
    ...real,
    open: ((path: Parameters<typeof real.open>[0], ...rest: unknown[]) => watch(path, () => (real.open as (...a: unknown[]) => ReturnType<typeof real.open>)(path, ...rest))) as typeof real.open,
    link: ((existing: Parameters<typeof real.link>[0], path: Parameters<typeof real.link>[1]) => watch(path, () => real.link(existing, path))) as typeof real.link,
  };
});

const KEY = 'harvest/_lease/dblp.json';
const JSON_TYPE = { contentType: 'application/json' };

async function rig() {
  const root = mkdtempSync(join(tmpdir(), 'ps-keylock-'));
  const store = new FsStore(root);
  const { etag } = await store.put(KEY, '{"holder":"nobody"}', JSON_TYPE);
  const dir = join(root, 'harvest', '_lease');
  return { root, store, etag, dir, file: join(dir, 'dblp.json'), lock: join(dir, '.dblp.json.tmp-0-0') };
}

/** A lock file as a writer leaves it while it holds the key (host, process, token). */
function holdLock(lock: string, pid: number, ageMs = 0) {
  writeFileSync(lock, `${hostname()} ${pid} held-by-test\n`);
  if (ageMs > 0) {
    const then = new Date(Date.now() - ageMs);
    utimesSync(lock, then, then);
  }
}

/** A pid that no process has any more (a writer that crashed). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('folder store: the key lock', () => {
  it('a writer that holds the lock longer than any age (its lock file looks 10 minutes old) is not broken into: the other writer waits, then loses on the ETag', async () => {
    const { store, etag, file, lock } = await rig();
    // Writer A (this test) took the lock, read the ETag, and stalled before writing; by the wall clock its lock is old.
    holdLock(lock, process.pid, 10 * 60_000);
    refused.length = 0;
    const twiceRefused = new Promise<'B waits for the lock'>((resolve) => {
      onRefused = () => {
        if (refused.length >= 2) resolve('B waits for the lock');
      };
    });
    // Writer B holds the same ETag.
    const b = store.put(KEY, '{"holder":"B"}', { ...JSON_TYPE, ifMatch: etag });
    b.catch(() => undefined);
    const first = await Promise.race([twiceRefused, b.then(() => 'B wrote while A held the lock' as const)]);
    onRefused = undefined;
    expect(first).toBe('B waits for the lock');
    // A resumes: writes (its ETag matched when it compared), and gives the lock back.
    writeFileSync(`${file}.a`, '{"holder":"A"}');
    renameSync(`${file}.a`, file);
    unlinkSync(lock);
    // B compares after A: the ETag it holds is gone.
    await expect(b).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(new TextDecoder().decode((await store.get(KEY))!.body)).toBe('{"holder":"A"}');
  });

  it('a lock left by a writer that is gone (its process ended) is taken over at once, however young it is', async () => {
    const { store, etag, dir, lock } = await rig();
    holdLock(lock, deadPid());
    await store.put(KEY, '{"holder":"B"}', { ...JSON_TYPE, ifMatch: etag });
    expect(new TextDecoder().decode((await store.get(KEY))!.body)).toBe('{"holder":"B"}');
    expect(readdirSync(dir)).toEqual(['dblp.json']);
  });

  it('many writers with the same ETag find a dead writer\'s lock: it is removed once, exactly one of them wins, nothing is left behind', async () => {
    const { store, etag, dir, lock } = await rig();
    holdLock(lock, deadPid(), 10 * 60_000);
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => store.put(KEY, `{"holder":"w${i}"}`, { ...JSON_TYPE, ifMatch: etag })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof PreconditionFailedError)).toBe(true);
    expect(readdirSync(dir)).toEqual(['dblp.json']);
    expect(existsSync(lock)).toBe(false);
  });
});
