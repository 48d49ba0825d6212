/**
 * The policies a synthesized template attaches, as AWS would evaluate them:
 * every intrinsic resolved to the placeholder names the workflow tests use
 * (test/workflow/synthesized-workflow.ts: bucket "<logical id>-placeholder",
 * function and version ARNs by logical id), so a recorded call and the
 * policy meet on the same ARNs. Per role: its inline policies
 * (AWS::IAM::Policy naming it, its own Policies) and the template's managed
 * policies it attaches; AWS managed policies are named but not read (the
 * functions get only AWSLambdaBasicExecutionRole, which grants logs only).
 */
import { ACCOUNT, REGION, type PolicyDocument } from './evaluate.ts';

type Resource = { Type: string; Properties?: Record<string, unknown> };
export type TemplateJson = { Resources: Record<string, Resource> };

/** A bucket's name as the workflow tests give it (test/workflow/synthesized-workflow.ts). */
export const placeholderBucket = (logicalId: string) => `${logicalId.toLowerCase()}-placeholder`;

export class TemplatePolicies {
  private readonly resources: Record<string, Resource>;

  constructor(template: TemplateJson) {
    this.resources = template.Resources;
  }

  private arnOf(id: string): string {
    const r = this.resources[id];
    if (!r) throw new Error(`unknown logical id ${id}`);
    const arn = (service: string, rest: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${rest}`;
    switch (r.Type) {
      case 'AWS::Lambda::Function':
        return arn('lambda', `function:${id}`);
      case 'AWS::Lambda::Version':
        return `${arn('lambda', `function:${this.resolve(r.Properties?.['FunctionName'])}`)}:${id}`;
      case 'AWS::SNS::Topic':
        return arn('sns', id);
      case 'AWS::S3::Bucket':
        return `arn:aws:s3:::${placeholderBucket(id)}`;
      case 'AWS::KMS::Key':
        return arn('kms', `key/${id}`);
      case 'AWS::IAM::Role':
        return `arn:aws:iam::${ACCOUNT}:role/${id}`;
      case 'AWS::IAM::ManagedPolicy':
        return `arn:aws:iam::${ACCOUNT}:policy/${id}`;
      case 'AWS::StepFunctions::StateMachine':
        return arn('states', `stateMachine:${id}`);
      case 'AWS::Events::Rule':
        return arn('events', `rule/${id}`);
      case 'AWS::SQS::Queue':
        return arn('sqs', id);
      case 'AWS::Logs::LogGroup':
        return arn('logs', `log-group:${id}:*`);
      case 'AWS::CloudWatch::Alarm':
      case 'AWS::CloudWatch::CompositeAlarm':
        return arn('cloudwatch', `alarm:${id}`);
      case 'AWS::ECS::TaskDefinition':
        // Its family (the Family property) and the first revision.
        return arn('ecs', `task-definition/${String(this.resolve(r.Properties?.['Family']))}:1`);
      case 'AWS::ECS::Cluster':
        return arn('ecs', `cluster/${id}`);
      case 'AWS::CloudFront::Distribution':
        return `arn:aws:cloudfront::${ACCOUNT}:distribution/${id}`;
      default:
        throw new Error(`no placeholder ARN for ${r.Type} (${id})`);
    }
  }

  /** A value of the template with its intrinsics resolved (Ref, Fn::GetAtt …Arn, Fn::Join, Fn::Select, Fn::Split, Fn::Sub). */
  resolve(v: unknown): unknown {
    if (Array.isArray(v)) return v.map((x) => this.resolve(x));
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const pseudo: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::URLSuffix': 'amazonaws.com', 'AWS::StackName': 'Workflow' };
    if ('Ref' in o) {
      const id = o['Ref'] as string;
      if (pseudo[id]) return pseudo[id];
      const type = this.resources[id]?.Type;
      if (type === 'AWS::S3::Bucket') return placeholderBucket(id);
      if (type === 'AWS::Lambda::Function' || type === 'AWS::IAM::Role' || type === 'AWS::Logs::LogGroup') return id;
      return this.arnOf(id);
    }
    if ('Fn::GetAtt' in o) {
      const [id, attr] = o['Fn::GetAtt'] as [string, string];
      if (attr !== 'Arn') throw new Error(`Fn::GetAtt ${id}.${attr} is not resolved by this test`);
      return this.arnOf(id);
    }
    if ('Fn::Join' in o) {
      const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
      return (this.resolve(parts) as unknown[]).map(String).join(sep);
    }
    if ('Fn::Split' in o) {
      const [sep, text] = o['Fn::Split'] as [string, unknown];
      return String(this.resolve(text)).split(sep);
    }
    if ('Fn::Select' in o) {
      const [index, list] = o['Fn::Select'] as [number, unknown];
      return (this.resolve(list) as unknown[])[index];
    }
    if ('Fn::Sub' in o) {
      const text = o['Fn::Sub'] as string;
      return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
        if (pseudo[name]) return pseudo[name];
        const [id, attr] = name.split('.');
        return String(attr ? this.resolve({ 'Fn::GetAtt': [id, attr] }) : this.resolve({ Ref: id }));
      });
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, this.resolve(x)]));
  }

  private ofType(type: string): Array<[string, Resource]> {
    return Object.entries(this.resources).filter(([, r]) => r.Type === type);
  }

  private refersTo(list: unknown, id: string): boolean {
    return Array.isArray(list) && list.some((x) => (x as { Ref?: string }).Ref === id);
  }

  /** A Lambda function's execution role (logical id). */
  roleOfFunction(functionId: string): string {
    return this.roleIn(functionId, 'Role');
  }

  /** A state machine's role (logical id). */
  roleOfStateMachine(machineId: string): string {
    return this.roleIn(machineId, 'RoleArn');
  }

  private roleIn(id: string, property: string): string {
    const role = this.resources[id]?.Properties?.[property] as { 'Fn::GetAtt'?: [string, string] } | undefined;
    const roleId = role?.['Fn::GetAtt']?.[0];
    if (!roleId) throw new Error(`${id} has no ${property} in the template`);
    return roleId;
  }

  /** The role's ARN as IAM names it. */
  roleArn(roleId: string): string {
    return this.arnOf(roleId);
  }

  /** Every policy document the template attaches to a role (inline and the template's managed policies). */
  rolePolicies(roleId: string): PolicyDocument[] {
    const docs: PolicyDocument[] = [];
    for (const [, p] of this.ofType('AWS::IAM::Policy')) if (this.refersTo(p.Properties?.['Roles'], roleId)) docs.push(this.resolve(p.Properties!['PolicyDocument']) as PolicyDocument);
    for (const [, p] of this.ofType('AWS::IAM::ManagedPolicy')) if (this.refersTo(p.Properties?.['Roles'], roleId)) docs.push(this.resolve(p.Properties!['PolicyDocument']) as PolicyDocument);
    const role = this.resources[roleId]?.Properties;
    for (const inline of (role?.['Policies'] as Array<{ PolicyDocument: unknown }> | undefined) ?? []) docs.push(this.resolve(inline.PolicyDocument) as PolicyDocument);
    for (const arn of (role?.['ManagedPolicyArns'] as unknown[] | undefined) ?? []) {
      const ref = (arn as { Ref?: string }).Ref;
      if (ref && this.resources[ref]?.Type === 'AWS::IAM::ManagedPolicy') docs.push(this.resolve(this.resources[ref]!.Properties!['PolicyDocument']) as PolicyDocument);
    }
    return docs;
  }

  /** A managed policy's document, by logical id. */
  managedPolicy(policyId: string): PolicyDocument {
    const p = this.resources[policyId];
    if (p?.Type !== 'AWS::IAM::ManagedPolicy') throw new Error(`${policyId} is not a managed policy`);
    return this.resolve(p.Properties!['PolicyDocument']) as PolicyDocument;
  }

  /** The bucket policy of a bucket (logical id), if any. */
  bucketPolicy(bucketId: string): PolicyDocument | undefined {
    const found = this.ofType('AWS::S3::BucketPolicy').find(([, p]) => (p.Properties?.['Bucket'] as { Ref?: string }).Ref === bucketId);
    return found ? (this.resolve(found[1].Properties!['PolicyDocument']) as PolicyDocument) : undefined;
  }

  /** The topic policy of a topic (logical id), if any. */
  topicPolicy(topicId: string): PolicyDocument | undefined {
    const found = this.ofType('AWS::SNS::TopicPolicy').find(([, p]) => this.refersTo(p.Properties?.['Topics'], topicId));
    return found ? (this.resolve(found[1].Properties!['PolicyDocument']) as PolicyDocument) : undefined;
  }

  /** A KMS key's key policy (logical id). */
  keyPolicy(keyId: string): PolicyDocument {
    return this.resolve(this.resources[keyId]!.Properties!['KeyPolicy']) as PolicyDocument;
  }

  /** The ARN a resource has here (logical id). */
  arn(id: string): string {
    return this.arnOf(id);
  }

  /** Logical ids of the resources of a type. */
  idsOf(type: string): string[] {
    return this.ofType(type).map(([id]) => id);
  }
}
