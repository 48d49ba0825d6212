/**
 * Runs the synthesized workflow in an ASL interpreter (aws-local-stepfunctions)
 * with the real handler modules behind an emulation of what Lambda and SNS
 * do to them, and faults injected where they happen in production:
 *
 * - Distributed Map (which the interpreter does not know): the Map state is
 *   run by this emulation as Step Functions documents it. ItemReader: its
 *   Parameters evaluated by the interpreter (a Pass state), the JSON array
 *   read from the store. ItemSelector: evaluated by the interpreter for each
 *   item, with $$.Map.Item and the parent's $$.Execution in the context. Each
 *   child: its own execution of the ItemProcessor's states, at most
 *   MaxConcurrency at once; a child that fails as a whole counts against
 *   ToleratedFailurePercentage: past it no further child starts, the
 *   children still running are aborted (no further task of theirs runs;
 *   Status ABORTED) and the Map fails with
 *   States.ExceedToleratedFailureThreshold.
 *   ResultWriter: <Prefix>/<map run id>/manifest.json and SUCCEEDED_0.json /
 *   FAILED_0.json (the aborted children there too, Status ABORTED) and
 *   PENDING_0.json (the children not started) when the Map failed: written
 *   before it fails; that Step Functions does so on a failed Map Run is not
 *   stated in the pages found (see src/pipeline/run-outcomes.ts, which does
 *   not depend on it) — in the store, in Step
 *   Functions' format; the state's result
 *   is {MapRunArn, ResultWriterDetails: {Bucket, Key}}, then the Map's own
 *   ResultSelector, ResultPath, Retry and Catch (kept on the stand-in state)
 *   apply as the interpreter runs them.
 * - Payloads: every state's input and output, every child's input and
 *   output, measured against 256 KiB; history events counted per execution.
 *
 * - Lambda: the event crosses as JSON; a thrown error reaches Step Functions
 *   as {Error: errorType, Cause: JSON {errorType, errorMessage, trace}}; the
 *   function's timeout (from the template) ends an attempt with
 *   Sandbox.Timedout, and the attempt's process is gone: its later store calls
 *   fail, as a frozen Lambda writes nothing; a result over 256 KB fails like
 *   States.DataLimitExceeded. Time in an invocation is virtual (a VirtualClock
 *   from the execution's start time; it moves only when the handler waits) and
 *   the timeout is on that clock: a wait that would pass it ends the attempt
 *   there, however slow the machine running the test is. Only a test that
 *   names a function in `timeScale` also puts a (scaled) real-time limit on
 *   it, for a source that hangs, which virtual time cannot see.
 * - ECS RunTask .sync (the dblp dump task): the parameters checked against
 *   the template (task definition, container name, Fargate, public IP, the
 *   run's event in PROFILE_SYNC_EVENT); the container's environment is the
 *   task definition's (the deploy setting DBLP_DUMP_ABOVE from the template)
 *   plus the overrides; the task's work runs as its entry point runs it
 *   (runDumpTask) on a virtual clock with the task's own limit; a non-zero
 *   exit or an error ends the state with States.TaskFailed, as Step
 *   Functions reports a stopped task whose essential container failed.
 * - SNS: Subject, Message and MessageAttributes validated as SNS does, from
 *   the state machine's sns:publish tasks and from the notify Lambda's SDK
 *   client alike (its errors named as each caller sees them); failures
 *   injectable.
 * - The store: a folder store (it enforces If-None-Match / If-Match like S3)
 *   or S3 behind the conditional proxy; faults injectable per operation and
 *   key, before or after the write took effect.
 *
 * Retry waits are overridden to 0 ms with the interpreter's
 * retryIntervalOverrides (the definition itself is executed unchanged). The
 * execution's start time ($$.Execution.StartTime, which the interpreter takes
 * from the clock) is pinned by faking Date only while the execution starts (withDateAt: a file's pinned clock is put
 * back after).
 */
import { StateMachine } from 'aws-local-stepfunctions';
import { closeGapsStep } from '../../functions/close-gaps/handler.ts';
import { discoverStep } from '../../functions/discover/handler.ts';
import { harvestArxivStep } from '../../functions/harvest-arxiv/handler.ts';
import { harvestDblpStep } from '../../functions/harvest-dblp/handler.ts';
import { DUMP_TASK_MS, dumpAboveFrom, runDumpTask } from '../../functions/harvest-dblp-dump/task.ts';
import { notifyStep, type NotifyRuntime } from '../../functions/notify/handler.ts';
import { reconcileStep } from '../../functions/reconcile/handler.ts';
import { summarizeStep, type SummarizeStepResult } from '../../functions/summarize/handler.ts';
import { mapLimit } from '../../src/harvest/profile-manifest.ts';
import type { StepRuntime } from '../../functions/shared/runtime.ts';
import type { OwnerMessage } from '../../src/adapters/sns-owner-message.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { withDateAt } from '../helpers/pinned-clock.ts';
import type { Store } from '../../src/store/store.ts';
import { ACCOUNT, REGION, type SynthesizedWorkflow } from './synthesized-workflow.ts';

