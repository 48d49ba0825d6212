/**
 * profile-sync on AWS: a private bucket (canonical/, raw/, public/, reports/),
 * three Lambdas, a Step Functions workflow run nightly by EventBridge
 * Scheduler, SNS notifications for the owner, and CloudFront serving public/.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, TimeZone, type StackProps } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { PipelineFunction } from './constructs/pipeline-function.ts';
import { acknowledgeFindings } from './nag-acknowledgements.ts';

export interface ProfileSyncProps extends StackProps {
  /** Profiles to sync (folders of data/profiles). */
  readonly profiles: readonly string[];
  /** Nightly run time, "HH:MM", in `timeZone`. */
  readonly scheduleTime?: string;
  /** IANA time zone of the schedule, e.g. "Asia/Seoul". */
  readonly timeZone?: string;
  /** Owner's email for notifications (a subscription is created when set). */
  readonly notifyEmail?: string;
  /** Origins allowed to read the public JSON (CORS); default any. */
  readonly corsOrigins?: readonly string[];
  /** Folder copied to canonical/ at deploy: lib/canonical-staging.ts prepares it from data/profiles. */
  readonly canonicalDir: string;
}

export class ProfileSyncStack extends Stack {
  readonly bucket: Bucket;
  readonly fetchArxiv: PipelineFunction;
  readonly fetchDblp: PipelineFunction;
  readonly reconcile: PipelineFunction;
  readonly stateMachine: sfn.StateMachine;
  readonly topic: Topic;
  readonly distribution: cloudfront.Distribution;

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
    this.fetchArxiv = new PipelineFunction(this, 'FetchArxiv', { handlerDir: 'fetch-arxiv', timeout: Duration.minutes(10), environment, bundleAwsSdk: false });
    this.fetchDblp = new PipelineFunction(this, 'FetchDblp', { handlerDir: 'fetch-dblp', timeout: Duration.minutes(5), environment, bundleAwsSdk: false });
    this.reconcile = new PipelineFunction(this, 'Reconcile', { handlerDir: 'reconcile', timeout: Duration.minutes(3), memorySize: 1024, environment, bundleAwsSdk: true });

    // Least privilege: fetchers write raw/ only; reconcile reads canonical/ raw/ public/, writes public/ and reports/.
    for (const fn of [this.fetchArxiv, this.fetchDblp]) {
      this.bucket.grantRead(fn, 'canonical/*');
      this.bucket.grantPut(fn, 'raw/*');
    }
    this.bucket.grantRead(this.fetchArxiv, 'public/*'); // the last profile's arXiv IDs
    for (const prefix of ['canonical/*', 'raw/*', 'public/*']) this.bucket.grantRead(this.reconcile, prefix);
    for (const prefix of ['public/*', 'reports/*']) this.bucket.grantPut(this.reconcile, prefix);

    this.topic = new Topic(this, 'OwnerNotifications', { displayName: 'profile-sync', enforceSSL: true });
    if (props.notifyEmail) this.topic.addSubscription(new EmailSubscription(props.notifyEmail));

    this.stateMachine = this.workflow();

    // A failed run is told to the owner.
    new events.Rule(this, 'RunFailed', {
      eventPattern: { source: ['aws.states'], detailType: ['Step Functions Execution Status Change'], detail: { status: ['FAILED', 'TIMED_OUT', 'ABORTED'], stateMachineArn: [this.stateMachine.stateMachineArn] } },
      targets: [new eventTargets.SnsTopic(this.topic, { message: events.RuleTargetInput.fromText(`profile-sync run ${events.EventField.fromPath('$.detail.name')} ended ${events.EventField.fromPath('$.detail.status')}`) })],
    });

    const dlq = new Queue(this, 'ScheduleDeadLetters', { enforceSSL: true, encryption: QueueEncryption.SQS_MANAGED, retentionPeriod: Duration.days(14) });
    const [hour = '3', minute = '15'] = (props.scheduleTime ?? '03:15').split(':');
    new Schedule(this, 'Nightly', {
      description: 'profile-sync nightly run',
      schedule: ScheduleExpression.cron({ minute: String(Number(minute)), hour: String(Number(hour)), timeZone: TimeZone.of(props.timeZone ?? 'UTC') }),
      target: new StepFunctionsStartExecution(this.stateMachine, {
        input: ScheduleTargetInput.fromObject({ profiles: props.profiles }),
        retryAttempts: 2,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: dlq,
      }),
    });

