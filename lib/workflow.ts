/**
 * The nightly workflow, one execution for every profile of the deployment:
 *
 *   RunContext                   the run's start time and execution, from the context object
 *   DiscoverProfiles             the profiles in the bucket at the run's start (none baked in at
 *                                deploy) → runs/<run>/profiles.json (the Map's items) and
 *                                runs/<run>/fleet.json (every fetch plan); paused, incomplete or
 *                                invalid ones counted, with why
 *   Harvest (Parallel)           each source once for all profiles, under its lease:
 *     HarvestArxivStep ⟲          the OAI-PMH delta + first backfills, again while "partial"
 *     DblpFromDump?               the run's profiles with dblp on above the deploy setting (dblpDumpAbove)?
 *       HarvestDblpDumpTask       yes: an ECS Fargate task (RunTask .sync) reads dblp's daily dump (two
 *                                requests), then the person pages left to it; exit 0 = done, else
 *                                retried, then caught as below
 *       HarvestDblpStep ⟲         no: one person page per profile, ~10-minute chunks, again while "partial"
 *                                a harvest that fails after its retries is caught and handed on as
 *                                {source, failed}: every profile goes on, degraded, with the cause
 *   CloseArxivGaps ⟲             id_list for known IDs the holdings lack, batched across profiles,
 *                                again while "partial" (caught the same way)
 *   EachProfile (Distributed Map) items read from S3, one child execution per profile,
 *                                MaxConcurrency and ToleratedFailurePercentage from the deploy's
 *                                context, results written to S3 (runs/map-results/), never into the
 *                                execution's state:
 *     ReconcileStep              records failed harvests as the profile's degraded sources,
 *                                reconciles, publishes (no source request); caught after its
 *                                retries: the profile "failed", the one published before stays as
 *                                it was, and its owner is told (TellOwnerProfileFailed)
 *     NotifyOwnerStep            the owner's email, told once; caught: a failed email never fails
 *                                the profile
 *     Published / ProfileFailed  the child's small outcome
 *   RunSummary                   every outcome to runs/<run>/outcomes/<execution>.json; the execution's output
 *                                is counts, the harvest and the first failures (a few KiB); a Map that
 *                                failed as a whole then fails the execution (RunEndedFailed, with its error)
 *
 * Every message to an owner carries the SNS message attributes profile and
 * kind (src/adapters/sns-owner-message.ts), for subscriptions filtered by
 * profile. Payloads are keys, names and counts only. Errors no retry can cure
 * (PERMANENT_ERRORS) are not retried.
 */
import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { MAX_ATTEMPTS, PERMANENT_ERRORS } from '../functions/shared/step-failure.ts';
import { DUMP_TASK_SECONDS, DUMP_TASK_STATE_MARGIN_SECONDS } from '../functions/shared/time-budget.ts';
import type { WorkflowStepName } from '../functions/shared/step-names.ts';
import { MAP_RESULTS_PREFIX } from '../src/pipeline/map-results.ts';
import { KIND_ATTRIBUTE, PROFILE_ATTRIBUTE, type OwnerMessageKind } from '../src/adapters/sns-owner-message.ts';

export type WorkflowStep = WorkflowStepName;

export type WorkflowFunctions = {
  /** Published versions: a run in flight keeps the code it started with when a deploy lands. */
  readonly [step in WorkflowStep]: IFunction;
} & {
  /** Each function's own timeout; a task waits a minute longer, so Lambda ends a slow attempt, not Step Functions. */
  readonly timeouts: Readonly<Record<WorkflowStep, Duration>>;
};

export interface WorkflowProps {
  readonly functions: WorkflowFunctions;
  readonly topic: ITopic;
  /** The data bucket: the Map reads its items from it and writes its results to it. */
  readonly bucket: IBucket;
  /** Child executions at once (reconcile Lambdas running together). */
  readonly mapConcurrency: number;
  /** Children that may fail as a whole (not caught in their own states) before the Map fails, in percent. */
  readonly toleratedFailurePercent: number;
  /** dblp's daily dump: the Fargate task, and the fleet size above which the night runs it (lib/constructs/dblp-dump-task.ts); none: person pages always. */
  readonly dblpDump?: {
    readonly above: number;
    readonly cluster: ecs.ICluster;
    readonly taskDefinition: ecs.FargateTaskDefinition;
    readonly container: ecs.ContainerDefinition;
    readonly securityGroup: ec2.ISecurityGroup;
  };
}

