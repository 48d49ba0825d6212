/** The common shape of the two fetch handlers: read the fetch plan, fetch one source, return keys only. */
import { parseFetchPlan, type FetchPlan } from '../../src/harvest/fetch-plan.ts';
import { userAgentFor } from '../../src/harvest/user-agent.ts';
import { PoliteHttp } from '../../src/sources/http/polite-http.ts';
import { manifestKey, type SourceName, type SourceReport } from '../../src/sources/source-report.ts';
import type { Store } from '../../src/store/store.ts';
import { claimedRunStore, parseStep, type StepRuntime } from './runtime.ts';

export interface FetchStepResult {
  readonly profile: string;
  readonly runId: string;
  readonly source: SourceName;
  readonly status: SourceReport['status'];
  readonly manifest: string;
}

export async function fetchStep(rt: StepRuntime, source: SourceName, event: unknown, run: (plan: FetchPlan, runId: string, http: PoliteHttp, store: Store) => Promise<SourceReport>): Promise<FetchStepResult> {
  const step = parseStep(event);
  const { profile, runId } = step;
  const store = await claimedRunStore(rt, step);
  const key = `canonical/${profile}/fetch-plan.json`;
  const obj = await rt.store.get(key);
  if (!obj) throw new Error(`${rt.store.description}${key} is missing: deploy the stack to write it`);
  const plan = parseFetchPlan(new TextDecoder().decode(obj.body), key);
  const gap = source === 'arxiv' ? Math.max(3, plan.sources.arxiv.minIntervalSeconds) : plan.sources.dblp.minIntervalSeconds;
  const http = new PoliteHttp({ userAgent: userAgentFor(plan.contact), minIntervalMs: gap * 1000, clock: rt.clock, ...(source === 'arxiv' ? { accept: 'application/atom+xml' } : {}) });
  const report = await run(plan, runId, http, store);
  rt.log('fetched', { profile, runId, source, status: report.status, requests: report.requests.length, documents: report.documents.length, records: report.records, reasons: report.reasons });
  return { profile, runId, source, status: report.status, manifest: manifestKey(profile, runId, source) };
}
