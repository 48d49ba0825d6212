/**
 * Issue 10's operations and security findings, on the synthesized template:
 * alarms to the owner's topic with their thresholds, published versions in
 * the workflow, S3 grants scoped per function, CloudFront's read limited to
 * public/*, an encrypted topic whose EventBridge grant names the rule, and
 * cdk-nag acknowledgements on single resources only.
 */
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { stageCanonical } from '../../lib/canonical-staging.ts';
import { ALARMS, ProfileSyncStack } from '../../lib/profile-sync-stack.ts';
import { DATA } from '../helpers/paths.ts';

const canonicalDir = await stageCanonical(DATA, ['sanghyuk-chun']);
/**
 * A stack; with `nag`, cdk-nag runs when it is synthesized (synthesis happens once per app, so the plugin comes
 * first). aws-cdk-lib's CloudFormation schema validation is off: it costs ~6 s of CPU the first time in a process,
 * and stack.test.ts (the default stack and the custom-domain one) and synth.test.ts (the stack as deployed) run it.
 */
const build = (extra: Partial<ConstructorParameters<typeof ProfileSyncStack>[2]> = {}, nag = false) => {
  const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [], '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true } });
  const stack = new ProfileSyncStack(app, 'Ops', { canonicalDir, notifyEmail: 'owner@example.org', ...extra });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
};
const { stack } = build();
const template = Template.fromStack(stack);
const topicRef = { Ref: stack.getLogicalId(stack.topic.node.defaultChild as never) };

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>>; Principal?: unknown };
const statements = (type: string, idPrefix = '') =>
  Object.entries(template.findResources(type))
    .filter(([id]) => id.startsWith(idPrefix))
    .flatMap(([, r]) => (r as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement);
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('alarms to the owner', () => {
  const alarms = () => Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => (a as { Properties: Record<string, unknown> }).Properties);
  const alarmOn = (metric: string, dimension?: string) => alarms().filter((a) => a['MetricName'] === metric && (!dimension || JSON.stringify(a['Dimensions']).includes(dimension)));

  it('every alarm notifies the owner topic (the two parts of the "no successful run" composite through it)', () => {
    const composites = Object.values(template.findResources('AWS::CloudWatch::CompositeAlarm')).map((a) => (a as { Properties: Record<string, unknown> }).Properties);
    expect(alarms()).toHaveLength(5 + 2 * 6); // the run's three, the composite's two parts, and errors and throttles of each of six functions
    expect(composites).toHaveLength(1);
    const parts = alarms().filter((a) => a['MetricName'] === 'ExecutionsSucceeded');
    for (const a of [...alarms().filter((x) => !parts.includes(x)), ...composites]) expect(a['AlarmActions']).toEqual([topicRef]);
    for (const a of parts) expect(a['AlarmActions']).toBeUndefined();
  });

  it('failed or timed-out executions: 1 in 5 minutes', () => {
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
      expect(alarmOn(metric)).toEqual([expect.objectContaining({ Namespace: 'AWS/States', Statistic: 'Sum', Period: 300, Threshold: ALARMS.executionsFailed.threshold, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching' })]);
    }
  });

  it('a message in the schedule dead-letter queue', () => {
    expect(alarmOn('ApproximateNumberOfMessagesVisible')).toEqual([expect.objectContaining({ Namespace: 'AWS/SQS', Statistic: 'Maximum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' })]);
  });

  it('heartbeat: no successful execution in 36 hours (6 x 6 h, missing data breaches), once one has succeeded (a latch that ignores missing data)', () => {
    const succeeded = alarmOn('ExecutionsSucceeded');
    const noSuccess = succeeded.find((a) => a['ComparisonOperator'] === 'LessThanThreshold');
    expect(noSuccess).toMatchObject({ Statistic: 'Sum', Period: 6 * 3600, EvaluationPeriods: 6, DatapointsToAlarm: 6, Threshold: 1, TreatMissingData: 'breaching' });
    expect((noSuccess!['Period'] as number) * (noSuccess!['EvaluationPeriods'] as number)).toBe(36 * 3600);
    expect(succeeded.find((a) => a !== noSuccess)).toMatchObject({ Statistic: 'Sum', Threshold: 1, EvaluationPeriods: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'ignore' });
    template.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', { AlarmRule: Match.anyValue(), AlarmActions: [topicRef] });
  });

  it('Lambda errors (3 in an hour) and throttles (1 in an hour) for each function', () => {
    // Notify included: its errors are caught by the workflow (the profile stays published), so only this alarm says an email failed.
    for (const fn of [stack.harvestArxiv, stack.harvestDblp, stack.closeGaps, stack.reconcile, stack.notify, stack.summarize]) {
      const id = stack.getLogicalId(fn.node.defaultChild as never);
      expect(alarmOn('Errors', id)).toEqual([expect.objectContaining({ Namespace: 'AWS/Lambda', Statistic: 'Sum', Period: 3600, Threshold: 3 })]);
      expect(alarmOn('Throttles', id)).toEqual([expect.objectContaining({ Namespace: 'AWS/Lambda', Statistic: 'Sum', Period: 3600, Threshold: 1 })]);
    }
  });
});

describe('a deploy during a run', () => {
  it('the workflow invokes published versions, never $LATEST', () => {
    const versions = Object.keys(template.findResources('AWS::Lambda::Version'));
    expect(versions).toHaveLength(7);
    const sm = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0] as { Properties: { DefinitionString: unknown } };
    const refs = JSON.stringify(sm.Properties.DefinitionString);
    for (const v of versions) expect(refs).toContain(`{"Ref":"${v}"}`);
    expect(refs).not.toMatch(/Fn::GetAtt":\["(Discover|HarvestArxiv|HarvestDblp|CloseGaps|Reconcile|Notify|Summarize)[A-F0-9]+","Arn"/);
    template.hasResource('AWS::Lambda::Version', { UpdateReplacePolicy: 'Retain', DeletionPolicy: 'Retain' });
  });
});

describe('S3 grants', () => {
  it('no GetBucket*, no Put* variant (legal hold, retention, tagging), no unconditioned List; only reconcile deletes (the stale pages it unpublishes)', () => {
    for (const fn of ['Discover', 'HarvestArxiv', 'HarvestDblp', 'CloseGaps', 'Reconcile', 'Notify', 'Summarize', 'Seed']) {
      const st = statements('AWS::IAM::Policy', fn).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
      expect(st.flatMap(actionsOf).filter((a) => a.startsWith('s3:')).sort()).toEqual(expect.arrayContaining(['s3:GetObject', 's3:ListBucket', 's3:PutObject']));
      for (const s of st) {
        for (const a of actionsOf(s)) expect(['s3:GetObject', 's3:PutObject', 's3:ListBucket', ...(fn === 'Reconcile' ? ['s3:DeleteObject'] : [])], `${fn}: ${a}`).toContain(a);
        if (actionsOf(s).includes('s3:ListBucket')) expect(s.Condition?.['StringLike']?.['s3:prefix'], `${fn} lists with a prefix condition`).toBeDefined();
      }
    }
  });

  it("each function lists only its own prefixes", () => {
    const prefixes = (fn: string) => statements('AWS::IAM::Policy', fn).find((s) => actionsOf(s).includes('s3:ListBucket'))!.Condition!['StringLike']!['s3:prefix'];
    for (const fn of ['HarvestArxiv', 'HarvestDblp', 'CloseGaps']) expect(prefixes(fn)).toEqual(['runs/*', 'raw/*', 'harvest/*']);
    expect(prefixes('Reconcile')).toEqual(['canonical/*', 'raw/*', 'harvest/*', 'public/*', 'reports/*']);
    expect(prefixes('Discover')).toEqual(['canonical/*', 'runs/*']);
    expect(prefixes('Summarize')).toEqual(['runs/*']);
    expect(prefixes('Notify')).toEqual(['canonical/*', 'reports/*', 'notices/*']);
    expect(prefixes('Seed')).toEqual(['staging/canonical/*', 'canonical/*']);
  });

  it('discovery reads only config.json, fetch-plan.json and its run; notify writes only notified.json; the seeding creates only the four record files', () => {
    const keys = (fn: string, action: string) =>
      statements('AWS::IAM::Policy', fn)
        .filter((s) => actionsOf(s).includes(action))
        .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).map((r) => /\/([^"]+)"\]\]\}$/.exec(JSON.stringify(r))?.[1]));
    expect(keys('Discover', 's3:GetObject')).toEqual(['canonical/*/config.json', 'canonical/*/fetch-plan.json', 'runs/*']);
    expect(keys('Discover', 's3:PutObject')).toEqual(['runs/*']);
    expect(keys('Notify', 's3:GetObject')).toEqual(['reports/*', 'notices/*/notified.json', 'canonical/*/decisions.json', 'canonical/*/config.json']);
    expect(keys('Notify', 's3:PutObject')).toEqual(['notices/*/notified.json']);
    expect(keys('Seed', 's3:PutObject')).toEqual(['canonical/*/cv.json', 'canonical/*/config.json', 'canonical/*/decisions.json', 'canonical/*/fetch-plan.json']);
    for (const fn of ['Discover', 'Notify', 'Seed']) expect(statements('AWS::IAM::Policy', fn).flatMap(actionsOf).filter((a) => /^s3:Delete/.test(a)), fn).toEqual([]);
  });

  it("the owners' CLI policy: the owner's own profile by its principal tag (Get/Put/Delete on its records; Get on its reports, what it was told and its published profile.json), List with those prefixes only; an output names it", () => {
    const owner = statements('AWS::IAM::ManagedPolicy', 'OwnerPolicy');
    const tag = '${aws:PrincipalTag/profile-sync-profile}';
    const keys = (s: Statement) => (JSON.stringify(s.Resource).includes('Fn::Join') ? (JSON.stringify(s.Resource).match(/"\/[^"]+"/g) ?? []).map((k) => k.slice(2, -1)) : ['bucket']);
    expect(owner.map((s) => [s.Effect, actionsOf(s).sort(), keys(s), s.Condition ?? null])).toEqual([
      ['Allow', ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], [`canonical/${tag}/*`], null],
      ['Allow', ['s3:GetObject'], [`reports/${tag}/*`, `notices/${tag}/notified.json`], null],
      ['Allow', ['s3:GetObject'], [`public/${tag}/profile.json`], null],
      ['Allow', ['s3:ListBucket'], ['bucket'], { StringLike: { 's3:prefix': [`canonical/${tag}/*`, `reports/${tag}/*`, `public/${tag}/profile.json`, `notices/${tag}/notified.json`] } }],
    ]);
    template.hasOutput('OwnerPolicyArn', { Value: { Ref: stack.getLogicalId(stack.ownerPolicy.node.defaultChild as never) } });
  });

  it("the operator's CLI policy: the pipeline's prefixes of the data bucket (canonical/ created only, with If-None-Match), the review key ring, nothing else; an output names it", () => {
    const operator = statements('AWS::IAM::ManagedPolicy', 'OperatorPolicy');
    const keys = (s: Statement) => (JSON.stringify(s.Resource).includes('Fn::Join') ? (JSON.stringify(s.Resource).match(/"\/[^"]+"/g) ?? []).map((k) => k.slice(2, -1)) : ['bucket']);
    const where = (s: Statement) => (actionsOf(s).some((a) => a.startsWith('ssm:')) ? [JSON.stringify(s.Resource).match(/parameter\/[^"]+/)?.[0]] : keys(s));
    expect(operator.map((s) => [s.Effect, actionsOf(s).sort(), where(s), s.Condition ?? null])).toEqual([
      ['Allow', ['s3:GetObject'], ['canonical/*'], null],
      ['Allow', ['s3:PutObject'], ['canonical/*'], { Null: { 's3:if-none-match': 'false' } }],
      ['Allow', ['s3:GetObject', 's3:PutObject'], ['public/*', 'reports/*', 'raw/*'], null],
      ['Allow', ['s3:DeleteObject'], ['public/*/hugo-blox/publications/*', 'public/*/papers/*'], null],
      ['Allow', ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], ['staging/*'], null],
      ['Allow', ['s3:ListBucket'], ['bucket'], { StringLike: { 's3:prefix': ['canonical/*', 'public/*', 'reports/*', 'raw/*', 'staging/*'] } }],
      ['Allow', ['ssm:GetParameter'], ['parameter/profile-sync/review-keys'], null],
    ]);
    template.hasOutput('OperatorPolicyArn', { Value: { Ref: stack.getLogicalId(stack.operatorPolicy.node.defaultChild as never) } });
  });

  it('CloudFront (OAC) may read public/* only, for this distribution', () => {
    const cf = statements('AWS::S3::BucketPolicy').filter((s) => JSON.stringify(s.Principal).includes('cloudfront.amazonaws.com'));
    expect(cf).toHaveLength(1);
    expect(actionsOf(cf[0]!)).toEqual(['s3:GetObject']);
    expect(JSON.stringify(cf[0]!.Resource)).toMatch(/"\/public\/\*"\]/);
    expect(cf[0]!.Condition).toEqual({ StringEquals: { 'AWS:SourceArn': expect.anything() } });
    // The one S3 origin is public/ (the other origin is the review page's Function URL, no S3).
    template.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ Origins: [Match.objectLike({ OriginPath: '/public', OriginAccessControlId: Match.anyValue() }), Match.objectLike({ CustomOriginConfig: Match.anyValue() })] }) });
  });
});

describe('the owner topic', () => {
  it('is encrypted with a rotating KMS key', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('EventBridge may publish only for the run-failed rule (aws:SourceArn); CloudWatch only for this account\'s alarms', () => {
    const st = statements('AWS::SNS::TopicPolicy');
    const events = st.filter((s) => JSON.stringify(s.Principal).includes('events.amazonaws.com'));
    expect(events).toHaveLength(1);
    expect(events[0]!.Condition).toEqual({ ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [expect.stringMatching(/^RunFailed/), 'Arn'] } } });
    const alarms = st.filter((s) => JSON.stringify(s.Principal).includes('cloudwatch.amazonaws.com'));
    expect(alarms[0]!.Condition).toMatchObject({ ArnLike: { 'aws:SourceArn': expect.anything() }, StringEquals: { 'aws:SourceAccount': expect.anything() } });
    for (const s of st.filter((x) => x.Effect === 'Allow')) expect(s.Condition, JSON.stringify(s.Principal)).toBeDefined();
  });
});

