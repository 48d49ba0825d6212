/**
 * Reconciliation reading arXiv from holdings (the per-source path) gives the
 * first user the same links and candidates as the per-profile path over the
 * same recordings; its health says how the night's harvest went, and a night
 * whose harvest did not finish keeps the holdings (never shrinks).
 */
import { describe, expect, it } from 'vitest';
import { arxivHarvestManifestKey } from '../../src/harvest/harvest-arxiv.ts';
import { reconcileStage } from '../../src/reconcile/reconcile-stage.ts';
import { NO_DECISIONS } from '../../src/canonical/decisions.ts';
import { firstUserHoldingsRun } from '../helpers/first-user-holdings-run.ts';
import { firstUserRun, FIXED_RUN } from '../helpers/first-user-run.ts';
import { replaySource } from '../../src/harvest/replay.ts';
import { countRecords } from '../../src/harvest/fetch-stage.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';

describe('reconcile from holdings', () => {
  it('the first user: the same links, candidates and differences as from the per-profile fetch', async () => {
    const [perProfile, perSource] = await Promise.all([firstUserRun(), firstUserHoldingsRun()]);
    expect(Object.fromEntries(perSource.output.links)).toEqual(Object.fromEntries(perProfile.output.links));
    expect(perSource.output.report.candidates.map((c) => [c.id, c.confidence])).toEqual(perProfile.output.report.candidates.map((c) => [c.id, c.confidence]));
    expect(perSource.output.report.differences.map((d) => d.id)).toEqual(perProfile.output.report.differences.map((d) => d.id));
    const health = perSource.output.report.sources.find((s) => s.source === 'arxiv')!;
    expect(health).toMatchObject({ status: 'ok', records: perSource.held, dataFrom: 'holdings 20261001T030000Z' });
    expect(health.reasons).toEqual([`arXiv harvested once for all profiles (OAI-PMH delta: 0 records; ${arxivHarvestManifestKey(FIXED_RUN)})`, `holdings: ${perSource.held} records, last changed in run 20261001T030000Z`]);
  });

  it('a night whose arXiv harvest did not finish: degraded, the holdings stand, the report says since when', async () => {
    const { store, input } = await firstUserHoldingsRun();
    const night = '20261129T030000Z';
    await replaySource('dblp', { dataDir: DATA, profile: FIRST_PROFILE, runId: night, store, now: new Date('2026-11-29T03:00:00Z'), count: countRecords });
    const out = await reconcileStage({ input, decisions: NO_DECISIONS, store, runId: night, now: new Date('2026-11-29T03:00:00Z') });
    const health = out.report.sources.find((s) => s.source === 'arxiv')!;
    expect(health.status).toBe('degraded');
    expect(health.reasons[0]).toBe(`tonight's arXiv harvest did not finish (no ${arxivHarvestManifestKey(night)}); the holdings as of run 20261001T030000Z stand`);
    expect(health.usedSnapshot).toMatchObject({ runId: '20261001T030000Z' });
    // Nothing lost: the same works linked as on a night whose harvest finished.
    expect(out.report.summary.linkedWorks).toBe((await firstUserRun()).output.report.summary.linkedWorks);
  });
});
