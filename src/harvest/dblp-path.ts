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
  const dump: FetchPlan[] = [];
  const pages: FetchPlan[] = [];
  const why: Record<string, PageReason> = {};
  for (const p of i.plans) {
    if (!p.sources.dblp.enabled) {
      pages.push(p);
      continue;
    }
    const pid = p.sources.dblp.pid ?? i.knownPids?.get(p.profile);
    const reason: PageReason | undefined = i.refreshToday?.has(p.profile)
      ? 'refresh asked today'
      : pid === undefined
        ? 'pid not known yet'
        : i.dumpPids !== undefined && !i.dumpPids.has(pid)
          ? 'pid new since the dump'
          : undefined;
    if (reason) {
      why[p.profile] = reason;
      pages.push(p);
    } else dump.push(p);
  }
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
