/**
 * profile-sync on AWS: a private bucket (canonical/, raw/, harvest/, runs/, public/, reports/),
 * seven Lambdas invoked by their published versions (discover, harvest-arxiv, harvest-dblp,
 * close-gaps, reconcile, notify, summarize), a Step Functions workflow run nightly by EventBridge
 * Scheduler, an encrypted SNS topic for the owners, CloudWatch alarms on it,
 * CloudFront serving public/, the deploy-time seeding of canonical/ (create-only),
 * and a managed policy for the owners' CLI.
 */
import { CfnOutput, CustomResource, Duration, RemovalPolicy, Stack, TimeZone, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { FunctionUrlOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import { SubscriptionFilter, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Provider } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { stagedContentHash } from './canonical-staging.ts';
import { DblpDumpTask } from './constructs/dblp-dump-task.ts';
import { HARVESTER_GRANTS } from './harvester-grants.ts';
import { PipelineFunction } from './constructs/pipeline-function.ts';
import { acknowledgeFindings } from './nag-acknowledgements.ts';
import { STEP_TIMEOUT_SECONDS } from '../functions/shared/time-budget.ts';
import { DEFAULT_DUMP_ABOVE, DEFAULT_MAP_CONCURRENCY } from './context.ts';
import { operatorPolicy } from './operator-policy.ts';
import { ownerPolicy, OWNER_TAG } from './owner-policy.ts';
import { nightlyWorkflow, type WorkflowStep } from './workflow.ts';

export interface ProfileSyncProps extends StackProps {
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
  /**
   * The repository's profiles as a deploy stages them (lib/canonical-staging.ts): copied to
   * staging/canonical/<content hash>/, from which the seeding adds to canonical/ only the
   * profiles the bucket lacks. The run's profiles are found in the bucket, not here.
   */
  readonly canonicalDir: string;
  /** Profiles reconciled at once (the Distributed Map's MaxConcurrency); default DEFAULT_MAP_CONCURRENCY (lib/context.ts). */
  readonly mapConcurrency?: number;
  /** Profiles whose child execution may fail as a whole before the run's Map fails, in percent; default 5. */
  readonly toleratedFailurePercent?: number;
  /** The execution's time limit in hours; default 2 (1,000 profiles take about half an hour; 10,000 about 4.5 hours). */
  readonly runTimeoutHours?: number;
  /**
   * The SSM Parameter Store SecureString (default key aws/ssm) holding the review page's key ring
   * (src/review/web/key-ring.ts JSON); made by the operator, never by the stack (CloudFormation cannot
   * create a SecureString). Default "/profile-sync/review-keys".
   */
  readonly reviewKeysParameter?: string;
  /** Profiles with dblp on above which a night reads dblp's daily dump (the Fargate task); default DEFAULT_DUMP_ABOVE (200); "off": no task. */
  readonly dblpDumpAbove?: number | 'off';
}

export const DEFAULT_REVIEW_KEYS_PARAMETER = '/profile-sync/review-keys';

/** The records the review page reads and writes (conditionally), as `review --bucket` does. */
const REVIEW_RECORDS = ['cv.json', 'decisions.json'] as const;

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
  readonly harvestArxiv: PipelineFunction;
  readonly harvestDblp: PipelineFunction;
  readonly closeGaps: PipelineFunction;
  readonly summarize: PipelineFunction;
  readonly reconcile: PipelineFunction;
  readonly discover: PipelineFunction;
  readonly notify: PipelineFunction;
  /** The deploy-time seeding's handler (a custom resource's, not the workflow's). */
  readonly seed: PipelineFunction;
  /** The review page (issue 20): a Function URL behind the website's CloudFront, under /review/. */
  readonly reviewWeb: PipelineFunction;
  /** What an owner's CLI needs (pull, push, remove, review --bucket, email): attach it to the owners' users or roles. */
  readonly ownerPolicy: iam.ManagedPolicy;
  /** What the operator's CLI needs (sync --bucket, seed, rollback; review-link --keys-parameter): attach it to the operator's user or role. */
  readonly operatorPolicy: iam.ManagedPolicy;
  readonly stateMachine: sfn.StateMachine;
  readonly topic: Topic;
  readonly distribution: cloudfront.Distribution;
  /** The alarms that notify the owner topic (the composite "no successful run" among them). */
  readonly alarms: cloudwatch.AlarmBase[] = [];
  /** The execution's time limit. */
  readonly runTimeout: Duration;
  /** dblp's daily dump, read by an ECS Fargate task on nights above the setting (none with dblpDumpAbove "off"). */
  readonly dblpDump: DblpDumpTask | undefined;

  constructor(scope: Construct, id: string, props: ProfileSyncProps) {
    super(scope, id, props);
    // The Map's ResultWriter as Step Functions defines it today (bucket and prefix), whatever the app's flags.
    this.node.setContext('@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2', true);

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
        // A run's manifest, fleet, Map results and outcomes; the harvests' progress documents. The holdings
        // (harvest/<profile>/), the watermark, the ID index and the leases stay.
        { id: 'expire-runs', prefix: 'runs/', expiration: Duration.days(30) },
        { id: 'expire-arxiv-progress', prefix: 'harvest/_arxiv/progress-', expiration: Duration.days(7) },
        { id: 'expire-dblp-progress', prefix: 'harvest/_dblp/progress-', expiration: Duration.days(7) },
        // Reports keep each run's copy of what it published: rollback reaches a year back. What an owner
        // was told (notices/<profile>/notified.json) is outside reports/ and never expires.
        { id: 'expire-old-reports', prefix: 'reports/', expiration: Duration.days(365) },
        // What a deploy staged for the seeding is read once, during the deploy.
        { id: 'expire-staging', prefix: 'staging/', expiration: Duration.days(7) },
        { id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(30) },
        // Versioning leaves a delete marker once an expired object's last version is gone, and a lost
        // upload leaves parts: both are removed.
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const key = new kms.Key(this, 'NotificationsKey', {
      description: 'profile-sync: encrypts the owner notification topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.topic = new Topic(this, 'OwnerNotifications', { displayName: 'profile-sync', enforceSSL: true, masterKey: key });
    // The operator hears about the deployment (a failed run, the alarms: messages with no profile), never an
    // owner's email: those carry a one-session review link that is the owner's alone. ("profile" is the message
    // attribute src/adapters/sns-owner-message.ts sets; test/infra/stack.test.ts holds the two together.)
    if (props.notifyEmail) this.topic.addSubscription(new EmailSubscription(props.notifyEmail, { filterPolicy: { profile: SubscriptionFilter.notExistsFilter() } }));

    const environment = { BUCKET: this.bucket.bucketName };
    // The harvesters tell the sources whom to contact about the deployment's requests (the User-Agent).
    const harvestEnvironment = { ...environment, ...(props.notifyEmail ? { CONTACT: props.notifyEmail } : {}) };
    // Each step's timeout, from the one place that also splits a harvest step's time between the lease wait,
    // its requests and the writes after them (functions/shared/time-budget.ts).
    const timeouts = Object.fromEntries(Object.entries(STEP_TIMEOUT_SECONDS).map(([step, seconds]) => [step, Duration.seconds(seconds)])) as Record<WorkflowStep, Duration>;
    this.discover = new PipelineFunction(this, 'Discover', { handlerDir: 'discover', timeout: timeouts.discover, memorySize: 512, environment, bundleAwsSdk: false });
    this.harvestArxiv = new PipelineFunction(this, 'HarvestArxiv', { handlerDir: 'harvest-arxiv', timeout: timeouts.harvestArxiv, memorySize: 512, environment: harvestEnvironment, bundleAwsSdk: true });
    this.harvestDblp = new PipelineFunction(this, 'HarvestDblp', { handlerDir: 'harvest-dblp', timeout: timeouts.harvestDblp, memorySize: 512, environment: harvestEnvironment, bundleAwsSdk: true });
    this.closeGaps = new PipelineFunction(this, 'CloseGaps', { handlerDir: 'close-gaps', timeout: timeouts.closeGaps, memorySize: 512, environment: harvestEnvironment, bundleAwsSdk: true });
    this.summarize = new PipelineFunction(this, 'Summarize', { handlerDir: 'summarize', timeout: timeouts.summarize, memorySize: 512, environment, bundleAwsSdk: false });
    this.reconcile = new PipelineFunction(this, 'Reconcile', { handlerDir: 'reconcile', timeout: timeouts.reconcile, memorySize: 1024, environment, bundleAwsSdk: true });
    this.notify = new PipelineFunction(this, 'Notify', { handlerDir: 'notify', timeout: timeouts.notify, environment: { ...environment, TOPIC_ARN: this.topic.topicArn }, bundleAwsSdk: true });
    this.seed = new PipelineFunction(this, 'Seed', { handlerDir: 'seed', timeout: Duration.minutes(5), environment, bundleAwsSdk: true });
    const reviewKeys = props.reviewKeysParameter ?? DEFAULT_REVIEW_KEYS_PARAMETER;
    this.reviewWeb = new PipelineFunction(this, 'ReviewWeb', { handlerDir: 'review-web', timeout: Duration.seconds(20), memorySize: 512, environment: { ...environment, REVIEW_KEYS_PARAMETER: reviewKeys }, bundleAwsSdk: true });
    this.grantStorage();
    this.grantReviewKeys(reviewKeys, [this.reviewWeb, this.notify]);
    this.topic.grantPublish(this.notify);
    this.seedCanonical(props.canonicalDir);
    this.dblpDump = props.dblpDumpAbove === 'off' ? undefined : new DblpDumpTask(this, 'DblpDump', { bucket: this.bucket, environment: harvestEnvironment, dumpAbove: props.dblpDumpAbove ?? DEFAULT_DUMP_ABOVE });

    this.runTimeout = Duration.hours(props.runTimeoutHours ?? 2);
    this.stateMachine = this.workflow(timeouts, { mapConcurrency: props.mapConcurrency ?? DEFAULT_MAP_CONCURRENCY, toleratedFailurePercent: props.toleratedFailurePercent ?? 5, runTimeout: this.runTimeout });
    this.topic.grantPublish(this.stateMachine);

    const runFailed = this.runFailedRule();
    this.allowServicesToPublish(key, runFailed);

    const dlq = new Queue(this, 'ScheduleDeadLetters', { enforceSSL: true, encryption: QueueEncryption.SQS_MANAGED, retentionPeriod: Duration.days(14) });
    const time = props.scheduleTime ?? { hour: 3, minute: 15 };
    new Schedule(this, 'Nightly', {
      description: 'profile-sync nightly run',
      schedule: ScheduleExpression.cron({ minute: String(time.minute), hour: String(time.hour), timeZone: TimeZone.of(props.timeZone ?? 'UTC') }),
      target: new StepFunctionsStartExecution(this.stateMachine, {
        // No profile list: the run finds its profiles in the bucket (DiscoverProfiles).
        input: ScheduleTargetInput.fromObject({}),
        retryAttempts: 2,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: dlq,
      }),
    });
    this.addAlarms(dlq);

    this.distribution = this.website(props.corsOrigins ?? ['*'], props.domain);
    // The owner's email carries a one-session link to the review page (the notify step signs it with the same ring).
    const siteUrl = `https://${props.domain?.name ?? this.distribution.distributionDomainName}`;
    this.notify.addEnvironment('REVIEW_URL', `${siteUrl}/review`);
    this.notify.addEnvironment('REVIEW_KEYS_PARAMETER', reviewKeys);
    this.ownerPolicy = this.ownerCliPolicy();
    this.operatorPolicy = operatorPolicy(this, 'OperatorPolicy', this.bucket, this.reviewKeysArn(reviewKeys));

    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName });
    new CfnOutput(this, 'ReviewUrl', { value: `https://${props.domain?.name ?? this.distribution.distributionDomainName}/review/`, description: `The review page (links from the owner's email; profile-sync review-link --base-url <this>, signed with the key ring in SSM ${reviewKeys})` });
    new CfnOutput(this, 'ProfileUrl', { value: `https://${props.domain?.name ?? this.distribution.distributionDomainName}/<profile>/profile.json` });
    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn });
    new CfnOutput(this, 'NotificationTopicArn', { value: this.topic.topicArn });
    new CfnOutput(this, 'OwnerPolicyArn', { value: this.ownerPolicy.managedPolicyArn, description: `Attach to an owner's IAM user or role tagged ${OWNER_TAG}=<profile>: pull, push, remove, review --bucket, email on that profile (README, The owner's loop on AWS)` });
    new CfnOutput(this, 'OperatorPolicyArn', { value: this.operatorPolicy.managedPolicyArn, description: `Attach to the operator's IAM user or role: sync --bucket, seed, rollback on the data bucket, review-link --keys-parameter ${reviewKeys} (README, The owner's loop on AWS)` });

    acknowledgeFindings({
      stack: this,
      accessLogs,
      dlq,
      bucket: this.bucket,
      functions: { discover: this.discover, harvestArxiv: this.harvestArxiv, harvestDblp: this.harvestDblp, closeGaps: this.closeGaps, reconcile: this.reconcile, notify: this.notify, summarize: this.summarize, seed: this.seed, reviewWeb: this.reviewWeb },
      stateMachine: this.stateMachine,
      distribution: this.distribution,
      ownerPolicy: this.ownerPolicy,
      operatorPolicy: this.operatorPolicy,
      customDomain: props.domain !== undefined,
      ...(this.dblpDump ? { dblpDump: this.dblpDump } : {}),
    });
  }

  /**
   * Least privilege on the bucket, per function: GetObject/PutObject on the
   * keys it reads and writes (no other Put* variant), ListBucket only with an
   * s3:prefix condition on its prefixes (S3Store lists a key to tell a 404
   * from a 403), nothing on the bucket itself.
   */
  private grantStorage(): void {
    const allow = (fn: PipelineFunction, actions: string[], patterns: string[]) =>
      fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: patterns.map((p) => this.bucket.arnForObjects(p)) }));
    const list = (fn: PipelineFunction, prefixes: string[]) =>
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn], conditions: { StringLike: { 's3:prefix': prefixes.map((p) => `${p}/*`) } } }));
    // Discovery: lists canonical/ and reads each profile's config (paused?) and fetch plan (valid?); writes the
    // run's manifest, fleet and skipped list.
    allow(this.discover, ['s3:GetObject'], ['canonical/*/config.json', 'canonical/*/fetch-plan.json', 'runs/*']);
    allow(this.discover, ['s3:PutObject'], ['runs/*']);
    list(this.discover, ['canonical', 'runs']);
    // Harvesters: read the run's fleet; write raw/ (pages, manifests) and harvest/ (holdings, index, watermark,
    // progress, the leases); they delete nothing.
    for (const fn of [this.harvestArxiv, this.harvestDblp, this.closeGaps]) {
      allow(fn, ['s3:GetObject'], [...HARVESTER_GRANTS.get]);
      allow(fn, ['s3:PutObject'], [...HARVESTER_GRANTS.put]);
      list(fn, [...HARVESTER_GRANTS.list]);
    }
    // Reconcile: reads everything it reconciles from (the arXiv holdings included); writes public/ and reports/,
    // and in raw/ only the run's claim and the manifest of a source whose harvest failed for good.
    allow(this.reconcile, ['s3:GetObject'], ['canonical/*', 'raw/*', 'harvest/*', 'public/*', 'reports/*']);
    allow(this.reconcile, ['s3:PutObject'], ['public/*', 'reports/*', 'raw/*/owner.json', 'raw/*-manifest.json']);
    // Publishing removes the pages of works a profile no longer has (If-Match: S3 evaluates a conditional delete as a read too).
    allow(this.reconcile, ['s3:DeleteObject'], ['public/*/hugo-blox/publications/*', 'public/*/papers/*']);
    list(this.reconcile, ['canonical', 'raw', 'harvest', 'public', 'reports']);
    // Notify: reads the latest report, the owner's decisions and config, and what was told; writes only that.
    // (reports/<profile>/notified.json is where a deployment before notices/ kept it: read once, carried over.)
    allow(this.notify, ['s3:GetObject'], ['reports/*', 'notices/*/notified.json', 'canonical/*/decisions.json', 'canonical/*/config.json']);
    allow(this.notify, ['s3:PutObject'], ['notices/*/notified.json']);
    list(this.notify, ['canonical', 'reports', 'notices']);
    // The summary: the run's item list and the Map's results in, and for a profile without a successful child
    // result its latest.json (which run published it: a child aborted after it published is not "failed");
    // the run's outcomes out.
    allow(this.summarize, ['s3:GetObject'], ['runs/*', 'reports/*/latest.json']);
    allow(this.summarize, ['s3:PutObject'], ['runs/*/outcomes/*']);
    list(this.summarize, ['runs']);
    this.summarize.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn], conditions: { StringLike: { 's3:prefix': ['reports/*/latest.json'] } } }));
    // Seeding (deploy time): reads the staged profiles and what canonical/ has; creates the four record files only.
    allow(this.seed, ['s3:GetObject'], ['staging/canonical/*', 'canonical/*']);
    allow(this.seed, ['s3:PutObject'], ['cv.json', 'config.json', 'decisions.json', 'fetch-plan.json'].map((f) => `canonical/*/${f}`));
    list(this.seed, ['staging/canonical', 'canonical']);
    // The review page: the latest report and the published profile of the profile a session names; that
    // profile's records (answers are conditional writes of cv.json and decisions.json, as review --bucket's);
    // its link records (a used link is created once; a revocation is read). Which profile, the signed session
    // says: IAM cannot, since one function serves every owner.
    allow(this.reviewWeb, ['s3:GetObject'], ['reports/*/latest.json', 'reports/*/diff.json', 'public/*/profile.json', ...REVIEW_RECORDS.map((f) => `canonical/*/${f}`), 'canonical/*/links-revoked-before.json', 'canonical/*/links-used/*']);
    allow(this.reviewWeb, ['s3:PutObject'], [...REVIEW_RECORDS.map((f) => `canonical/*/${f}`), 'canonical/*/links-used/*']);
    list(this.reviewWeb, ['canonical', 'reports', 'public']);
  }

  /** The review key ring's SSM parameter ARN. */
  private reviewKeysArn(name: string): string {
    return `arn:${this.partition}:ssm:${this.region}:${this.account}:parameter/${name.replace(/^\//, '')}`;
  }

  /** The review key ring: read (decrypted) from its SSM SecureString by the review page and the notify step. */
  private grantReviewKeys(name: string, readers: PipelineFunction[]): void {
    const arn = this.reviewKeysArn(name);
    for (const fn of readers) fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: [arn] }));
  }

  /**
   * Deploy-time seeding: the repository's profiles go to staging/canonical/<content hash>/
   * (a BucketDeployment; the staging/ prefix expires after 7 days), then a custom resource runs
   * functions/seed on Create and Update: create-only copies of the profiles canonical/ lacks.
   * A deploy never overwrites a record the bucket has, and on Delete does nothing.
   */
  private seedCanonical(canonicalDir: string): void {
    const stagingPrefix = `staging/canonical/${stagedContentHash(canonicalDir)}/`;
    const staging = new BucketDeployment(this, 'CanonicalStaging', {
      sources: [Source.asset(canonicalDir)],
      // Its handler may read, write and delete under staging/ only (BucketDeployment grants the whole bucket otherwise).
      destinationBucket: grantingUnder(this.bucket, 'staging/*'),
      logGroup: new LogGroup(this, 'CanonicalStagingLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
      destinationKeyPrefix: stagingPrefix,
      prune: false,
      // A later deploy stages under another prefix and removes this one; the lifecycle rule expires leftovers.
      retainOnDelete: false,
    });
    const provider = new Provider(this, 'SeedProvider', { onEventHandler: this.seed, logGroup: new LogGroup(this, 'SeedProviderLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }) });
    const seeding = new CustomResource(this, 'CanonicalSeeding', { serviceToken: provider.serviceToken, resourceType: 'Custom::CanonicalSeeding', properties: { StagingPrefix: stagingPrefix } });
    seeding.node.addDependency(staging);
  }

  /**
   * The owner's CLI on the bucket, nothing more, and on the owner's own profile only (the
   * profile its IAM user or role is tagged with: lib/owner-policy.ts). Running the pipeline
   * from a laptop (sync --bucket, rollback) needs the operator's rights.
   */
  private ownerCliPolicy(): iam.ManagedPolicy {
    return ownerPolicy(this, 'OwnerPolicy', this.bucket);
  }

  private workflow(timeouts: Record<WorkflowStep, Duration>, run: { mapConcurrency: number; toleratedFailurePercent: number; runTimeout: Duration }): sfn.StateMachine {
    // Published versions (not $LATEST): an execution keeps the definition it started with, and that
    // definition names the versions of its deploy, so a deploy during a run does not change its code.
    const definition = nightlyWorkflow(this, {
      functions: {
        discover: this.discover.currentVersion,
        harvestArxiv: this.harvestArxiv.currentVersion,
        harvestDblp: this.harvestDblp.currentVersion,
        closeGaps: this.closeGaps.currentVersion,
        reconcile: this.reconcile.currentVersion,
        notify: this.notify.currentVersion,
        summarize: this.summarize.currentVersion,
        timeouts,
      },
      topic: this.topic,
      bucket: this.bucket,
      mapConcurrency: run.mapConcurrency,
      toleratedFailurePercent: run.toleratedFailurePercent,
      ...(this.dblpDump ? { dblpDump: { above: this.dblpDump.above, cluster: this.dblpDump.cluster, taskDefinition: this.dblpDump.taskDefinition, container: this.dblpDump.container, securityGroup: this.dblpDump.securityGroup } } : {}),
    });
    // Vended logs (Step Functions' delivery) go to a group under /aws/vendedlogs/: its resource policy stays small.
    const machineLogs = new LogGroup(this, 'WorkflowLogs', { logGroupName: `/aws/vendedlogs/states/${this.stackName}-Workflow`, retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    const machine = new sfn.StateMachine(this, 'Workflow', {
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      timeout: run.runTimeout,
      tracingEnabled: true,
      logs: { destination: machineLogs, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    // An execution keeps the versions its definition named when it started: after a deploy it still invokes
    // those, which the role must still allow (any version of these seven functions, nothing else).
    machine.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'InvokeAnyVersionOfTheRunsFunctions',
        actions: ['lambda:InvokeFunction'],
        resources: [this.discover, this.harvestArxiv, this.harvestDblp, this.closeGaps, this.reconcile, this.notify, this.summarize].map((fn) => `${fn.functionArn}:*`),
      }),
    );
    return machine;
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
    // CloudWatch: bounded by the source account. EventBridge: SNS's guidance for encrypted topics says a
    // key policy condition on aws:SourceAccount / aws:SourceArn is not supported for EventBridge targets
    // (its KMS calls carry neither), so the key lets the service use it unconditioned; the topic policy
    // (RunFailedRulePublishes) still admits only this stack's rule, by aws:SourceArn.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AlarmsEncrypt',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'RunFailedRuleEncrypts',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
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
      alarmDescription: `profile-sync: a nightly run exceeded its ${this.runTimeout.toHours()}-hour limit (raise -c runTimeoutHours for a large department).`,
      metric: sum(this.stateMachine.metricTimedOut(), ALARMS.executionsFailed.period),
      threshold: ALARMS.executionsFailed.threshold, evaluationPeriods: 1, comparisonOperator: gte, treatMissingData: notBreaching,
    });
    alarm('ScheduleDeadLettersAlarm', {
      alarmDescription: 'profile-sync: the schedule could not start a run (a message waits in the dead-letter queue).',
      metric: dlq.metricApproximateNumberOfMessagesVisible({ statistic: cloudwatch.Stats.MAXIMUM, period: ALARMS.deadLetters.period }),
      threshold: ALARMS.deadLetters.threshold, evaluationPeriods: 1, comparisonOperator: gte, treatMissingData: notBreaching,
    });
    // "No run succeeded in 36 hours" must not fire after a deploy, before the first night: two alarms
    // without actions and a composite of both that notifies.
    // - NoSuccessIn36h: no success in 6 periods of 6 hours, missing data breaching (it is in ALARM from the
    //   deploy on until the first success).
    // - HasSucceeded: a latch. ALARM once an execution succeeded; missing data IGNOREd (the alarm keeps its
    //   state), so it stays INSUFFICIENT_DATA from its creation until the first success and ALARM after it:
    //   Step Functions publishes ExecutionsSucceeded only when one succeeds, never a 0 that would reset it.
    // The composite is in ALARM when both are: no success in 36 hours, since the first one.
    const succeeded = sum(this.stateMachine.metricSucceeded(), ALARMS.heartbeat.period);
    const noSuccess = new cloudwatch.Alarm(this, 'NoSuccessIn36hAlarm', {
      alarmDescription: 'profile-sync: no run succeeded in 36 hours (no action: NoSuccessfulRunAlarm notifies once a run has succeeded).',
      metric: succeeded,
      threshold: 1, evaluationPeriods: ALARMS.heartbeat.periods, datapointsToAlarm: ALARMS.heartbeat.periods,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    const hasSucceeded = new cloudwatch.Alarm(this, 'HasSucceededAlarm', {
      alarmDescription: 'profile-sync: a run has succeeded since this alarm was created (a latch for NoSuccessfulRunAlarm; ALARM here is the normal state).',
      metric: succeeded,
      threshold: 1, evaluationPeriods: 1, comparisonOperator: gte,
      treatMissingData: cloudwatch.TreatMissingData.IGNORE,
    });
    const composite = new cloudwatch.CompositeAlarm(this, 'NoSuccessfulRunAlarm', {
      alarmDescription: 'profile-sync: no run succeeded in 36 hours, after runs had succeeded (the schedule may not be starting runs, or every run fails).',
      alarmRule: cloudwatch.AlarmRule.allOf(cloudwatch.AlarmRule.fromAlarm(noSuccess, cloudwatch.AlarmState.ALARM), cloudwatch.AlarmRule.fromAlarm(hasSucceeded, cloudwatch.AlarmState.ALARM)),
    });
    composite.addAlarmAction(action);
    this.alarms.push(composite);
    // Discovery is not watched here: when it fails the run fails, which RunFailedAlarm reports.
    for (const [name, fn] of [['HarvestArxiv', this.harvestArxiv], ['HarvestDblp', this.harvestDblp], ['CloseGaps', this.closeGaps], ['Reconcile', this.reconcile], ['Notify', this.notify], ['Summarize', this.summarize]] as const) {
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

  /**
   * CloudFront with Origin Access Control, serving public/ only, HTTPS only, CORS, short cache; and under
   * /review/ the review page's Function URL (IAM auth, reached only through this distribution by its OAC;
   * nothing cached; the viewer's query string and cookies passed on).
   */
  private website(corsOrigins: readonly string[], domain: ProfileSyncProps['domain']): cloudfront.Distribution {
    const cachePolicy = new cloudfront.CachePolicy(this, 'ShortCache', {
      defaultTtl: Duration.minutes(5),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.hours(1),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // Response headers policies and OACs are named account-wide (not per region): the name carries the stack and its region.
    const accountWideName = (what: string) => `${this.stackName.slice(0, 40)}-${what}-${this.region}`;
    const cors = new cloudfront.ResponseHeadersPolicy(this, 'Cors', {
      responseHeadersPolicyName: accountWideName('cors'),
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
    const oac = new cloudfront.S3OriginAccessControl(this, 'WebsiteOac', { originAccessControlName: accountWideName('oac'), description: 'profile-sync: CloudFront reads public/ of the data bucket' });
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
    const reviewUrl = this.reviewWeb.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    // Its own OAC, named like the bucket's (account-wide names: stack and region in them, or a second region's deploy fails).
    const reviewOac = new cloudfront.FunctionUrlOriginAccessControl(this, 'ReviewOac', { originAccessControlName: accountWideName('review-oac'), description: 'profile-sync: CloudFront signs requests to the review page Function URL' });
    distribution.addBehavior('/review/*', FunctionUrlOrigin.withOriginAccessControl(reviewUrl, { readTimeout: Duration.seconds(20), originAccessControl: reviewOac }), {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      compress: true,
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

/**
 * The bucket as a construct that grants on it sees it: its read/write grants
 * limited to the objects under `pattern` (Bucket.grantReadWrite's key pattern).
 */
function grantingUnder(bucket: Bucket, pattern: string): IBucket {
  const scoped: Pick<IBucket, 'grantReadWrite'> = { grantReadWrite: (identity) => bucket.grantReadWrite(identity, pattern) };
  return Object.assign(Object.create(bucket) as IBucket, scoped);
}
