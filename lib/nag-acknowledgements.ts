/**
 * cdk-nag AwsSolutions findings this stack accepts. Each acknowledgement names
 * one finding (IAM5 by its exact action or resource) on the one resource it
 * concerns, with the reason it is true there; nothing is acknowledged for the
 * whole stack.
 */
import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { IConstruct } from 'constructs';

export interface NagScope {
  readonly stack: Stack;
  readonly accessLogs: IConstruct;
  readonly dlq: IConstruct;
  readonly bucket: IConstruct;
  readonly functions: readonly LambdaFunction[];
  readonly stateMachine: StateMachine;
  readonly distribution: IConstruct;
  readonly customDomain: boolean;
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
  canonical: 'canonical/<profile>/ holds the records and fetch plan of every deployed profile; the function reads the one its event names',
  raw: 'raw/<profile>/<run>/ is created per run and profile (documents, manifests, the run claim); keys cannot be listed in advance',
  public: 'public/<profile>/ holds the published objects of every profile; the function reads (reconcile: writes) those of its event\'s profile',
  reports: 'reports/<profile>/<run>/ is created per run (report, publish record, copies of the public objects)',
};

export function acknowledgeFindings(s: NagScope): void {
  const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });
  const data = s.stack.getLogicalId(s.bucket.node.defaultChild as CfnElement);

  ack(resourceOf(s.accessLogs), 'AwsSolutions-S1', 'This is the access-log bucket itself; logging it into itself would loop.');
  ack(resourceOf(s.dlq), 'AwsSolutions-SQS3', 'This queue is the dead-letter queue of the nightly schedule (EventBridge Scheduler), not a source queue.');

  for (const fn of s.functions) {
    ack(resourceOf(fn), 'AwsSolutions-L1', 'Node.js 22 is the runtime the project targets and tests on (esbuild target node22); 24 comes by a deliberate upgrade.');
    ack(resourceOf(fn.role!), 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch logs.');
  }
  // Object ARNs under a prefix: the least privilege S3 allows for "any profile's keys under raw/".
  const grants: ReadonlyArray<[LambdaFunction, readonly string[]]> = [
    [s.functions[0]!, ['canonical', 'raw', 'public']],
    [s.functions[1]!, ['canonical', 'raw']],
    [s.functions[2]!, ['canonical', 'raw', 'public', 'reports']],
  ];
  for (const [fn, prefixes] of grants) {
    for (const p of prefixes) ack(defaultPolicy(fn.role), `AwsSolutions-IAM5[Resource::<${data}.Arn>/${p}/*]`, `${PREFIX_REASONS[p]}.`);
  }
  const reconcilePolicy = defaultPolicy(s.functions[2]!.role);
  ack(reconcilePolicy, `AwsSolutions-IAM5[Resource::<${data}.Arn>/raw/*/owner.json]`, 'Reconcile creates the run claim raw/<profile>/<run>/owner.json when no fetch did; the run id is known only at run time.');
  ack(reconcilePolicy, `AwsSolutions-IAM5[Resource::<${data}.Arn>/raw/*-manifest.json]`, 'Reconcile writes the manifest of a source whose fetch step failed for good, raw/<profile>/<run>/<source>-manifest.json.');

  // The workflow's role: X-Ray and the encrypted topic.
  const workflowPolicy = defaultPolicy(s.stateMachine.role);
  ack(workflowPolicy, 'AwsSolutions-IAM5[Resource::*]', 'X-Ray tracing of the state machine needs xray:PutTraceSegments and the sampling actions, which take no resource.');
  ack(workflowPolicy, 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', 'Publishing to the KMS-encrypted topic needs GenerateDataKey* on its one key (the statement names the key).');

  // The BucketDeployment custom resource (deploy time only) copies data/profiles into canonical/.
  const deployer = s.stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!deployer) throw new Error('the BucketDeployment handler was not found');
  const deployRole = deployer.node.findChild('ServiceRole');
  const deployPolicy = defaultPolicy(deployRole);
  ack(resourceOf(deployer), 'AwsSolutions-L1', "The BucketDeployment handler's runtime is chosen by aws-cdk-lib; it runs at deploy time only.");
  ack(resourceOf(deployRole), 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'The BucketDeployment handler only writes its own CloudWatch logs with this managed policy.');
  for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']) {
    ack(deployPolicy, `AwsSolutions-IAM5[Action::${action}]`, `${action} is granted by aws-cdk-lib's BucketDeployment to copy the deploy asset into canonical/ (deploy time only).`);
  }
  ack(deployPolicy, `AwsSolutions-IAM5[Resource::<${data}.Arn>/*]`, 'BucketDeployment grants its handler the destination bucket; it writes only under canonical/ (destinationKeyPrefix), at deploy time.');
  ack(deployPolicy, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]', 'The BucketDeployment handler reads the deploy asset from the CDK bootstrap bucket.');

  const website = resourceOf(s.distribution);
  ack(website, 'AwsSolutions-CFR1', 'A public publication list is meant to be readable from every country.');
  ack(website, 'AwsSolutions-CFR2', 'Static JSON and BibTeX behind a cache, read-only (GET/HEAD/OPTIONS); a WAF costs more than the risk it removes here.');
  ack(website, 'AwsSolutions-CFR3', 'Viewer logs of a public read-only profile are not needed; S3 server access logs record what CloudFront reads from the bucket.');
  if (!s.customDomain) ack(website, 'AwsSolutions-CFR4', 'The default *.cloudfront.net certificate cannot be pinned to TLS 1.2; deploy with -c domainName and -c certificateArn to enforce it.');
}
