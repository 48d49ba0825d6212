/**
 * Puts a synthetic fleet into a store as a deployment would have it before a
 * night: canonical/<profile>/{cv,config,fetch-plan}.json (as the deploy writes
 * them) and, for a steady state, each profile's holdings from an earlier
 * backfill and the fleet's ID index.
 */
import { addToHoldings } from '../../src/harvest/arxiv-holdings.ts';
import { updateIdIndex } from '../../src/harvest/arxiv-id-index.ts';
import { mapLimit } from '../../src/harvest/profile-manifest.ts';
import type { Store } from '../../src/store/store.ts';
import type { Fleet, FleetProfile } from './fleet-builder.ts';

export const EARLIER_RUN = '20261001T031500Z';

export async function installCanonical(store: Store, profiles: readonly FleetProfile[]): Promise<void> {
  await mapLimit(profiles, 16, async (p) => {
    const dir = `canonical/${p.input.profile}/`;
    await store.put(`${dir}cv.json`, p.input.cvText, { contentType: 'application/json' });
    await store.put(`${dir}config.json`, `${JSON.stringify(p.input.config, null, 2)}\n`, { contentType: 'application/json' });
    await store.put(`${dir}fetch-plan.json`, `${JSON.stringify(p.plan)}\n`, { contentType: 'application/json' });
  });
}

/** Holdings as an earlier night's backfill left them (the raw key names that night's page). */
export async function installHoldings(store: Store, profiles: readonly FleetProfile[], runId = EARLIER_RUN): Promise<void> {
  const at = '2026-10-01T03:20:00Z';
  await mapLimit(profiles, 16, (p) =>
    addToHoldings(store, p.input.profile, runId, at, {
      entries: p.held.map((record) => ({ record, via: 'backfill' as const, raw: `raw/${p.input.profile}/${runId}-backfill/arxiv-1.xml`, runId, matched: 'author-query' as const })),
      backfill: { runId, at, records: p.held.length },
    }),
  );
  await updateIdIndex(store, new Map(profiles.map((p) => [p.input.profile, { ids: p.held.map((r) => r.id), backfill: runId }])));
}

/**
 * backfilled: true (default) writes every profile's holdings and the index; 'index' only the index
 * (enough for the harvester: no backfill due, known IDs); false nothing (every backfill due).
 */
export async function installFleet(store: Store, fleet: Fleet, o: { backfilled?: boolean | 'index'; canonical?: boolean } = {}): Promise<void> {
  if (o.canonical !== false) await installCanonical(store, fleet.profiles);
  if (o.backfilled === 'index') await updateIdIndex(store, new Map(fleet.profiles.map((p) => [p.input.profile, { ids: p.held.map((r) => r.id), backfill: EARLIER_RUN }])));
  else if (o.backfilled !== false) await installHoldings(store, fleet.profiles);
}
