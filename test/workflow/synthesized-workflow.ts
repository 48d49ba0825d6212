/**
 * The state machine as CloudFormation would create it: the stack is
 * synthesized (bundling skipped), its DefinitionString resolved with
 * placeholder ARNs for the intrinsics it contains (Ref / Fn::GetAtt / pseudo
 * parameters; anything else fails the test), and each Task state's resource
 * traced back to the function or service it names. Also what a deploy does
 * to the bucket, read from the same template: where the BucketDeployment
 * stages the profiles, and the seeding custom resource's properties.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ProfileSyncStack, type ProfileSyncProps } from '../../lib/profile-sync-stack.ts';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

export interface TaskBinding {
  readonly state: string;
  /** The resolved Resource ARN. */
  readonly resource: string;
  /** Lambda: the function's logical id and whether a published version is invoked; SNS: the topic ARN. */
  readonly target:
    | { readonly kind: 'lambda'; readonly functionId: string; readonly version: string }
    | { readonly kind: 'sns'; readonly topicArn: string }
    | { readonly kind: 'ecs'; readonly taskDefinitionArn: string };
}

export interface SynthesizedWorkflow {
  readonly definition: Record<string, unknown>;
  readonly tasks: readonly TaskBinding[];
  /** Logical ids of the workflow's functions, and their timeouts (s). */
  readonly functions: { readonly discover: string; readonly harvestArxiv: string; readonly harvestDblp: string; readonly closeGaps: string; readonly reconcile: string; readonly notify: string; readonly summarize: string };
  readonly timeouts: Readonly<Record<string, number>>;
  /** The dblp dump task: its task definition's logical id, ARN and family (RunTask names the family: its latest revision), its container's environment (the deploy setting among it), its task role. */
  readonly dumpTask?: { readonly id: string; readonly arn: string; readonly family: string; readonly container: string; readonly environment: Readonly<Record<string, string>>; readonly roleId: string; readonly executionRoleId: string };
  readonly topicArn: string;
  /** The notify function's TOPIC_ARN, resolved from its environment in the template. */
  readonly notifyTopicArn: string;
  /** The deploy: the staged folder, the BucketDeployment's destination prefix, the seeding resource's properties. */
  readonly deployment: { readonly canonicalDir: string; readonly destinationPrefix: string; readonly seedingProperties: Record<string, unknown> };
  /** States with a Retry field (their waits are overridden to 0 in tests). */
  readonly retried: readonly string[];
  /** The data bucket's name as the definition gives it (placeholder). */
  readonly bucketName: string;
  /** The synthesized template itself, and the logical ids of the parts the IAM tests evaluate. */
  readonly template: { readonly Resources: Resources };
  readonly ids: { readonly bucket: string; readonly topic: string; readonly key: string; readonly stateMachine: string; readonly seed: string; readonly ownerPolicy: string; readonly operatorPolicy: string };
}

/** A bucket's name as CloudFormation would give it (a placeholder: its logical id, lowercased). */
const bucketName = (logicalId: string) => `${logicalId.toLowerCase()}-placeholder`;

function resolver(resources: Resources) {
  const arnOf = (id: string): string => {
    const r = resources[id];
    if (!r) throw new Error(`unknown logical id ${id}`);
    switch (r.Type) {
      case 'AWS::Lambda::Function':
        return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${id}`;
      case 'AWS::Lambda::Version': {
        const fn = (r.Properties?.['FunctionName'] as { Ref?: string } | undefined)?.Ref;
        if (!fn) throw new Error(`version ${id} names no function`);
        return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn}:${id}`;
      }
      case 'AWS::SNS::Topic':
        return `arn:aws:sns:${REGION}:${ACCOUNT}:${id}`;
      case 'AWS::S3::Bucket':
        return `arn:aws:s3:::${bucketName(id)}`;
      case 'AWS::ECS::Cluster':
        return `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${id}`;
      case 'AWS::ECS::TaskDefinition':
        // Its family and the first revision.
        return `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${resolve(r.Properties!['Family'])}:1`;
      default:
        throw new Error(`no placeholder ARN for ${r.Type} (${id})`);
    }
  };
  const pseudo: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::URLSuffix': 'amazonaws.com' };
  const resolve = (v: unknown): string => {
    if (typeof v === 'string') return v;
    const o = v as Record<string, unknown>;
    if ('Ref' in o) {
      const id = o['Ref'] as string;
      if (pseudo[id]) return pseudo[id];
      if (resources[id]?.Type === 'AWS::EC2::Subnet') return `subnet-${id.toLowerCase()}`;
      return resources[id]?.Type === 'AWS::S3::Bucket' ? bucketName(id) : arnOf(id);
    }
    if ('Fn::GetAtt' in o) {
      const [id, attr] = o['Fn::GetAtt'] as [string, string];
      if (attr === 'GroupId' && resources[id]?.Type === 'AWS::EC2::SecurityGroup') return `sg-${id.toLowerCase()}`;
      if (attr !== 'Arn') throw new Error(`Fn::GetAtt ${id}.${attr} is not resolved by this test`);
      return arnOf(id);
    }
    if ('Fn::Join' in o) {
      const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
      return parts.map(resolve).join(sep);
    }
    throw new Error(`unresolved intrinsic ${JSON.stringify(o)}`);
  };
  return resolve;
}

