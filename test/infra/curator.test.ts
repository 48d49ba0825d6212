/**
 * The curator variant README gives (The owner's loop on AWS), evaluated:
 * - the curator's statement: a curator may assume the curator role with the
 *   profile-sync-profile session tag of a profile they curate, not another's,
 *   nor with extra tags;
 * - the role's trust policy (README's template): the account may assume it
 *   only with that one session tag, and only a principal whose own policy
 *   allows it;
 * - the session's tags as AWS makes them (test/infra/iam/sts-session.ts: a
 *   session tag overrides a role tag with the same key, keys without case),
 *   and the owner policy under them: a session tagged A reaches A and not B;
 *   a role tagged A assumed with a session tag B reaches B (why an owner's
 *   role must not allow sts:TagSession, and the curator role carries no tag).
 * The CLI under a curator session: test/infra/iam-owner.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { ownerPolicy } from '../../lib/owner-policy.ts';
import { REPO } from '../helpers/paths.ts';
import { ACCOUNT, decide, type PolicyDocument } from './iam/evaluate.ts';
import { AssumeRoleFailed, roleSession, sessionPrincipalTags } from './iam/sts-session.ts';
import { evaluateCalls, type Caller } from './iam/stack-access.ts';
import { TemplatePolicies, placeholderBucket, type TemplateJson } from './iam/template-policies.ts';

const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
const after = readme.slice(readme.indexOf('**A curator of several profiles**'));
const [statementText, trustText] = [...after.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
const statement = JSON.parse(statementText!) as Record<string, unknown>;
const trust = JSON.parse(trustText!.replaceAll('<account>', ACCOUNT)) as PolicyDocument;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/profile-sync-curator`;
const CURATOR = `arn:aws:iam::${ACCOUNT}:user/curator`;
const TAG = 'profile-sync-profile';

const requestTags = (tags: Record<string, string>) => ({ ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, v])), 'aws:TagKeys': Object.keys(tags) });
const curatorPolicy: PolicyDocument = { Version: '2012-10-17', Statement: [{ ...statement, Resource: ROLE }] };

const may = (action: string, tags: Record<string, string>) => decide({ principal: CURATOR, action, resource: ROLE, context: requestTags(tags) }, { identity: [curatorPolicy] });
/** AssumeRole with session tags: both sts:AssumeRole and sts:TagSession, each under the caller's policies and the role's trust policy. */
const assume = async (principal: string, identity: PolicyDocument[], tags: Record<string, string>) => {
  const actions = Object.keys(tags).length > 0 ? ['sts:AssumeRole', 'sts:TagSession'] : ['sts:AssumeRole'];
  const decisions = await Promise.all(actions.map((action) => decide({ principal, action, resource: ROLE, context: requestTags(tags) }, { identity, resource: trust })));
  return decisions.every((d) => d === 'Allowed') ? 'Allowed' : decisions.find((d) => d !== 'Allowed')!;
};

describe("README's curator variant", () => {
  it('tags a session only with a profile the curator curates, and only that tag', async () => {
    for (const action of ['sts:AssumeRole', 'sts:TagSession']) {
      expect(await may(action, { 'profile-sync-profile': 'ada-lab' }), action).toBe('Allowed');
      expect(await may(action, { 'profile-sync-profile': 'bob-lab' }), action).toBe('Allowed');
      expect(await may(action, { 'profile-sync-profile': 'carol-lab' }), action).toBe('ImplicitlyDenied');
      expect(await may(action, { 'profile-sync-profile': 'ada-lab', other: 'x' }), action).toBe('ImplicitlyDenied');
    }
  });

  it("the role's trust policy: assumed only with the one profile tag, and only by a principal its own policy lets (the curator's statement)", async () => {
    expect(await assume(CURATOR, [curatorPolicy], { [TAG]: 'ada-lab' })).toBe('Allowed');
    expect(await assume(CURATOR, [curatorPolicy], {}), 'no session tag: the trust policy wants one').toBe('ImplicitlyDenied');
    expect(await assume(CURATOR, [curatorPolicy], { [TAG]: '' }), 'an empty tag').toBe('ImplicitlyDenied');
    expect(await assume(CURATOR, [curatorPolicy], { [TAG]: 'carol-lab' }), 'a profile the curator does not curate').toBe('ImplicitlyDenied');
    expect(await assume(CURATOR, [curatorPolicy], { [TAG]: 'ada-lab', team: 'x' }), 'another tag key').toBe('ImplicitlyDenied');
    // The trust policy names the account: the caller's own policy must allow too (same-account role trust).
    expect(await assume(`arn:aws:iam::${ACCOUNT}:user/someone`, [], { [TAG]: 'ada-lab' })).toBe('ImplicitlyDenied');
    // Another account is not trusted, whatever its own policy says.
    expect(await decide({ principal: 'arn:aws:iam::210987654321:user/curator', action: 'sts:AssumeRole', resource: ROLE, context: requestTags({ [TAG]: 'ada-lab' }) }, { identity: [curatorPolicy], resource: trust })).not.toBe('Allowed');
  });
});

