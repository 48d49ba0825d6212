/**
 * The IAM evaluator the infra tests use (test/infra/iam/evaluate.ts, over
 * @cloud-copilot/iam-simulate), checked on AWS's documented evaluation cases
 * before it is trusted with the stack: an explicit deny wins over an allow;
 * a resource ARN with a wildcard; ListBucket limited by an s3:prefix
 * condition (the "home folder" example of the S3 user guide); a
 * ${aws:PrincipalTag/…} policy variable in a resource (ABAC); a service
 * principal allowed by a resource policy only under its condition.
 */
import { describe, expect, it } from 'vitest';
import { decide, type PolicyDocument } from './iam/evaluate.ts';

const USER = 'arn:aws:iam::123456789012:user/ann';
const doc = (...Statement: Array<Record<string, unknown>>): PolicyDocument => ({ Version: '2012-10-17', Statement });
const ask = (action: string, resource: string, identity: PolicyDocument[], context: Record<string, string> = {}, resourcePolicy?: PolicyDocument, principal = USER) =>
  decide({ principal, action, resource, context }, { identity, ...(resourcePolicy ? { resource: resourcePolicy } : {}) });

describe('the IAM evaluator on AWS documented cases', () => {
  it('an explicit deny overrides any allow; nothing allowed is denied implicitly', async () => {
    const policies = [doc({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }), doc({ Effect: 'Deny', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::b/*' })];
    expect(await ask('s3:DeleteObject', 'arn:aws:s3:::b/k', policies)).toBe('ExplicitlyDenied');
    expect(await ask('s3:GetObject', 'arn:aws:s3:::b/k', policies)).toBe('Allowed');
    expect(await ask('s3:GetObject', 'arn:aws:s3:::other/k', policies)).toBe('ImplicitlyDenied');
  });

  it('a wildcard in the resource ARN matches any characters, slashes included, and nothing outside its prefix', async () => {
    const policies = [doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/reports/*/notified.json' })];
    expect(await ask('s3:GetObject', 'arn:aws:s3:::b/reports/alpha/notified.json', policies)).toBe('Allowed');
    expect(await ask('s3:GetObject', 'arn:aws:s3:::b/reports/alpha/x/notified.json', policies)).toBe('Allowed');
    expect(await ask('s3:GetObject', 'arn:aws:s3:::b/reports/alpha/diff.json', policies)).toBe('ImplicitlyDenied');
  });

  it('ListBucket with an s3:prefix condition: the home folder only, and not a listing without a prefix', async () => {
    const policies = [doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b', Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } } })];
    const ctx = { 'aws:username': 'ann' };
    expect(await ask('s3:ListBucket', 'arn:aws:s3:::b', policies, { ...ctx, 's3:prefix': 'home/ann/' })).toBe('Allowed');
    expect(await ask('s3:ListBucket', 'arn:aws:s3:::b', policies, { ...ctx, 's3:prefix': 'home/bob/' })).toBe('ImplicitlyDenied');
    expect(await ask('s3:ListBucket', 'arn:aws:s3:::b', policies, ctx)).toBe('ImplicitlyDenied');
  });

  it('a ${aws:PrincipalTag/…} variable in a resource: each principal reaches the objects its tag names, and an untagged one none', async () => {
    const policies = [doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::b/canonical/${aws:PrincipalTag/profile-sync-profile}/*' })];
    const tagged = { 'aws:PrincipalTag/profile-sync-profile': 'alpha' };
    expect(await ask('s3:PutObject', 'arn:aws:s3:::b/canonical/alpha/cv.json', policies, tagged)).toBe('Allowed');
    expect(await ask('s3:PutObject', 'arn:aws:s3:::b/canonical/bravo/cv.json', policies, tagged)).toBe('ImplicitlyDenied');
    expect(await ask('s3:GetObject', 'arn:aws:s3:::b/canonical/alpha/cv.json', policies)).toBe('ImplicitlyDenied');
  });

  it('a service principal is allowed by a resource policy only when the request carries what its condition names', async () => {
    const topicPolicy = doc({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: 'arn:aws:sns:us-east-1:123456789012:t', Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:events:us-east-1:123456789012:rule/r' } } });
    const publish = (sourceArn: string) => ask('sns:Publish', 'arn:aws:sns:us-east-1:123456789012:t', [], { 'aws:SourceArn': sourceArn }, topicPolicy, 'events.amazonaws.com');
    expect(await publish('arn:aws:events:us-east-1:123456789012:rule/r')).toBe('Allowed');
    expect(await publish('arn:aws:events:us-east-1:123456789012:rule/other')).toBe('ImplicitlyDenied');
  });
});

/**
 * AWS's published example policies, reproduced (placeholders filled in) with the outcome the page states.
 * KMS identity policies take effect only when the key policy lets IAM policies grant access ("Some of the
 * permissions in the following policies are allowed only when the KMS key's key policy also allows them"):
 * the key policy here is KMS's default key policy, which does.
 */
describe("the IAM evaluator on AWS's published example policies", () => {
  const ACCOUNT = '123456789012'; // the examples' 111122223333, as the evaluator's one account (test/infra/iam/evaluate.ts)
  // KMS default key policy: "Enable IAM User Permissions" (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
  const defaultKeyPolicy = doc({ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' });
  const user = `arn:aws:iam::${ACCOUNT}:user/ann`;
  const key = (region: string) => `arn:aws:kms:${region}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const asAnn = (action: string, resource: string, identity: PolicyDocument[], resourcePolicy?: PolicyDocument, context: Record<string, string> = {}) =>
    decide({ principal: user, action, resource, context: { 'aws:PrincipalAccount': ACCOUNT, ...context } }, { identity, ...(resourcePolicy ? { resource: resourcePolicy } : {}) });

  it('IAM User Guide, "Amazon S3: Allows IAM users access to their S3 home directory, programmatically and in the console" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_s3_home-directory-console.html): each user lists the bucket root, home/ and their own folder, and works with objects in their own folder only', async () => {
    const bucket = 'amzn-s3-demo-bucket';
    // The example's two statements on the bucket and its objects (the console statement on "*" left out: no console here).
    const policy = doc(
      { Sid: 'ListObjectsInBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${bucket}`, Condition: { StringLike: { 's3:prefix': ['', 'home/', 'home/${aws:username}/*'] } } },
      { Sid: 'AllObjectActionsInUserFolder', Effect: 'Allow', Action: 's3:*Object', Resource: [`arn:aws:s3:::${bucket}/home/\${aws:username}/*`] },
    );
    const ann = { 'aws:username': 'ann' };
    for (const prefix of ['', 'home/', 'home/ann/']) expect(await asAnn('s3:ListBucket', `arn:aws:s3:::${bucket}`, [policy], undefined, { ...ann, 's3:prefix': prefix }), `list ${prefix || '(root)'}`).toBe('Allowed');
    expect(await asAnn('s3:ListBucket', `arn:aws:s3:::${bucket}`, [policy], undefined, { ...ann, 's3:prefix': 'home/bob/' })).toBe('ImplicitlyDenied');
    for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']) {
      expect(await asAnn(action, `arn:aws:s3:::${bucket}/home/ann/notes.txt`, [policy], undefined, ann), action).toBe('Allowed');
      expect(await asAnn(action, `arn:aws:s3:::${bucket}/home/bob/notes.txt`, [policy], undefined, ann), action).toBe('ImplicitlyDenied');
    }
    expect(await asAnn('s3:PutBucketPolicy', `arn:aws:s3:::${bucket}`, [policy], undefined, ann)).toBe('ImplicitlyDenied');
  });

  it('AWS KMS Developer Guide, IAM policy examples, "Allow a user to encrypt and decrypt with any KMS key in a specific AWS account and Region" (https://docs.aws.amazon.com/kms/latest/developerguide/customer-managed-policies.html#iam-policy-example-encrypt-decrypt-one-account-one-region): any key of that account in that Region, no key elsewhere, no other action', async () => {
    const policy = doc({ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: [`arn:aws:kms:us-west-2:${ACCOUNT}:key/*`] });
    expect(await asAnn('kms:Encrypt', key('us-west-2'), [policy], defaultKeyPolicy)).toBe('Allowed');
    expect(await asAnn('kms:Decrypt', key('us-west-2'), [policy], defaultKeyPolicy)).toBe('Allowed');
    expect(await asAnn('kms:Decrypt', key('us-east-1'), [policy], defaultKeyPolicy)).toBe('ImplicitlyDenied');
    expect(await asAnn('kms:GenerateDataKey', key('us-west-2'), [policy], defaultKeyPolicy)).toBe('ImplicitlyDenied');
  });

  it('AWS KMS Developer Guide, IAM policy examples, "Prevent a user from disabling or deleting any KMS keys" (https://docs.aws.amazon.com/kms/latest/developerguide/customer-managed-policies.html#iam-policy-example-deny-disable-delete): the explicit Deny wins even where another policy and the key policy allow (IAM User Guide, policy evaluation logic: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html)', async () => {
    const deny = doc({ Effect: 'Deny', Action: ['kms:DisableKey', 'kms:ScheduleKeyDeletion'], Resource: '*' });
    const admin = doc({ Effect: 'Allow', Action: 'kms:*', Resource: '*' });
    expect(await asAnn('kms:DisableKey', key('us-west-2'), [admin], defaultKeyPolicy)).toBe('Allowed');
    expect(await asAnn('kms:DisableKey', key('us-west-2'), [admin, deny], defaultKeyPolicy)).toBe('ExplicitlyDenied');
    expect(await asAnn('kms:ScheduleKeyDeletion', key('us-west-2'), [admin, deny], defaultKeyPolicy)).toBe('ExplicitlyDenied');
    // Only those two actions are denied: the rest of kms:* still stands.
    expect(await asAnn('kms:EnableKey', key('us-west-2'), [admin, deny], defaultKeyPolicy)).toBe('Allowed');
  });
});
