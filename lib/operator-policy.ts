/**
 * What the operator's CLI may do: the commands that run the pipeline itself
 * from a laptop (`sync --bucket`, `seed`, `rollback`) on the data bucket, and
 * `review-link --keys-parameter` on the review key ring in SSM — and nothing
 * else of the account (README, The owner's loop on AWS; test/infra/iam-owner.test.ts
 * runs these commands through S3 and SSM as AWS answers under this policy).
 *
 * On the bucket, by prefix:
 * - `canonical/*`: read (sync and seed read the records; seed lists what the
 *   bucket has); created only, never overwritten: a PUT must carry
 *   If-None-Match (S3's `s3:if-none-match` condition key), which seed's
 *   create-only copies do. The owners' records stay theirs.
 * - `public/*`, `reports/*`, `raw/*`: read and write (sync publishes, keeps
 *   the run's copy and its source documents; rollback restores from the
 *   run's copy and records what it did); delete only a work's Hugo Blox
 *   bundle and landing page (public/<profile>/hugo-blox/publications/<work>/…,
 *   public/<profile>/papers/<work>.html: sync and rollback remove those of
 *   works a profile no longer has).
 * - `staging/*`: read, write, delete (seed stages the profiles, then removes them).
 * - ListBucket only with one of those as `s3:prefix` (telling a missing key
 *   from a denied one; discovery of canonical/).
 * Not `notices/`, `harvest/`, `runs/` (the deployed workflow's), nor any
 * other bucket, nor keys outside these prefixes (e.g. a `--prefix lab-a`).
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/** The bucket's prefixes the operator's commands touch, and what they do there. */
export const OPERATOR_KEYS = {
  /** Read, and created only (If-None-Match). */
  records: 'canonical/*',
  /** Read and written by sync and rollback. */
  written: ['public/*', 'reports/*', 'raw/*'],
  /** Deleted by sync and rollback: the Hugo Blox bundle and landing page of a work a profile no longer has (the run rolled back to did not have). */
  deleted: ['public/*/hugo-blox/publications/*', 'public/*/papers/*'],
  /** Read, written and deleted by seed. */
  staging: 'staging/*',
} as const;

export function operatorPolicy(scope: Construct, id: string, bucket: IBucket, reviewKeysParameterArn: string): iam.ManagedPolicy {
  const objects = (...patterns: string[]) => patterns.map((p) => bucket.arnForObjects(p));
  return new iam.ManagedPolicy(scope, id, {
    description: 'profile-sync: the operator\'s CLI (sync --bucket, seed, rollback on the data bucket; review-link --keys-parameter on the review key ring)',
    statements: [
      // sync reads every profile's records; seed reads what canonical/ has before it creates.
      new iam.PolicyStatement({ sid: 'ReadRecords', actions: ['s3:GetObject'], resources: objects(OPERATOR_KEYS.records) }),
      // seed creates the records a profile lacks, create-only: a PUT without If-None-Match (an overwrite) is refused.
      new iam.PolicyStatement({ sid: 'CreateRecordsOnly', actions: ['s3:PutObject'], resources: objects(OPERATOR_KEYS.records), conditions: { Null: { 's3:if-none-match': 'false' } } }),
      // sync publishes, keeps the run's copy and report, and the source documents; rollback restores from the run's copy.
      new iam.PolicyStatement({ sid: 'Publish', actions: ['s3:GetObject', 's3:PutObject'], resources: objects(...OPERATOR_KEYS.written) }),
      // sync and rollback remove the pages of works a profile no longer has.
      new iam.PolicyStatement({ sid: 'RemoveStalePublicObjects', actions: ['s3:DeleteObject'], resources: objects(...OPERATOR_KEYS.deleted) }),
      // seed stages the profiles it seeds from, then removes them.
      new iam.PolicyStatement({ sid: 'Staging', actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: objects(OPERATOR_KEYS.staging) }),
      // The CLI lists these prefixes only (canonical/ to find the profiles; a missing key, to tell a 404 from a 403).
      new iam.PolicyStatement({ sid: 'ListPipelinePrefixes', actions: ['s3:ListBucket'], resources: [bucket.bucketArn], conditions: { StringLike: { 's3:prefix': [OPERATOR_KEYS.records, ...OPERATOR_KEYS.written, OPERATOR_KEYS.staging] } } }),
      // review-link --keys-parameter signs with the deployed page's key ring (a SecureString under aws/ssm, whose key
      // policy lets the account's principals decrypt through SSM: no kms statement needed).
      new iam.PolicyStatement({ sid: 'ReviewKeyRing', actions: ['ssm:GetParameter'], resources: [reviewKeysParameterArn] }),
    ],
  });
}
