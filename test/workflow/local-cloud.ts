/**
 * Runs the synthesized workflow in an ASL interpreter (aws-local-stepfunctions)
 * with the real handler modules behind an emulation of what Lambda and SNS
 * do to them, and faults injected where they happen in production:
 *
 * - Lambda: the event crosses as JSON; a thrown error reaches Step Functions
 *   as {Error: errorType, Cause: JSON {errorType, errorMessage, trace}}; the
 *   function's timeout (from the template, optionally scaled down) ends an
 *   attempt with Sandbox.Timedout, and the attempt's process is gone: its
 *   later store calls fail, as a frozen Lambda writes nothing; a result over
 *   256 KB fails like States.DataLimitExceeded.
 * - SNS: Subject and Message validated as SNS does; failures injectable.
 * - The store: a folder store (it enforces If-None-Match / If-Match like S3)
 *   or S3 behind the conditional proxy; faults injectable per operation and
 *   key, before or after the write took effect.
 *
 * Retry waits are overridden to 0 ms with the interpreter's
 * retryIntervalOverrides (the definition itself is executed unchanged). The
 * execution's start time ($$.Execution.StartTime, which the interpreter takes
 * from the clock) is pinned by faking Date only while the execution starts.
 */
import { StateMachine } from 'aws-local-stepfunctions';
import { vi } from 'vitest';
import { fetchArxivStep } from '../../functions/fetch-arxiv/handler.ts';
import { fetchDblpStep } from '../../functions/fetch-dblp/handler.ts';
import { reconcileStep } from '../../functions/reconcile/handler.ts';
import type { StepRuntime } from '../../functions/shared/runtime.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
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
}

export interface LocalCloudOptions {
  readonly workflow: SynthesizedWorkflow;
  readonly store: Store;
  readonly sourceUrls: StepRuntime['sourceUrls'];
  readonly storeFaults?: StoreFault[];
  readonly snsFaults?: SnsFault[];
  /** Per function logical id: multiply its timeout (e.g. 0.001: 300 s become 300 ms). */
  readonly timeScale?: Readonly<Record<string, number>>;
}

export type Outcome = Record<string, unknown> & { readonly profile: string; readonly outcome: string };

class LostProcessError extends Error {
  override name = 'LostProcessError';
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

export class LocalCloud {
  readonly invocations: Invocation[] = [];
  readonly told: Told[] = [];
  private readonly steps: Record<string, (rt: StepRuntime, event: unknown) => Promise<unknown>>;

  constructor(private readonly o: LocalCloudOptions) {
    const f = o.workflow.functions;
    this.steps = { [f.fetchArxiv]: fetchArxivStep, [f.fetchDblp]: fetchDblpStep, [f.reconcile]: reconcileStep };
  }

  /** One Lambda invocation of a function version, as Lambda runs it. */
  private async invoke(functionId: string, payload: unknown): Promise<unknown> {
    const step = this.steps[functionId];
    if (!step) throw new Error(`no handler for ${functionId}`);
    const event = JSON.parse(JSON.stringify(payload)) as { profile: string; startTime: string };
    let alive = true;
    const rt: StepRuntime = {
      store: faulty(this.o.store, this.o.storeFaults ?? [], () => alive),
      clock: new VirtualClock(Date.parse(event.startTime)),
      log: () => undefined,
      sourceUrls: this.o.sourceUrls,
    };
    const seconds = this.o.workflow.timeouts[functionId]!;
    const work = step(rt, event);
    work.catch(() => undefined); // an attempt that outlived its timeout ends unobserved
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(lambdaError('Sandbox.Timedout', `Task timed out after ${seconds.toFixed(2)} seconds`)), seconds * 1000 * (this.o.timeScale?.[functionId] ?? 1));
    });
    try {
      const result = await Promise.race([work, timeout]);
      const text = JSON.stringify(result);
      if (Buffer.byteLength(text) > PAYLOAD_LIMIT) throw lambdaError('States.DataLimitExceeded', `result of ${Buffer.byteLength(text)} bytes`);
      this.invocations.push({ functionId, profile: event.profile, outcome: 'ok' });
      return JSON.parse(text);
    } catch (e) {
      const err = e as Error;
      const isTimeout = err.name === 'Sandbox.Timedout';
      this.invocations.push({ functionId, profile: event.profile, outcome: isTimeout ? 'timeout' : 'error', error: err.name });
      if (err.message.startsWith('{"errorType"')) throw err;
      throw lambdaError(err.name, err.message, err.stack);
    } finally {
      clearTimeout(timer);
      alive = false; // after the invocation the process is frozen or gone
    }
  }

  private async publish(topicArn: string, input: { TopicArn?: string; Subject?: string; Message?: unknown }): Promise<unknown> {
    if (input.TopicArn !== topicArn) throw serviceError('SNS.NotFoundException', `Topic does not exist: ${String(input.TopicArn)}`);
    if (typeof input.Message !== 'string' || input.Message === '') throw serviceError('SNS.InvalidParameterException', 'Empty message');
    if (Buffer.byteLength(input.Message) > PAYLOAD_LIMIT) throw serviceError('SNS.InvalidParameterException', 'Message too long');
    if (input.Subject !== undefined && (input.Subject.length > 100 || !/^[\x20-\x7e]+$/.test(input.Subject))) {
      throw serviceError('SNS.InvalidParameterException', 'Subject must be ASCII text, at most 100 characters, no line breaks');
    }
    const fault = (this.o.snsFaults ?? []).find((f) => f.times > 0 && f.match.test(`${input.Subject ?? ''}\n${input.Message}`));
    if (fault) {
      fault.times--;
      throw serviceError('SNS.InternalErrorException', 'Internal error (injected)');
    }
    this.told.push({ ...(input.Subject !== undefined ? { subject: input.Subject } : {}), message: input.Message });
    return { MessageId: `message-${this.told.length}` };
  }

  /** Starts an execution at `startTime` and waits for its output. */
  async run(startTime: string, profiles: readonly string[], executionName: string): Promise<{ profiles: Outcome[] }> {
    const { workflow } = this.o;
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const t of workflow.tasks) {
      const target = t.target;
      handlers[t.state] = target.kind === 'lambda' ? (input) => this.invoke(target.functionId, input) : (input) => this.publish(target.topicArn, input as never);
    }
    const machine = new StateMachine(workflow.definition as never, { validationOptions: { checkArn: true, checkPaths: true } });
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(startTime) });
    let execution;
    try {
      execution = machine.run(
        { profiles: [...profiles] },
        {
          overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: Object.fromEntries(workflow.retried.map((s) => [s, 0])) },
          context: { Execution: { Id: `arn:aws:states:${REGION}:${ACCOUNT}:execution:Workflow:${executionName}`, Name: executionName } },
        } as never,
      );
    } finally {
      vi.useRealTimers();
    }
    return (await execution.result) as { profiles: Outcome[] };
  }
}
