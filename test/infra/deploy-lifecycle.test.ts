/**
 * What AWS enforces on the deployed stack and its lifecycle (issue 19), read
 * from the synthesized template and, where it is a permission, evaluated by
 * the IAM evaluator (test/infra/iam/): the run-failed email's path through
 * the topic's KMS key, an execution that outlives a deploy, the Step
 * Functions log group, account-wide CloudFront names, the bucket's lifecycle,
 * and the deploy-time staging's reach and logs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { stageCanonical } from '../../lib/canonical-staging.ts';
import { notifiedKey } from '../../src/review/notify-owner.ts';
import { DATA } from '../helpers/paths.ts';
import { synthesizeWorkflow, type SynthesizedWorkflow } from '../workflow/synthesized-workflow.ts';
import { ACCOUNT, REGION, decide, type PolicyDocument } from './iam/evaluate.ts';
import { TemplatePolicies } from './iam/template-policies.ts';

let workflow: SynthesizedWorkflow;
let policies: TemplatePolicies;
type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
const resources = () => workflow.template.Resources as Record<string, Resource>;
const ofType = (type: string) => Object.entries(resources()).filter(([, r]) => r.Type === type);

beforeAll(async () => {
  workflow = await synthesizeWorkflow(await stageCanonical(DATA, ['sanghyuk-chun']));
  policies = new TemplatePolicies(workflow.template);
}, 180_000);

/** A request by a role of the template (identity policies only: same account, no resource policy on these resources). */
async function roleMay(roleId: string, action: string, resource: string, resourcePolicy?: PolicyDocument) {
  return decide({ principal: policies.roleArn(roleId), action, resource, context: { 'aws:SecureTransport': 'true' } }, { identity: policies.rolePolicies(roleId), ...(resourcePolicy ? { resource: resourcePolicy } : {}) });
}