/** Where the Map writes its children's results (src/pipeline/map-results.ts). */
export { MAP_RESULTS_PREFIX };

/**
 * Calls of one harvest step answering "partial" before the run stops asking (a counter in the state):
 * 48 ten-minute chunks are 8 hours, over twice what 10,000 dblp pages take. A step still "partial"
 * then is handed on as failed (StillPartial): every profile goes on, degraded, and the run ends.
 */
export const MAX_PARTIAL_ROUNDS = 48;

/** Waits between attempts: 30 s, then 60 s (backoff 2). */
export const RETRY = { interval: Duration.seconds(30), backoffRate: 2, maxAttempts: MAX_ATTEMPTS - 1 } as const;

/**
 * Lambda refused or failed the invocation itself (the function never ran, or its service failed):
 * a throttle when the Map's children outrun the account's concurrency, a Lambda service error.
 * Retried apart from the function's own errors, with backoff and jitter, for up to about 13
 * minutes: a throttle is not the profile's failure.
 */
export const LAMBDA_SERVICE_ERRORS = ['Lambda.TooManyRequestsException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.ClientExecutionTimeoutException'] as const;
export const SERVICE_RETRY = { interval: Duration.seconds(5), backoffRate: 2, maxAttempts: 8, maxDelay: Duration.minutes(5) } as const;

/**
 * The dump task: States.TaskFailed is its container's non-zero exit (75: time ran out or dblp's lease was
 * busy; 1: an error) or a task that could not start; ECS errors are the service refusing RunTask
 * (capacity, throttling). Two more tries, with backoff and full jitter (up to a minute, then two): what it harvested
 * is kept.
 */
export const DUMP_TASK_RETRY = { errors: ['States.TaskFailed', 'ECS.AmazonECSException', 'ECS.ServerException', 'ECS.ThrottlingException', 'AmazonECS.Unknown'], interval: Duration.seconds(60), backoffRate: 2, maxAttempts: 2 } as const;

const J = sfn.JsonPath;

