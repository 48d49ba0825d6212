/**
 * What an owner's CLI may do on the data bucket, and on which profile: the
 * profile named by a tag on the owner's IAM user or role (attribute-based
 * access, design principle 9). One managed policy serves every owner; an
 * owner reaches `canonical/<profile>/` (pull, push, remove, review --bucket:
 * read, conditional write, conditional delete), `reports/<profile>/` (review,
 * email, review --open: read), `notices/<profile>/notified.json` (email: read) and `public/<profile>/profile.json` (review
 * reads the profile published before its answers), where <profile> is the
 * value of the principal's tag OWNER_TAG. A principal without the tag
 * reaches nothing. A curator of several profiles assumes a role once per
 * profile with the tag as a session tag (README, The owner's loop on AWS).
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/** The tag an owner's IAM user or role carries: the one profile it may reach. */
export const OWNER_TAG = 'profile-sync-profile';

/** The principal's profile, as a policy variable. */
const PROFILE = `\${aws:PrincipalTag/${OWNER_TAG}}`;

/** The keys of the owner's profile an owner command reads or writes, per prefix. */
export const OWNER_KEYS = {
  records: `canonical/${PROFILE}/*`,
  reports: `reports/${PROFILE}/*`,
  published: `public/${PROFILE}/profile.json`,
  notices: `notices/${PROFILE}/notified.json`,
} as const;

export function ownerPolicy(scope: Construct, id: string, bucket: IBucket): iam.ManagedPolicy {
  return new iam.ManagedPolicy(scope, id, {
    description: `profile-sync: an owner's CLI (pull, push, remove, review --bucket, email) on the profile its ${OWNER_TAG} tag names`,
    statements: [
      // pull reads; push and review write conditionally (If-Match / If-None-Match); remove deletes conditionally (If-Match, which S3 also evaluates as a read).
      new iam.PolicyStatement({ sid: 'OwnRecords', actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: [bucket.arnForObjects(OWNER_KEYS.records)] }),
      // review and email read the latest report (review --open its diff.html); email what was told before.
      new iam.PolicyStatement({ sid: 'OwnReports', actions: ['s3:GetObject'], resources: [bucket.arnForObjects(OWNER_KEYS.reports), bucket.arnForObjects(OWNER_KEYS.notices)] }),
      // review reads the profile published before its answers (an accepted paper keeps its published form).
      new iam.PolicyStatement({ sid: 'OwnPublishedProfile', actions: ['s3:GetObject'], resources: [bucket.arnForObjects(OWNER_KEYS.published)] }),
      // The CLI lists its own keys only (and a missing key, to tell a 404 from a 403).
      new iam.PolicyStatement({ sid: 'ListOwn', actions: ['s3:ListBucket'], resources: [bucket.bucketArn], conditions: { StringLike: { 's3:prefix': [OWNER_KEYS.records, OWNER_KEYS.reports, OWNER_KEYS.published, OWNER_KEYS.notices] } } }),
    ],
  });
}
