/**
 * The Store port: get / put / list by key. The same keys are used on disk and
 * in S3 (see docs/architecture.md for the layout).
 */
export interface StoredObject {
  readonly key: string;
  readonly body: Uint8Array;
  /** Entity tag of the stored bytes (quoted, as S3 gives it). */
  readonly etag: string;
  readonly contentType?: string;
  /** When the stored object was last written (S3's Last-Modified; a file's mtime), when known. */
  readonly lastModified?: Date;
}

/** Cache-Control of run-scoped objects (raw/, reports/<run>/): they never change. */
export const RUN_SCOPED_CACHE_CONTROL = 'private, max-age=31536000, immutable';

export interface PutOptions {
  readonly contentType: string;
  readonly cacheControl?: string;
  /** "*": create only; fail with PreconditionFailedError when the key exists. */
  readonly ifNoneMatch?: '*';
  /** Replace only if the current object still has this ETag. */
  readonly ifMatch?: string;
}

export interface PutResult {
  readonly etag: string;
}

export interface Store {
  /** Where the store is, ending in "/" so that a key appended to it names the object: "out/", "s3://bucket/prefix/". */
  readonly description: string;
  get(key: string): Promise<StoredObject | undefined>;
  put(key: string, body: Uint8Array | string, options: PutOptions): Promise<PutResult>;
  /** Keys under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  /**
   * Removes an object; with `ifMatch`, only while it still has that ETag
   * (PreconditionFailedError otherwise, or when it is gone). Removing a key
   * that does not exist is not an error without a condition.
   */
  delete(key: string, options?: DeleteOptions): Promise<void>;
}

export interface DeleteOptions {
  readonly ifMatch?: string;
}

/** A conditional write lost: another writer created or changed the object first. */
export class PreconditionFailedError extends Error {
  constructor(
    readonly key: string,
    readonly condition: string,
  ) {
    super(`conditional write to ${key} failed (${condition}): another run wrote it first`);
    this.name = 'PreconditionFailedError';
  }
}

const KEY = /^(?!\/)(?!.*\/\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[\w@.,=+-]+(?:\/[\w@.,=+-]+)*$/;

/** Keys are relative, slash-separated, with no empty, "." or ".." segments. */
export function assertValidKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`invalid store key "${key}"`);
}

export function toBytes(body: Uint8Array | string): Uint8Array {
  return typeof body === 'string' ? new TextEncoder().encode(body) : body;
}
