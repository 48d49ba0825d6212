/**
 * cdk-nag AwsSolutions findings this stack accepts. Each acknowledgement names
 * one finding (IAM5 by its exact action or resource) on the one resource it
 * concerns, with the reason it is true there; nothing is acknowledged for the
 * whole stack.
 */
import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { DblpDumpTask } from './constructs/dblp-dump-task.ts';
import type { IConstruct } from 'constructs';
import { OPERATOR_KEYS } from './operator-policy.ts';
import { OWNER_KEYS } from './owner-policy.ts';

export interface NagScope {
  readonly stack: Stack;
  readonly accessLogs: IConstruct;
  readonly dlq: IConstruct;
  readonly bucket: IConstruct;
  readonly functions: { readonly discover: LambdaFunction; readonly harvestArxiv: LambdaFunction; readonly harvestDblp: LambdaFunction; readonly closeGaps: LambdaFunction; readonly reconcile: LambdaFunction; readonly notify: LambdaFunction; readonly summarize: LambdaFunction; readonly seed: LambdaFunction; readonly reviewWeb: LambdaFunction };
  readonly stateMachine: StateMachine;
  readonly distribution: IConstruct;
  readonly ownerPolicy: IConstruct;
  readonly operatorPolicy: IConstruct;
  readonly customDomain: boolean;
  readonly dblpDump?: DblpDumpTask;
}

/** The CloudFormation resource of a construct (the thing cdk-nag reports). */
const resourceOf = (c: IConstruct): IConstruct => c.node.defaultChild ?? c;
const defaultPolicy = (role: IConstruct | undefined): IConstruct => {
  const policy = role?.node.tryFindChild('DefaultPolicy');
  if (!policy) throw new Error(`${role?.node.path ?? 'role'} has no DefaultPolicy to acknowledge findings on`);
  return resourceOf(policy);
};

/** What each function may read or write, by prefix (lib/profile-sync-stack.ts grantStorage). */
const PREFIX_REASONS: Record<string, string> = {
  canonical: 'canonical/<profile>/ holds the records and fetch plan of every profile, added by push without a deploy; the function reads the one its event names',
  'canonical/*/config.json': "Discovery reads every profile's config.json (paused?); profiles are added by push, so their names are known only at run time",
  'canonical/*/fetch-plan.json': "Discovery checks every profile's fetch-plan.json parses; profiles are added by push, so their names are known only at run time",
  'canonical/*/decisions.json': "Notify reads the owner's decisions of its event's profile (decided items are not emailed); profiles are added by push without a deploy",
  'staging/canonical/*': 'The seeding reads what this deploy staged under staging/canonical/<content hash>/ (the hash is computed at synth)',
  raw: 'raw/<profile>/<run>/ is created per run and profile (documents, manifests, the run claim); keys cannot be listed in advance',
  public: 'public/<profile>/ holds the published objects of every profile; the function reads (reconcile: writes) those of its event\'s profile',
  reports: 'reports/<profile>/<run>/ is created per run (report, publish record, copies of the public objects)',
  runs: 'runs/<run>/ is created per run (the Map\'s items, the fleet, the skipped list, the Map\'s results, the outcomes); the run id is known only at run time',
  harvest: 'harvest/ holds the per-source state of every profile (harvest/<profile>/ holdings and dblp state) and of the deployment (watermark, ID index, progress, leases); profiles are added by push without a deploy',
  'runs/*/owner.json': "The harvest steps check the run's claim, runs/<run>/owner.json (a create-only PUT that S3 refuses with 412 when discovery made it); the run id is known only at run time",
  'runs/*/outcomes/*': 'The summary writes runs/<run>/outcomes/<execution>.json; run id and execution are known only at run time',
};