// aws-local-stepfunctions 3 targets Node 22; Promise.withResolvers (Node 22) is its one newer API used here.
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
      return { promise, resolve, reject };
    },
  });
}

/** An error as S3 (or another service) names it. */
export const serviceError = (name: string, message: string) => Object.assign(new Error(message), { name });
export const S3_INTERNAL = () => serviceError('InternalError', 'We encountered an internal error. Please try again.');
export const S3_SLOWDOWN = () => serviceError('SlowDown', 'Please reduce your request rate.');

export interface StoreFault {
  readonly op: 'get' | 'put';
  readonly key: RegExp;
  /** Matching calls that fail (Infinity: every one). */
  times: number;
  readonly error: () => Error;
  /** put only: the object is stored, then the call fails (the reply was lost). */
  readonly afterWrite?: boolean;
}

export interface SnsFault {
  /** Messages whose text matches fail. */
  readonly match: RegExp;
  times: number;
}

export interface Invocation {
  readonly functionId: string;
  readonly profile: string;
  readonly outcome: 'ok' | 'error' | 'timeout';
  readonly error?: string;
}

export interface Told {
  readonly subject?: string;
  readonly message: string;
  /** Message attributes, name → string value. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Who published it: a sns:publish state, or the notify Lambda's SDK client. */
  readonly via: 'state' | 'lambda';
}

export interface LocalCloudOptions {
  readonly workflow: SynthesizedWorkflow;
  readonly store: Store;
  readonly sourceUrls: StepRuntime['sourceUrls'];
  readonly storeFaults?: StoreFault[];
  readonly snsFaults?: SnsFault[];
  /**
   * Per function logical id: also end its attempts after its timeout multiplied by this, in real
   * time (e.g. 0.001: 900 s become 900 ms), for a source slower than that. Keep the source's
   * delay well above the scaled time, so that the outcome does not depend on the machine's speed.
   */
  readonly timeScale?: Readonly<Record<string, number>>;
  /** How the owner's CLI reaches the store (the notify Lambda's "--bucket <name>"); default "--bucket <store description>". */
  readonly storeArgs?: string;
  /** Stand-ins for the Lambda handlers, by function logical id (the execution check at scale); the dump task's by its task definition's logical id. */
  readonly stubs?: Readonly<Record<string, (event: unknown, rt: StepRuntime) => Promise<unknown>>>;
  /**
   * The store as one caller reaches it: a function's logical id, or "Workflow" for the state
   * machine's own reads and writes (the Map's ItemReader and ResultWriter). The IAM tests give
   * each caller its own recording store (test/infra/iam/recorded-calls.ts). Default: the store.
   */
  readonly storeAs?: (caller: string, store: Store) => Store;
  /** Told of each call a caller makes beyond the store: the state machine invoking a Lambda version or publishing, the notify Lambda publishing. */
  readonly onServiceCall?: (caller: string, action: string, resource: string) => void;
}

export interface RunOutput {
  /** Every profile's outcome, from the file the summary names (runs/<run>/outcomes/<execution>.json). */
  readonly profiles: Outcome[];
  readonly skipped: ReadonlyArray<{ readonly profile: string; readonly reason: string }>;
  /** The execution's output. */
  readonly summary: SummarizeStepResult;
  readonly stats: ExecutionStats;
}

export interface ExecutionStats {
  /** History events of the parent execution, counted as Step Functions records them (see countHistory). */
  readonly parentEvents: number;
  /** The most history events of one child execution. */
  readonly maxChildEvents: number;
  readonly children: number;
  /** The largest state input or output, Lambda payload or result, child input or output (bytes). */
  readonly maxPayloadBytes: number;
  readonly maxPayloadWhere: string;
}

export type Outcome = Record<string, unknown> & { readonly profile: string; readonly outcome: string };

class LostProcessError extends Error {
  override name = 'LostProcessError';
}

/**
 * An invocation's clock: virtual, with the function's timeout on it. A wait that
 * would pass the timeout ends the attempt at the timeout (`expire`) and never
 * returns: the process is frozen, as Lambda leaves it.
 */
class InvocationClock extends VirtualClock {
  constructor(
    start: number,
    readonly deadline: number,
    private readonly expire: () => void,
  ) {
    super(start);
  }

  override async sleep(ms: number): Promise<void> {
    if (this.now() + Math.max(0, ms) <= this.deadline) return super.sleep(ms);
    await super.sleep(this.deadline - this.now());
    this.expire();
    return new Promise<never>(() => undefined);
  }
}