describe('the run-failed email (EventBridge → encrypted SNS topic)', () => {
  it("EventBridge may use the topic's key as its KMS calls come (no aws:SourceAccount / aws:SourceArn), and only this stack's rule may publish to the topic", async () => {
    const key = policies.arn(workflow.ids.key);
    const keyPolicy = policies.keyPolicy(workflow.ids.key);
    const events = (action: string) => decide({ principal: 'events.amazonaws.com', action, resource: key, context: { 'kms:ViaService': `sns.${REGION}.amazonaws.com` } }, { identity: [], resource: keyPolicy });
    expect(await events('kms:GenerateDataKey')).toBe('Allowed');
    expect(await events('kms:Decrypt')).toBe('Allowed');
    const rule = ofType('AWS::Events::Rule')[0]![0];
    const topicPolicy = policies.topicPolicy(workflow.ids.topic)!;
    const publish = (sourceArn: string) => decide({ principal: 'events.amazonaws.com', action: 'sns:Publish', resource: workflow.topicArn, context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': ACCOUNT, 'aws:SecureTransport': 'true' } }, { identity: [], resource: topicPolicy });
    expect(await publish(policies.arn(rule))).toBe('Allowed');
    expect(await publish(`arn:aws:events:${REGION}:${ACCOUNT}:rule/another-rule`)).toBe('ImplicitlyDenied');
    // CloudWatch alarms keep their source-account bound on the key.
    const alarms = (account: string) => decide({ principal: 'cloudwatch.amazonaws.com', action: 'kms:GenerateDataKey', resource: key, context: { 'aws:SourceAccount': account } }, { identity: [], resource: keyPolicy });
    expect(await alarms(ACCOUNT)).toBe('Allowed');
    expect(await alarms('999999999999')).toBe('ImplicitlyDenied');
  });
});

describe('a deploy during a run', () => {
  it('the state machine may invoke any version of its seven functions (an execution keeps the versions it started with), and no other function', async () => {
    const role = policies.roleOfStateMachine(workflow.ids.stateMachine);
    const fn = (id: string, version: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${id}:${version}`;
    for (const id of Object.values(workflow.functions)) {
      expect(await roleMay(role, 'lambda:InvokeFunction', fn(id, '3')), `${id}:3`).toBe('Allowed');
      const current = workflow.tasks.find((t) => t.target.kind === 'lambda' && t.target.functionId === id)!;
      expect(await roleMay(role, 'lambda:InvokeFunction', current.resource), current.resource).toBe('Allowed');
    }
    expect(await roleMay(role, 'lambda:InvokeFunction', fn(workflow.ids.seed, '1'))).toBe('ImplicitlyDenied');
    expect(await roleMay(role, 'lambda:InvokeFunction', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:SomeoneElses:1`)).toBe('ImplicitlyDenied');
  });
});

describe('logs and names', () => {
  it("the Step Functions log group is under /aws/vendedlogs/ (Step Functions' vended logs), with a retention, removed with the stack", () => {
    const machine = ofType('AWS::StepFunctions::StateMachine')[0]![1];
    const destination = JSON.stringify(machine.Properties['LoggingConfiguration']);
    const [id, group] = ofType('AWS::Logs::LogGroup').find(([id]) => destination.includes(id))!;
    expect(id).toMatch(/^WorkflowLogs/);
    expect(group.Properties['LogGroupName']).toMatch(/^\/aws\/vendedlogs\/states\//);
    expect(group.Properties['RetentionInDays']).toBe(30);
    expect(group.DeletionPolicy).toBe('Delete');
  });

  it('every OAC (the bucket\'s, the review page\'s) and the CORS response headers policy (named account-wide) carry the stack and the region in their names', () => {
    const oacs = ofType('AWS::CloudFront::OriginAccessControl').map(([, r]) => (r.Properties['OriginAccessControlConfig'] as Record<string, unknown>)['Name']);
    expect(oacs).toHaveLength(2);
    const cors = ofType('AWS::CloudFront::ResponseHeadersPolicy')[0]![1].Properties['ResponseHeadersPolicyConfig'] as Record<string, unknown>;
    const names = [...oacs, cors['Name']];
    expect(new Set(names.map((n) => String(policies.resolve(n)))).size).toBe(names.length);
    for (const name of names) {
      expect(JSON.stringify(name)).toContain('{"Ref":"AWS::Region"}');
      const resolved = String(policies.resolve(name));
      expect(resolved).toContain(REGION);
      expect(resolved).toContain('Workflow');
      expect(resolved.length).toBeLessThanOrEqual(64);
    }
  });
});

describe("the data bucket's lifecycle", () => {
  type Rule = { Id: string; Prefix?: string; ExpirationInDays?: number; ExpiredObjectDeleteMarker?: boolean; AbortIncompleteMultipartUpload?: { DaysAfterInitiation: number }; Status: string };
  const rules = () => ((ofType('AWS::S3::Bucket').find(([id]) => id === workflow.ids.bucket)![1].Properties['LifecycleConfiguration'] as { Rules: Rule[] }).Rules);

  it('removes expired delete markers and incomplete multipart uploads of the versioned bucket', () => {
    expect(rules()).toEqual(expect.arrayContaining([expect.objectContaining({ ExpiredObjectDeleteMarker: true, Status: 'Enabled' }), expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 }, Status: 'Enabled' })]));
  });

  it("no expiry covers what an owner was told (notified.json), while the reports' run copies still expire after a year", () => {
    const expiring = rules().filter((r) => r.ExpirationInDays !== undefined);
    const covering = (key: string) => expiring.filter((r) => key.startsWith(r.Prefix ?? '')).map((r) => r.Id);
    expect(covering(notifiedKey('alpha'))).toEqual([]);
    expect(covering('reports/alpha/20261128T031500Z/diff.json')).toEqual(['expire-old-reports']);
  });
});

describe('the deploy-time staging (BucketDeployment)', () => {
  it('its handler may write and delete under staging/ only, and its logs have a retention and go with the stack', async () => {
    const [handlerId, handler] = ofType('AWS::Lambda::Function').find(([id]) => id.startsWith('CustomCDKBucketDeployment'))!;
    const role = policies.roleOfFunction(handlerId);
    const object = (key: string) => `arn:aws:s3:::${workflow.bucketName}/${key}`;
    for (const action of ['s3:PutObject', 's3:DeleteObject']) {
      expect(await roleMay(role, action, object(`${workflow.deployment.destinationPrefix}alpha/cv.json`)), action).toBe('Allowed');
      for (const key of ['canonical/alpha/cv.json', 'public/alpha/profile.json', 'reports/alpha/latest.json', 'harvest/_lease/arxiv.json']) expect(await roleMay(role, action, object(key)), `${action} ${key}`).toBe('ImplicitlyDenied');
    }
    const group = (handler.Properties['LoggingConfig'] as { LogGroup?: { Ref: string } } | undefined)?.LogGroup?.Ref;
    expect(group).toBeDefined();
    const logs = resources()[group!]!;
    expect(logs.Properties['RetentionInDays']).toBe(30);
    expect(logs.DeletionPolicy).toBe('Delete');
  });
});
