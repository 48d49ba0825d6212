/**
 * arXiv input for reconciliation when arXiv is harvested per source: the
 * profile's accumulated holdings (harvest/<profile>/arxiv.json) stand in for a
 * per-profile fetch, and the night's harvest manifest
 * (raw/_harvest/arxiv/<run>/manifest.json) says how healthy the source was.
 * Used only when the run has no per-profile arXiv manifest (the CLI's offline
 * replay and the per-profile fetch keep their own path).
 */
import { arxivHarvestManifestKey } from '../harvest/harvest-keys.ts';
import { readHoldings, type ArxivHoldings } from '../harvest/arxiv-holdings.ts';
import type { SourceHealth } from '../model/report.ts';
import type { ArxivRecord } from '../sources/arxiv/arxiv-record.ts';
import type { Store } from '../store/store.ts';
import type { DataTime } from '../sources/source-report.ts';

export interface HoldingsSourceInput {
  readonly health: SourceHealth;
  readonly parsed?: { readonly arxiv: ArxivRecord[]; readonly person?: undefined };
  readonly time: DataTime;
  readonly available: boolean;
}

interface HarvestManifest {
  readonly status?: string;
  readonly records?: number;
  readonly reasons?: readonly string[];
  readonly finishedAt?: string;
}

export async function holdingsInput(store: Store, profile: string, runId: string, now: Date, enabled: boolean): Promise<HoldingsSourceInput | undefined> {
  const manifestObj = await store.get(arxivHarvestManifestKey(runId));
  let holdings: ArxivHoldings | undefined;
  const reasons: string[] = [];
  try {
    holdings = (await readHoldings(store, profile))?.holdings;
  } catch (e) {
    reasons.push(`holdings unreadable: ${(e as Error).message}`);
  }
  if (!manifestObj && !holdings && reasons.length === 0) return undefined; // not a per-source deployment
  const base = { source: 'arxiv' as const, mode: 'live' as const, requests: 0, statuses: [] };
  if (!enabled) return { health: { ...base, status: 'skipped', records: 0, reasons: ['arxiv is disabled in config.json'], dataFrom: 'none' }, time: {}, available: false };
  let harvest: HarvestManifest | undefined;
  try {
    harvest = manifestObj ? (JSON.parse(new TextDecoder().decode(manifestObj.body)) as HarvestManifest) : undefined;
  } catch {
    reasons.push(`${arxivHarvestManifestKey(runId)} is not JSON`);
  }
  let status: SourceHealth['status'] = 'ok';
  if (!harvest) {
    status = 'degraded';
    reasons.push(`tonight's arXiv harvest did not finish (no ${arxivHarvestManifestKey(runId)})${holdings ? `; the holdings as of run ${holdings.runId} stand` : ''}`);
  } else {
    reasons.push(`arXiv harvested once for all profiles (OAI-PMH delta: ${harvest.records ?? 0} records; ${arxivHarvestManifestKey(runId)})`);
    if (harvest.status !== 'done') {
      status = 'degraded';
      reasons.push(`tonight's arXiv harvest was ${harvest.status ?? 'incomplete'}: ${(harvest.reasons ?? []).slice(0, 3).join('; ')}`);
    }
  }
  if (!holdings?.backfill) {
    status = 'degraded';
    reasons.push('arXiv backfill (the first author query) pending: only papers matched in nightly deltas so far');
  }
  const records = holdings ? Object.values(holdings.entries).map((e) => e.record) : [];
  if (holdings) reasons.push(`holdings: ${records.length} records, last changed in run ${holdings.runId}`);
  const usedSnapshot = holdings && !harvest ? { runId: holdings.runId, fetchedAt: holdings.updatedAt, ageHours: Math.round((now.getTime() - Date.parse(holdings.updatedAt)) / 36e5) } : undefined;
  return {
    health: { ...base, status, records: records.length, reasons, ...(usedSnapshot ? { usedSnapshot } : {}), dataFrom: holdings ? `holdings ${holdings.runId}` : 'none', ...(holdings ? { fetchedAt: holdings.updatedAt } : {}) },
    ...(holdings ? { parsed: { arxiv: records } } : {}),
    time: holdings ? { fetchedAt: holdings.updatedAt } : {},
    available: holdings !== undefined,
  };
}