function faulty(base: Store, faults: readonly StoreFault[], alive: () => boolean): Store {
  const check = (op: 'get' | 'put', key: string, after: boolean) => {
    if (!alive()) throw new LostProcessError(`${op} ${key} after the attempt ended (a timed-out Lambda writes nothing)`);
    const f = faults.find((x) => x.op === op && x.times > 0 && x.key.test(key) && Boolean(x.afterWrite) === after);
    if (f) {
      f.times--;
      throw f.error();
    }
  };
  return {
    description: base.description,
    async get(key) {
      check('get', key, false);
      return base.get(key);
    },
    async list(prefix) {
      if (!alive()) throw new LostProcessError(`list ${prefix} after the attempt ended`);
      return base.list(prefix);
    },
    async delete(key, options) {
      if (!alive()) throw new LostProcessError(`delete ${key} after the attempt ended`);
      return base.delete(key, options);
    },
    async put(key, body, options) {
      check('put', key, false);
      const result = await base.put(key, body, options);
      check('put', key, true);
      return result;
    },
  };
}

function lambdaError(name: string, message: string, stack?: string): Error {
  const trace = (stack ?? `${name}: ${message}`).split('\n');
  return Object.assign(new Error(JSON.stringify({ errorType: name, errorMessage: message, trace })), { name });
}

const PAYLOAD_LIMIT = 256 * 1024;

/**
 * One validated machine per definition (by its JSON), shared by every night run in the worker (a test file runs
 * many; files synthesize the same workflow): asl-validator compiles its JSON schemas anew for each machine it
 * validates (~0.3 s), and a definition validated once is the same definition the next night.
 */
const MACHINES = new Map<string, StateMachine>();
/** The Pass-state wrappers that evaluate a Map's parameters, and a Map's child definition, per template object. */
const EVALUATORS = new WeakMap<object, Record<string, unknown>>();

export class LocalCloud {
  readonly invocations: Invocation[] = [];
  readonly told: Told[] = [];
  /** The last execution's output. */
  lastSummary: SummarizeStepResult | undefined;
  private invocationCount = 0;
  private maxPayload = { bytes: 0, where: '' };
  private childEvents: number[] = [];
  private readonly steps: Record<string, (rt: StepRuntime, event: unknown) => Promise<unknown>>;

  constructor(private readonly o: LocalCloudOptions) {
    const f = o.workflow.functions;
    this.steps = {
      [f.discover]: discoverStep,
      [f.harvestArxiv]: harvestArxivStep,
      [f.harvestDblp]: harvestDblpStep,
      [f.closeGaps]: closeGapsStep,
      [f.reconcile]: reconcileStep,
      [f.notify]: (rt, event) => notifyStep(this.notifyRuntime(rt), event),
      [f.summarize]: summarizeStep,
    };
  }

  /** The store as `caller` reaches it (LocalCloudOptions.storeAs). */
  private storeOf(caller: string): Store {
    return this.o.storeAs ? this.o.storeAs(caller, this.o.store) : this.o.store;
  }

  /** The notify function's environment: its SDK client publishes to the SNS emulation, to the topic its TOPIC_ARN names. */
  private notifyRuntime(rt: StepRuntime): NotifyRuntime {
    return { ...rt, topicArn: this.o.workflow.notifyTopicArn, storeArgs: this.o.storeArgs ?? `--bucket ${this.o.store.description}`, publish: (m: OwnerMessage) => {
        this.o.onServiceCall?.(this.o.workflow.functions.notify, 'sns:Publish', this.o.workflow.notifyTopicArn);
        return this.publish(this.o.workflow.topicArn, m, 'lambda');
      } };
  }