export function nightlyWorkflow(scope: Construct, props: WorkflowProps): sfn.IChainable {
  const { functions: fns, topic } = props;
  // The run's identity, read once from the context object and carried in the state: every step of the run
  // (and every retry) derives the same run id from it.
  const run = { startTime: J.stringAt('$.run.startTime'), execution: J.stringAt('$.run.execution') };
  const runContext = new sfn.Pass(scope, 'RunContext', {
    parameters: { input: J.objectAt('$'), run: { startTime: J.stringAt('$$.Execution.StartTime'), execution: J.stringAt('$$.Execution.Id'), results: J.format(`${MAP_RESULTS_PREFIX}/{}`, J.stringAt('$$.Execution.Name')) } },
  });
  const retried = <T extends sfn.TaskStateBase>(task: T): T => {
    task.addRetry({ errors: [...PERMANENT_ERRORS], maxAttempts: 0 });
    task.addRetry({ errors: [...LAMBDA_SERVICE_ERRORS], interval: SERVICE_RETRY.interval, backoffRate: SERVICE_RETRY.backoffRate, maxAttempts: SERVICE_RETRY.maxAttempts, maxDelay: SERVICE_RETRY.maxDelay, jitterStrategy: sfn.JitterType.FULL });
    task.addRetry({ errors: [sfn.Errors.ALL], interval: RETRY.interval, backoffRate: RETRY.backoffRate, maxAttempts: RETRY.maxAttempts });
    return task;
  };
  const invoke = (id: string, which: WorkflowStep, props: Partial<tasks.LambdaInvokeProps>) =>
    retried(new tasks.LambdaInvoke(scope, id, { lambdaFunction: fns[which], payloadResponseOnly: true, retryOnServiceExceptions: false, taskTimeout: sfn.Timeout.duration(fns.timeouts[which].plus(Duration.minutes(1))), ...props }));

  // 0. The profiles: the execution's input ({} from the schedule, or {"profiles": [...]} to run some only).
  const discover = invoke('DiscoverProfiles', 'discover', {
    payload: sfn.TaskInput.fromObject({ input: J.objectAt('$.input'), ...run }),
    resultSelector: { manifest: J.stringAt('$.manifestObject'), profiles: J.numberAt('$.profiles'), dblpProfiles: J.numberAt('$.dblpProfiles'), skipped: J.listAt('$.skipped'), skippedCount: J.numberAt('$.skippedCount') },
    resultPath: '$.discovered',
  });

  // 1. Each source once for all profiles; a harvest that stopped at its deadline ("partial") is called again;
  //    one that fails after its retries becomes {source, failed: {step, caught: {Error, Cause}}}.
  const harvest = (id: string, which: 'harvestArxiv' | 'harvestDblp', source: 'arxiv' | 'dblp') => {
    // The result goes beside the run's state ($.outcome), so that a call again still has $.run.
    const task = invoke(id, which, { payload: sfn.TaskInput.fromObject(run), resultSelector: { source, status: J.stringAt('$.status') }, resultPath: '$.outcome' });
    task.addCatch(new sfn.Pass(scope, `${id}Failed`, { parameters: { source, failed: { step: id, caught: J.objectAt('$.caught') } } }), { errors: [sfn.Errors.ALL], resultPath: '$.caught' });
    const done = new sfn.Pass(scope, `${id}Done`, { outputPath: '$.outcome' });
    return partialLoop(id, task, '$.outcome.status', '$.rounds', new sfn.Pass(scope, `${id}StillPartial`, { parameters: stillPartial(source, id) }), done);
  };
  /** `task`, called again while it answers "partial", at most MAX_PARTIAL_ROUNDS times in all (the count kept at `rounds`). */
  const partialLoop = (id: string, task: sfn.TaskStateBase, status: string, rounds: string, gaveUp: sfn.IChainable, otherwise: sfn.IChainable) => {
    const again = new sfn.Pass(scope, `${id}Again`, { parameters: { 'n.$': `States.MathAdd(${rounds}.n, 1)` }, resultPath: rounds });
    const start = new sfn.Pass(scope, `${id}Rounds`, { result: sfn.Result.fromObject({ n: 1 }), resultPath: rounds });
    const partial = sfn.Condition.stringEquals(status, 'partial');
    task.next(
      new sfn.Choice(scope, `${id}Partial?`)
        .when(sfn.Condition.and(partial, sfn.Condition.numberLessThan(`${rounds}.n`, MAX_PARTIAL_ROUNDS)), again.next(task))
        .when(partial, gaveUp)
        .otherwise(otherwise),
    );
    return start.next(task);
  };
  const stillPartial = (source: string, step: string) => ({ source, failed: { step, caught: { Error: 'StillPartial', Cause: `still "partial" after ${MAX_PARTIAL_ROUNDS} calls: stopped asking in this run` } } });
  // dblp: above the deploy setting, its daily dump in a Fargate task (the answer is the exit code: Step Functions
  // cannot read a task's output); otherwise one person page per profile in the Lambda's chunks.
  function dumpOrPages(dump: NonNullable<WorkflowProps['dblpDump']>): sfn.IChainable {
    const dumpTask = new tasks.EcsRunTask(scope, 'HarvestDblpDumpTask', {
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      cluster: dump.cluster,
      taskDefinition: dump.taskDefinition,
      launchTarget: new tasks.EcsFargateLaunchTarget({ platformVersion: ecs.FargatePlatformVersion.LATEST }),
      // Public subnets, no NAT gateway: the task reaches dblp with a public IP; nothing reaches it (no ingress).
      assignPublicIp: true,
      subnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroups: [dump.securityGroup],
      // The run's event, and the threshold of this execution's definition: RunTask names the family (its latest revision),
      // so an execution in flight across a deploy runs the new image, but still with the Choice's own threshold.
      containerOverrides: [
        {
          containerDefinition: dump.container,
          environment: [
            { name: 'PROFILE_SYNC_EVENT', value: J.jsonToString(J.objectAt('$.run')) },
            { name: 'DBLP_DUMP_ABOVE', value: String(dump.above) },
          ],
        },
      ],
      taskTimeout: sfn.Timeout.duration(Duration.seconds(DUMP_TASK_SECONDS + DUMP_TASK_STATE_MARGIN_SECONDS)),
      resultSelector: { source: 'dblp', status: 'done', task: J.stringAt('$.TaskArn') },
      resultPath: '$.outcome',
    });
    dumpTask.addRetry({ errors: [...DUMP_TASK_RETRY.errors], interval: DUMP_TASK_RETRY.interval, backoffRate: DUMP_TASK_RETRY.backoffRate, maxAttempts: DUMP_TASK_RETRY.maxAttempts, jitterStrategy: sfn.JitterType.FULL });
    dumpTask.addCatch(new sfn.Pass(scope, 'HarvestDblpDumpTaskFailed', { parameters: { source: 'dblp', failed: { step: 'HarvestDblpDumpTask', caught: J.objectAt('$.caught') } } }), { errors: [sfn.Errors.ALL], resultPath: '$.caught' });
    dumpTask.next(new sfn.Pass(scope, 'HarvestDblpDumpTaskDone', { outputPath: '$.outcome' }));
    return new sfn.Choice(scope, 'DblpFromDump?')
      .when(sfn.Condition.numberGreaterThan('$.discovered.dblpProfiles', dump.above), dumpTask)
      .otherwise(harvest('HarvestDblpStep', 'harvestDblp', 'dblp'));
  }
  const dump = props.dblpDump;
  const dblp = dump ? dumpOrPages(dump) : harvest('HarvestDblpStep', 'harvestDblp', 'dblp');
  const harvestSources = new sfn.Parallel(scope, 'Harvest', { resultPath: '$.harvest' })
    .branch(harvest('HarvestArxivStep', 'harvestArxiv', 'arxiv'))
    .branch(dblp);
  const closeGaps = invoke('CloseArxivGaps', 'closeGaps', { payload: sfn.TaskInput.fromObject(run), resultSelector: { source: 'arxiv', status: J.stringAt('$.status') }, resultPath: '$.gaps' });
  const closeGapsFailed = new sfn.Pass(scope, 'CloseArxivGapsFailed', { parameters: { source: 'arxiv', failed: { step: 'CloseArxivGaps', caught: J.objectAt('$.gapsError') } }, resultPath: '$.gaps' });
  closeGaps.addCatch(closeGapsFailed, { errors: [sfn.Errors.ALL], resultPath: '$.gapsError' });

  // 2. Per profile (a child execution): reconcile and publish.
  const step = { profile: J.stringAt('$.profile'), startTime: J.stringAt('$.startTime'), execution: J.stringAt('$.execution') };
  const resultFields = ['profile', 'runId', 'outcome', 'report', 'pendingReview', 'degradedSources', 'profileChanged', 'resumed'];
  const reconcile = invoke('ReconcileStep', 'reconcile', {
    payload: sfn.TaskInput.fromObject({ ...step, sources: J.listAt('$.sources'), gaps: J.objectAt('$.gaps') }),
    resultSelector: Object.fromEntries(resultFields.map((f) => [f, J.stringAt(`$.${f}`)])),
    resultPath: '$.result',
  });
  // 3. The owner's email, then the outcome of a published profile with what the owner was told.
  const published = new sfn.Pass(scope, 'Published', {
    parameters: {
      profile: J.stringAt('$.profile'),
      outcome: J.stringAt('$.result.outcome'),
      runId: J.stringAt('$.result.runId'),
      report: J.stringAt('$.result.report'),
      pendingReview: J.numberAt('$.result.pendingReview'),
      degradedSources: J.listAt('$.result.degradedSources'),
      profileChanged: J.stringAt('$.result.profileChanged'),
      resumed: J.stringAt('$.result.resumed'),
      notice: J.objectAt('$.notice'),
    },
  });
  const notify = invoke('NotifyOwnerStep', 'notify', { payload: sfn.TaskInput.fromObject(step), resultPath: '$.notice' });
  const notifyFailed = new sfn.Pass(scope, 'NotifyOwnerFailed', { parameters: { status: 'failed', caught: J.objectAt('$.noticeError') }, resultPath: '$.notice' });
  notify.addCatch(notifyFailed, { errors: [sfn.Errors.ALL], resultPath: '$.noticeError' });
  notify.next(published);
  notifyFailed.next(published);

  // 4. A profile that could not be published: its cause (step, error, message) to the owner and the output.
  const profileFailed = new sfn.Pass(scope, 'ProfileFailed', {
    parameters: { profile: J.stringAt('$.profile'), outcome: 'failed', step: J.stringAt('$.failure.step'), error: J.stringAt('$.failure.error'), cause: J.stringAt('$.failure.message'), notice: J.objectAt('$.notice') },
  });
  const tellFailure = tell(
    scope,
    'TellOwnerProfileFailed',
    topic,
    'profile-failed',
    J.format('profile-sync: {} was not published', J.stringAt('$.profile')),
    sfn.TaskInput.fromText(
      J.format(
        'profile-sync could not publish {} in this run: {} failed ({}): {} -- The profile published before stays as it was; the next run tries again. Execution: {}',
        J.stringAt('$.profile'),
        J.stringAt('$.failure.step'),
        J.stringAt('$.failure.error'),
        J.stringAt('$.failure.message'),
        J.stringAt('$.execution'),
      ),
    ),
    profileFailed,
  );
  reconcile.addCatch(describeCaught(scope, 'ReconcileStep', tellFailure), { errors: [sfn.Errors.ALL], resultPath: '$.caught' });

  const perProfile = reconcile.next(notify);
  const eachProfile = new sfn.DistributedMap(scope, 'EachProfile', {
    itemReader: new RunItemReader(props.bucket, J.stringAt('$.discovered.manifest')),
    itemSelector: {
      profile: J.stringAt('$$.Map.Item.Value.profile'),
      startTime: J.stringAt('$$.Map.Item.Value.startTime'),
      execution: J.stringAt('$.run.execution'),
      sources: J.listAt('$.harvest'),
      gaps: J.objectAt('$.gaps'),
    },
    maxConcurrency: props.mapConcurrency,
    toleratedFailurePercentage: props.toleratedFailurePercent,
    // Standard children: a reconcile's three attempts and their waits can outlast an express child's 5 minutes.
    mapExecutionType: sfn.StateMachineType.STANDARD,
    resultWriterV2: new RunResultWriter(props.bucket, J.stringAt('$.run.results')),
    resultSelector: { ResultWriterDetails: J.objectAt('$.ResultWriterDetails') },
    resultPath: '$.map',
  });
  eachProfile.itemProcessor(perProfile);
  // More children failed as a whole than tolerated (or the Map could not run): the summary says so for each profile without a result.
  const runSummary = invoke('RunSummary', 'summarize', {
    payload: sfn.TaskInput.fromObject({ ...run, discovered: J.objectAt('$.discovered'), map: J.objectAt('$.map'), harvest: J.listAt('$.harvest'), gaps: J.objectAt('$.gaps') }),
    resultPath: '$.summary',
  });
  // The execution's output is the summary; a Map that failed as a whole (more children failed than tolerated,
  // its items unreadable) fails the execution after the summary is written, so the run-failed rule and the
  // alarms tell the operator, with the Map's error and cause.
  const runEnded = new sfn.Choice(scope, 'EachProfileFailed?')
    .when(sfn.Condition.isPresent('$.map.failed'), new sfn.Fail(scope, 'RunEndedFailed', { errorPath: '$.map.failed.Error', causePath: '$.map.failed.Cause' }))
    .otherwise(new sfn.Pass(scope, 'RunDone', { outputPath: '$.summary' }));
  eachProfile.addCatch(new sfn.Pass(scope, 'EachProfileFailed', { parameters: { failed: J.objectAt('$.mapError') }, resultPath: '$.map' }).next(runSummary), { errors: [sfn.Errors.ALL], resultPath: '$.mapError' });
  closeGapsFailed.next(eachProfile);
  const closeGapsStillPartial = new sfn.Pass(scope, 'CloseArxivGapsStillPartial', { parameters: stillPartial('arxiv', 'CloseArxivGaps'), resultPath: '$.gaps' }).next(eachProfile);
  const closeGapsLoop = partialLoop('CloseArxivGaps', closeGaps, '$.gaps.status', '$.gapsRounds', closeGapsStillPartial, eachProfile);
  eachProfile.next(runSummary).next(runEnded);
  return runContext.next(discover).next(harvestSources).next(closeGapsLoop);
}