describe('session tags as aws:PrincipalTag (AWS STS API Reference, AssumeRole, Tags)', () => {
  it('a session tag overrides a role tag with the same key, keys compared without case; other role tags stay; restating an inherited transitive tag fails', () => {
    expect(sessionPrincipalTags({}, { [TAG]: 'ada-lab' })).toEqual({ [TAG]: 'ada-lab' });
    expect(sessionPrincipalTags({ [TAG]: 'ada-lab', team: 'x' }, { [TAG]: 'bob-lab' })).toEqual({ team: 'x', [TAG]: 'bob-lab' });
    expect(sessionPrincipalTags({ 'Profile-Sync-Profile': 'ada-lab' }, { [TAG]: 'bob-lab' })).toEqual({ [TAG]: 'bob-lab' });
    expect(() => sessionPrincipalTags({}, { [TAG]: 'bob-lab' }, { [TAG]: 'ada-lab' })).toThrow(AssumeRoleFailed);
  });

  it('the owner policy under a curator session: tagged alpha it reaches alpha and not bravo; untagged, nothing; an owner role tagged alpha re-tagged by a session reaches bravo', async () => {
    const app = new App({ builtinCloudFormationValidation: false }); // one policy and a bucket: IAM's answers are the subject
    const stack = new Stack(app, 'Curator', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const bucket = new Bucket(stack, 'Data');
    const policy = ownerPolicy(stack, 'OwnerPolicy', bucket);
    const template = Template.fromStack(stack).toJSON() as TemplateJson;
    const policies = new TemplatePolicies(template);
    const identity = [policies.managedPolicy(stack.getLogicalId(policy.node.defaultChild as never))];
    const bucketName = placeholderBucket(stack.getLogicalId(bucket.node.defaultChild as never));
    const calls = (profile: string) => [
      { caller: 'c', call: `GET canonical/${profile}/cv.json`, requests: [{ action: 's3:GetObject', resource: `arn:aws:s3:::${bucketName}/canonical/${profile}/cv.json` }] },
      { caller: 'c', call: `PUT canonical/${profile}/decisions.json`, requests: [{ action: 's3:PutObject', resource: `arn:aws:s3:::${bucketName}/canonical/${profile}/decisions.json` }] },
      { caller: 'c', call: `GET reports/${profile}/latest.json`, requests: [{ action: 's3:GetObject', resource: `arn:aws:s3:::${bucketName}/reports/${profile}/latest.json` }] },
      { caller: 'c', call: `LIST canonical/${profile}/cv.json`, requests: [{ action: 's3:ListBucket', resource: `arn:aws:s3:::${bucketName}`, context: { 's3:prefix': `canonical/${profile}/cv.json` } }] },
    ];
    const denied = async (who: Caller, profile: string) => (await evaluateCalls(calls(profile), () => who, { policies, bucketId: 'none', topicId: 'none', keyId: 'none' })).length;

    const curatorOfAlpha = roleSession({ role: 'profile-sync-curator', session: 'ada', identity, sessionTags: { [TAG]: 'alpha' } });
    expect(curatorOfAlpha.tags).toEqual({ [TAG]: 'alpha' });
    expect(await denied(curatorOfAlpha, 'alpha')).toBe(0);
    expect(await denied(curatorOfAlpha, 'bravo')).toBe(4);
    expect(await denied(roleSession({ role: 'profile-sync-curator', session: 'ada', identity, sessionTags: {} }), 'alpha'), 'a session without the tag').toBe(4);
    // A session tag wins over the role's: an owner's role tagged alpha, assumed with a session tag bravo, reaches bravo.
    const retagged = roleSession({ role: 'owner-alpha', session: 'x', identity, roleTags: { [TAG]: 'alpha' }, sessionTags: { [TAG]: 'bravo' } });
    expect(await denied(retagged, 'bravo')).toBe(0);
    expect(await denied(retagged, 'alpha')).toBe(4);
  });
});
