/** An HTTP client event as one progress line, e.g. "arxiv: GET https://… (attempt 2)". */
import { count } from '../../text/count.ts';
import type { HttpEvent } from './polite-http.ts';

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
