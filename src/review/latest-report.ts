/** The latest report of a profile, found through reports/<profile>/latest.json. */
import { REPORT_SCHEMA_VERSION, type Report } from '../model/report.ts';
import { latestKey } from '../publish/publish-record.ts';
import type { Store } from '../store/store.ts';
import { ReviewError } from './pending.ts';

export interface LatestPointer {
  readonly runId: string;
  readonly report: { readonly json: string; readonly markdown: string; readonly html: string };
}

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ReviewError(`${where} is not valid JSON (${(e as Error).message})`);
  }
}

/** reports/<profile>/latest.json: which run's report is the latest. */
export async function latestPointer(store: Store, profile: string): Promise<LatestPointer> {
  const key = latestKey(profile);
  const obj = await store.get(key);
  if (!obj) throw new ReviewError(`no report for ${profile} in ${store.description} (${key} is missing); run profile-sync sync first`);
  const doc = parseJson(decode(obj.body), key) as { runId?: unknown; report?: Record<string, unknown> };
  const r = doc.report ?? {};
  const str = (v: unknown, field: string) => {
    if (typeof v !== 'string' || v === '') throw new ReviewError(`${key}: ${field}: expected a key`);
    return v;
  };
  return { runId: str(doc.runId, 'runId'), report: { json: str(r['json'], 'report.json'), markdown: str(r['markdown'], 'report.markdown'), html: str(r['html'], 'report.html') } };
}

export async function latestReport(store: Store, profile: string): Promise<Report> {
  const pointer = await latestPointer(store, profile);
  const obj = await store.get(pointer.report.json);
  if (!obj) throw new ReviewError(`${pointer.report.json} is missing from ${store.description}`);
  const report = parseJson(decode(obj.body), pointer.report.json) as Report;
  if (report.schemaVersion !== REPORT_SCHEMA_VERSION || report.profile !== profile || !Array.isArray(report.candidates) || !Array.isArray(report.differences) || !Array.isArray(report.events)) {
    throw new ReviewError(`${pointer.report.json} is not a version-${REPORT_SCHEMA_VERSION} report of ${profile}`);
  }
  return report;
}