export function acknowledgeFindings(s: NagScope): void {
  const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });
  const data = s.stack.getLogicalId(s.bucket.node.defaultChild as CfnElement);

  ack(resourceOf(s.accessLogs), 'AwsSolutions-S1', 'This is the access-log bucket itself; logging it into itself would loop.');
  ack(resourceOf(s.dlq), 'AwsSolutions-SQS3', 'This queue is the dead-letter queue of the nightly schedule (EventBridge Scheduler), not a source queue.');

  const f = s.functions;
  for (const fn of Object.values(f)) {
    ack(resourceOf(fn), 'AwsSolutions-L1', 'Node.js 22 is the runtime the project targets and tests on (esbuild target node22); 24 comes by a deliberate upgrade.');
    ack(resourceOf(fn.role!), 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch logs.');
  }
  // Object ARNs under a prefix: the least privilege S3 allows for "any profile's keys under raw/".
  const grants: ReadonlyArray<[LambdaFunction, readonly string[]]> = [
    [f.discover, ['canonical/*/config.json', 'canonical/*/fetch-plan.json', 'runs']],
    [f.harvestArxiv, ['runs', 'raw', 'harvest', 'runs/*/owner.json']],
    [f.harvestDblp, ['runs', 'raw', 'harvest', 'runs/*/owner.json']],
    [f.closeGaps, ['runs', 'raw', 'harvest', 'runs/*/owner.json']],
    [f.reconcile, ['canonical', 'raw', 'harvest', 'public', 'reports']],
    [f.summarize, ['runs', 'runs/*/outcomes/*']],
    [f.notify, ['reports', 'canonical/*/decisions.json', 'canonical/*/config.json']],
    [f.seed, ['staging/canonical', 'canonical']],
  ];
  for (const [fn, patterns] of grants) {
    for (const p of patterns) ack(defaultPolicy(fn.role), `AwsSolutions-IAM5[Resource::<${data}.Arn>/${p.includes('*') ? p : `${p}/*`}]`, `${PREFIX_REASONS[p]}.`);
  }
  const notifyPolicy = defaultPolicy(f.notify.role);
  ack(notifyPolicy, `AwsSolutions-IAM5[Resource::<${data}.Arn>/notices/*/notified.json]`, "Notify records what it told the owner in notices/<profile>/notified.json, for the profile its event names; profiles are added by push without a deploy.");
  ack(notifyPolicy, 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', 'Publishing to the KMS-encrypted topic needs GenerateDataKey* on its one key (the statement names the key).');
  const reviewPolicy = defaultPolicy(f.reviewWeb.role);
  for (const key of ['reports/*/latest.json', 'reports/*/diff.json', 'public/*/profile.json', 'canonical/*/cv.json', 'canonical/*/decisions.json', 'canonical/*/links-revoked-before.json', 'canonical/*/links-used/*']) {
    ack(reviewPolicy, `AwsSolutions-IAM5[Resource::<${data}.Arn>/${key}]`, `The review page reads (and for the records and used links writes, conditionally) ${key.replace(/\*/, '<profile>')} of the profile its signed session names; one function serves every owner and profiles are added by push without a deploy.`);
  }
  const seedPolicy = defaultPolicy(f.seed.role);
  for (const file of ['cv.json', 'config.json', 'decisions.json', 'fetch-plan.json']) {
    ack(seedPolicy, `AwsSolutions-IAM5[Resource::<${data}.Arn>/canonical/*/${file}]`, `The seeding creates canonical/<profile>/${file} (If-None-Match: *) for a profile the bucket lacks; the profiles are those of the deploy, known in the function by the staged keys.`);
  }
  ack(defaultPolicy(f.summarize.role), `AwsSolutions-IAM5[Resource::<${data}.Arn>/reports/*/latest.json]`, "The summary reads reports/<profile>/latest.json of a profile whose Map child failed, was aborted or never ran, to tell whether this run published it; profiles are added by push without a deploy.");
  const reconcilePolicy = defaultPolicy(f.reconcile.role);
  ack(reconcilePolicy, `AwsSolutions-IAM5[Resource::<${data}.Arn>/raw/*/owner.json]`, 'Reconcile creates the run claim raw/<profile>/<run>/owner.json (the first per-profile step of a run); the run id is known only at run time.');
  ack(reconcilePolicy, `AwsSolutions-IAM5[Resource::<${data}.Arn>/raw/*-manifest.json]`, 'Reconcile writes the manifest of a source whose harvest step failed for good, raw/<profile>/<run>/<source>-manifest.json.');
  ack(reconcilePolicy, `AwsSolutions-IAM5[Resource::<${data}.Arn>/public/*/hugo-blox/publications/*]`, "Publishing deletes (If-Match) the Hugo Blox page of a work the profile no longer has, under public/<profile>/hugo-blox/publications/<work>/; profiles and works are known at run time.");
  ack(reconcilePolicy, `AwsSolutions-IAM5[Resource::<${data}.Arn>/public/*/papers/*]`, "Publishing deletes (If-Match) the landing page of a work the profile no longer has, public/<profile>/papers/<work>.html; profiles and works are known at run time.");

  // The dblp dump task (lib/constructs/dblp-dump-task.ts): the dblp harvest Lambda's grants, and the refresh requests.
  if (s.dblpDump) acknowledgeDumpTask(s, s.dblpDump, data, ack);

  // The workflow's role: X-Ray and the encrypted topic.
  const workflowPolicy = defaultPolicy(s.stateMachine.role);
  ack(workflowPolicy, 'AwsSolutions-IAM5[Resource::*]', 'X-Ray tracing of the state machine needs xray:PutTraceSegments and the sampling actions, which take no resource.');
  ack(workflowPolicy, 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', 'Publishing to the KMS-encrypted topic needs GenerateDataKey* on its one key (the statement names the key).');
  ack(workflowPolicy, `AwsSolutions-IAM5[Resource::<${data}.Arn>/runs/*]`, "The Distributed Map reads its items from runs/<run>/profiles.json; the run id is known only at run time.");
  for (const fn of [f.discover, f.harvestArxiv, f.harvestDblp, f.closeGaps, f.reconcile, f.notify, f.summarize]) {
    ack(workflowPolicy, `AwsSolutions-IAM5[Resource::<${s.stack.getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`, 'An execution invokes the published versions its definition named when it started; after a deploy those are older versions of the same function, so the role may invoke any version of it (this function only).');
  }
  ack(workflowPolicy, `AwsSolutions-IAM5[Resource::<${data}.Arn>/runs/map-results/*]`, 'The Distributed Map writes its children\'s results under runs/map-results/<map run id>/; the map run id is made by Step Functions.');
  // The Distributed Map starts, describes, stops and redrives its own child executions (aws-cdk-lib grants this).
  const machineId = s.stack.getLogicalId(s.stateMachine.node.defaultChild as CfnElement);
  const mapPolicy = resourceOf(s.stateMachine.node.findChild('DistributedMapPolicy'));
  const executions = `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}`;
  ack(mapPolicy, `AwsSolutions-IAM5[Resource::${executions}:*]`, "The Distributed Map describes and stops the child executions it starts, named by Step Functions at run time (this state machine's executions only).");
  ack(mapPolicy, `AwsSolutions-IAM5[Resource::${executions}/*:*]`, "A redrive of the Distributed Map redrives its child executions (this state machine's executions only).");

  // The BucketDeployment custom resource (deploy time only) copies the staged profiles into staging/canonical/<hash>/.
  const deployer = s.stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!deployer) throw new Error('the BucketDeployment handler was not found');
  const deployRole = deployer.node.findChild('ServiceRole');
  const deployPolicy = defaultPolicy(deployRole);
  ack(resourceOf(deployer), 'AwsSolutions-L1', "The BucketDeployment handler's runtime is chosen by aws-cdk-lib; it runs at deploy time only.");
  ack(resourceOf(deployRole), 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'The BucketDeployment handler only writes its own CloudWatch logs with this managed policy.');
  for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']) {
    ack(deployPolicy, `AwsSolutions-IAM5[Action::${action}]`, `${action} is granted by aws-cdk-lib's BucketDeployment to copy the deploy asset into staging/canonical/<hash>/ and remove an older staging (deploy time only).`);
  }
  ack(deployPolicy, `AwsSolutions-IAM5[Resource::<${data}.Arn>/staging/*]`, 'The BucketDeployment handler writes the staged profiles under staging/canonical/<hash>/ (destinationKeyPrefix) and removes an older staging, at deploy time; its grant is limited to staging/.');
  ack(deployPolicy, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]', 'The BucketDeployment handler reads the deploy asset from the CDK bootstrap bucket.');

  // The custom resource Provider framework (deploy time only) calls the seeding function.
  const provider = s.stack.node.findChild('SeedProvider');
  const framework = provider.node.findChild('framework-onEvent') as LambdaFunction;
  ack(resourceOf(framework), 'AwsSolutions-L1', "The Provider framework's runtime is chosen by aws-cdk-lib; it runs at deploy time only.");
  ack(resourceOf(framework.role!), 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'The Provider framework only writes its own CloudWatch logs with this managed policy.');
  const seedId = s.stack.getLogicalId(f.seed.node.defaultChild as CfnElement);
  ack(defaultPolicy(framework.role), `AwsSolutions-IAM5[Resource::<${seedId}.Arn>:*]`, 'The Provider framework may invoke the seeding function (any version of that one function), as aws-cdk-lib grants it.');

  // The owners' CLI policy: the records and reports of every profile (an owner is given this policy for the bucket).
  // The owners' CLI policy: the profile the principal's tag names, nothing of another's.
  const owner = resourceOf(s.ownerPolicy);
  const asNagShows = (key: string) => key.replace(/\$\{([^}]+)\}/g, '<$1>');
  ack(owner, `AwsSolutions-IAM5[Resource::<${data}.Arn>/${asNagShows(OWNER_KEYS.records)}]`, "An owner's CLI reads and writes the records of the profile its principal's tag names, canonical/<that profile>/ (pull, push, remove, review --bucket; each write conditional).");
  ack(owner, `AwsSolutions-IAM5[Resource::<${data}.Arn>/${asNagShows(OWNER_KEYS.reports)}]`, "An owner's CLI reads the reports of the profile its principal's tag names (the latest report for review, email and --open).");

  // The operator's CLI policy: the pipeline's prefixes of every profile (sync --bucket, seed, rollback run the pipeline from a laptop).
  const operator = resourceOf(s.operatorPolicy);
  const OPERATOR_REASONS: Record<string, string> = {
    [OPERATOR_KEYS.records]: "The operator's sync reads every profile's records, and seed creates the records a profile lacks (a PUT only with If-None-Match: never an overwrite); profiles are added by push without a deploy.",
    'public/*': "The operator's sync publishes every profile's objects; rollback restores a profile's public objects from a run's copy (keys made per profile and work).",
    'public/*/hugo-blox/publications/*': "The operator's sync and rollback remove the Hugo Blox bundle of a work the profile no longer has (or the run rolled back to did not have); works are named at run time.",
    'public/*/papers/*': "The operator's sync and rollback remove the landing page of a work the profile no longer has (or the run rolled back to did not have); works are named at run time.",
    'reports/*': "The operator's sync writes each run's report and copy under reports/<profile>/<run>/; rollback reads that copy and records what it restored.",
    'raw/*': "The operator's sync keeps each run's source documents under raw/<profile>/<run>/ (keys made per run).",
    [OPERATOR_KEYS.staging]: "The operator's seed stages the profiles under staging/canonical/<run>-<pid>/, then removes them (keys made per invocation).",
  };
  for (const [pattern, reason] of Object.entries(OPERATOR_REASONS)) ack(operator, `AwsSolutions-IAM5[Resource::<${data}.Arn>/${pattern}]`, reason);

  const website = resourceOf(s.distribution);
  ack(website, 'AwsSolutions-CFR1', 'A public publication list is meant to be readable from every country.');
  ack(website, 'AwsSolutions-CFR2', 'Static JSON and BibTeX behind a cache, read-only (GET/HEAD/OPTIONS); a WAF costs more than the risk it removes here.');
  ack(website, 'AwsSolutions-CFR3', 'Viewer logs of a public read-only profile are not needed; S3 server access logs record what CloudFront reads from the bucket.');
  if (!s.customDomain) ack(website, 'AwsSolutions-CFR4', 'The default *.cloudfront.net certificate cannot be pinned to TLS 1.2; deploy with -c domainName and -c certificateArn to enforce it.');
}

/** The dump task's findings (none of it exists with dblpDumpAbove "off"). */
function acknowledgeDumpTask(s: NagScope, dump: DblpDumpTask, data: string, ack: (scope: IConstruct, id: string, reason: string) => void): void {
  const dumpPolicy = defaultPolicy(dump.taskDefinition.taskRole);
  for (const p of ['runs', 'raw', 'harvest', 'runs/*/owner.json']) ack(dumpPolicy, `AwsSolutions-IAM5[Resource::<${data}.Arn>/${p.includes('*') ? p : `${p}/*`}]`, `${PREFIX_REASONS[p]}.`);
  ack(resourceOf(dump.taskDefinition), 'AwsSolutions-ECS2', 'The container gets the bucket name, the contact address for the User-Agent and the dump setting: configuration, no secret (the task role gives S3 access).');
  ack(defaultPolicy(dump.taskDefinition.executionRole), 'AwsSolutions-IAM5[Resource::*]', 'Pulling the task image from ECR needs ecr:GetAuthorizationToken, which takes no resource (the pull actions name the one repository).');
  const taskDefinitionId = s.stack.getLogicalId(dump.taskDefinition.node.defaultChild as CfnElement);
  const part = (i: number) => `{"Fn::Select":[${i},{"Fn::Split":[":",{"Ref":"${taskDefinitionId}"}]}]}`;
  const familyPart = (i: number) => `{"Fn::Select":[${i},{"Fn::Split":["/",${part(5)}]}]}`;
  ack(
    defaultPolicy(s.stateMachine.role),
    `AwsSolutions-IAM5[Resource::arn:${part(1)}:${part(2)}:${part(3)}:${part(4)}:${familyPart(0)}/${familyPart(1)}:*]`,
    "The workflow runs the dump task's definition (RunTask names its family: the latest revision) in any revision of that one family, as aws-cdk-lib grants it: an execution in flight across a deploy runs the family's new revision.",
  );
  ack(dumpPolicy, `AwsSolutions-IAM5[Resource::<${data}.Arn>/canonical/*/dblp-refresh.json]`, "The dump task reads each profile's refresh request, canonical/<profile>/dblp-refresh.json (an owner asking for today's person page instead of the dump); profiles are added by push without a deploy.");
}
