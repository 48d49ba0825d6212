/** --out (a folder, the default) or --bucket (S3 or an S3-compatible endpoint). */
import type { Command } from 'commander';
import { S3Store, s3ClientFor } from '../adapters/s3-store.ts';
import { FsStore } from '../store/fs-store.ts';
import type { Store } from '../store/store.ts';

export interface StoreFlags {
  out: string;
  bucket?: string;
  prefix?: string;
  endpoint?: string;
  region?: string;
  pathStyle?: boolean;
}

export function addStoreOptions(cmd: Command): Command {
  return cmd
    .option('--out <dir>', 'store folder (filesystem store)', 'out')
    .option('--bucket <name>', 'use this S3 bucket as the store instead of --out (credentials: the AWS default chain); the canonical records are read from and written to its canonical/. A path (./dir, /dir) is a folder with the same keys and conditional-write rules, for rehearsals and tests')
    .option('--prefix <prefix>', 'key prefix inside the bucket', '')
    .option('--endpoint <url>', 'S3-compatible endpoint, e.g. http://127.0.0.1:4568')
    .option('--region <region>', 'bucket region (default: AWS_REGION or us-east-1)')
    .option('--path-style', 'path-style bucket addressing (S3-compatible servers)', false);
}

/** A --bucket value that is a path (bucket names hold no "/"): a folder standing in for the bucket. */
export const isFolderBucket = (bucket: string) => bucket.includes('/') || bucket === '.';

export function storeFrom(flags: StoreFlags): Store {
  if (!flags.bucket) return new FsStore(flags.out);
  if (isFolderBucket(flags.bucket)) return new FsStore(flags.bucket);
  const client = s3ClientFor({
    bucket: flags.bucket,
    ...(flags.region ? { region: flags.region } : {}),
    ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
    ...(flags.pathStyle ? { forcePathStyle: true } : {}),
  });
  return new S3Store(client, flags.bucket, flags.prefix ?? '');
}