  /** One Lambda invocation of a function version, as Lambda runs it. */
  private async invoke(functionId: string, payload: unknown): Promise<unknown> {
    const stub = this.o.stubs?.[functionId];
    const step = stub ? (rt: StepRuntime, event: unknown) => stub(event, rt) : this.steps[functionId];
    if (!step) throw new Error(`no handler for ${functionId}`);
    this.measure(payload, `${functionId} payload`);
    const event = JSON.parse(JSON.stringify(payload ?? {})) as { profile?: string; startTime?: string; run?: { startTime?: string } };
    const profile = event.profile ?? '(run)';
    let alive = true;
    const seconds = this.o.workflow.timeouts[functionId]!;
    let expire!: (e: Error) => void;
    const timeout = new Promise<never>((_, reject) => (expire = reject));
    const timedOut = () => expire(lambdaError('Sandbox.Timedout', `Task timed out after ${seconds.toFixed(2)} seconds`));
    // The invocation's clock starts at the execution's start time, which every step's event carries (a profile's
    // step as startTime, a run-level step in run.startTime): never the machine's clock (one clock, design §10).
    const startTime = event.startTime ?? event.run?.startTime;
    if (startTime === undefined && !stub) throw new Error(`${functionId}: the event carries no startTime (nor run.startTime)`);
    const start = Date.parse(startTime ?? '2026-11-28T03:15:00Z');
    const clock = new InvocationClock(start, start + seconds * 1000, timedOut);
    const rt: StepRuntime = {
      store: faulty(this.storeOf(functionId), this.o.storeFaults ?? [], () => alive),
      clock,
      log: () => undefined,
      sourceUrls: this.o.sourceUrls,
      // Lambda's context: the time left before the timeout, on the invocation's (virtual) clock.
      remainingMs: () => clock.deadline - clock.now(),
      invocationId: `invocation-${++this.invocationCount}`,
    };
    const work = step(rt, event);
    work.catch(() => undefined); // an attempt that outlived its timeout ends unobserved
    const scale = this.o.timeScale?.[functionId];
    const timer = scale === undefined ? undefined : setTimeout(timedOut, seconds * 1000 * scale);
    try {
      const result = await Promise.race([work, timeout]);
      const text = JSON.stringify(result);
      if (Buffer.byteLength(text) > PAYLOAD_LIMIT) throw lambdaError('States.DataLimitExceeded', `result of ${Buffer.byteLength(text)} bytes`);
      this.invocations.push({ functionId, profile, outcome: 'ok' });
      return JSON.parse(text);
    } catch (e) {
      const err = e as Error;
      const isTimeout = err.name === 'Sandbox.Timedout';
      this.invocations.push({ functionId, profile, outcome: isTimeout ? 'timeout' : 'error', error: err.name });
      if (err.message.startsWith('{"errorType"')) throw err;
      throw lambdaError(err.name, err.message, err.stack);
    } finally {
      clearTimeout(timer);
      alive = false; // after the invocation the process is frozen or gone
    }
  }

