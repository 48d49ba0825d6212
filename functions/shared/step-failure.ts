/**
 * What the workflow hands the reconcile step about each source: the fetch
 * step's result, or the error its Catch caught after the retries. Step
 * Functions gives a Lambda error as {Error: errorType, Cause: JSON of
 * {errorType, errorMessage, trace}}; its own errors (States.Timeout) carry a
 * plain-text Cause or none; a failed ECS task (RunTask .sync) the stopped task
 * as DescribeTasks describes it.
 */
import type { StepFailure } from '../../src/harvest/failed-source.ts';
import type { SourceName } from '../../src/sources/source-report.ts';
import { StepEventError } from './runtime.ts';

export type SourceOutcome =
  | { readonly source: SourceName; readonly status: string }
  | { readonly source: SourceName; readonly failed: StepFailure };

const MAX_MESSAGE = 600;

/**
 * Errors a retry cannot cure (a malformed event, broken canonical records, a
 * run owned by another execution, a lost conditional write): the workflow
 * does not retry them (lib/workflow.ts), so they fail at the first attempt.
 */
export const PERMANENT_ERRORS = ['StepEventError', 'FetchPlanError', 'InputError', 'RunClaimedError', 'PreconditionFailedError', 'PublishRecordError'] as const;
/** Attempts of a step that fails with any other error (the first and two retries). */
export const MAX_ATTEMPTS = 3;

/** What the dblp dump task's exit codes mean (functions/harvest-dblp-dump/task.ts). */
const EXIT_MEANING: Readonly<Record<number, string>> = {
  1: 'an error: the task\'s log has it',
  75: 'profiles left when its time ran out, or another run held dblp\'s lease',
  137: 'killed: out of memory, or stopped',
};

interface EcsStoppedTask {
  readonly TaskArn?: unknown;
  readonly StopCode?: unknown;
  readonly StoppedReason?: unknown;
  readonly Containers?: ReadonlyArray<{ readonly Name?: unknown; readonly ExitCode?: unknown; readonly Reason?: unknown }>;
}

/**
 * A stopped ECS task as Step Functions gives it in the Cause of a failed RunTask .sync state (the
 * DescribeTasks task: network attachments first, then the containers' exit codes), in one line: which
 * task, why it stopped, each container's exit code and what it means, where its log is.
 */
function ecsStopMessage(t: EcsStoppedTask): string {
  const id = typeof t.TaskArn === 'string' ? (t.TaskArn.split('/').pop() ?? t.TaskArn) : 'unknown';
  const why = [t.StopCode, t.StoppedReason].filter((x): x is string => typeof x === 'string' && x !== '').join(': ');
  const containers = (t.Containers ?? []).map((c) => {
    const code = typeof c.ExitCode === 'number' ? c.ExitCode : undefined;
    const meaning = code === undefined ? 'no exit code (it did not run)' : `exit ${code}${EXIT_MEANING[code] ? ` (${EXIT_MEANING[code]})` : ''}`;
    return `container ${String(c.Name ?? '?')} ${meaning}${typeof c.Reason === 'string' && c.Reason !== '' ? `, ${c.Reason}` : ''}`;
  });
  return `ECS task ${id} stopped${why ? ` (${why})` : ''}: ${containers.join('; ') || 'no container'}; its log stream ends in /${id}`;
}

/** The readable message of a Step Functions error Cause. */
export function causeMessage(cause: unknown): string {
  if (typeof cause !== 'string' || cause.trim() === '') return 'no cause given';
  let text = cause;
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown } & EcsStoppedTask;
    if (typeof parsed.errorMessage === 'string') text = parsed.errorMessage;
    else if (typeof parsed.TaskArn === 'string' && Array.isArray(parsed.Containers)) text = ecsStopMessage(parsed);
  } catch {
    // plain text
  }
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

function sourceName(v: unknown, where: string): SourceName {
  if (v === 'arxiv' || v === 'dblp') return v;
  throw new StepEventError(`${where}.source: expected "arxiv" or "dblp", got ${JSON.stringify(v)}`);
}

/** event.sources: the harvest Parallel state's output, one entry per source branch ({source, status} or {source, failed}). */
export function parseSourceOutcomes(value: unknown, name = 'event.sources'): SourceOutcome[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new StepEventError(`${name}: expected an array, got ${JSON.stringify(value)}`);
  return value.map((v: unknown, i) => {
    const where = `${name}[${i}]`;
    const o = (v ?? {}) as { source?: unknown; status?: unknown; failed?: unknown };
    const source = sourceName(o.source, where);
    if (o.failed !== undefined) {
      // {step, caught: {Error, Cause}}: what the state's Catch caught.
      const f = (o.failed ?? {}) as { step?: unknown; caught?: { Error?: unknown; Cause?: unknown } };
      if (typeof f.step !== 'string') throw new StepEventError(`${where}.failed.step: expected the failed state's name`);
      const error = typeof f.caught?.Error === 'string' && f.caught.Error !== '' ? f.caught.Error : 'Error';
      const permanent = (PERMANENT_ERRORS as readonly string[]).includes(error);
      return { source, failed: { step: f.step, error, message: causeMessage(f.caught?.Cause), attempts: permanent ? 1 : MAX_ATTEMPTS } };
    }
    if (typeof o.status !== 'string') throw new StepEventError(`${where}: expected {source, status} or {source, failed}`);
    return { source, status: o.status };
  });
}
