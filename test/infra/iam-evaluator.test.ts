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
