/** cdk-nag AwsSolutions findings this stack accepts, each with its reason. */
import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export interface NagScope {
  readonly stack: Stack;
  readonly accessLogs: IConstruct;
  readonly dlq: IConstruct;
  readonly bucket: IConstruct;
  readonly functions: readonly IConstruct[];
}

export function acknowledgeFindings({ stack, accessLogs, dlq, bucket, functions }: NagScope): void {
  const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });
  const logicalId = (c: IConstruct) => stack.getLogicalId(c.node.defaultChild as CfnElement);
  const data = logicalId(bucket);

  ack(accessLogs, 'AwsSolutions-S1', 'This is the access-log bucket itself; logging it into itself would loop.');
  ack(dlq, 'AwsSolutions-SQS3', 'This queue is the dead-letter queue of the nightly schedule.');
  ack(stack, 'AwsSolutions-L1', 'Node.js 22 is the runtime the project targets and is tested on; 24 is adopted by a deliberate upgrade.');
  ack(stack, 'AwsSolutions-SNS2', 'Notifications carry only run status and report locations; SSE adds a key policy for EventBridge and Step Functions for no gain.');
  ack(stack, 'AwsSolutions-CFR1', 'A public publication list is meant to be readable from every country.');
  ack(stack, 'AwsSolutions-CFR2', 'Static JSON and BibTeX behind a cache; a WAF costs more than the risk it removes here.');
  ack(stack, 'AwsSolutions-CFR3', 'Viewer logs of a public read-only profile are not needed; S3 server access logs cover the bucket.');
  ack(stack, 'AwsSolutions-CFR4', 'The default *.cloudfront.net certificate cannot be pinned to TLS 1.2; a custom domain can set it.');
  ack(stack, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'AWSLambdaBasicExecutionRole only lets each function write its own CloudWatch logs.');

  // S3 grants: prefix-scoped object wildcards are the least privilege S3 allows for "everything under raw/".
  const s3Actions = ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:Abort*'];
  for (const a of s3Actions) ack(stack, `AwsSolutions-IAM5[Action::${a}]`, `${a} comes from grantRead/grantPut, each scoped to one key prefix (canonical/, raw/, public/, reports/).`);
  for (const prefix of ['canonical', 'raw', 'public', 'reports']) {
    ack(stack, `AwsSolutions-IAM5[Resource::<${data}.Arn>/${prefix}/*]`, `Objects under ${prefix}/ are created per run and profile; their keys cannot be listed in advance.`);
  }
  // The BucketDeployment custom resource copies data/profiles into canonical/ from the CDK asset bucket.
  ack(stack, 'AwsSolutions-IAM5[Action::s3:DeleteObject*]', 'The BucketDeployment custom resource (deploy time only) may replace canonical files it deployed.');
  ack(stack, `AwsSolutions-IAM5[Resource::<${data}.Arn>/*]`, 'The BucketDeployment custom resource role, used at deploy time only, writes canonical/ (CDK grants it the bucket).');
  ack(stack, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]', 'The BucketDeployment custom resource reads the deploy asset from the CDK bootstrap bucket.');
  ack(stack, 'AwsSolutions-IAM5[Resource::*]', 'X-Ray tracing of the state machine requires PutTraceSegments on *.');
  // Step Functions and the scheduler invoke function versions/aliases (<fn>.Arn:*).
  for (const fn of functions) {
    ack(stack, `AwsSolutions-IAM5[Resource::<${logicalId(fn)}.Arn>:*]`, 'Step Functions may invoke any version of this one function (LambdaInvoke grants <arn>:*).');
  }
}
