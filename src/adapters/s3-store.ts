/**
 * The Store port over an S3 bucket (and optional key prefix), for real S3 and
 * S3-compatible endpoints. Conditional writes map to S3's If-None-Match /
 * If-Match; a lost condition (412, 409 ConditionalRequestConflict, or 404
 * for an If-Match whose object is gone) is reported as PreconditionFailedError,
 * never retried blindly.
 *
 * A GET of a missing key answers 404 only to a caller allowed to list the
 * bucket; the Lambdas may list only their own prefixes (an s3:prefix
 * condition), so a 403 on GET is checked with a list of that very key before
 * it is believed: not listed means missing, listed means a real denial.
 */
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException, type S3ClientConfig } from '@aws-sdk/client-s3';
import { assertValidKey, PreconditionFailedError, toBytes, type DeleteOptions, type PutOptions, type PutResult, type Store, type StoredObject } from '../store/store.ts';

export interface S3StoreOptions {
  readonly bucket: string;
  /** Key prefix inside the bucket, e.g. "profile-sync/" (optional). */
  readonly prefix?: string;
  readonly region?: string;
  /** S3-compatible endpoint (e.g. http://127.0.0.1:4568); default: AWS. */
  readonly endpoint?: string;
  readonly forcePathStyle?: boolean;
  readonly credentials?: S3ClientConfig['credentials'];
}

export function s3ClientFor(o: S3StoreOptions): S3Client {
  return new S3Client({
    region: o.region ?? process.env['AWS_REGION'] ?? 'us-east-1',
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    ...(o.forcePathStyle ? { forcePathStyle: true } : {}),
    ...(o.credentials ? { credentials: o.credentials } : {}),
    // Checksums only where S3 requires them: S3-compatible servers (s3rver) store
    // the aws-chunked framing of streamed bodies otherwise.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export class S3Store implements Store {
  readonly description: string;
  private readonly prefix: string;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    prefix = '',
  ) {
    this.prefix = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
    this.description = `s3://${bucket}/${this.prefix}`;
  }

  private key(key: string): string {
    assertValidKey(key);
    return `${this.prefix}${key}`;
  }

  async get(key: string): Promise<StoredObject | undefined> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
      const body = res.Body ? await res.Body.transformToByteArray() : new Uint8Array();
      return { key, body, etag: res.ETag ?? '', ...(res.ContentType ? { contentType: res.ContentType } : {}), ...(res.LastModified ? { lastModified: res.LastModified } : {}) };
    } catch (e) {
      if (e instanceof NoSuchKey || (e instanceof S3ServiceException && e.$metadata.httpStatusCode === 404)) return undefined;
      if (e instanceof S3ServiceException && e.$metadata.httpStatusCode === 403 && !(await this.listed(key))) return undefined;
      throw e;
    }
  }

  /** Whether the key exists, by listing it (a prefix-scoped s3:ListBucket allows this). */
  private async listed(key: string): Promise<boolean> {
    const res = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.key(key), MaxKeys: 1 }));
    return (res.Contents ?? []).some((o) => o.Key === this.key(key));
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions): Promise<PutResult> {
    try {
      const res = await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.key(key),
          Body: toBytes(body),
          ContentType: options.contentType,
          ...(options.cacheControl ? { CacheControl: options.cacheControl } : {}),
          ...(options.ifNoneMatch ? { IfNoneMatch: options.ifNoneMatch } : {}),
          ...(options.ifMatch ? { IfMatch: options.ifMatch } : {}),
        }),
      );
      return { etag: res.ETag ?? '' };
    } catch (e) {
      const status = e instanceof S3ServiceException ? e.$metadata.httpStatusCode : undefined;
      if (status === 412 || status === 409 || (status === 404 && options.ifMatch)) {
        const condition = options.ifMatch ? `If-Match ${options.ifMatch}` : 'If-None-Match *';
        const answer = status === 409 ? ' ConditionalRequestConflict' : status === 404 ? ' NoSuchKey (the object read was deleted)' : ' PreconditionFailed';
        throw new PreconditionFailedError(key, `${condition}; S3 answered ${status}${answer}`);
      }
      throw e;
    }
  }

  /** S3 honours If-Match on DeleteObject (412 when the object changed; 404 when it is gone). */
  async delete(key: string, options: DeleteOptions = {}): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(key), ...(options.ifMatch ? { IfMatch: options.ifMatch } : {}) }));
    } catch (e) {
      const status = e instanceof S3ServiceException ? e.$metadata.httpStatusCode : undefined;
      if (options.ifMatch && (status === 412 || status === 409 || status === 404)) throw new PreconditionFailedError(key, `If-Match ${options.ifMatch}; S3 answered ${status}`);
      throw e;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const res = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: `${this.prefix}${prefix}`, ...(token ? { ContinuationToken: token } : {}) }),
      );
      for (const o of res.Contents ?? []) if (o.Key) keys.push(o.Key.slice(this.prefix.length));
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }
}
