/**
 * Writes a run's results to the store, in an order that never leaves a
 * published profile disagreeing with its report:
 *   1. reports/<profile>/<run>/diff.{json,md,html}   (run-scoped, create-only)
 *   2. reports/<profile>/<run>/public/… and published.json: the run's copies of
 *      its public objects and its publish record (run-scoped, create-only)
 *   3. public/<profile>/...                            (only when the content changed; If-Match on the ETag read)
 *   4. reports/<profile>/latest.json                   (points readers at the run's report)
 */
import type { Report } from '../model/report.ts';
import { renderHtml } from './report/render-html.ts';
import { renderMarkdown } from './report/render-markdown.ts';
import { RUN_SCOPED_CACHE_CONTROL, toBytes, type Store } from '../store/store.ts';
import { stableJson } from './json-schemas.ts';
import { publishedProfile, type PublishedProfile } from '../model/profile.ts';
import { publishableValue } from '../text/publishable-text.ts';
import { formatObjects, JSON_CONTENT_TYPE, mirroredFolders, type PublicObject } from './public-files.ts';
import { applyPublicObjects, extraInFolders, readCurrent, readPublishRecord, recordedBodies, writeLatest, writePublishRecord, type CurrentObjects, type PublicBody, type PublishRecord } from './publish-record.ts';

export { JSON_CONTENT_TYPE, type PublicObject };

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
export function publicObjects(profile: string, given: PublishedProfile, previous: PublishedProfile | undefined, extra: readonly PublicObject[] = []): PublicObject[] {
  // One rule for every file: no character XML 1.0 or YAML refuses, none that hides or reorders text.
  const doc = publishableValue(given);
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

export interface PublishResult {
  readonly keys: readonly PublishedKey[];
  readonly profileChanged: boolean;
  /** True when an earlier attempt of this run had recorded its publication and this call finished it. */
  readonly resumed: boolean;
  readonly record: PublishRecord;
  /** Public objects removed: Hugo Blox bundles of works the profile no longer has. */
  readonly removed: readonly string[];
}

async function finish(store: Store, record: PublishRecord, bodies: readonly PublicBody[], reportKeys: readonly PublishedKey[], resumed: boolean, read?: CurrentObjects): Promise<PublishResult> {
  const applied = await applyPublicObjects(store, bodies, read);
  const removed = await extraInFolders(store, mirroredFolders(record.profile), record.objects.map((o) => o.key), true);
  const latest = await writeLatest(store, record);
  const profileChanged = record.objects.some((o) => o.key === `public/${record.profile}/profile.json` && o.changed);
  return { keys: [...reportKeys, ...applied, latest], profileChanged, resumed, record, removed };
}

/**
 * Publishes a run: its report, its publish record with copies of the public
 * objects, the public objects that changed, then latest.json. Every
 * run-scoped write is create-only, so a different run with the same id is
 * refused; a retried step of the same run passes a store that accepts its
 * own earlier writes (src/store/run-claim.ts).
 */
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
  const asBody = (o: PublicObject): PublicBody => ({ key: o.key, body: toBytes(o.body), contentType: o.contentType });
  // Objects shared by every profile (the web component under public/_web/) are written when they
  // change; they are not part of a profile's publish record, so no profile's rollback touches them.
  const own = `public/${profile}/`;
  keys.push(...(await applyPublicObjects(store, objects.filter((o) => !o.key.startsWith(own)).map(asBody))));
  const bodies = objects.filter((o) => o.key.startsWith(own)).map(asBody);
  // Each public object read once: the record says which changed, and each write is conditional on that version.
  const current = await readCurrent(store, bodies);
  const record = await writePublishRecord(
    store,
    {
      profile,
      runId,
      generatedAt: report.generatedAt,
      report: { json: runScoped[0]![0], markdown: runScoped[1]![0], html: runScoped[2]![0] },
      pendingReview: report.summary.pendingReview,
      sources: report.sources.map((s) => ({ source: s.source, status: s.status, reasons: s.reasons })),
    },
    bodies,
    current,
  );
  return finish(store, record, bodies, keys, false, current);
}

/**
 * Finishes a publication an earlier attempt of the same run recorded
 * (reports/<profile>/<run>/published.json): the public objects and latest.json
 * from the run's copies, without reconciling again. Undefined when the run has
 * no record yet (nothing public was written: reconcile and publish as usual).
 */
export async function resumePublish(store: Store, profile: string, runId: string): Promise<PublishResult | undefined> {
  const record = await readPublishRecord(store, profile, runId);
  if (!record) return undefined;
  const reportKeys = [record.report.json, record.report.markdown, record.report.html].map((key) => ({ key, bytes: 0, written: false }));
  return finish(store, record, await recordedBodies(store, record), reportKeys, true);
}
