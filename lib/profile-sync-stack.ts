/**
 * profile-sync on AWS: a private bucket (canonical/, raw/, public/, reports/),
 * three Lambdas invoked by their published versions, a Step Functions workflow
 * run nightly by EventBridge Scheduler, an encrypted SNS topic for the owner,
 * CloudWatch alarms on it, and CloudFront serving public/.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, TimeZone, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { PipelineFunction } from './constructs/pipeline-function.ts';
import { acknowledgeFindings } from './nag-acknowledgements.ts';
import { nightlyWorkflow } from './workflow.ts';

export interface ProfileSyncProps extends StackProps {
  /** Profiles to sync (folders of data/profiles). */
  readonly profiles: readonly string[];
  /** Nightly run time in `timeZone` (lib/context.ts checks it). */
  readonly scheduleTime?: { readonly hour: number; readonly minute: number };
  /** IANA time zone of the schedule, e.g. "Asia/Seoul". */
  readonly timeZone?: string;
  /** Owner's email for notifications (a subscription is created when set). */
  readonly notifyEmail?: string;
  /** Origins allowed to read the public JSON (CORS); default any. */
  readonly corsOrigins?: readonly string[];
  /** A custom domain for the website and its ACM certificate in us-east-1 (then TLS 1.2 is enforced). */
  readonly domain?: { readonly name: string; readonly certificateArn: string };
  /** Folder copied to canonical/ at deploy: lib/canonical-staging.ts prepares it from data/profiles. */
  readonly canonicalDir: string;
}

/** Alarm thresholds (README, "Operations"). */
export const ALARMS = {
  /** Any execution that failed or timed out, in a 5-minute period. */
  executionsFailed: { threshold: 1, period: Duration.minutes(5) },
  /** A schedule event that could not start a run (in the dead-letter queue). */
  deadLetters: { threshold: 1, period: Duration.minutes(5) },
  /** No execution succeeded in 36 hours: 6 periods of 6 hours without one. */
  heartbeat: { periods: 6, period: Duration.hours(6) },
  /** Function errors in an hour: 3 = one step that used all its attempts (or repeated trouble). */
  lambdaErrors: { threshold: 3, period: Duration.hours(1) },
  /** Any throttle: runs are one invocation at a time, so a throttle means the account's concurrency is exhausted. */
  lambdaThrottles: { threshold: 1, period: Duration.hours(1) },
} as const;

