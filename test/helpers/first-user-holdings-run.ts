/**
 * The first user through the per-source path: his recorded arXiv responses
 * (the author query and id_list of data/recordings, native Atom) become his
 * holdings as a first backfill would leave them; the night's harvest is the
 * real harvestArxiv against a loopback OAI-PMH server that has nothing new
 * (noRecordsMatch); dblp is replayed as usual. Reconciliation then reads arXiv
 * from the holdings. Same inputs as firstUserRun(), other path: the same links
 * are expected.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addToHoldings, type HoldingEntry } from '../../src/harvest/arxiv-holdings.ts';
import { updateIdIndex } from '../../src/harvest/arxiv-id-index.ts';
import { fetchPlanFor } from '../../src/harvest/fetch-plan.ts';
import { harvestArxiv } from '../../src/harvest/harvest-arxiv.ts';
import { readRecordingManifest, recordingsDir, replaySource } from '../../src/harvest/replay.ts';
import { countRecords } from '../../src/harvest/fetch-stage.ts';
import { loadProfileInput } from '../../src/canonical/profile-input.ts';
import { reconcileStage } from '../../src/reconcile/reconcile-stage.ts';
import { NO_DECISIONS } from '../../src/canonical/decisions.ts';
import { parseArxivFeed } from '../../src/sources/arxiv/parse-feed.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { PoliteHttp } from '../../src/sources/http/polite-http.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { FIXED_RUN } from './first-user-run.ts';
import { startLoopback } from './loopback-server.ts';
import { oaiErrorPage } from './oai-builder.ts';
import { DATA, FIRST_PROFILE } from './paths.ts';

export async function firstUserHoldingsRun() {
  const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-holdings-')));
  const input = await loadProfileInput(DATA, FIRST_PROFILE);
  const clock = new VirtualClock(Date.parse('2026-11-28T03:00:00Z'));
  const earlier = '20261001T030000Z';
  const manifest = await readRecordingManifest(DATA, FIRST_PROFILE);
  const entries: HoldingEntry[] = [];
  for (const d of manifest?.documents.filter((x) => x.source === 'arxiv') ?? []) {
    const feed = parseArxivFeed(readFileSync(join(recordingsDir(DATA, FIRST_PROFILE), d.file), 'utf8'), d.file);
    if (feed.kind === 'feed') for (const record of feed.records) entries.push({ record, via: 'backfill', raw: `raw/${FIRST_PROFILE}/${earlier}-backfill/${d.file}`, runId: earlier, matched: 'author-query' });
  }
  await addToHoldings(store, FIRST_PROFILE, earlier, '2026-10-01T03:05:00Z', { entries, backfill: { runId: earlier, at: '2026-10-01T03:05:00Z', records: entries.length } });
  await updateIdIndex(store, new Map([[FIRST_PROFILE, { ids: entries.map((e) => e.record.id), backfill: earlier }]]));
  const server = await startLoopback(() => ({ status: 200, headers: { 'Content-Type': 'application/xml' }, body: oaiErrorPage('noRecordsMatch') }));
  try {
    const http = new PoliteHttp({ userAgent: 'profile-sync/0.1 (eval)', minIntervalMs: 3000, clock });
    const harvest = await harvestArxiv({ store, http, clock, runId: FIXED_RUN, plans: [fetchPlanFor(input)], oaiUrl: `${server.baseUrl}/oai`, apiUrl: `${server.baseUrl}/api` });
    await replaySource('dblp', { dataDir: DATA, profile: FIRST_PROFILE, runId: FIXED_RUN, store, now: new Date(clock.now()), count: countRecords });
    const output = await reconcileStage({ input, decisions: NO_DECISIONS, store, runId: FIXED_RUN, now: new Date(clock.now()) });
    return { store, input, output, harvest, held: new Set(entries.map((e) => e.record.id)).size };
  } finally {
    await server.close();
  }
}
