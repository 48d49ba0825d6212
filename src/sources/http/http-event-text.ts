/** An HTTP client event as one progress line, e.g. "arxiv: GET https://… (attempt 2)". */
import { count } from '../../text/count.ts';
import type { HttpEvent, RetryPlan } from './polite-http.ts';

export function describeHttpEvent(source: string, e: HttpEvent): string {
  switch (e.type) {
    case 'request':
      return `${source}: GET ${e.url}${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}`;
    case 'response':
      return `${source}: HTTP ${e.status}, ${e.bytes} ${e.bytes === 1 ? 'byte' : 'bytes'}`;
    case 'redirect':
      return `${source}: HTTP ${e.status}, redirected to ${e.location}${e.followed ? '' : ' (not followed: off the source\'s hosts)'}`;
    case 'retry':
      return `${source}: ${e.problem}; retrying in ${Math.round(e.waitMs / 1000)} s`;
    case 'gave-up':
      return `${source}: gave up after ${count(e.attempts, 'attempt')}: ${e.problem}`;
  }
}

/** How long a source is tried before it is given up, said before the first request. */
export function describeRetryPlan(source: string, plan: RetryPlan): string {
  const s = (ms: number) => `${Math.round(ms / 1000)} s`;
  const waits = plan.backoffMs.map(s).join(', ');
  const unreachable = plan.backoffMs.reduce((a, b) => a + b, 0);
  return (
    `${source}: a request that fails is tried ${count(plan.attempts, 'time')} (waiting ${waits} between tries; ${s(plan.timeoutMs)} timeout each; a Retry-After up to ${s(plan.maxRetryAfterMs)} is honoured): ` +
    `a source that refuses connections is given up after about ${s(unreachable)} per request, one that hangs after at most ${s(plan.worstCaseMs)}`
  );
}