export class ProfileSyncStack extends Stack {
  readonly bucket: Bucket;
  readonly fetchArxiv: PipelineFunction;
  readonly fetchDblp: PipelineFunction;
  readonly reconcile: PipelineFunction;
  readonly stateMachine: sfn.StateMachine;
  readonly topic: Topic;
  readonly distribution: cloudfront.Distribution;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: ProfileSyncProps) {
    super(scope, id, props);

    const accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'Data', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'data-bucket/',
      lifecycleRules: [
        { id: 'expire-raw', prefix: 'raw/', expiration: Duration.days(90) },
        // Reports keep each run's copy of what it published: rollback reaches a year back.
        { id: 'expire-old-reports', prefix: 'reports/', expiration: Duration.days(365) },
        { id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(30) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // canonical/ comes from the repository; decisions written by `review` are committed there too.
    new BucketDeployment(this, 'Canonical', {
      sources: [Source.asset(props.canonicalDir)],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'canonical/',
      prune: false,
      retainOnDelete: true,
    });

    const environment = { BUCKET: this.bucket.bucketName };
    // Timeouts sized to the politeness waits: a few requests, each up to 4 attempts with backoff and Retry-After.
    const timeouts = { fetchArxiv: Duration.minutes(10), fetchDblp: Duration.minutes(5), reconcile: Duration.minutes(3) };
    this.fetchArxiv = new PipelineFunction(this, 'FetchArxiv', { handlerDir: 'fetch-arxiv', timeout: timeouts.fetchArxiv, environment, bundleAwsSdk: false });
    this.fetchDblp = new PipelineFunction(this, 'FetchDblp', { handlerDir: 'fetch-dblp', timeout: timeouts.fetchDblp, environment, bundleAwsSdk: false });
    this.reconcile = new PipelineFunction(this, 'Reconcile', { handlerDir: 'reconcile', timeout: timeouts.reconcile, memorySize: 1024, environment, bundleAwsSdk: true });
    this.grantStorage();

    const key = new kms.Key(this, 'NotificationsKey', {
      description: 'profile-sync: encrypts the owner notification topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.topic = new Topic(this, 'OwnerNotifications', { displayName: 'profile-sync', enforceSSL: true, masterKey: key });
    if (props.notifyEmail) this.topic.addSubscription(new EmailSubscription(props.notifyEmail));

    this.stateMachine = this.workflow(timeouts);
    this.topic.grantPublish(this.stateMachine);

    const runFailed = this.runFailedRule();
    this.allowServicesToPublish(key, runFailed);

    const dlq = new Queue(this, 'ScheduleDeadLetters', { enforceSSL: true, encryption: QueueEncryption.SQS_MANAGED, retentionPeriod: Duration.days(14) });
    const time = props.scheduleTime ?? { hour: 3, minute: 15 };
    new Schedule(this, 'Nightly', {
      description: 'profile-sync nightly run',
      schedule: ScheduleExpression.cron({ minute: String(time.minute), hour: String(time.hour), timeZone: TimeZone.of(props.timeZone ?? 'UTC') }),
      target: new StepFunctionsStartExecution(this.stateMachine, {
        input: ScheduleTargetInput.fromObject({ profiles: props.profiles }),
        retryAttempts: 2,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: dlq,
      }),
    });
    this.addAlarms(dlq);

    this.distribution = this.website(props.corsOrigins ?? ['*'], props.domain);

    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName });
    new CfnOutput(this, 'ProfileUrl', { value: `https://${props.domain?.name ?? this.distribution.distributionDomainName}/<profile>/profile.json` });
    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn });
    new CfnOutput(this, 'NotificationTopicArn', { value: this.topic.topicArn });

    acknowledgeFindings({ stack: this, accessLogs, dlq, bucket: this.bucket, functions: [this.fetchArxiv, this.fetchDblp, this.reconcile], stateMachine: this.stateMachine, distribution: this.distribution, customDomain: props.domain !== undefined });
  }

  /**
   * Least privilege on the bucket, per function: GetObject/PutObject on the
   * prefixes it reads and writes (no other Put* variant), ListBucket only with
   * an s3:prefix condition on those prefixes, nothing on the bucket itself.
   */
  private grantStorage(): void {
    const allow = (fn: PipelineFunction, actions: string[], patterns: string[]) =>
      fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: patterns.map((p) => this.bucket.arnForObjects(p)) }));
    const list = (fn: PipelineFunction, prefixes: string[]) =>
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn], conditions: { StringLike: { 's3:prefix': prefixes.map((p) => `${p}/*`) } } }));
    // Fetchers: read their plan, write raw/ (documents, manifests, the run's claim); arXiv also reads the last profile.
    allow(this.fetchArxiv, ['s3:GetObject'], ['canonical/*', 'raw/*', 'public/*']);
    allow(this.fetchDblp, ['s3:GetObject'], ['canonical/*', 'raw/*']);
    for (const fn of [this.fetchArxiv, this.fetchDblp]) allow(fn, ['s3:PutObject'], ['raw/*']);
    list(this.fetchArxiv, ['canonical', 'raw', 'public']);
    list(this.fetchDblp, ['canonical', 'raw']);
    // Reconcile: reads everything it reconciles from; writes public/ and reports/, and in raw/ only the run's
    // claim and the manifest of a source whose fetch failed for good.
    allow(this.reconcile, ['s3:GetObject'], ['canonical/*', 'raw/*', 'public/*', 'reports/*']);
    allow(this.reconcile, ['s3:PutObject'], ['public/*', 'reports/*', 'raw/*/owner.json', 'raw/*-manifest.json']);
    list(this.reconcile, ['canonical', 'raw', 'public', 'reports']);
  }

  private workflow(timeouts: { fetchArxiv: Duration; fetchDblp: Duration; reconcile: Duration }): sfn.StateMachine {
    // Published versions (not $LATEST): an execution keeps the definition it started with, and that
    // definition names the versions of its deploy, so a deploy during a run does not change its code.
    const definition = nightlyWorkflow(this, {
      functions: { fetchArxiv: this.fetchArxiv.currentVersion, fetchDblp: this.fetchDblp.currentVersion, reconcile: this.reconcile.currentVersion, timeouts },
      topic: this.topic,
    });
    const logs = new LogGroup(this, 'WorkflowLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    return new sfn.StateMachine(this, 'Workflow', {
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      timeout: Duration.hours(2),
      tracingEnabled: true,
      logs: { destination: logs, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
  }

  /** A run that failed, timed out or was aborted as a whole, told to the owner with its error and cause. */
  private runFailedRule(): events.Rule {
    const field = (path: string) => events.EventField.fromPath(path);
    const message = events.RuleTargetInput.fromText(
      `profile-sync run ${field('$.detail.name')} ended ${field('$.detail.status')}: ${field('$.detail.error')}: ${field('$.detail.cause')}. Execution: ${field('$.detail.executionArn')}`,
    );
    const topicArn = this.topic.topicArn;
    const rule = new events.Rule(this, 'RunFailed', {
      eventPattern: { source: ['aws.states'], detailType: ['Step Functions Execution Status Change'], detail: { status: ['FAILED', 'TIMED_OUT', 'ABORTED'], stateMachineArn: [this.stateMachine.stateMachineArn] } },
    });
    // Published by EventBridge under the topic policy below (scoped to this rule), not a role.
    rule.addTarget({ bind: () => ({ arn: topicArn, input: message }) });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'RunFailedRulePublishes',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topicArn],
        conditions: { ArnEquals: { 'aws:SourceArn': rule.ruleArn } },
      }),
    );
    return rule;
  }

  /** CloudWatch alarms and the EventBridge rule publish to the encrypted topic: topic and key policies, scoped to this account's sources. */
  private allowServicesToPublish(key: kms.Key, _rule: events.Rule): void {
    const { account, region, partition } = this;
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` }, StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    // The key policy cannot name the rule's ARN (the rule needs the topic, the topic the key): the source account bounds it.
    for (const service of ['cloudwatch.amazonaws.com', 'events.amazonaws.com']) {
      key.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [new iam.ServicePrincipal(service)],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceAccount': account } },
        }),
      );
    }
  }

  private addAlarms(dlq: Queue): void {
    const action = new SnsAction(this.topic);
    const alarm = (id: string, props: cloudwatch.AlarmProps) => {
      const a = new cloudwatch.Alarm(this, id, props);
      a.addAlarmAction(action);
      this.alarms.push(a);
    };
    const gte = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
    const notBreaching = cloudwatch.TreatMissingData.NOT_BREACHING;
    const sum = (m: cloudwatch.Metric, period: Duration) => m.with({ statistic: cloudwatch.Stats.SUM, period });
    alarm('RunFailedAlarm', {
      alarmDescription: 'profile-sync: a nightly run failed. Step Functions console: the execution history names the state and its error (README, runbook).',
      metric: sum(this.stateMachine.metricFailed(), ALARMS.executionsFailed.period),
      threshold: ALARMS.executionsFailed.threshold, evaluationPeriods: 1, comparisonOperator: gte, treatMissingData: notBreaching,
    });
    alarm('RunTimedOutAlarm', {
      alarmDescription: 'profile-sync: a nightly run exceeded its 2-hour limit.',
      metric: sum(this.stateMachine.metricTimedOut(), ALARMS.executionsFailed.period),
      threshold: ALARMS.executionsFailed.threshold, evaluationPeriods: 1, comparisonOperator: gte, treatMissingData: notBreaching,
    });
    alarm('ScheduleDeadLettersAlarm', {
      alarmDescription: 'profile-sync: the schedule could not start a run (a message waits in the dead-letter queue).',
      metric: dlq.metricApproximateNumberOfMessagesVisible({ statistic: cloudwatch.Stats.MAXIMUM, period: ALARMS.deadLetters.period }),
      threshold: ALARMS.deadLetters.threshold, evaluationPeriods: 1, comparisonOperator: gte, treatMissingData: notBreaching,
    });
    alarm('NoSuccessfulRunAlarm', {
      alarmDescription: 'profile-sync: no run succeeded in 36 hours (the schedule may not be starting runs).',
      metric: sum(this.stateMachine.metricSucceeded(), ALARMS.heartbeat.period),
      threshold: 1, evaluationPeriods: ALARMS.heartbeat.periods, datapointsToAlarm: ALARMS.heartbeat.periods,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      // No data means no successful execution: that is the breach this alarm watches for.
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    for (const [name, fn] of [['FetchArxiv', this.fetchArxiv], ['FetchDblp', this.fetchDblp], ['Reconcile', this.reconcile]] as const) {
      alarm(`${name}ErrorsAlarm`, {
        alarmDescription: `profile-sync: ${fn.node.id} failed ${ALARMS.lambdaErrors.threshold}+ times in an hour (a step out of retries). Its log group has the errors.`,
        metric: sum(fn.metricErrors(), ALARMS.lambdaErrors.period),
        threshold: ALARMS.lambdaErrors.threshold, evaluationPeriods: 1, comparisonOperator: gte, treatMissingData: notBreaching,
      });
      alarm(`${name}ThrottlesAlarm`, {
        alarmDescription: `profile-sync: ${fn.node.id} was throttled (account concurrency exhausted).`,
        metric: sum(fn.metricThrottles(), ALARMS.lambdaThrottles.period),
        threshold: ALARMS.lambdaThrottles.threshold, evaluationPeriods: 1, comparisonOperator: gte, treatMissingData: notBreaching,
      });
    }
  }

  /** CloudFront with Origin Access Control, serving public/ only, HTTPS only, CORS, short cache. */
  private website(corsOrigins: readonly string[], domain: ProfileSyncProps['domain']): cloudfront.Distribution {
    const cachePolicy = new cloudfront.CachePolicy(this, 'ShortCache', {
      defaultTtl: Duration.minutes(5),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.hours(1),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const cors = new cloudfront.ResponseHeadersPolicy(this, 'Cors', {
      corsBehavior: {
        accessControlAllowOrigins: [...corsOrigins],
        accessControlAllowMethods: ['GET', 'HEAD', 'OPTIONS'],
        accessControlAllowHeaders: ['*'],
        accessControlAllowCredentials: false,
        accessControlMaxAge: Duration.hours(1),
        originOverride: true,
      },
    });
    // OAC without CDK's bucket-wide grant: the bucket policy below lets CloudFront read public/* only.
    const oac = new cloudfront.S3OriginAccessControl(this, 'WebsiteOac', { description: 'profile-sync: CloudFront reads public/ of the data bucket' });
    const distribution = new cloudfront.Distribution(this, 'Website', {
      comment: 'profile-sync public profiles (public/ of the data bucket)',
      defaultBehavior: {
        origin: S3BucketOrigin.withBucketDefaults(this.bucket, { originPath: '/public', originAccessControlId: oac.originAccessControlId }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachePolicy,
        responseHeadersPolicy: cors,
        compress: true,
      },
      // The default *.cloudfront.net certificate ignores a minimum protocol version; a custom domain sets it.
      ...(domain
        ? { domainNames: [domain.name], certificate: acm.Certificate.fromCertificateArn(this, 'WebsiteCertificate', domain.certificateArn), minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 }
        : {}),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    });
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudFrontReadsPublic',
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects('public/*')],
        conditions: { StringEquals: { 'AWS:SourceArn': distribution.distributionArn } },
      }),
    );
    return distribution;
  }
}
