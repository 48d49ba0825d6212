/**
 * The stack: template assertions on every resource the design asks for, IAM
 * scoped as stated, and cdk-nag AwsSolutions with zero unacknowledged findings.
 * Bundling is skipped here (aws:cdk:bundling-stacks = []); scripts/bundle-size.ts
 * and the bundled synth test cover it.
 */
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { stageCanonical } from '../../lib/canonical-staging.ts';
import { ProfileSyncStack } from '../../lib/profile-sync-stack.ts';
import { DATA } from '../helpers/paths.ts';

const canonicalDir = await stageCanonical(DATA, ['sanghyuk-chun']);

function build(nag = false) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true } });
  const stack = new ProfileSyncStack(app, 'Test', { profiles: ['sanghyuk-chun'], canonicalDir, scheduleTime: { hour: 3, minute: 15 }, timeZone: 'Asia/Seoul', notifyEmail: 'owner@example.org', corsOrigins: ['https://sanghyukchun.github.io'] });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, template: Template.fromStack(stack) };
}

const { stack, template } = build();

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
function statementsOf(fnLogicalPrefix: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.entries(policies)
    .filter(([id]) => id.startsWith(fnLogicalPrefix))
    .flatMap(([, p]) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement);
}
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourceText = (s: Statement) => JSON.stringify(s.Resource);
const writes = (s: Statement) => actions(s).some((a) => /^s3:(Put|Delete|Abort|\*)/.test(a));

describe('bucket', () => {
  it('private, SSL-only, encrypted, versioned, access-logged, with lifecycle rules', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'data-bucket/' }),
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Prefix: 'raw/', ExpirationInDays: 90 }), Match.objectLike({ Prefix: 'reports/' })]) },
    });
    const statements = Object.values(template.findResources('AWS::S3::BucketPolicy')).flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: unknown[] } } }).Properties.PolicyDocument.Statement);
    expect(statements).toEqual(expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]));
  });

  it('canonical/ is filled from data/profiles at deploy, without pruning, with the validated fetch plan', async () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', { DestinationBucketKeyPrefix: 'canonical/', Prune: false });
    const { readFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { parseFetchPlan } = await import('../../src/harvest/fetch-plan.ts');
    expect(readdirSync(join(canonicalDir, 'sanghyuk-chun')).sort()).toEqual(['config.json', 'cv.json', 'fetch-plan.json']);
    const plan = parseFetchPlan(readFileSync(join(canonicalDir, 'sanghyuk-chun', 'fetch-plan.json'), 'utf8'), 'fetch-plan.json');
    expect(plan).toMatchObject({ profile: 'sanghyuk-chun', personName: 'Sanghyuk Chun', sources: { arxiv: { minIntervalSeconds: 3 } } });
    expect(plan.coauthors).toContain('Seong Joon Oh');
  });

  it('a broken CV fails the synth with its file, field and line', async () => {
    const { cpSync, mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const data = mkdtempSync(join(tmpdir(), 'ps-stage-'));
    cpSync(join(DATA, 'profiles'), join(data, 'profiles'), { recursive: true });
    const cv = join(data, 'profiles', 'sanghyuk-chun', 'cv.json');
    writeFileSync(cv, readFileSync(cv, 'utf8').replace('"kind": "demo"', '"kind": "poster"'));
    await expect(stageCanonical(data, ['sanghyuk-chun'])).rejects.toThrow(/cv\.json:240:7: publications\[8\]\.kind/);
  });
});