function walkStates(states: Record<string, Record<string, unknown>>, visit: (name: string, state: Record<string, unknown>) => void): void {
  for (const [name, state] of Object.entries(states)) {
    visit(name, state);
    const processor = (state['ItemProcessor'] ?? state['Iterator']) as { States: Record<string, Record<string, unknown>> } | undefined;
    if (processor) walkStates(processor.States, visit);
    for (const branch of (state['Branches'] as Array<{ States: Record<string, Record<string, unknown>> }> | undefined) ?? []) walkStates(branch.States, visit);
  }
}

/** The stack deployed with `canonicalDir` as the repository's staged profiles (lib/canonical-staging.ts). */
export async function synthesizeWorkflow(canonicalDir: string, props: Partial<Omit<ProfileSyncProps, 'canonicalDir'>> = {}): Promise<SynthesizedWorkflow> {
  // CloudFormation's resource schemas are checked where the stack is built for a deploy (test/infra/synth.test.ts,
  // stack.test.ts: aws-cdk-lib's built-in validation); the same template again for each workflow file adds ~1 s each.
  const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [], '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true } });
  const stack = new ProfileSyncStack(app, 'Workflow', { canonicalDir, notifyEmail: 'owner@example.org', ...props });
  const template = Template.fromStack(stack).toJSON() as { Resources: Resources };
  const resources = template.Resources;
  const resolve = resolver(resources);
  const machine = Object.values(resources).find((r) => r.Type === 'AWS::StepFunctions::StateMachine')!;
  const definition = JSON.parse(resolve(machine.Properties!['DefinitionString'])) as Record<string, unknown>;
  const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
  const functions = {
    discover: id(stack.discover),
    harvestArxiv: id(stack.harvestArxiv),
    harvestDblp: id(stack.harvestDblp),
    closeGaps: id(stack.closeGaps),
    reconcile: id(stack.reconcile),
    notify: id(stack.notify),
    summarize: id(stack.summarize),
  };
  const timeouts = Object.fromEntries(Object.values(functions).map((f) => [f, resources[f]!.Properties!['Timeout'] as number]));
  const tasks: TaskBinding[] = [];
  const retried: string[] = [];
  walkStates(definition['States'] as Record<string, Record<string, unknown>>, (state, s) => {
    if (s['Retry']) retried.push(state);
    if (s['Type'] !== 'Task') return;
    const resource = s['Resource'] as string;
    const lambda = /^arn:aws:lambda:[^:]+:\d+:function:([^:]+)(?::(.+))?$/.exec(resource);
    if (lambda) {
      tasks.push({ state, resource, target: { kind: 'lambda', functionId: lambda[1]!, version: lambda[2] ?? '$LATEST' } });
    } else if (resource === 'arn:aws:states:::ecs:runTask.sync') {
      tasks.push({ state, resource, target: { kind: 'ecs', taskDefinitionArn: (s['Parameters'] as Record<string, string>)['TaskDefinition']! } });
    } else if (resource === 'arn:aws:states:::sns:publish') {
      tasks.push({ state, resource, target: { kind: 'sns', topicArn: (s['Parameters'] as Record<string, string>)['TopicArn']! } });
    } else {
      throw new Error(`task ${state} calls ${resource}, which this test does not emulate`);
    }
  });
  const notifyEnv = (resources[functions.notify]!.Properties!['Environment'] as { Variables: Record<string, unknown> }).Variables;
  const one = (type: string) => {
    const found = Object.values(resources).filter((r) => r.Type === type);
    if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
    return found[0]!.Properties!;
  };
  const dumpTask = stack.dblpDump ? dumpTaskOf(id(stack.dblpDump.taskDefinition)) : undefined;
  function dumpTaskOf(dumpId: string) {
    const dumpDefinition = resources[dumpId]!.Properties!;
    const [dumpContainer] = dumpDefinition['ContainerDefinitions'] as Array<{ Name: string; Environment: Array<{ Name: string; Value: unknown }> }>;
    return {
      id: dumpId,
      arn: resolve({ Ref: dumpId }),
      family: resolve(dumpDefinition['Family']),
      container: dumpContainer!.Name,
      environment: Object.fromEntries(dumpContainer!.Environment.map((e) => [e.Name, resolve(e.Value)])),
      roleId: (dumpDefinition['TaskRoleArn'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0],
      executionRoleId: (dumpDefinition['ExecutionRoleArn'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0],
    };
  }
  const seedingProperties = Object.fromEntries(Object.entries(one('Custom::CanonicalSeeding')).map(([k, v]) => [k, k === 'ServiceToken' ? 'arn:placeholder:service-token' : v]));
  return {
    definition,
    tasks,
    functions,
    timeouts,
    ...(dumpTask ? { dumpTask } : {}),
    topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:${id(stack.topic)}`,
    notifyTopicArn: resolve(notifyEnv['TOPIC_ARN']),
    retried,
    bucketName: bucketName(id(stack.bucket)),
    template,
    ids: { bucket: id(stack.bucket), topic: id(stack.topic), key: id(stack.topic.masterKey as never), stateMachine: id(stack.stateMachine), seed: id(stack.seed), ownerPolicy: id(stack.ownerPolicy), operatorPolicy: id(stack.operatorPolicy) },
    deployment: { canonicalDir, destinationPrefix: one('Custom::CDKBucketDeployment')['DestinationBucketKeyPrefix'] as string, seedingProperties },
  };
}