  /**
   * SNS Publish. Step Functions names a service error "SNS.<Code>"; the SDK
   * client in a Lambda throws it as <Code> (its name, which Lambda reports as
   * the errorType).
   */
  private async publish(topicArn: string, input: { TopicArn?: string; Subject?: string; Message?: unknown; MessageAttributes?: unknown }, via: Told['via']): Promise<{ MessageId: string }> {
    const fail = (code: string, message: string) => serviceError(via === 'state' ? `SNS.${code}` : code, message);
    if (input.TopicArn !== topicArn) throw fail('NotFoundException', `Topic does not exist: ${String(input.TopicArn)}`);
    if (typeof input.Message !== 'string' || input.Message === '') throw fail('InvalidParameterException', 'Empty message');
    if (Buffer.byteLength(input.Message) > PAYLOAD_LIMIT) throw fail('InvalidParameterException', 'Message too long');
    if (input.Subject !== undefined && (input.Subject.length > 100 || !/^[\x20-\x7e]+$/.test(input.Subject))) {
      throw fail('InvalidParameterException', 'Subject must be ASCII text, at most 100 characters, no line breaks');
    }
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries((input.MessageAttributes ?? {}) as Record<string, { DataType?: unknown; StringValue?: unknown }>)) {
      // SNS: at most 10 attributes; a String attribute needs a non-empty StringValue.
      if (value.DataType !== 'String' || typeof value.StringValue !== 'string' || value.StringValue === '') throw fail('InvalidParameterValueException', `The message attribute '${name}' has an invalid value`);
      attributes[name] = value.StringValue;
    }
    if (Object.keys(attributes).length > 10) throw fail('InvalidParameterValueException', 'Too many message attributes');
    const fault = (this.o.snsFaults ?? []).find((f) => f.times > 0 && f.match.test(`${input.Subject ?? ''}\n${input.Message}`));
    if (fault) {
      fault.times--;
      throw fail('InternalErrorException', 'Internal error (injected)');
    }
    this.told.push({ ...(input.Subject !== undefined ? { subject: input.Subject } : {}), message: input.Message, attributes, via });
    return { MessageId: `message-${this.told.length}` };
  }

  private measure(value: unknown, where: string): void {
    const bytes = Buffer.byteLength(JSON.stringify(value ?? null));
    if (bytes > this.maxPayload.bytes) this.maxPayload = { bytes, where };
    if (bytes > PAYLOAD_LIMIT) throw lambdaError('States.DataLimitExceeded', `${where}: ${bytes} bytes`);
  }

  /**
   * ECS RunTask .sync of the dblp dump task (see the file's comment). Returns what Step Functions
   * returns for a task that stopped with exit code 0 (the DescribeTasks task, abridged).
   */
  private async runTask(parameters: unknown): Promise<unknown> {
    const dump = this.o.workflow.dumpTask;
    if (!dump) throw new Error('a RunTask state, but the template has no dump task');
    const p = parameters as { TaskDefinition?: string; LaunchType?: string; NetworkConfiguration?: { AwsvpcConfiguration?: { AssignPublicIp?: string; Subnets?: string[] } }; Overrides?: { ContainerOverrides?: Array<{ Name?: string; Environment?: Array<{ Name: string; Value: string }> }> } };
    const invalid = (m: string) => serviceError('ECS.InvalidParameterException', m);
    // RunTask takes a task definition's ARN or its family (then its latest ACTIVE revision).
    if (p.TaskDefinition !== dump.arn && p.TaskDefinition !== dump.family) throw invalid(`TaskDefinition ${String(p.TaskDefinition)} is not the dump task's (${dump.family})`);
    if (p.LaunchType !== 'FARGATE') throw invalid(`LaunchType ${String(p.LaunchType)}: the task definition is for Fargate`);
    const network = p.NetworkConfiguration?.AwsvpcConfiguration;
    if (network?.AssignPublicIp !== 'ENABLED' || !network.Subnets?.length) throw invalid('a task in public subnets without a NAT gateway needs AssignPublicIp ENABLED and its subnets');
    const overrides = p.Overrides?.ContainerOverrides ?? [];
    if (overrides.some((o) => o.Name !== dump.container)) throw invalid(`ContainerOverrides name ${overrides.map((o) => o.Name).join(', ')}, not the container ${dump.container}`);
    const environment: Record<string, string> = { ...dump.environment };
    for (const o of overrides) for (const e of o.Environment ?? []) environment[e.Name] = e.Value;
    const event = JSON.parse(environment['PROFILE_SYNC_EVENT'] ?? 'null') as { startTime?: string } | null;
    const start = Date.parse(event?.startTime ?? '');
    if (Number.isNaN(start)) throw invalid(`PROFILE_SYNC_EVENT carries no startTime: ${environment['PROFILE_SYNC_EVENT']}`);
    const clock = new VirtualClock(start);
    const rt: StepRuntime = {
      store: faulty(this.storeOf(dump.id), this.o.storeFaults ?? [], () => true),
      clock,
      log: () => undefined,
      sourceUrls: this.o.sourceUrls,
      remainingMs: () => DUMP_TASK_MS - (clock.now() - start),
      invocationId: `task-${++this.invocationCount}`,
      ...(environment['CONTACT'] ? { contact: environment['CONTACT'] } : {}),
    };
    const taskArn = `arn:aws:ecs:${REGION}:${ACCOUNT}:task/placeholder/${this.invocationCount.toString(16).padStart(32, "0")}`;
    // As Step Functions gives a stopped task in the Cause: the DescribeTasks task, network attachments first; the
    // container's own error is in its log, not here (ECS sets a container Reason only for its own stops, e.g. OOM).
    const stopped = (exitCode: number) =>
      serviceError(
        'States.TaskFailed',
        JSON.stringify({
          Attachments: [{ Id: 'eni-attachment', Type: 'ElasticNetworkInterface', Status: 'DELETED', Details: [{ Name: 'subnetId', Value: 'subnet-placeholder' }, { Name: 'networkInterfaceId', Value: 'eni-0123456789abcdef0' }, { Name: 'privateIPv4Address', Value: '10.0.0.17' }] }],
          AvailabilityZone: `${REGION}a`,
          ClusterArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/placeholder`,
          Containers: [{ ContainerArn: `${taskArn}/container`, ExitCode: exitCode, LastStatus: 'STOPPED', Name: dump.container, TaskArn: taskArn }],
          LastStatus: 'STOPPED',
          LaunchType: 'FARGATE',
          StopCode: 'EssentialContainerExited',
          StoppedReason: 'Essential container in task exited',
          TaskArn: taskArn,
          TaskDefinitionArn: dump.arn,
        }),
      );
    const stub = this.o.stubs?.[dump.id];
    let exitCode: number;
    try {
      exitCode = stub ? ((await stub(event, rt)) as { exitCode: number }).exitCode : (await runDumpTask(rt, event, dumpAboveFrom(environment['DBLP_DUMP_ABOVE']))).exitCode;
    } catch (e) {
      this.invocations.push({ functionId: dump.id, profile: '(run)', outcome: 'error', error: (e as Error).name });
      throw stopped(1);
    }
    this.invocations.push({ functionId: dump.id, profile: '(run)', outcome: exitCode === 0 ? 'ok' : 'error', ...(exitCode === 0 ? {} : { error: `exit ${exitCode}` }) });
    if (exitCode !== 0) throw stopped(exitCode);
    return { TaskArn: taskArn, LastStatus: 'STOPPED', StopCode: 'EssentialContainerExited', Containers: [{ Name: dump.container, ExitCode: 0 }] };
  }

  /** Handlers for the Task states of a definition (parent or child), by state name. */
  private handlers(): Record<string, (input: unknown) => Promise<unknown>> {
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const t of this.o.workflow.tasks) {
      const target = t.target;
      if (target.kind === 'ecs') {
        handlers[t.state] = (parameters) => {
          // RunTask, and passing the task's two roles to ECS (Step Functions' calls, made with its role).
          const dump = this.o.workflow.dumpTask!;
          this.o.onServiceCall?.('Workflow', 'ecs:RunTask', dump.arn);
          for (const role of [dump.roleId, dump.executionRoleId]) this.o.onServiceCall?.('Workflow', 'iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/${role}`);
          // .sync waits through the managed EventBridge rule Step Functions keeps for ECS tasks, and describes the task.
          const rule = `arn:aws:events:${REGION}:${ACCOUNT}:rule/StepFunctionsGetEventsForECSTaskRule`;
          for (const action of ['events:PutRule', 'events:PutTargets', 'events:DescribeRule']) this.o.onServiceCall?.('Workflow', action, rule);
          this.o.onServiceCall?.('Workflow', 'ecs:DescribeTasks', `arn:aws:ecs:${REGION}:${ACCOUNT}:task/placeholder/*`);
          return this.runTask(parameters);
        };
        continue;
      }
      const called = () => this.o.onServiceCall?.('Workflow', target.kind === 'lambda' ? 'lambda:InvokeFunction' : 'sns:Publish', target.kind === 'lambda' ? t.resource : target.topicArn);
      handlers[t.state] = target.kind === 'lambda' ? (payload) => (called(), this.invoke(target.functionId, payload)) : (payload) => (called(), this.publish(target.topicArn, payload as never, 'state'));
    }
    return handlers;
  }

  /** Runs a definition to its end in the interpreter; counts its history and measures its states' payloads. */
  private async execute(definition: Record<string, unknown>, input: unknown, context: Record<string, unknown>, handlers: Record<string, (input: unknown) => Promise<unknown>>): Promise<{ output: unknown; events: number }> {
    // One validated machine per definition (a Map runs the same child definition for every item).
    const key = JSON.stringify(definition);
    let machine = MACHINES.get(key);
    if (!machine) MACHINES.set(key, (machine = new StateMachine(definition as never, { validationOptions: { checkArn: true, checkPaths: true } })));
    const retried = Object.fromEntries(this.o.workflow.retried.map((s) => [s, 0]));
    const execution = machine.run(input as never, { overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: retried }, context } as never);
    let events = 0;
    const counting = (async () => {
      for await (const e of execution.eventLogs) {
        events += historyEvents(e as { type: string; state?: { type?: string } });
        const st = e as { type: string; state?: { name: string; input?: unknown; output?: unknown } };
        if (st.type === 'StateEntered' && st.state) this.measure(st.state.input, `${st.state.name} input`);
        if (st.type === 'StateExited' && st.state) this.measure(st.state.output, `${st.state.name} output`);
      }
    })();
    try {
      const output = await execution.result;
      await counting;
      return { output, events };
    } catch (e) {
      await counting.catch(() => undefined);
      throw Object.assign(e as Error, { events });
    }
  }

  /**
   * A Distributed Map state, as Step Functions runs it (see the file's comment):
   * returns the state's raw result; the stand-in Task applies the rest.
   */
  private async distributedMap(name: string, map: DistributedMapState, input: unknown, context: { Execution: Record<string, unknown> }): Promise<unknown> {
    const { workflow } = this.o;
    const store = this.storeOf('Workflow');
    const evaluate = async (parameters: Record<string, unknown>, extra: Record<string, unknown>) => {
      let definition = EVALUATORS.get(parameters);
      if (!definition) EVALUATORS.set(parameters, (definition = { StartAt: 'Evaluate', States: { Evaluate: { Type: 'Pass', Parameters: parameters, End: true } } }));
      return (await this.execute(definition, input, { ...context, ...extra }, {})).output;
    };
    // ItemReader: a JSON array in S3.
    const reader = map.ItemReader;
    if (!/:states:::s3:getObject$/.test(reader.Resource) || reader.ReaderConfig?.InputType !== 'JSON') throw new Error(`${name}: this emulation reads JSON arrays from S3 only`);
    const where = (await evaluate(reader.Parameters, {})) as { Bucket: string; Key: string };
    if (where.Bucket !== workflow.bucketName) throw lambdaError('States.ItemReaderFailed', `${name}: bucket ${where.Bucket} is not the data bucket`);
    const obj = await store.get(where.Key);
    if (!obj) throw lambdaError('States.ItemReaderFailed', `${name}: s3://${where.Bucket}/${where.Key} does not exist`);
    const items = JSON.parse(new TextDecoder().decode(obj.body)) as unknown[];
    if (!Array.isArray(items)) throw lambdaError('States.ItemReaderFailed', `${name}: ${where.Key} is not a JSON array`);
    // Children.
    const mapRunId = `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const mapRunArn = `arn:aws:states:${REGION}:${ACCOUNT}:mapRun:Workflow/${name}:${mapRunId}`;
    const child = (EVALUATORS.get(map.ItemProcessor) as Record<string, unknown> | undefined) ?? { StartAt: map.ItemProcessor.StartAt, States: map.ItemProcessor.States };
    EVALUATORS.set(map.ItemProcessor, child);
    const handlers = this.handlers();
    // Once more children have failed than tolerated, the Map Run fails: no further child is started, and the
    // children still running are aborted by Step Functions (MapRunExecutionCounts.aborted: "started by a Map Run
    // and were running, but were either stopped by the user or by Step Functions because the Map Run failed",
    // https://docs.aws.amazon.com/step-functions/latest/apireference/API_MapRunExecutionCounts.html). Here a running
    // child is stopped at its next state: a Lambda invocation already under way completes (aborting an execution
    // does not stop it), but no further task of the child runs, and the child's status is ABORTED.
    const tolerated = map.ToleratedFailurePercentage ?? 0;
    let failedSoFar = 0;
    const overThreshold = () => items.length > 0 && (failedSoFar * 100) / items.length > tolerated;
    const abortable = (aborted: { value: boolean }) =>
      Object.fromEntries(
        Object.entries(handlers).map(([state, handler]) => [
          state,
          (input: unknown) => {
            if (overThreshold()) aborted.value = true;
            return aborted.value ? Promise.reject(lambdaError('States.Aborted', `${state}: the Map Run failed; Step Functions aborted this child execution`)) : handler(input);
          },
        ]),
      );
    const results = await mapLimit(items.map((item, index) => ({ item, index })), map.MaxConcurrency && map.MaxConcurrency > 0 ? map.MaxConcurrency : 40, async ({ item, index }) => {
      if (overThreshold()) return undefined;
      const aborted = { value: false };
      const childInput = map.ItemSelector ? await evaluate(map.ItemSelector, { Map: { Item: { Index: index, Value: item } } }) : item;
      this.measure(childInput, `${name} child input`);
      const childName = `${mapRunId}-${index}`;
      const base = { ExecutionArn: `${mapRunArn}:${childName}`, Name: childName, Input: JSON.stringify(childInput), InputDetails: { Included: true }, StateMachineArn: mapRunArn, StartDate: new Date().toISOString(), RedriveCount: 0 };
      try {
        const { output, events } = await this.execute(child, childInput, { Execution: { Id: base.ExecutionArn, Name: childName, StartTime: base.StartDate } }, abortable(aborted));
        this.childEvents.push(events);
        if (aborted.value) return { ...base, Status: 'ABORTED', RedriveStatus: 'REDRIVABLE', StopDate: new Date().toISOString() };
        this.measure(output, `${name} child output`);
        return { ...base, Status: 'SUCCEEDED', Output: JSON.stringify(output), OutputDetails: { Included: true }, RedriveStatus: 'NOT_REDRIVABLE', StopDate: new Date().toISOString() };
      } catch (e) {
        const err = ((e as { cause?: unknown }).cause ?? e) as Error;
        this.childEvents.push((e as { events?: number }).events ?? 0);
        // Stopped by the Map Run's failure (whatever its own Catch did with the refusal): ABORTED, no error of its own.
        if (aborted.value) return { ...base, Status: 'ABORTED', RedriveStatus: 'REDRIVABLE', StopDate: new Date().toISOString() };
        failedSoFar++;
        return { ...base, Status: 'FAILED', Error: err.name, Cause: err.message, RedriveStatus: 'REDRIVABLE', StopDate: new Date().toISOString() };
      }
    });
    // ResultWriter.
    const writer = (await evaluate(map.ResultWriter.Parameters, {})) as { Bucket: string; Prefix?: string };
    if (writer.Bucket !== workflow.bucketName) throw new Error(`${name}: results to ${writer.Bucket}, not the data bucket`);
    const folder = `${writer.Prefix ? `${writer.Prefix.replace(/\/$/, '')}/` : ''}${mapRunId}/`;
    const files: Record<'SUCCEEDED' | 'FAILED' | 'PENDING', Array<{ Key: string; Size: number }>> = { SUCCEEDED: [], FAILED: [], PENDING: [] };
    const ran = results.filter((r): r is NonNullable<typeof r> => r !== undefined);
    // A Map that failed past its tolerance still writes its results: the children not started as PENDING.
    const pending = await Promise.all(
      results.flatMap((r, index) => (r === undefined ? [index] : [])).map(async (index) => {
        const childInput = map.ItemSelector ? await evaluate(map.ItemSelector, { Map: { Item: { Index: index, Value: items[index] } } }) : items[index];
        return { Name: `${mapRunId}-${index}`, Status: 'PENDING', Input: JSON.stringify(childInput), InputDetails: { Included: true } };
      }),
    );
    for (const status of ['SUCCEEDED', 'FAILED', 'PENDING'] as const) {
      // An aborted child is an unsuccessful one: with the failed ones (FAILED_n), its Status ABORTED.
      const these = status === 'PENDING' ? pending : ran.filter((r) => (status === 'FAILED' ? r.Status === 'FAILED' || r.Status === 'ABORTED' : r.Status === status));
      if (these.length === 0) continue;
      const key = `${folder}${status}_0.json`;
      const body = JSON.stringify(these);
      await store.put(key, body, { contentType: 'application/json' });
      files[status].push({ Key: key, Size: Buffer.byteLength(body) });
    }
    const manifestKey = `${folder}manifest.json`;
    await store.put(manifestKey, JSON.stringify({ DestinationBucket: writer.Bucket, MapRunArn: mapRunArn, ResultFiles: files }), { contentType: 'application/json' });
    if (overThreshold()) {
      throw lambdaError('States.ExceedToleratedFailureThreshold', `${failedSoFar} of ${items.length} child executions failed, more than the ${tolerated}% tolerated (${ran.filter((r) => r.Status === 'ABORTED').length} aborted, ${items.length - ran.length} not started)`);
    }
    return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: writer.Bucket, Key: manifestKey } };
  }

  /** Starts an execution at `startTime` with the schedule's input ({}) or another, and waits for its output. */
  async run(startTime: string, executionName: string, input: Record<string, unknown> = {}): Promise<RunOutput> {
    const { workflow } = this.o;
    const execution = { Id: `arn:aws:states:${REGION}:${ACCOUNT}:execution:Workflow:${executionName}`, Name: executionName, StartTime: startTime };
    const handlers = this.handlers();
    // Each Distributed Map becomes a Task the emulation runs, keeping the Map's Retry, Catch, ResultSelector, ResultPath, Next/End.
    const states = { ...(workflow.definition['States'] as Record<string, Record<string, unknown>>) };
    for (const [name, state] of Object.entries(states)) {
      const map = state as unknown as DistributedMapState;
      if (state['Type'] !== 'Map' || map.ItemProcessor?.ProcessorConfig?.Mode !== 'DISTRIBUTED') continue;
      const keep = Object.fromEntries(['Retry', 'Catch', 'ResultSelector', 'ResultPath', 'InputPath', 'OutputPath', 'Next', 'End'].filter((k) => k in state).map((k) => [k, state[k]]));
      // A Map state has no timeout of its own (the execution's bounds it); the interpreter would give a
      // Task without TimeoutSeconds 60 s of real time, which a loaded machine can spend on 1,000 children.
      const bound = Math.min(Number(workflow.definition['TimeoutSeconds'] ?? 86_400), 86_400);
      states[name] = { Type: 'Task', Resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:DistributedMap${name}`, TimeoutSeconds: bound, ...keep };
      handlers[name] = (mapInput) => this.distributedMap(name, map, mapInput, { Execution: execution });
    }
    const started = withDateAt(new Date(startTime), () => this.execute({ ...workflow.definition, States: states }, input, { Execution: execution }, handlers));
    const { output, events } = await started;
    const summary = output as SummarizeStepResult;
    this.lastSummary = summary;
    const outcomes = await this.o.store.get(summary.outcomes);
    return {
      profiles: outcomes ? (JSON.parse(new TextDecoder().decode(outcomes.body)) as Outcome[]) : [],
      skipped: summary.skipped,
      summary,
      stats: { parentEvents: events, maxChildEvents: Math.max(0, ...this.childEvents), children: this.childEvents.length, maxPayloadBytes: this.maxPayload.bytes, maxPayloadWhere: this.maxPayload.where },
    };
  }
}

