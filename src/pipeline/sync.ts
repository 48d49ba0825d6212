/**
 * The main job: for each profile, load and validate the canonical records,
 * fetch the sources (live, or replayed from recordings), then publish. A
 * profile whose records are broken publishes nothing and is reported; the
 * other profiles go on. A failing source is reported, never fatal.
 */
import { InputError, type InputIssue } from '../input/input-error.ts';
import { count } from '../text/count.ts';
import { publicObjects, publishRun, type PublishedKey } from '../publish/publish.ts';
import type { Clock } from '../sources/clock.ts';
import { PoliteHttp, type HttpEvent } from '../sources/http/polite-http.ts';
import { DBLP_MIRROR_HOSTS } from '../sources/dblp/fetch-dblp.ts';
import { describeHttpEvent } from '../sources/http/http-event-text.ts';
import type { SourceReport } from '../sources/source-report.ts';
import type { Store } from '../store/store.ts';
import { ownedRunStore } from '../store/run-claim.ts';
import { randomUUID } from 'node:crypto';
import { fetchStage, type SourceClients } from '../harvest/fetch-stage.ts';
import { readPreviousProfile } from '../model/read-profile.ts';
import { reconcileStage } from '../reconcile/reconcile-stage.ts';
import { listProfiles, loadProfileInput, type ProfileInput } from '../canonical/profile-input.ts';
import { loadProfileFromStore } from '../canonical/load-from-store.ts';
import { storeHome } from '../canonical/canonical-home.ts';
import { discoverProfiles } from './records/profile-manifest.ts';
import { userAgentFor } from '../harvest/user-agent.ts';

export type SourceMode =
  /** Replay data/recordings/<profile>/ instead of the network. */
  | { readonly kind: 'replay' }
  /** The network; base URLs can point at mirrors (or a test server). */
  | { readonly kind: 'live'; readonly arxivUrl?: string; readonly dblpUrl?: string; readonly timeoutMs?: number };

export interface SyncOptions {
  readonly dataDir: string;
  readonly store: Store;
  /** Profiles to sync; when empty, all under data/profiles (or, with records "store", all the store's active profiles). */
  readonly profiles: readonly string[];
  /**
   * Where the canonical records are read: "data" (data/profiles/<profile>/, the
   * default for a local folder store) or "store" (the store's canonical/<profile>/,
   * as the nightly run reads them: `sync --bucket`).
   */
  readonly records?: 'data' | 'store';
  readonly runId: string;
  readonly now: Date;
  readonly sources: SourceMode;
  /**
   * Live syncs only: the clock of the requests' spacing and timestamps (realClock
   * from the CLI, a virtual one in tests). Core code never reads the wall clock:
   * a replay needs no clock, and everything it writes is stamped with `now`.
   */
  readonly clock?: Clock;
  /** Progress lines for a person (stderr in the CLI). */
  readonly progress?: (line: string) => void;
  /**
   * Who writes this run (its claim on raw/<profile>/<run>/owner.json): another
   * sync with the same run id is a different run and is refused (exit 5).
   * Default: a token of this call.
   */
  readonly owner?: string;
}

export interface SourceSummary {
  readonly status: SourceReport['status'];
  readonly mode: SourceReport['mode'];
  readonly requests: number;
  readonly documents: number;
  readonly records: number;
  readonly reasons: readonly string[];
}

export type ProfileOutcome =
  | {
      readonly profile: string;
      readonly status: 'published';
      readonly publications: number;
      readonly talks: number;
      readonly sources: { readonly arxiv: SourceSummary; readonly dblp: SourceSummary };
      readonly review: { readonly pending: number; readonly candidates: number; readonly differences: number; readonly events: number; readonly report: string };
      /** False when nothing changed and no public object was rewritten. */
      readonly profileChanged: boolean;
      readonly keys: readonly PublishedKey[];
    }
  | { readonly profile: string; readonly status: 'invalid'; readonly errors: readonly InputIssue[] };

export interface SyncResult {
  readonly runId: string;
  readonly store: string;
  readonly profiles: readonly ProfileOutcome[];
}

function summarise(r: SourceReport): SourceSummary {
  return { status: r.status, mode: r.mode, requests: r.requests.length, documents: r.documents.length, records: r.records, reasons: r.reasons };
}

/** One client per source for the whole run: rate limits hold across profiles. `onEvent` is told each request, response and retry. */
export function clientsFor(
  inputs: readonly ProfileInput[],
  mode: Extract<SourceMode, { kind: 'live' }>,
  clock: Clock,
  onEvent?: (source: 'arxiv' | 'dblp', event: HttpEvent) => void,
  /** Ctrl+C: stops every request at once (record keeps what was captured before). */
  signal?: AbortSignal,
): SourceClients {
  const contact = inputs[0]?.config.contact ?? 'unknown';
  const arxivGap = Math.max(3, ...inputs.map((i) => i.config.sources.arxiv.minIntervalSeconds));
  const dblpGap = Math.max(1, ...inputs.map((i) => i.config.sources.dblp.minIntervalSeconds));
  const common = { userAgent: userAgentFor(contact), clock, ...(mode.timeoutMs ? { timeoutMs: mode.timeoutMs } : {}), ...(signal ? { signal } : {}) };
  return {
    arxiv: new PoliteHttp({ ...common, minIntervalMs: arxivGap * 1000, accept: 'application/atom+xml', ...(onEvent ? { onEvent: (e: HttpEvent) => onEvent('arxiv', e) } : {}) }),
    dblp: new PoliteHttp({ ...common, minIntervalMs: dblpGap * 1000, redirectHosts: DBLP_MIRROR_HOSTS, ...(onEvent ? { onEvent: (e: HttpEvent) => onEvent('dblp', e) } : {}) }),
    ...(mode.arxivUrl ? { arxivUrl: mode.arxivUrl } : {}),
    ...(mode.dblpUrl ? { dblpUrl: mode.dblpUrl } : {}),
  };
}

