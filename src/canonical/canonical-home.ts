/**
 * Where a profile's canonical records live and how they are written. In the
 * cloud their one home is the store's canonical/<profile>/ (the bucket); on a
 * laptop without --bucket it is data/profiles/<profile>/. Both are read with
 * an ETag and written only on the version that was read (If-Match), or only
 * when absent (If-None-Match: *), so a concurrent writer is never overwritten.
 */
import { join } from 'node:path';
import { decodeUtf8File } from '../input/decode-text.ts';
import { FsStore } from '../store/fs-store.ts';
import type { Store } from '../store/store.ts';

/** The owner-written files of a profile. */
export const RECORD_FILES = ['cv.json', 'config.json', 'decisions.json'] as const;
export type RecordFile = (typeof RECORD_FILES)[number];
/** Derived from cv.json + config.json when records are pushed or seeded; what the fetchers read. */
export const FETCH_PLAN_FILE = 'fetch-plan.json';
/** Written by `profile-sync remove`: the run skips the profile and a deploy never seeds it again. */
export const REMOVED_MARKER = 'removed.json';

export const JSON_TYPE = 'application/json; charset=utf-8';

export interface RecordText {
  readonly text: string;
  readonly etag: string;
  readonly lastModified?: Date;
}

/** How a write is guarded: replace only this version, or create only. */
export type WriteGuard = { readonly ifMatch: string } | { readonly create: true };

/** The guard that keeps what was read: its ETag, or create-only when it was absent. */
export const guardFor = (read: RecordText | undefined): WriteGuard => (read ? { ifMatch: read.etag } : { create: true });

export class CanonicalHome {
  constructor(
    readonly store: Store,
    /** Key prefix of the profile folders: "canonical/" in a bucket, "" in data/profiles. */
    private readonly prefix: string,
    /** For messages, e.g. "s3://bucket/canonical/" or "data/profiles/". */
    readonly description: string,
  ) {}

  key(profile: string, file: string): string {
    return `${this.prefix}${profile}/${file}`;
  }

  /** Where a file is, for a person: "s3://b/canonical/ada/cv.json". */
  where(profile: string, file: string): string {
    return `${this.description}${profile}/${file}`;
  }

  async read(profile: string, file: string): Promise<RecordText | undefined> {
    const obj = await this.store.get(this.key(profile, file));
    return obj ? { text: decodeUtf8File(obj.body, this.where(profile, file)), etag: obj.etag, ...(obj.lastModified ? { lastModified: obj.lastModified } : {}) } : undefined;
  }

  /** Writes on the guard; PreconditionFailedError when another writer changed the file first. Returns the new ETag. */
  async write(profile: string, file: string, text: string, guard: WriteGuard): Promise<string> {
    const { etag } = await this.store.put(this.key(profile, file), text, { contentType: JSON_TYPE, cacheControl: 'no-cache', ...('create' in guard ? { ifNoneMatch: '*' as const } : { ifMatch: guard.ifMatch }) });
    return etag;
  }

  async remove(profile: string, file: string, ifMatch?: string): Promise<void> {
    await this.store.delete(this.key(profile, file), ifMatch === undefined ? {} : { ifMatch });
  }

  /** Profile folders holding a cv.json, sorted. */
  async profiles(): Promise<string[]> {
    const keys = await this.store.list(this.prefix);
    const names = keys.flatMap((k) => {
      const m = /^([a-z0-9][a-z0-9-]*)\/cv\.json$/.exec(k.slice(this.prefix.length));
      return m ? [m[1]!] : [];
    });
    return [...new Set(names)].sort();
  }
}

/** The bucket (or any store) as the home of the records: canonical/<profile>/. */
export const storeHome = (store: Store): CanonicalHome => new CanonicalHome(store, 'canonical/', `${store.description.replace(/\/?$/, '/')}canonical/`);

/** The local data folder as the home of the records: <data>/profiles/<profile>/. */
export const folderHome = (dataDir: string): CanonicalHome => new CanonicalHome(new FsStore(join(dataDir, 'profiles')), '', `${join(dataDir, 'profiles')}/`);
