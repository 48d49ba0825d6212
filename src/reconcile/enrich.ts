/**
 * Enriches a canonical work with what its linked source versions add (IDs,
 * links, arXiv version and dates, abstract, the versions themselves), each
 * enriched field with its provenance. Owner-written fields are never touched.
 */
import { arxivAbsUrl, arxivPdfUrl } from '../ids/arxiv-id.ts';
import { dblpRecordUrl } from '../ids/dblp-key.ts';
import { doiUrl } from '../ids/doi.ts';
import type { PublishedWork } from '../model/profile.ts';
import type { SourceVersion } from './source-version.ts';

type Provenance = PublishedWork['provenance'][string];

const prov = (v: SourceVersion): Provenance => ({ source: v.source, recordId: v.recordId, ...v.time });

const KIND_ORDER = { published: 0, preprint: 1, corr: 2 } as const;

/** Versions as the website lists them: published first, then the arXiv preprint, then CoRR. */
export function publishedVersions(versions: readonly SourceVersion[]): PublishedWork['versions'] {
  return [...versions]
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.recordId < b.recordId ? -1 : 1))
    .map((v) => ({
      kind: v.kind,
      source: v.source,
      recordId: v.recordId,
      title: v.title,
      ...(v.year !== undefined ? { year: v.year } : {}),
      ...(v.venue !== undefined ? { venue: v.venue } : {}),
      ...(v.source === 'arxiv' && v.arxiv ? { url: arxivAbsUrl(v.arxiv) } : v.dblpKey ? { url: dblpRecordUrl(v.dblpKey) } : {}),
    }));
}

/** The version each enriched field is taken from. */
export function pickVersions(versions: readonly SourceVersion[]) {
  const preprint = versions.find((v) => v.source === 'arxiv');
  const corr = versions.find((v) => v.kind === 'corr');
  const published = versions.find((v) => v.kind === 'published');
  const doiFrom = published?.doi ? published : versions.find((v) => v.doi);
  return { preprint, corr, published, arxivFrom: preprint ?? corr, doiFrom, dblpFrom: published ?? corr };
}

export function enrichWork(base: PublishedWork, versions: readonly SourceVersion[]): PublishedWork {
  const { preprint, arxivFrom, doiFrom, dblpFrom } = pickVersions(versions);
  const ids: Record<string, string | undefined> = { ...base.ids };
  const links: Record<string, string | undefined> = { ...base.links };
  const provenance: Record<string, Provenance> = { ...base.provenance };
  const set = (target: Record<string, string | undefined>, field: string, value: string | undefined, path: string, from: SourceVersion | undefined) => {
    if (value === undefined || from === undefined || target[field] !== undefined) return;
    target[field] = value;
    provenance[path] = prov(from);
  };
  set(ids, 'arxiv', arxivFrom?.arxiv, 'ids.arxiv', arxivFrom);
  set(ids, 'doi', doiFrom?.doiWritten, 'ids.doi', doiFrom);
  set(ids, 'dblp', dblpFrom?.dblpKey, 'ids.dblp', dblpFrom);
  if (ids.arxiv) {
    set(links, 'abstract', arxivAbsUrl(ids.arxiv), 'links.abstract', base.ids.arxiv ? undefined : arxivFrom);
    set(links, 'pdf', arxivPdfUrl(ids.arxiv), 'links.pdf', base.ids.arxiv ? undefined : arxivFrom);
  }
  if (ids.doi) set(links, 'doi', doiUrl(ids.doi), 'links.doi', base.ids.doi ? undefined : doiFrom);
  if (ids.dblp) set(links, 'dblp', dblpRecordUrl(ids.dblp), 'links.dblp', base.ids.dblp ? undefined : dblpFrom);
  const extra: Partial<PublishedWork> = {};
  if (preprint?.arxivVersion !== undefined) {
    extra.arxivVersion = preprint.arxivVersion;
    provenance['arxivVersion'] = prov(preprint);
  }
  if (preprint?.firstSubmitted !== undefined) {
    extra.firstSubmitted = preprint.firstSubmitted;
    provenance['firstSubmitted'] = prov(preprint);
  }
  if (preprint?.abstract) {
    extra.abstract = preprint.abstract;
    provenance['abstract'] = prov(preprint);
  }
  if (preprint?.primaryCategory) {
    extra.arxivCategory = preprint.primaryCategory;
    provenance['arxivCategory'] = prov(preprint);
  }
  return { ...base, ...extra, ids: ids as PublishedWork['ids'], links: links as PublishedWork['links'], versions: publishedVersions(versions), provenance: sortKeys(provenance) };
}

/**
 * Keeps last good values from a source that could not be read this run:
 * fields whose provenance is that source, and its versions, come from the
 * previously published work when this run has nothing newer.
 */
export function carryOver(work: PublishedWork, previous: PublishedWork | undefined, unavailable: ReadonlySet<'arxiv' | 'dblp'>): PublishedWork {
  if (!previous || unavailable.size === 0) return work;
  const ids: Record<string, string | undefined> = { ...work.ids };
  const links: Record<string, string | undefined> = { ...work.links };
  const top: Record<string, unknown> = {};
  const provenance = { ...work.provenance };
  for (const [path, p] of Object.entries(previous.provenance)) {
    if (!unavailable.has(p.source) || provenance[path]) continue;
    const [head, field] = path.split('.') as [string, string | undefined];
    const prevIds = previous.ids as Record<string, string | undefined>;
    const prevLinks = previous.links as Record<string, string | undefined>;
    if (head === 'ids' && field && ids[field] === undefined && prevIds[field] !== undefined) ids[field] = prevIds[field];
    else if (head === 'links' && field && links[field] === undefined && prevLinks[field] !== undefined) links[field] = prevLinks[field];
    else if (field === undefined && head in previous && (work as Record<string, unknown>)[head] === undefined) top[head] = (previous as Record<string, unknown>)[head];
    else continue;
    provenance[path] = p;
  }
  const kept = previous.versions.filter((v) => unavailable.has(v.source) && !work.versions.some((w) => w.recordId === v.recordId));
  return {
    ...work,
    ...top,
    ids: ids as PublishedWork['ids'],
    links: links as PublishedWork['links'],
    versions: [...work.versions, ...kept],
    provenance: sortKeys(provenance),
  };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * A value that did not change keeps the provenance it was first published
 * with, so an unchanged profile stays byte-identical from night to night.
 */
export function stableProvenance(work: PublishedWork, previous: PublishedWork | undefined): PublishedWork {
  if (!previous) return work;
  const valueAt = (w: PublishedWork, path: string): unknown => {
    const [head, field] = path.split('.') as [string, string | undefined];
    const top = (w as Record<string, unknown>)[head];
    return field === undefined ? top : (top as Record<string, unknown> | undefined)?.[field];
  };
  const provenance = { ...work.provenance };
  for (const [path, p] of Object.entries(work.provenance)) {
    const old = previous.provenance[path];
    if (old && old.source === p.source && old.recordId === p.recordId && JSON.stringify(valueAt(previous, path)) === JSON.stringify(valueAt(work, path))) {
      provenance[path] = old;
    }
  }
  return { ...work, provenance };
}
