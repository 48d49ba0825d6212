/** --out (a folder, the default) or --bucket (S3 or an S3-compatible endpoint). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { FsStore } from '../store/fs-store.ts';
import type { Store } from '../store/store.ts';
import { requireFolderOrNothing } from './given-paths.ts';
import { UsageError } from './usage-error.ts';

export interface StoreFlags {
  out: string;
  bucket?: string;
  prefix?: string;
  endpoint?: string;
  region?: string;
  pathStyle?: boolean;
  /** Make a folder bucket that does not exist yet (seed does; elsewhere a missing folder is a mistyped path). */
  create?: boolean;
}

export function addStoreOptions(cmd: Command): Command {
  return cmd
    .option('--out <dir>', 'store folder (filesystem store)', 'out')
    .option('--bucket <name>', 'use this S3 bucket as the store instead of --out (credentials: the AWS default chain); the canonical records are read from and written to its canonical/. A path (./dir, /dir) is a folder with the same keys and conditional-write rules, for rehearsals and tests')
    .option('--prefix <prefix>', 'key prefix inside the bucket', '')
    .option('--endpoint <url>', 'S3-compatible endpoint, e.g. http://127.0.0.1:4568')
    .option('--region <region>', 'bucket region (default: AWS_REGION or us-east-1)')
    .option('--path-style', 'path-style bucket addressing (S3-compatible servers)', false)
    .option('--create', 'a --bucket folder that does not exist yet is made (without it, a missing folder is an error: a mistyped path)', false);
}

/** A --bucket value that is a path (bucket names hold no "/"): a folder standing in for the bucket. */
export const isFolderBucket = (bucket: string) => bucket.includes('/') || bucket === '.';

/** The store the flags name; throws UsageError when a folder is a file, a bucket name is malformed or --endpoint is not a URL. */
export async function storeFrom(flags: StoreFlags): Promise<Store> {
  if (!flags.bucket) {
    requireFolderOrNothing('--out', flags.out);
    return new FsStore(flags.out);
  }
  if (isFolderBucket(flags.bucket)) {
    requireFolderOrNothing('--bucket', flags.bucket);
    if (!flags.create && !existsSync(flags.bucket)) {
      throw new UsageError(`--bucket ${flags.bucket}: no store there (a mistyped path?); create it with: profile-sync seed --bucket ${flags.bucket} (or add --create)`);
    }
    const prefix = folderPrefix(flags.prefix ?? '');
    if (prefix !== '') requireFolderOrNothing('--bucket', join(flags.bucket, prefix));
    return new FsStore(prefix === '' ? flags.bucket : join(flags.bucket, prefix));
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(flags.bucket)) throw new UsageError(`--bucket ${JSON.stringify(flags.bucket)} is not an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens) nor a folder path (one with a "/")`);
  if (flags.endpoint !== undefined && !/^https?:\/\/[^\s/]+/i.test(flags.endpoint)) throw new UsageError(`--endpoint ${JSON.stringify(flags.endpoint)} is not an http(s) URL`);
  // The S3 SDK loads only for a bucket on S3: a folder store starts without it.
  const { S3Store, s3ClientFor } = await import('../adapters/s3-store.ts');
  const client = s3ClientFor({
    bucket: flags.bucket,
    ...(flags.region ? { region: flags.region } : {}),
    ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
    ...(flags.pathStyle ? { forcePathStyle: true } : {}),
  });
  return new S3Store(client, flags.bucket, flags.prefix ?? '');
}

/**
 * A --prefix for a folder bucket: the folder inside it that holds the keys (as S3 keys start with it).
 * Segments are plain names: no "..", ".", empty segment, backslash or leading "/" (the prefix stays inside the bucket).
 */
export function folderPrefix(prefix: string): string {
  const trimmed = prefix.replace(/\/+$/, '');
  if (trimmed === '') return '';
  const bad = trimmed.startsWith('/') || trimmed.includes('\\') || trimmed.split('/').some((s) => s === '' || s === '.' || s === '..') || /[\u0000-\u001f\u007f]/.test(trimmed);
  if (bad) throw new UsageError(`--prefix ${JSON.stringify(prefix)}: a folder bucket's prefix is folder names separated by "/" (no "..", ".", empty or absolute parts)`);
  return trimmed;
}

/** Where a key is, for a person: "out/reports/p/…" or "s3://bucket/prefix/reports/p/…" (one slash between). */
export function locationOf(store: string, key: string): string {
  return `${store.replace(/\/+$/, '')}/${key}`;
}

/** Runs `work`, and marks what it throws with the store it was using (so a failure can name it). */
export async function usingStore<T>(store: Store, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e !== null && typeof e === 'object') Object.assign(e, { profileSyncStore: store.description });
    throw e;
  }
}
