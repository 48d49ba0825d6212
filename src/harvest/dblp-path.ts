/**
 * Which way dblp is read tonight. Up to `dumpAbove` profiles with dblp on, one
 * person page each (dblp-person.ts): a few hundred requests beat a 1 GB
 * download. Above it, dblp's daily dump (harvest-dblp-dump.ts): two requests
 * whatever the fleet size, as dblp asks of bulk users. Person pages stay even
 * then for a profile whose owner asked for a refresh today (the dump is up to a
 * day old), whose pid is not known yet (the author search finds it), or whose
 * pid the last dump did not hold (new since; the dump step also hands back any
 * pid tonight's dump lacks).
 */
import type { Store } from '../store/store.ts';
import type { FetchPlan } from './fetch-plan.ts';

/**
 * The default fleet size above which the dump is read: where a night of person
 * pages (≥ 1 s apart, ~0.5 s each: ~1.5 s a profile) costs as much time as
 * reading the dump (about 4–6 min measured and projected: docs/architecture.md,
 * "dblp from its daily dump"), with the politeness argument on the dump's side.
 */
export const DEFAULT_DUMP_ABOVE = 200;

/**
 * Refreshes read from person pages at most on a dump night (≈ 5 min at 1.5 s a page), in the
 * fleet's order; those asked beyond it read the dump tonight (a day old at most). Owners' requests
 * are the one part of the night that could grow with the fleet (1 % of 100,000 would be 25 min of
 * pages). Profiles the dump cannot serve (no pid yet, a pid new since it) are never capped: they
 * grow only with new profiles.
 */
export const DEFAULT_MAX_REFRESHES = 200;

export interface DblpPathInput {
  /** Every profile of the night, in a stable order. */
  readonly plans: readonly FetchPlan[];
  /** The deploy setting (DEFAULT_DUMP_ABOVE when not set). */
  readonly dumpAbove?: number;
  /** Profiles whose owner asked for a fresh dblp read today. */
  readonly refreshToday?: ReadonlySet<string>;
  /** pids the last dump read held (harvest/_dblp/dump.json `forms`); undefined before the first. */
  readonly dumpPids?: ReadonlySet<string>;
  /** pids found by earlier author searches (harvest/<profile>/dblp.json), by profile. */
  readonly knownPids?: ReadonlyMap<string, string>;
  /** Refreshes read from person pages at most on a dump night (DEFAULT_MAX_REFRESHES). */
  readonly maxRefreshes?: number;
}

export type PageReason = 'small fleet' | 'refresh asked today' | 'pid not known yet' | 'pid new since the dump';



export interface DblpPaths {
  readonly path: 'pages' | 'dump';
  /** Read from the dump. */
  readonly dump: readonly FetchPlan[];
  /** Read from person pages (or skipped, for a profile with dblp off: the person-page step writes its manifest). */
  readonly pages: readonly FetchPlan[];
  readonly why: Readonly<Record<string, PageReason>>;
}

export function chooseDblpPath(i: DblpPathInput): DblpPaths {
  const enabled = i.plans.filter((p) => p.sources.dblp.enabled);
  const limit = i.dumpAbove ?? DEFAULT_DUMP_ABOVE;
  if (enabled.length <= limit) return { path: 'pages', dump: [], pages: i.plans, why: Object.fromEntries(enabled.map((p) => [p.profile, 'small fleet' as const])) };
  const why: Record<string, PageReason> = {};
  let refreshes = 0;
  const maxRefreshes = i.maxRefreshes ?? DEFAULT_MAX_REFRESHES;
  for (const p of i.plans) {
    if (!p.sources.dblp.enabled) continue;
    const pid = p.sources.dblp.pid ?? i.knownPids?.get(p.profile);
    if (pid === undefined) why[p.profile] = 'pid not known yet';
    else if (i.dumpPids !== undefined && !i.dumpPids.has(pid)) why[p.profile] = 'pid new since the dump';
    else if (i.refreshToday?.has(p.profile) && refreshes < maxRefreshes) {
      why[p.profile] = 'refresh asked today';
      refreshes++;
    }
  }
  const pages = i.plans.filter((p) => !p.sources.dblp.enabled || why[p.profile] !== undefined);
  const dump = i.plans.filter((p) => p.sources.dblp.enabled && why[p.profile] === undefined);
  return { path: 'dump', dump, pages, why };
}

/** An owner's request for a fresh dblp read: canonical/<profile>/dblp-refresh.json, {"requestedAt": ISO time}. */
export const refreshRequestKey = (profile: string) => `canonical/${profile}/dblp-refresh.json`;

/** Profiles whose refresh request was made on the run's day (UTC) or the day before it (a night runs after midnight). One LIST of canonical/, a GET per request only. */
export async function refreshRequests(store: Store, profiles: readonly string[], runAt: number): Promise<Set<string>> {
  const day = new Date(runAt);
  const since = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) - 86_400_000;
  const wanted = new Set(profiles);
  const out = new Set<string>();
  for (const key of await store.list('canonical/')) {
    const profile = /^canonical\/([^/]+)\/dblp-refresh\.json$/.exec(key)?.[1];
    if (profile === undefined || !wanted.has(profile)) continue;
    const obj = await store.get(key);
    if (!obj) continue;
    try {
      const t = Date.parse((JSON.parse(new TextDecoder().decode(obj.body)) as { requestedAt?: unknown }).requestedAt as string);
      if (!Number.isNaN(t) && t >= since && t <= runAt) out.add(profile);
    } catch {
      // an unreadable request asks for nothing
    }
  }
  return out;
}
