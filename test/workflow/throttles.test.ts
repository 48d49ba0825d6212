/**
 * Issue 19 #6: Lambda throttles (the Map's children outrunning the account's
 * concurrency) are not a profile's failure. The synthesized definition,
 * executed (test/workflow/local-cloud.ts) with stub tasks: a profile whose
 * reconcile is throttled five times (Lambda refuses the invocation:
 * Lambda.TooManyRequestsException, the function never runs) is published; a
 * function's own error is still retried only its usual times.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../../functions/shared/step-failure.ts';
import { DEFAULT_MAP_CONCURRENCY } from '../../lib/context.ts';
import { LAMBDA_SERVICE_ERRORS } from '../../lib/workflow.ts';
import { profilesManifestKey } from '../../src/harvest/profile-manifest.ts';
import { runIdFor } from '../../src/pipeline/run-id.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { LocalCloud, serviceError } from './local-cloud.ts';
import { synthesizeWorkflow, type SynthesizedWorkflow } from './synthesized-workflow.ts';
import { stagedWorld } from './world.ts';

const START = '2026-11-28T03:15:00.000Z';
const RUN = runIdFor(new Date(START));
const PROFILES = ['throttled', 'broken', 'fine'];

let workflow: SynthesizedWorkflow;
beforeAll(async () => {
  workflow = await synthesizeWorkflow(await stagedWorld());
}, 180_000);

describe('Lambda throttles and service errors', () => {
  it('every Lambda task retries them apart from the function errors, with backoff; the Map runs at most the safe default at once', () => {
    const states: Array<Record<string, unknown>> = [];
    const walk = (s: Record<string, Record<string, unknown>>) => {
      for (const st of Object.values(s)) {
        states.push(st);
        const proc = st['ItemProcessor'] as { States: Record<string, Record<string, unknown>> } | undefined;
        if (proc) walk(proc.States);
        for (const b of (st['Branches'] as Array<{ States: Record<string, Record<string, unknown>> }> | undefined) ?? []) walk(b.States);
      }
    };
    walk(workflow.definition['States'] as Record<string, Record<string, unknown>>);
    const lambdaTasks = states.filter((s) => s['Type'] === 'Task' && String(s['Resource']).includes(':lambda:'));
    expect(lambdaTasks).toHaveLength(7);
    for (const t of lambdaTasks) {
      const retry = t['Retry'] as Array<{ ErrorEquals: string[]; MaxAttempts?: number; BackoffRate?: number; IntervalSeconds?: number }>;
      const service = retry.findIndex((r) => r.ErrorEquals.includes('Lambda.TooManyRequestsException'));
      expect(service).toBeGreaterThanOrEqual(0);
      expect(retry[service]!.ErrorEquals).toEqual([...LAMBDA_SERVICE_ERRORS]);
      expect(retry[service]!.MaxAttempts).toBeGreaterThanOrEqual(6);
      expect(retry[service]!.BackoffRate).toBeGreaterThan(1);
      expect(service).toBeLessThan(retry.findIndex((r) => r.ErrorEquals.includes('States.ALL')));
    }
    const map = states.find((s) => (s['ItemProcessor'] as { ProcessorConfig?: { Mode?: string } } | undefined)?.ProcessorConfig?.Mode === 'DISTRIBUTED')!;
    expect(map['MaxConcurrency']).toBe(DEFAULT_MAP_CONCURRENCY);
  });

  it('a profile whose reconcile is throttled five times is published; a function error is retried its usual times and the profile fails', async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-throttle-')));
    const f = workflow.functions;
    const throttles = { left: 5 };
    const cloud = new LocalCloud({
      workflow,
      store,
      sourceUrls: {},
      stubs: {
        [f.discover]: async () => {
          await store.put(profilesManifestKey(RUN), JSON.stringify(PROFILES.map((profile) => ({ profile, startTime: START }))), { contentType: 'application/json' });
          return { runId: RUN, manifest: profilesManifestKey(RUN), manifestObject: profilesManifestKey(RUN), profiles: PROFILES.length, dblpProfiles: PROFILES.length, skipped: [], skippedCount: 0 };
        },
        [f.harvestArxiv]: async () => ({ runId: RUN, status: 'done' }),
        [f.harvestDblp]: async () => ({ runId: RUN, status: 'done' }),
        [f.closeGaps]: async () => ({ runId: RUN, status: 'ok' }),
        [f.reconcile]: async (event) => {
          const { profile } = event as { profile: string };
          if (profile === 'throttled' && throttles.left-- > 0) throw serviceError('Lambda.TooManyRequestsException', 'Rate Exceeded.');
          if (profile === 'broken') throw serviceError('TypeError', 'a bug');
          return { profile, runId: RUN, outcome: 'published', report: 'r', pendingReview: 0, degradedSources: [], profileChanged: false, resumed: false };
        },
        [f.notify]: async () => ({ status: 'not-needed', newItems: 0, pending: 0, reminder: false }),
      },
    });
    const out = await cloud.run(START, 'nightly-throttled');
    expect(Object.fromEntries(out.profiles.map((o) => [o.profile, o.outcome]))).toEqual({ throttled: 'published', broken: 'failed', fine: 'published' });
    const attempts = (profile: string) => cloud.invocations.filter((i) => i.functionId === f.reconcile && i.profile === profile).length;
    expect(attempts('throttled')).toBe(6);
    expect(attempts('broken')).toBe(MAX_ATTEMPTS);
  }, 60_000);
});
