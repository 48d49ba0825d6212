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
import { stageCanonical, stagedContentHash } from '../../lib/canonical-staging.ts';
import { ProfileSyncStack } from '../../lib/profile-sync-stack.ts';
import { ownerAttributes, PROFILE_ATTRIBUTE } from '../../src/adapters/sns-owner-message.ts';
import { DATA } from '../helpers/paths.ts';

const canonicalDir = await stageCanonical(DATA, ['sanghyuk-chun']);

function build(nag = false) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true } });
  const stack = new ProfileSyncStack(app, 'Test', { canonicalDir, scheduleTime: { hour: 3, minute: 15 }, timeZone: 'Asia/Seoul', notifyEmail: 'owner@example.org', corsOrigins: ['https://sanghyukchun.github.io'] });
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
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Prefix: 'raw/', ExpirationInDays: 90 }), Match.objectLike({ Prefix: 'reports/' }), Match.objectLike({ Prefix: 'staging/', ExpirationInDays: 7 })]) },
    });
    const statements = Object.values(template.findResources('AWS::S3::BucketPolicy')).flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: unknown[] } } }).Properties.PolicyDocument.Statement);
    expect(statements).toEqual(expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]));
  });

  it('a deploy stages the validated profiles under staging/canonical/<content hash>/ and seeds canonical/ create-only by a custom resource, never canonical/ directly', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { parseFetchPlan } = await import('../../src/harvest/fetch-plan.ts');
    const { loadProfileInput } = await import('../../src/canonical/profile-input.ts');
    const { fetchPlanText } = await import('../../src/pipeline/records/push.ts');
    const prefix = `staging/canonical/${stagedContentHash(canonicalDir)}/`;
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment')).map((r) => (r as { Properties: Record<string, unknown> }).Properties);
    expect(deployments.map((d) => [d['DestinationBucketKeyPrefix'], d['Prune'], d['RetainOnDelete']])).toEqual([[prefix, false, false]]);
    const seeding = Object.values(template.findResources('Custom::CanonicalSeeding')) as Array<{ Properties: Record<string, unknown>; DependsOn?: string[] }>;
    expect(seeding).toHaveLength(1);
    expect(seeding[0]!.Properties['StagingPrefix']).toBe(prefix);
    // The seeding runs after the staging is written.
    expect(seeding[0]!.DependsOn?.some((d) => d.startsWith('CanonicalStagingCustomResource'))).toBe(true);
    // The staged fetch plan is the one `push` derives and checks.
    expect(readdirSync(join(canonicalDir, 'sanghyuk-chun')).sort()).toEqual(['config.json', 'cv.json', 'fetch-plan.json']);
    const planText = readFileSync(join(canonicalDir, 'sanghyuk-chun', 'fetch-plan.json'), 'utf8');
    expect(planText).toBe(fetchPlanText(await loadProfileInput(DATA, 'sanghyuk-chun'), 'fetch-plan.json'));
    const plan = parseFetchPlan(planText, 'fetch-plan.json');
    expect(plan).toMatchObject({ profile: 'sanghyuk-chun', personName: 'Sanghyuk Chun', sources: { arxiv: { minIntervalSeconds: 3 } } });
    expect(plan.coauthors).toContain('Seong Joon Oh');
    // Other records, another prefix: a deploy with changed records is an Update that seeds again.
    const other = await stageCanonical(DATA, ['sanghyuk-chun']);
    expect(stagedContentHash(other)).toBe(stagedContentHash(canonicalDir));
    const { appendFileSync } = await import('node:fs');
    appendFileSync(join(other, 'sanghyuk-chun', 'config.json'), ' ');
    expect(stagedContentHash(other)).not.toBe(stagedContentHash(canonicalDir));
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
  it('nine Node.js 22 arm64 functions with explicit log groups and timeouts sized to the waits', () => {
    template.resourceCountIs('AWS::Lambda::Function', 9 + 2); // + the BucketDeployment handler and the custom resource Provider framework
    for (const [name, timeout] of [['discover', 600], ['harvest-arxiv', 900], ['harvest-dblp', 900], ['close-gaps', 900], ['reconcile', 180], ['notify', 60], ['summarize', 300], ['seed', 300], ['review-web', 20]] as const) {
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

  it('harvesters may write raw/*, harvest/* and the run claim only; reconcile public/*, reports/* and in raw/ only run claims and manifests; the workflow runs/ only; nobody gets s3:* or a bucket-wide write', () => {
    const writtenBy = (fn: string) => statementsOf(fn).filter(writes).flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).map((r) => /\/([a-z*/._-]+)"\]/.exec(JSON.stringify(r))?.[1]));
    for (const fn of ['HarvestArxiv', 'HarvestDblp', 'CloseGaps']) expect(writtenBy(fn).sort(), fn).toEqual(['harvest/*', 'raw/*', 'runs/*/owner.json']);
    expect(writtenBy('Discover')).toEqual(['runs/*']);
    expect(writtenBy('Summarize')).toEqual(['runs/*/outcomes/*']);
    expect(writtenBy('Reconcile').sort()).toEqual(['public/*', 'public/*/hugo-blox/publications/*', 'public/*/papers/*', 'raw/*-manifest.json', 'raw/*/owner.json', 'reports/*']);
    // The state machine: the Map's items from runs/, its results to runs/map-results/ (CDK's default would be the whole bucket).
    expect(writtenBy('Workflow')).toEqual(['runs/map-results/*']);
    for (const [id, p] of Object.entries(template.findResources('AWS::IAM::Policy'))) {
      for (const s of (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement) {
        expect(actions(s), id).not.toContain('s3:*');
      }
    }
  });

  it('reconcile reads canonical/, raw/, harvest/ (the arXiv holdings), public/ and reports/', () => {
    const reads = statementsOf('Reconcile').filter((s) => actions(s).some((a) => a.startsWith('s3:GetObject'))).map(resourceText).join(' ');
    for (const prefix of ['canonical', 'raw', 'harvest', 'public', 'reports']) expect(reads).toMatch(new RegExp(`/${prefix}/\\*`));
  });
});

describe('workflow and schedule', () => {
  const definition = () => {
    const sm = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0] as { Properties: { DefinitionString: unknown } };
    return JSON.stringify(sm.Properties.DefinitionString);
  };

  it('finds the profiles in the bucket, harvests each source once (again while partial), then reconciles in a Distributed Map read from and written to S3, with retries and a degraded path', () => {
    const d = definition();
    expect(d).toMatch(/\{\\"StartAt\\":\\"RunContext\\"/);
    expect(d).toMatch(/\$\$\.Execution\.StartTime/);
    expect(d).toMatch(/\\"Type\\":\\"Parallel\\"/);
    expect(d).toMatch(/HarvestArxivStepFailed/);
    // Again while "partial", at most MAX_PARTIAL_ROUNDS calls (a counter in the state), then handed on as failed.
    expect(d).toMatch(/\\"HarvestDblpStepPartial\?\\":\{\\"Type\\":\\"Choice\\",\\"Choices\\":\[\{\\"And\\":\[\{\\"Variable\\":\\"\$\.outcome\.status\\",\\"StringEquals\\":\\"partial\\"\},\{\\"Variable\\":\\"\$\.rounds\.n\\",\\"NumericLessThan\\":48\}\],\\"Next\\":\\"HarvestDblpStepAgain\\"\},\{\\"Variable\\":\\"\$\.outcome\.status\\",\\"StringEquals\\":\\"partial\\",\\"Next\\":\\"HarvestDblpStepStillPartial\\"\}\]/);
    expect(d).toMatch(/\\"ReconcileStep\\":\{\\"Next\\":\\"NotifyOwnerStep\\"/);
    expect(d).toMatch(/\\"ProcessorConfig\\":\{\\"Mode\\":\\"DISTRIBUTED\\",\\"ExecutionType\\":\\"STANDARD\\"\}/);
    expect(d).toMatch(/\\"ItemReader\\":\{\\"Resource\\":\\"arn:/);
    expect(d).toMatch(/\\"Key\.\$\\":\\"\$\.discovered\.manifest\\"/);
    expect(d).toMatch(/\\"ResultWriter\\":\{\\"Resource\\":\\"arn:/);
    expect(d).toMatch(/:states:::s3:putObject\\",\\"Parameters\\":\{\\"Bucket\\":/);
    // The results under runs/map-results/<execution name>/ (the summary finds them there when the Map failed).
    expect(d).toMatch(/\\"Prefix\.\$\\":\\"\$\.run\.results\\"/);
    expect(d).toMatch(/\\"results\.\$\\":\\"States\.Format\('runs\/map-results\/\{\}', \$\$\.Execution\.Name\)\\"/);
    expect(d).toMatch(/\\"MaxConcurrency\\":10/); // the safe default (lib/context.ts DEFAULT_MAP_CONCURRENCY)
    expect(d).toMatch(/\\"ToleratedFailurePercentage\\":5/);
    expect(d).toMatch(/\\"Retry\\"/);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', { TracingConfiguration: { Enabled: true }, LoggingConfiguration: Match.objectLike({ Level: 'ALL' }) });
  });

  it('EventBridge Scheduler runs it nightly in the configured time zone, with retries and a DLQ', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(15 3 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Seoul',
      // No profile list baked in at deploy: the run finds its profiles in the bucket.
      Target: Match.objectLike({ RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }), DeadLetterConfig: Match.objectLike({ Arn: Match.anyValue() }), Input: '{}' }),
    });
  });

  it("tells the owner by SNS: the report email (notify function, topic in its environment, Publish granted), a profile not published (with step and cause, the profile's message attributes), and failed runs (with error and cause)", () => {
    // The operator's subscription takes only messages without a profile attribute (SNS: {"exists": false}): an
    // owner's email, which carries a one-session review link, never reaches the operator's inbox.
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'owner@example.org', FilterPolicy: { [PROFILE_ATTRIBUTE]: [{ exists: false }] } });
    expect(Object.keys(ownerAttributes('sanghyuk-chun', 'report'))).toContain(PROFILE_ATTRIBUTE);
    const topic = { Ref: stack.getLogicalId(stack.topic.node.defaultChild as never) };
    template.hasResourceProperties('AWS::Lambda::Function', { Timeout: 60, Environment: { Variables: Match.objectLike({ TOPIC_ARN: topic }) } });
    expect(statementsOf('Notify').filter((s) => actions(s).includes('sns:Publish')).map((s) => s.Resource)).toEqual([topic]);
    expect(definition()).not.toMatch(/TellOwner\\"|to review for/); // the reconcile step's notice is gone: the email is the notify step's
    expect(definition()).toMatch(/profile-sync could not publish \{\} in this run: \{\} failed \(\{\}\): \{\}/);
    expect(definition()).toMatch(/\\"MessageAttributes\\":\{\\"profile\\":\{\\"DataType\\":\\"String\\",\\"StringValue.\$\\":\\"\$\.profile\\"\},\\"kind\\":\{\\"DataType\\":\\"String\\",\\"StringValue\\":\\"profile-failed\\"\}\}/);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ source: ['aws.states'], detail: Match.objectLike({ status: ['FAILED', 'TIMED_OUT', 'ABORTED'] }) }),
      Targets: [Match.objectLike({ InputTransformer: Match.objectLike({ InputPathsMap: Match.objectLike({ 'detail-error': '$.detail.error', 'detail-cause': '$.detail.cause' }), InputTemplate: Match.stringLikeRegexp('ended <detail-status>: <detail-error>: <detail-cause>') }), RoleArn: Match.absent() })],
    });
  });
});

describe('website access', () => {
  it('CloudFront with OAC serves public/ only, HTTPS only, CORS and a short cache (and the review page under /review/*: test/infra/iam-review-web.test.ts)', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: [Match.objectLike({ OriginPath: '/public', OriginAccessControlId: Match.anyValue() }), Match.objectLike({ CustomOriginConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only' }), OriginAccessControlId: Match.anyValue() })],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'https-only' }),
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({ CorsConfig: Match.objectLike({ AccessControlAllowOrigins: { Items: ['https://sanghyukchun.github.io'] } }) }),
    });
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', { CachePolicyConfig: Match.objectLike({ DefaultTTL: 300, MaxTTL: 3600 }) });
    expect(stack.distribution).toBeDefined();
  });

  it("with a custom domain (alias, certificate, TLS 1.2) the template still passes CloudFormation's resource schemas (aws-cdk-lib's built-in validation, as for the default above)", () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [], '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true } });
    const s = new ProfileSyncStack(app, 'Domain', { canonicalDir, notifyEmail: 'owner@example.org', domain: { name: 'profiles.example.org', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012' } });
    let t: Template | undefined;
    expect(() => (t = Template.fromStack(s))).not.toThrow();
    t!.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ Aliases: ['profiles.example.org'] }) });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('has zero unacknowledged findings, and every acknowledgement gives a reason', () => {
    const { app } = build(true);
    expect(() => app.synth()).not.toThrow();
  });
});
