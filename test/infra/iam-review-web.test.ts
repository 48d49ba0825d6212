/**
 * Issue 20 on AWS: the review page's Lambda (functions/review-web, through its Function URL event adapter)
 * runs an owner's session on a folder bucket — open the link, the page, accept, undo, accept theirs, the
 * published profile, a used link refused — and every call it makes to the bucket and to SSM (the key ring)
 * is evaluated by the IAM evaluator against the policies the synthesized template gives its role. What it
 * never needs is denied: writing public/ or reports/, reading raw/ or config.json, deleting records, another
 * parameter. The Function URL takes IAM auth only, and CloudFront (its OAC) is the one caller allowed.
 */
import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { cachedKeyRing } from '../../functions/shared/review-keys.ts';
import { reviewWebHandler, type FunctionUrlEvent } from '../../functions/review-web/handler.ts';
import { stageCanonical } from '../../lib/canonical-staging.ts';
import { DEFAULT_REVIEW_KEYS_PARAMETER, ProfileSyncStack } from '../../lib/profile-sync-stack.ts';
import { keyRingJson } from '../../src/review/web/key-ring.ts';
import { issueLink } from '../../src/review/web/review-link.ts';
import { DATA, FIRST_PROFILE as P } from '../helpers/paths.ts';
import { reviewBucket, ringOf, testKey } from '../helpers/review-site.ts';
import { ACCOUNT, decide, REGION } from './iam/evaluate.ts';
import { CallLog } from './iam/recorded-calls.ts';
import { describeViolation, distinct, evaluateCalls, type Caller } from './iam/stack-access.ts';
import { placeholderBucket, TemplatePolicies, type TemplateJson } from './iam/template-policies.ts';