interface DistributedMapState {
  readonly ItemReader: { readonly Resource: string; readonly ReaderConfig?: { readonly InputType?: string }; readonly Parameters: Record<string, unknown> };
  readonly ItemSelector?: Record<string, unknown>;
  readonly ItemProcessor: { readonly ProcessorConfig?: { readonly Mode?: string }; readonly StartAt: string; readonly States: Record<string, unknown> };
  readonly ResultWriter: { readonly Resource: string; readonly Parameters: Record<string, unknown> };
  readonly MaxConcurrency?: number;
  readonly ToleratedFailurePercentage?: number;
}

/**
 * History events a step of the interpreter's log stands for in a standard
 * execution's history (Step Functions' event types): a Task state entered is
 * TaskStateEntered, TaskScheduled, TaskStarted, TaskSucceeded|Failed (a retry:
 * three more), TaskStateExited; a Map or Parallel adds its own start and end.
 */
function historyEvents(e: { type: string; state?: { type?: string } }): number {
  switch (e.type) {
    case 'ExecutionStarted':
    case 'ExecutionSucceeded':
    case 'ExecutionFailed':
      return 1;
    case 'StateEntered':
      return e.state?.type === 'Task' ? 4 : e.state?.type === 'Map' || e.state?.type === 'Parallel' ? 2 : 1;
    case 'StateExited':
      return 1;
    case 'StateRetried':
      return 3;
    case 'StateFailed':
      return 1;
    case 'StateCaught':
      return 0;
    case 'ParallelBranchStarted':
    case 'ParallelBranchSucceeded':
    case 'ParallelBranchFailed':
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed':
      return 1;
    default:
      return 1;
  }
}