describe('functions', () => {
  it('three Node.js 22 arm64 functions with explicit log groups and timeouts sized to the waits', () => {
    template.resourceCountIs('AWS::Lambda::Function', 3 + 1); // + the BucketDeployment handler
    for (const [name, timeout] of [['fetch-arxiv', 600], ['fetch-dblp', 300], ['reconcile', 180]] as const) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Timeout: timeout,
        LoggingConfig: Match.objectLike({ LogGroup: Match.anyValue() }),
        Environment: { Variables: Match.objectLike({ BUCKET: Match.anyValue(), NODE_OPTIONS: '--enable-source-maps' }) },
      });
      expect(name).toBeDefined();
    }
  });

  it('fetchers may write raw/* only; reconcile public/*, reports/* and in raw/ only run claims and manifests; nobody gets s3:* or a bucket-wide write', () => {
    const writtenBy = (fn: string) => statementsOf(fn).filter(writes).flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).map((r) => JSON.stringify(r)));
    for (const fn of ['FetchArxiv', 'FetchDblp']) {
      const w = writtenBy(fn);
      expect(w.length).toBeGreaterThan(0);
      for (const r of w) expect(r, `${fn} writes ${r}`).toMatch(/\/raw\/\*"/);
    }
    const rec = writtenBy('Reconcile').map((r) => /\/([a-z*/.-]+)"\]/.exec(r)?.[1]);
    expect(rec.sort()).toEqual(['public/*', 'raw/*-manifest.json', 'raw/*/owner.json', 'reports/*']);
    for (const [id, p] of Object.entries(template.findResources('AWS::IAM::Policy'))) {
      for (const s of (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement) {
        expect(actions(s), id).not.toContain('s3:*');
      }
    }
  });

  it('reconcile reads canonical/, raw/, public/ and reports/', () => {
    const reads = statementsOf('Reconcile').filter((s) => actions(s).some((a) => a.startsWith('s3:GetObject'))).map(resourceText).join(' ');
    for (const prefix of ['canonical', 'raw', 'public', 'reports']) expect(reads).toMatch(new RegExp(`/${prefix}/\\*`));
  });
});

describe('workflow and schedule', () => {
  const definition = () => {
    const sm = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0] as { Properties: { DefinitionString: unknown } };
    return JSON.stringify(sm.Properties.DefinitionString);
  };

  it('maps over profiles one at a time: Parallel(fetch-arxiv, fetch-dblp), then reconcile, with retries and a degraded path', () => {
    const d = definition();
    expect(d).toMatch(/\\"Type\\":\\"Map\\"/);
    expect(d).toMatch(/\\"MaxConcurrency\\":1/);
    expect(d).toMatch(/\\"Type\\":\\"Parallel\\"/);
    expect(d).toMatch(/FetchArxivStepFailed/);
    expect(d).toMatch(/\\"Retry\\"/);
    expect(d).toMatch(/\$\$\.Execution\.StartTime/);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', { TracingConfiguration: { Enabled: true }, LoggingConfiguration: Match.objectLike({ Level: 'ALL' }) });
  });

  it('EventBridge Scheduler runs it nightly in the configured time zone, with retries and a DLQ', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(15 3 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Seoul',
      Target: Match.objectLike({ RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }), DeadLetterConfig: Match.objectLike({ Arn: Match.anyValue() }), Input: JSON.stringify({ profiles: ['sanghyuk-chun'] }) }),
    });
  });

  it('tells the owner by SNS: pending review items, a profile not published (with step and cause), and failed runs (with error and cause)', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'owner@example.org' });
    expect(definition()).toMatch(/TellOwner\\"/);
    expect(definition()).toMatch(/profile-sync could not publish \{\} in this run: \{\} failed \(\{\}\): \{\}/);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ source: ['aws.states'], detail: Match.objectLike({ status: ['FAILED', 'TIMED_OUT', 'ABORTED'] }) }),
      Targets: [Match.objectLike({ InputTransformer: Match.objectLike({ InputPathsMap: Match.objectLike({ 'detail-error': '$.detail.error', 'detail-cause': '$.detail.cause' }), InputTemplate: Match.stringLikeRegexp('ended <detail-status>: <detail-error>: <detail-cause>') }), RoleArn: Match.absent() })],
    });
  });
});

describe('website access', () => {
  it('CloudFront with OAC serves public/ only, HTTPS only, CORS and a short cache', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: [Match.objectLike({ OriginPath: '/public', OriginAccessControlId: Match.anyValue() })],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'https-only' }),
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({ CorsConfig: Match.objectLike({ AccessControlAllowOrigins: { Items: ['https://sanghyukchun.github.io'] } }) }),
    });
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', { CachePolicyConfig: Match.objectLike({ DefaultTTL: 300, MaxTTL: 3600 }) });
    expect(stack.distribution).toBeDefined();
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('has zero unacknowledged findings, and every acknowledgement gives a reason', () => {
    const { app } = build(true);
    expect(() => app.synth()).not.toThrow();
  });
});
