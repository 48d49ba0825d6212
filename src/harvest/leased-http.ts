/**
 * A polite HTTP client whose every request happens under the source's lease
 * (source-lease.ts): the lease is renewed when needed and the spacing to the
 * previous holder's last request is kept before each request; in-process
 * spacing and retries stay PoliteHttp's.
 */
import { PoliteHttp, type HttpResponse, type PoliteHttpOptions, type RequestInit, type ResponseJudge } from '../sources/http/polite-http.ts';
import { SourceLease, type LeaseOptions } from './source-lease.ts';

export type LeasedHttpLeaseOptions = Omit<LeaseOptions, 'clock' | 'gapMs' | 'requestBudgetMs' | 'ttlMs'> & { readonly ttlMs?: number };

export class LeasedHttp extends PoliteHttp {
  readonly lease: SourceLease;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(options: PoliteHttpOptions, lease: LeasedHttpLeaseOptions) {
    super(options);
    const budget = this.worstCaseMs;
    this.lease = new SourceLease({
      ...lease,
      clock: options.clock,
      gapMs: options.minIntervalMs,
      requestBudgetMs: budget,
      ttlMs: lease.ttlMs ?? 2 * (budget + options.minIntervalMs) + 1000,
    });
  }

  override send(url: string, init: RequestInit, judge?: ResponseJudge, userAgent?: string): Promise<HttpResponse> {
    // One request at a time through the lease, even when callers overlap.
    const run = this.chain.then(async () => {
      await this.lease.beforeRequest();
      try {
        return await super.send(url, init, judge, userAgent);
      } finally {
        this.lease.afterRequest();
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