    this.distribution = this.website(props.corsOrigins ?? ['*']);

    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName });
    new CfnOutput(this, 'ProfileUrl', { value: `https://${this.distribution.distributionDomainName}/<profile>/profile.json` });
    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn });

    acknowledgeFindings({ stack: this, accessLogs, dlq, bucket: this.bucket, functions: [this.fetchArxiv, this.fetchDblp, this.reconcile] });
  }

  /** Map over profiles, one at a time (the sources' rate limits are global): Parallel(fetch-arxiv, fetch-dblp), then reconcile. */
  private workflow(): sfn.StateMachine {
    const step = sfn.TaskInput.fromObject({ profile: sfn.JsonPath.stringAt('$.profile'), startTime: sfn.JsonPath.stringAt('$.startTime') });
    const fetch = (id: string, fn: PipelineFunction, source: string) => {
      const task = new tasks.LambdaInvoke(this, id, { lambdaFunction: fn, payload: step, payloadResponseOnly: true, retryOnServiceExceptions: true });
      task.addRetry({ errors: ['States.TaskFailed', 'States.Timeout'], interval: Duration.seconds(30), backoffRate: 2, maxAttempts: 2 });
      // A failed source goes on to reconcile as degraded (its manifest is missing: the last good snapshot stands).
      task.addCatch(new sfn.Pass(this, `${id}Failed`, { parameters: { source, status: 'failed', 'error.$': '$.Error' } }), { resultPath: sfn.JsonPath.DISCARD });
      return task;
    };
    const fetchBoth = new sfn.Parallel(this, 'FetchSources', { resultPath: '$.fetched' })
      .branch(fetch('FetchArxivStep', this.fetchArxiv, 'arxiv'))
      .branch(fetch('FetchDblpStep', this.fetchDblp, 'dblp'));
    const reconcile = new tasks.LambdaInvoke(this, 'ReconcileStep', { lambdaFunction: this.reconcile, payload: step, payloadResponseOnly: true, resultPath: '$.result', retryOnServiceExceptions: true });
    reconcile.addRetry({ errors: ['States.TaskFailed'], interval: Duration.seconds(20), backoffRate: 2, maxAttempts: 2 });
    const notify = new tasks.SnsPublish(this, 'TellOwner', {
      topic: this.topic,
      subject: 'profile-sync: items to review',
      message: sfn.TaskInput.fromJsonPathAt("States.Format('{} item(s) to review for {}: {}', $.result.pendingReview, $.profile, $.result.report)"),
      resultPath: sfn.JsonPath.DISCARD,
    });
    const done = new sfn.Succeed(this, 'ProfileDone');
    const perProfile = fetchBoth.next(reconcile).next(new sfn.Choice(this, 'PendingReview?').when(sfn.Condition.numberGreaterThan('$.result.pendingReview', 0), notify.next(done)).otherwise(done));
    const map = new sfn.Map(this, 'EachProfile', {
      itemsPath: '$.profiles',
      maxConcurrency: 1,
      itemSelector: { 'profile.$': '$$.Map.Item.Value', 'startTime.$': '$$.Execution.StartTime' },
    }).itemProcessor(perProfile);
    const logs = new LogGroup(this, 'WorkflowLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    return new sfn.StateMachine(this, 'Workflow', {
      definitionBody: sfn.DefinitionBody.fromChainable(map),
      timeout: Duration.hours(2),
      tracingEnabled: true,
      logs: { destination: logs, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
  }

  /** CloudFront with Origin Access Control, serving public/ only, HTTPS only, CORS, short cache. */
  private website(corsOrigins: readonly string[]): cloudfront.Distribution {
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
    return new cloudfront.Distribution(this, 'Website', {
      comment: 'profile-sync public profiles (public/ of the data bucket)',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket, { originPath: '/public' }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachePolicy,
        responseHeadersPolicy: cors,
        compress: true,
      },
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    });
  }
}