/** The Map's items, read from runs/<run>/profiles.json: the state machine may read runs/ only (CDK's default is the whole bucket). */
class RunItemReader extends sfn.S3JsonItemReader {
  constructor(private readonly data: IBucket, key: string) {
    super({ bucket: data, key });
  }
  override providePolicyStatements(): iam.PolicyStatement[] {
    return [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [this.data.arnForObjects('runs/*')] })];
  }
}

/** The Map's results, written under runs/map-results/<execution name>/: the state machine may write there only (CDK's default is the whole bucket). */
class RunResultWriter extends sfn.ResultWriterV2 {
  constructor(
    private readonly data: IBucket,
    prefix: string,
  ) {
    super({ bucket: data, prefix });
  }
  override providePolicyStatements(): iam.PolicyStatement[] {
    return [new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'], resources: [this.data.arnForObjects(`${MAP_RESULTS_PREFIX}/*`)] })];
  }
}

/** An SNS message to the profile's owner (with the profile's message attributes); its failure is caught and shown in the outcome. */
function tell(scope: Construct, id: string, topic: ITopic, kind: OwnerMessageKind, subject: string, message: sfn.TaskInput, next: sfn.INextable & sfn.IChainable): sfn.IChainable {
  const messageAttributes = { [PROFILE_ATTRIBUTE]: { value: J.stringAt('$.profile') }, [KIND_ATTRIBUTE]: { value: kind } };
  const publish = new tasks.SnsPublish(scope, id, { topic, subject, message, messageAttributes, resultSelector: { status: 'sent', messageId: J.stringAt('$.MessageId') }, resultPath: '$.notice' });
  publish.addRetry({ errors: [sfn.Errors.ALL], interval: Duration.seconds(10), backoffRate: 2, maxAttempts: 2 });
  const failed = new sfn.Pass(scope, `${id}Failed`, { parameters: { status: 'failed', caught: J.objectAt('$.noticeError') }, resultPath: '$.notice' });
  publish.addCatch(failed, { errors: [sfn.Errors.ALL], resultPath: '$.noticeError' });
  publish.next(next);
  failed.next(next);
  return publish;
}

/**
 * Turns what a Catch caught ({Error, Cause} at $.caught) into $.failure =
 * {step, error, message}: a Lambda's Cause is JSON ({errorType, errorMessage,
 * trace}) and gives its errorMessage; any other Cause is taken as text.
 */
function describeCaught(scope: Construct, step: string, next: sfn.IChainable): sfn.IChainable {
  const failure = (id: string, message: string) => new sfn.Pass(scope, id, { parameters: { step, error: J.stringAt('$.caught.Error'), message }, resultPath: '$.failure' }).next(next);
  const fromLambda = failure(`${step}CauseFromLambda`, J.stringAt('$.causeDetail.parsed.errorMessage'));
  const asText = failure(`${step}CauseAsText`, J.stringAt('$.caught.Cause'));
  const noCause = failure(`${step}NoCause`, 'no cause given');
  const parse = new sfn.Pass(scope, `${step}ParseCause`, { parameters: { parsed: J.stringToJson(J.stringAt('$.caught.Cause')) }, resultPath: '$.causeDetail' }).next(
    new sfn.Choice(scope, `${step}HasErrorMessage?`).when(sfn.Condition.isString('$.causeDetail.parsed.errorMessage'), fromLambda).otherwise(asText),
  );
  return new sfn.Choice(scope, `${step}Caught`)
    .when(sfn.Condition.and(sfn.Condition.isString('$.caught.Cause'), sfn.Condition.stringMatches('$.caught.Cause', '{"errorType"*')), parse)
    .when(sfn.Condition.isString('$.caught.Cause'), asText)
    .otherwise(noCause);
}
