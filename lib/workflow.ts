/**
 * The nightly workflow: a Map over profiles, one at a time (the sources' rate
 * limits are global), each iteration isolated from the others:
 *
 *   FetchSources (Parallel)      FetchArxivStep ∥ FetchDblpStep; a fetch that fails after its
 *                                retries is caught and handed on as {source, failed}
 *   ReconcileStep                records failed sources as degraded, reconciles, publishes;
 *                                caught after its retries: the profile "failed", the one
 *                                published before stays as it was
 *   Notify? → TellOwner          items to review or degraded sources; the failure of a
 *                                profile is told by TellOwnerProfileFailed
 *   Published / ProfileFailed    the iteration's small outcome
 *
 * The execution's output: {profiles: [outcome…]}, keys and counts only.
 * Errors no retry can cure (PERMANENT_ERRORS) are not retried.
 */
import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { MAX_ATTEMPTS, PERMANENT_ERRORS } from '../functions/shared/step-failure.ts';

export interface WorkflowFunctions {
  /** Published versions: a run in flight keeps the code it started with when a deploy lands. */
  readonly fetchArxiv: IFunction;
  readonly fetchDblp: IFunction;
  readonly reconcile: IFunction;
  /** Each function's own timeout; a task waits a minute longer, so Lambda ends a slow attempt, not Step Functions. */
  readonly timeouts: { readonly fetchArxiv: Duration; readonly fetchDblp: Duration; readonly reconcile: Duration };
}

export interface WorkflowProps {
  readonly functions: WorkflowFunctions;
  readonly topic: ITopic;
}

/** Waits between attempts: 30 s, then 60 s (backoff 2). */
export const RETRY = { interval: Duration.seconds(30), backoffRate: 2, maxAttempts: MAX_ATTEMPTS - 1 } as const;

const J = sfn.JsonPath;

export function nightlyWorkflow(scope: Construct, props: WorkflowProps): sfn.IChainable {
  const { functions: fns, topic } = props;
  const step = { profile: J.stringAt('$.profile'), startTime: J.stringAt('$.startTime'), execution: J.stringAt('$.execution') };
  const retried = <T extends sfn.TaskStateBase>(task: T): T => {
    task.addRetry({ errors: [...PERMANENT_ERRORS], maxAttempts: 0 });
    task.addRetry({ errors: [sfn.Errors.ALL], interval: RETRY.interval, backoffRate: RETRY.backoffRate, maxAttempts: RETRY.maxAttempts });
    return task;
  };
  const invoke = (id: string, fn: IFunction, timeout: Duration, props: Partial<tasks.LambdaInvokeProps>) =>
    retried(new tasks.LambdaInvoke(scope, id, { lambdaFunction: fn, payloadResponseOnly: true, retryOnServiceExceptions: false, taskTimeout: sfn.Timeout.duration(timeout.plus(Duration.minutes(1))), ...props }));

  // 1. Fetch both sources; a failed fetch becomes {source, failed: {step, caught: {Error, Cause}}}.
  const fetch = (id: string, fn: IFunction, timeout: Duration, source: 'arxiv' | 'dblp') => {
    const task = invoke(id, fn, timeout, {
      payload: sfn.TaskInput.fromObject(step),
      resultSelector: { source, status: J.stringAt('$.status'), manifest: J.stringAt('$.manifest') },
    });
    task.addCatch(new sfn.Pass(scope, `${id}Failed`, { parameters: { source, failed: { step: id, caught: J.objectAt('$.caught') } } }), { errors: [sfn.Errors.ALL], resultPath: '$.caught' });
    return task;
  };
  const fetchSources = new sfn.Parallel(scope, 'FetchSources', { resultPath: '$.sources' })
    .branch(fetch('FetchArxivStep', fns.fetchArxiv, fns.timeouts.fetchArxiv, 'arxiv'))
    .branch(fetch('FetchDblpStep', fns.fetchDblp, fns.timeouts.fetchDblp, 'dblp'));

  // 2. Reconcile and publish.
  const resultFields = ['profile', 'runId', 'outcome', 'report', 'pendingReview', 'degradedSources', 'profileChanged', 'resumed', 'notify', 'subject', 'message'];
  const reconcile = invoke('ReconcileStep', fns.reconcile, fns.timeouts.reconcile, {
    payload: sfn.TaskInput.fromObject({ ...step, sources: J.listAt('$.sources') }),
    resultSelector: Object.fromEntries(resultFields.map((f) => [f, J.stringAt(`$.${f}`)])),
    resultPath: '$.result',
  });

  // 3. The outcome of a published profile, with whether the owner was told.
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
  const tellOwner = tell(scope, 'TellOwner', topic, J.stringAt('$.result.subject'), sfn.TaskInput.fromJsonPathAt('$.result.message'), published);
  const noNotice = new sfn.Pass(scope, 'NothingToTell', { result: sfn.Result.fromObject({ status: 'not-needed' }), resultPath: '$.notice' }).next(published);
  const notify = new sfn.Choice(scope, 'Notify?').when(sfn.Condition.booleanEquals('$.result.notify', true), tellOwner).otherwise(noNotice);

  // 4. A profile that could not be published: its cause (step, error, message) to the owner and the output.
  const profileFailed = new sfn.Pass(scope, 'ProfileFailed', {
    parameters: { profile: J.stringAt('$.profile'), outcome: 'failed', step: J.stringAt('$.failure.step'), error: J.stringAt('$.failure.error'), cause: J.stringAt('$.failure.message'), notice: J.objectAt('$.notice') },
  });
  const tellFailure = tell(
    scope,
    'TellOwnerProfileFailed',
    topic,
    J.format('profile-sync: {} was not published', J.stringAt('$.profile')),
    sfn.TaskInput.fromText(
      J.format(
        'profile-sync could not publish {} in this run: {} failed ({}): {} -- The profile published before stays as it was; the next run tries again. Execution: {}',
        J.stringAt('$.profile'),
        J.stringAt('$.failure.step'),
        J.stringAt('$.failure.error'),
        J.stringAt('$.failure.message'),
        J.stringAt('$$.Execution.Id'),
      ),
    ),
    profileFailed,
  );
  reconcile.addCatch(describeCaught(scope, 'ReconcileStep', tellFailure), { errors: [sfn.Errors.ALL], resultPath: '$.caught' });

  const perProfile = fetchSources.next(reconcile).next(notify);
  const map = new sfn.Map(scope, 'EachProfile', {
    itemsPath: '$.profiles',
    maxConcurrency: 1,
    itemSelector: { profile: J.stringAt('$$.Map.Item.Value'), startTime: J.stringAt('$$.Execution.StartTime'), execution: J.stringAt('$$.Execution.Id') },
    resultPath: '$.outcomes',
  }).itemProcessor(perProfile);
  return map.next(new sfn.Pass(scope, 'RunSummary', { parameters: { profiles: J.listAt('$.outcomes') } }));
}

/** An SNS message to the owner; its failure is caught and shown in the outcome (the profile stays published). */
function tell(scope: Construct, id: string, topic: ITopic, subject: string, message: sfn.TaskInput, next: sfn.INextable & sfn.IChainable): sfn.IChainable {
  const publish = new tasks.SnsPublish(scope, id, { topic, subject, message, resultSelector: { status: 'sent', messageId: J.stringAt('$.MessageId') }, resultPath: '$.notice' });
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
