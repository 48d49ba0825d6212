/**
 * What each caller did to the bucket and the topic, recorded where it
 * happens, and the IAM requests AWS makes of it:
 *
 * - Store calls, by a Store wrapper per caller (one per function identity):
 *   get → s3:GetObject on the key; a get of a missing key also lists that
 *   very key (s3:ListBucket with s3:prefix = key), as S3Store does on AWS,
 *   where a caller without an unconditioned ListBucket gets 403 for a missing
 *   key; put → s3:PutObject; delete → s3:DeleteObject, and with If-Match also
 *   s3:GetObject (S3 evaluates a conditional delete against both); list →
 *   s3:ListBucket with s3:prefix.
 * - Other service calls the caller makes (SNS Publish, the key it encrypts
 *   with, a Lambda version invoked) are recorded directly as IAM requests.
 */
import type { DeleteOptions, PutOptions, Store } from '../../../src/store/store.ts';
import type { IamRequest } from './evaluate.ts';

export interface RecordedCall {
  /** Who called: a function's logical id, "Workflow" (the state machine), "owner:alpha", … */
  readonly caller: string;
  /** What the code did ("get canonical/alpha/cv.json"). */
  readonly call: string;
  readonly requests: readonly Omit<IamRequest, 'principal'>[];
}

export class CallLog {
  readonly calls: RecordedCall[] = [];

  constructor(private readonly bucketName: string) {}

  private object(key: string): string {
    return `arn:aws:s3:::${this.bucketName}/${key}`;
  }

  private listing(prefix: string): Omit<IamRequest, 'principal'> {
    return { action: 's3:ListBucket', resource: `arn:aws:s3:::${this.bucketName}`, context: { 's3:prefix': prefix } };
  }

  record(caller: string, call: string, requests: readonly Omit<IamRequest, 'principal'>[]): void {
    this.calls.push({ caller, call, requests });
  }

  /** `base`, with every call recorded as `caller`'s. */
  store(base: Store, caller: string): Store {
    const log = this;
    return {
      description: base.description,
      async get(key: string) {
        const found = await base.get(key);
        log.record(caller, `get ${key}`, [{ action: 's3:GetObject', resource: log.object(key) }, ...(found ? [] : [log.listing(key)])]);
        return found;
      },
      async put(key: string, body: Uint8Array | string, options: PutOptions) {
        log.record(caller, `put ${key}`, [{ action: 's3:PutObject', resource: log.object(key) }]);
        return base.put(key, body, options);
      },
      async list(prefix: string) {
        log.record(caller, `list ${prefix}`, [log.listing(prefix)]);
        return base.list(prefix);
      },
      async delete(key: string, options?: DeleteOptions) {
        log.record(caller, `delete ${key}${options?.ifMatch ? ' (If-Match)' : ''}`, [{ action: 's3:DeleteObject', resource: log.object(key) }, ...(options?.ifMatch ? [{ action: 's3:GetObject', resource: log.object(key) }] : [])]);
        return base.delete(key, options);
      },
    };
  }
}

/** A key's shape for the table: profile, run and execution segments generalised ("reports/<p>/<run>/diff.json" → "reports/*\/*\/diff.json"). */
export function prefixOf(resourceOrPrefix: string, profiles: readonly string[]): string {
  const key = resourceOrPrefix.replace(/^arn:aws:s3:::[^/]+\/?/, '');
  return key
    .split('/')
    .map((seg, i, all) => {
      if (profiles.includes(seg)) return '<profile>';
      if (/^\d{8}T\d{6}Z/.test(seg)) return '<run>';
      if (i === all.length - 1 && i > 0) return /\.[a-z]+$/.test(seg) ? seg.replace(/^.*?(\.[a-z.]+)$/, '*$1') : '*';
      if (/^(EachProfile|nightly|[0-9a-f]{8,})/.test(seg)) return '*';
      return seg;
    })
    .slice(0, 3)
    .join('/');
}
