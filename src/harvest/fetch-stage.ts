/**
 * The fetch stage for one profile: each enabled source, live or replayed from
 * recordings, its native documents written to raw/<profile>/<run>/ with a
 * manifest. dblp goes first so the arXiv id_list can include the arXiv IDs of
 * dblp's CoRR records. A source failure is a report, never an exception.
 */
import { parseArxivFeed } from '../sources/arxiv/parse-feed.ts';
import type { Clock } from '../sources/clock.ts';
import { parseDblpXml } from '../sources/dblp/parse-xml.ts';
import type { PoliteHttp } from '../sources/http/polite-http.ts';
import { replaySource } from './replay.ts';
import type { SourceReport } from '../sources/source-report.ts';
import type { Store } from '../store/store.ts';
import type { ProfileInput } from '../canonical/profile-input.ts';
import { fetchArxivStage } from './fetch-arxiv-stage.ts';
import { fetchDblpStage } from './fetch-dblp-stage.ts';
import { fetchPlanFor } from './fetch-plan.ts';
import { skippedSource } from './skipped-source.ts';

export interface SourceClients {
  readonly arxiv: PoliteHttp;
  readonly dblp: PoliteHttp;
  readonly arxivUrl?: string;
  readonly dblpUrl?: string;
}

export interface FetchStageOptions {
  readonly input: ProfileInput;
  readonly runId: string;
  readonly store: Store;
  /** The run's time (a replay's manifests are stamped with it). */
  readonly now: Date;
  /** For live fetches: spacing and timestamps of the requests. */
  readonly clock: Clock;
  /** live: the network through `clients`; replay: data/recordings. */
  readonly mode: { readonly kind: 'live'; readonly clients: SourceClients } | { readonly kind: 'replay'; readonly dataDir: string };
  /** arXiv IDs the last published profile knew (kept in the id_list). */
  readonly previousArxivIds?: readonly string[];
}

export interface FetchStageResult {
  readonly arxiv: SourceReport;
  readonly dblp: SourceReport;
}

/** Counts records in a recorded document (throws when it does not parse, as a live fetch would fail). */
export function countRecords(text: string | Uint8Array, name: string): number {
  if (name.startsWith('arxiv-')) {
    const feed = parseArxivFeed(text, name);
    if (feed.kind === 'error') throw new Error(`arXiv error feed: ${feed.message}`);
    return feed.records.length;
  }
  if (name.endsWith('.xml')) {
    // A person bibliography, or records given on their own (reconcile --dblp rec/<key>.xml).
    const doc = parseDblpXml(text, name);
    return doc.kind === 'person' ? doc.person.records.length : doc.records.length;
  }
  return 0; // search JSON: not records of the owner
}

export async function fetchStage(o: FetchStageOptions): Promise<FetchStageResult> {
  const { input, runId, store, clock } = o;
  const cfg = input.config.sources;
  if (o.mode.kind === 'replay') {
    const common = { dataDir: o.mode.dataDir, profile: input.profile, runId, store, now: o.now, count: countRecords };
    const dblp = cfg.dblp.enabled ? await replaySource('dblp', common) : await skippedSource('dblp', input.profile, runId, store, o.now);
    const arxiv = cfg.arxiv.enabled ? await replaySource('arxiv', common) : await skippedSource('arxiv', input.profile, runId, store, o.now);
    return { arxiv, dblp };
  }
  const { clients } = o.mode;
  const plan = fetchPlanFor(input);
  const dblp = await fetchDblpStage(plan, runId, store, clock, clients.dblp, clients.dblpUrl);
  const more = [...(dblp.arxivIds ?? []), ...(o.previousArxivIds ?? [])];
  const arxiv = await fetchArxivStage(plan, runId, store, clock, clients.arxiv, more, clients.arxivUrl);
  return { arxiv, dblp };
}