describe('cdk-nag acknowledgements', () => {
  // Ours: cdk-nag's AwsSolutions findings. (aws-cdk-lib acknowledges some CloudFormation-Validate warnings of its
  // own, e.g. W3010 on the stack when a VPC reads its availability zones: not findings this stack accepts.)
  const acknowledged = (root: IConstruct) =>
    root.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').map((m) => ({ path: c.node.path, data: m.data as unknown })))
      .filter((a) => !JSON.stringify(a.data).includes('CloudFormation-Validate::'));

  it('sit on single CloudFormation resources, never on the stack, and name their finding exactly', () => {
    const acks = acknowledged(stack);
    expect(acks.length).toBeGreaterThan(20);
    for (const a of acks) {
      expect(a.path, `not the stack: ${JSON.stringify(a.data)}`).not.toBe('Ops');
      const target = stack.node.findAll().find((c) => c.node.path === a.path)!;
      expect(target.constructor.name, `${a.path} is a CloudFormation resource`).toMatch(/^Cfn/);
      expect(JSON.stringify(a.data)).not.toMatch(/"AwsSolutions-IAM5"/); // IAM5 only by its granular id
    }
  });

  it('-c dblpDumpAbove=off: no dump task, no VPC, no container image (a deploy needs no Docker); dblp from person pages; cdk-nag still clean', () => {
    const { stack: s } = build({ dblpDumpAbove: 'off' }, true);
    let t: Template | undefined;
    expect(() => (t = Template.fromStack(s))).not.toThrow();
    const types = new Set(Object.values(t!.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type));
    expect([...types].filter((x) => x.startsWith('AWS::ECS::') || x.startsWith('AWS::EC2::'))).toEqual([]);
    const definition = JSON.stringify(t!.findResources('AWS::StepFunctions::StateMachine'));
    expect(definition).not.toContain('ecs:runTask');
    expect(definition).not.toContain('DblpFromDump?');
    expect(definition).toContain('HarvestDblpStep');
    // The default deploys it.
    expect(Object.keys(template.findResources('AWS::ECS::TaskDefinition'))).toHaveLength(1);
  });

  it('with a custom domain, TLS 1.2 is enforced and CFR4 is no longer acknowledged', () => {
    const { stack: s } = build({ domain: { name: 'profiles.example.org', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012' } }, true);
    let t: Template | undefined;
    expect(() => (t = Template.fromStack(s))).not.toThrow(); // the nag gate: synthesis throws on an unacknowledged finding
    t!.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ Aliases: ['profiles.example.org'], ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021' }) }) });
    expect(JSON.stringify(acknowledged(s))).not.toContain('CFR4');
  });

  it('an unacknowledged finding still fails: a new wildcard grant elsewhere is not covered', async () => {
    const { app, stack: s } = build({}, true);
    const { PolicyStatement } = await import('aws-cdk-lib/aws-iam');
    // reports/* is acknowledged on reconcile's policy: the same finding on the dblp harvester's policy is not.
    s.harvestDblp.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [s.bucket.arnForObjects('reports/*')] }));
    expect(() => app.synth()).toThrow(/HarvestDblp\/ServiceRole\/DefaultPolicy\/Resource[\s\S]*AwsSolutions-IAM5\[Resource::<Data[0-9A-F]+\.Arn>\/reports\/\*\]/);
  });
});