const app = new App({ context: { 'aws:cdk:bundling-stacks': [], '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true } });
const stack = new ProfileSyncStack(app, 'Test', { canonicalDir: await stageCanonical(DATA, [P]) });
const assertions = Template.fromStack(stack);
const template = assertions.toJSON() as TemplateJson;
const policies = new TemplatePolicies(template);
const idOf = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnElement);
const fnId = idOf(stack.reviewWeb);
const bucketId = idOf(stack.bucket);
const bucket = placeholderBucket(bucketId);
const resources = { policies, bucketId, topicId: policies.idsOf('AWS::SNS::Topic')[0]!, keyId: policies.idsOf('AWS::KMS::Key')[0]! };
const roleOf = (fn: string): Caller => {
  const role = policies.roleOfFunction(fn);
  return { principal: policies.roleArn(role), identity: policies.rolePolicies(role) };
};
const PARAMETER = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${DEFAULT_REVIEW_KEYS_PARAMETER}`;

describe('the review page on AWS', async () => {
  const { store: folder } = await reviewBucket();
  const log = new CallLog(bucket);
  const ring = ringOf(testKey('k1'));
  let now = Date.UTC(2026, 10, 28, 9, 0, 0);
  const lines: string[] = [];
  const handle = reviewWebHandler({
    store: log.store(folder, fnId),
    keys: cachedKeyRing(
      async (name) => {
        log.record(fnId, `ssm get ${name}`, [{ action: 'ssm:GetParameter', resource: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${name}` }]);
        return JSON.stringify(keyRingJson(ring));
      },
      DEFAULT_REVIEW_KEYS_PARAMETER,
      () => now,
    ),
    now: () => now,
    log: (l) => lines.push(l),
  });
  const event = (method: string, path: string, o: { query?: string; body?: string; cookies?: string[] } = {}): FunctionUrlEvent => ({
    rawPath: path,
    ...(o.query ? { rawQueryString: o.query } : {}),
    headers: { host: 'abc.lambda-url.us-east-1.on.aws', ...(o.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    ...(o.cookies ? { cookies: o.cookies } : {}),
    // CloudFront passes a form body on base64-encoded.
    ...(o.body ? { body: Buffer.from(o.body).toString('base64'), isBase64Encoded: true } : {}),
    requestContext: { http: { method } },
  });

  it("an owner's session through the Function URL adapter: every call is allowed by the role the template gives the function", async () => {
    const token = issueLink(ring, [P], now).token;
    expect((await handle(event('GET', '/review/open', { query: `t=${encodeURIComponent(token)}` }))).statusCode).toBe(200);
    const opened = await handle(event('POST', '/review/open', { body: new URLSearchParams({ t: token }).toString() }));
    expect(opened.statusCode).toBe(303);
    expect(opened.headers['Location']).toBe(`/review/p/${P}`);
    expect(opened.cookies).toEqual([expect.stringMatching(/^__Host-ps-review=.*; HttpOnly; SameSite=Strict; .*Secure$/)]);
    const cookies = [opened.cookies![0]!.split(';')[0]!];
    const page = await handle(event('GET', `/review/p/${P}`, { cookies }));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/${P}/profile.json"`);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const answer = async (item: string, action: string, seen = '') => {
      now += 60_000;
      return handle(event('POST', `/review/p/${P}/decide`, { cookies, body: new URLSearchParams({ csrf, item, action, seen }).toString() }));
    };
    expect((await answer('cand:arxiv-2410-18857', 'accept')).body).toContain('Recorded');
    const decided = /name="item" value="cand:arxiv-2410-18857"><input type="hidden" name="seen" value="([^"]+)"/.exec((await handle(event('GET', `/review/p/${P}`, { cookies }))).body)![1]!;
    expect((await answer('cand:arxiv-2410-18857', 'undo', decided)).body).toContain('pending again');
    expect((await answer('diff:cvpr20-wsol-eval:authors[2].name:1eb1548462', 'accept-theirs')).body).toContain('Recorded');
    expect((await handle(event('GET', `/review/p/${P}/profile.json`, { cookies }))).statusCode).toBe(200);
    expect((await handle(event('GET', '/review/open', { query: `t=${encodeURIComponent(token)}` }))).statusCode).toBe(401);

    const violations = distinct(await evaluateCalls(log.calls, roleOf, resources));
    expect(log.calls.map((c) => c.call)).toEqual(expect.arrayContaining([`put canonical/${P}/cv.json`, `put canonical/${P}/decisions.json`, expect.stringMatching(new RegExp(`^put canonical/${P}/links-used/`)), `ssm get ${DEFAULT_REVIEW_KEYS_PARAMETER}`]));
    expect(violations.map(describeViolation)).toEqual([]);
    expect(lines.filter((l) => l.includes(token) || l.includes('t='))).toEqual([]);
  });

  it('what the page never needs is denied to its role', async () => {
    const who = roleOf(fnId);
    const ask = (action: string, resource: string) => decide({ principal: who.principal, action, resource, context: { 'aws:SecureTransport': 'true' } }, { identity: who.identity, ...(resource.startsWith('arn:aws:s3') ? { resource: policies.bucketPolicy(bucketId)! } : {}) });
    const object = (key: string) => `arn:aws:s3:::${bucket}/${key}`;
    for (const [action, key] of [
      ['s3:PutObject', `public/${P}/profile.json`],
      ['s3:PutObject', `reports/${P}/latest.json`],
      ['s3:PutObject', `canonical/${P}/config.json`],
      ['s3:PutObject', `canonical/${P}/links-revoked-before.json`],
      ['s3:GetObject', `canonical/${P}/config.json`],
      ['s3:GetObject', `raw/${P}/run/arxiv.xml`],
      ['s3:GetObject', `public/${P}/publications.bib`],
      ['s3:DeleteObject', `canonical/${P}/cv.json`],
    ] as const) {
      expect(await ask(action, object(key)), `${action} ${key}`).toBe('ImplicitlyDenied');
    }
    expect(await ask('ssm:GetParameter', `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/other`)).toBe('ImplicitlyDenied');
    const notify = roleOf(idOf(stack.notify));
    expect(await decide({ principal: notify.principal, action: 'ssm:GetParameter', resource: PARAMETER, context: { 'aws:SecureTransport': 'true' } }, { identity: notify.identity })).toBe('Allowed');
  });

  it('the Function URL takes IAM auth; CloudFront, by its OAC and for this distribution only, invokes it under /review/*', () => {
    assertions.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM', TargetFunctionArn: { 'Fn::GetAtt': [fnId, 'Arn'] } });
    assertions.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunctionUrl', Principal: 'cloudfront.amazonaws.com', SourceArn: Match.anyValue() });
    assertions.hasResourceProperties('AWS::CloudFront::OriginAccessControl', { OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 'lambda', SigningBehavior: 'always' }) });
    assertions.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ CacheBehaviors: [Match.objectLike({ PathPattern: '/review/*', ViewerProtocolPolicy: 'https-only', AllowedMethods: Match.arrayWith(['POST']) })] }),
    });
    assertions.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ REVIEW_URL: Match.anyValue(), REVIEW_KEYS_PARAMETER: DEFAULT_REVIEW_KEYS_PARAMETER }) } });
  });
});
