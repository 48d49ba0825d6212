/**
 * Writes a run's results to the store, in an order that never leaves a
 * published profile disagreeing with its report:
 *   1. reports/<profile>/<run>/diff.{json,md,html}   (run-scoped, create-only)
 *   2. public/<profile>/...                            (only when the content changed; If-Match on the ETag read)
 *   3. reports/<profile>/latest.json                   (points readers at the run's report)
 */
import type { Report } from '../model/report.ts';
import { renderHtml } from './report/render-html.ts';
import { renderMarkdown } from './report/render-markdown.ts';
import { RUN_SCOPED_CACHE_CONTROL, toBytes, type Store } from '../store/store.ts';
import { stableJson } from './json-schemas.ts';
import { publishedProfile, type PublishedProfile } from '../model/profile.ts';
import { formatObjects, JSON_CONTENT_TYPE, type PublicObject } from './public-files.ts';

export { JSON_CONTENT_TYPE, type PublicObject };
/** Public objects change at most nightly; a short cache keeps the website fresh. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=300';

export interface PublishedKey {
  readonly key: string;
  readonly bytes: number;
  /** False when the object already held these bytes (public objects are written only on change). */
  readonly written: boolean;
}

/** JSON with object keys sorted at every level: equal content, equal text. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** The published profile without the fields that change every run. */
function contentOf(doc: PublishedProfile): string {
  const { generatedAt: _g, runId: _r, ...rest } = doc;
  return canonicalJson(rest);
}

/**
 * Public objects of a profile. When the profile's content is unchanged since the
 * last publication, the previous document (with its runId) is kept as it is.
 */
export function publicObjects(profile: string, doc: PublishedProfile, previous: PublishedProfile | undefined, extra: readonly PublicObject[] = []): PublicObject[] {
  publishedProfile.parse(doc); // never publish what the website's schema does not describe
  const unchanged = previous !== undefined && contentOf(previous) === contentOf(doc);
  // Unchanged content keeps the run that last changed it, so the bytes stay the same.
  const published = unchanged ? { ...doc, generatedAt: previous.generatedAt, runId: previous.runId } : doc;
  return [
    ...formatObjects(profile, published),
    // The profile last: a reader who sees the new profile finds the formats beside it already new.
    { key: `public/${profile}/profile.json`, body: stableJson(published), contentType: JSON_CONTENT_TYPE },
    ...extra,
  ];
}

/** Writes a public object only if its bytes differ, conditionally on the version that was read. */
async function putIfChanged(store: Store, o: PublicObject): Promise<PublishedKey> {
  const body = toBytes(o.body);
  const bytes = body.byteLength;
  const current = await store.get(o.key);
  if (current && Buffer.from(current.body).equals(body)) return { key: o.key, bytes, written: false };
  await store.put(o.key, o.body, {
    contentType: o.contentType,
    cacheControl: PUBLIC_CACHE_CONTROL,
    ...(current ? { ifMatch: current.etag } : { ifNoneMatch: '*' as const }),
  });
  return { key: o.key, bytes, written: true };
}

export interface PublishResult {
  readonly keys: readonly PublishedKey[];
  readonly profileChanged: boolean;
}

export async function publishRun(store: Store, report: Report, objects: readonly PublicObject[]): Promise<PublishResult> {
  const { profile, runId } = report;
  const keys: PublishedKey[] = [];
  const runScoped: Array<[string, string, string]> = [
    [`reports/${profile}/${runId}/diff.json`, stableJson(report), JSON_CONTENT_TYPE],
    [`reports/${profile}/${runId}/diff.md`, renderMarkdown(report), 'text/markdown; charset=utf-8'],
    [`reports/${profile}/${runId}/diff.html`, renderHtml(report), 'text/html; charset=utf-8'],
  ];
  for (const [key, body, contentType] of runScoped) {
    await store.put(key, body, { contentType, cacheControl: RUN_SCOPED_CACHE_CONTROL, ifNoneMatch: '*' });
    keys.push({ key, bytes: Buffer.byteLength(body), written: true });
  }
  for (const o of objects) keys.push(await putIfChanged(store, o));
  const profileChanged = keys.some((k) => k.key === `public/${profile}/profile.json` && k.written);
  const latest = stableJson({
    profile,
    runId,
    generatedAt: report.generatedAt,
    report: { json: runScoped[0]![0], markdown: runScoped[1]![0], html: runScoped[2]![0] },
    pendingReview: report.summary.pendingReview,
    profileChanged,
    sources: report.sources.map((s) => ({ source: s.source, status: s.status })),
  });
  const latestKey = `reports/${profile}/latest.json`;
  await store.put(latestKey, latest, { contentType: JSON_CONTENT_TYPE, cacheControl: 'no-cache' });
  keys.push({ key: latestKey, bytes: Buffer.byteLength(latest), written: true });
  return { keys, profileChanged };
}