/** A clock that stays at the run's time (a replay sends no requests and never waits). */
function frozenAt(now: Date): Clock {
  return { now: () => now.getTime(), sleep: async () => undefined };
}

export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const say = options.progress ?? (() => undefined);
  const clock = options.clock ?? frozenAt(options.now);
  if (options.sources.kind === 'live' && !options.clock) throw new Error('runSync: a live sync needs a clock (realClock from the CLI, a virtual one in tests)');
  const fromStore = options.records === 'store';
  let names = [...options.profiles];
  if (names.length === 0 && fromStore) {
    const manifest = await discoverProfiles(options.store);
    for (const s of manifest.skipped) say(`[${s.profile}] skipped: ${s.reason}`);
    names = manifest.profiles.map((p) => p.profile);
  } else if (names.length === 0) names = await listProfiles(options.dataDir);
  const outcomes: ProfileOutcome[] = [];
  const inputs: ProfileInput[] = [];
  for (const profile of names) {
    say(`[${profile}] load canonical records${fromStore ? ` from ${storeHome(options.store).description}` : ''}`);
    try {
      if (fromStore && !(await options.store.get(storeHome(options.store).key(profile, 'cv.json')))) {
        const where = storeHome(options.store).where(profile, 'cv.json');
        throw Object.assign(new Error(`no canonical records there: push them first (profile-sync push -p ${profile})`), { code: 'ENOENT', path: where });
      }
      inputs.push(fromStore ? await loadProfileFromStore(options.store, profile) : await loadProfileInput(options.dataDir, profile));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (!(e instanceof InputError) && err.code !== 'ENOENT') throw e;
      const missing = { file: err.path ?? profile, path: [], line: 1, column: 1, message: err.message.startsWith('ENOENT') ? 'the file does not exist' : err.message };
      const errors = e instanceof InputError ? e.issues : [missing];
      // The problems themselves are the outcome (the summary lists them); the progress line only counts them.
      say(`[${profile}] invalid canonical records (${count(errors.length, 'problem')}): nothing published`);
      outcomes.push({ profile, status: 'invalid', errors });
    }
  }
  // Each request and retry is told as it happens: a source that cannot be reached is never a silent minute.
  const clients = options.sources.kind === 'live' ? clientsFor(inputs, options.sources, clock, (source, e) => say(describeHttpEvent(source, e))) : undefined;
  const owner = options.owner ?? `cli:${randomUUID()}`;
  for (const input of inputs) {
    const { profile } = input;
    const store = ownedRunStore(options.store, { profile, runId: options.runId, owner }, () => options.now);
    say(`[${profile}] fetch sources (${options.sources.kind === 'replay' ? 'replaying recordings' : 'live'})`);
    const fetched = await fetchStage({
      input,
      runId: options.runId,
      store,
      now: options.now,
      clock,
      mode: clients ? { kind: 'live', clients } : { kind: 'replay', dataDir: options.dataDir },
    });
    for (const r of [fetched.dblp, fetched.arxiv]) {
      say(`[${profile}] ${r.source}: ${r.status}, ${count(r.requests.length, 'request')}, ${count(r.documents.length, 'document')}, ${count(r.records, 'record')}`);
      for (const reason of r.reasons) say(`[${profile}]   ${reason}`);
    }
    say(`[${profile}] reconcile`);
    const previous = await readPreviousProfile(store, profile);
    const { profile: doc, report } = await reconcileStage({ input, decisions: input.decisions, store, runId: options.runId, now: options.now, previous });
    const s = report.summary;
    say(`[${profile}] ${s.linkedWorks}/${count(s.canonicalWorks, 'canonical work')} linked, ${count(s.pendingCandidates, 'new candidate')}, ${count(s.pendingDifferences, 'difference')}, ${count(s.versionEvents, 'version event')}`);
    say(`[${profile}] publish`);
    const published = await publishRun(store, report, publicObjects(profile, doc, previous));
    outcomes.push({
      profile,
      status: 'published',
      publications: doc.publications.length,
      talks: doc.talks.length,
      sources: { arxiv: summarise(fetched.arxiv), dblp: summarise(fetched.dblp) },
      review: { pending: s.pendingReview, candidates: s.pendingCandidates, differences: s.pendingDifferences, events: s.versionEvents, report: `reports/${profile}/${options.runId}/diff.html` },
      profileChanged: published.profileChanged,
      keys: published.keys,
    });
  }
  return { runId: options.runId, store: options.store.description, profiles: outcomes };
}
