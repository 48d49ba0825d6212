/** Builds the published profile from canonical records (enrichment is added by reconciliation). */
import type { CanonicalCv, CanonicalPublication } from '../canonical/cv-schema.ts';
import { arxivAbsUrl, arxivPdfUrl } from '../ids/arxiv-id.ts';
import { dblpRecordUrl } from '../ids/dblp-key.ts';
import { doiUrl } from '../ids/doi.ts';
import { asUri } from '../ids/uri.ts';
import { PROFILE_SCHEMA_VERSION, type PublishedProfile, type PublishedWork } from '../model/profile.ts';

export interface RunInfo {
  readonly runId: string;
  /** ISO time of the run. */
  readonly generatedAt: string;
}

export const PROFILE_SCHEMA_URL = 'profile.schema.json';

/** A canonical publication as the website sees it, before any source enrichment. */
export function publishCanonicalWork(pub: CanonicalPublication): PublishedWork {
  const owner = pub.authors.findIndex((a) => a.owner === true);
  const ids = pub.ids ?? {};
  return {
    id: pub.id,
    status: 'canonical',
    title: pub.title,
    authors: pub.authors.map((a) => ({ name: a.name, isOwner: a.owner === true, equalContribution: a.equalContribution === true })),
    ...(owner >= 0 ? { ownerPosition: owner + 1 } : {}),
    hasEqualContribution: pub.authors.some((a) => a.equalContribution === true),
    venue: pub.venue,
    year: pub.year,
    kind: pub.kind,
    section: pub.kind === 'preprint' ? 'preprint' : 'peer-reviewed',
    ids: { ...(ids.arxiv ? { arxiv: ids.arxiv } : {}), ...(ids.doi ? { doi: ids.doi } : {}), ...(ids.dblp ? { dblp: ids.dblp } : {}) },
    links: {
      ...(ids.arxiv ? { abstract: arxivAbsUrl(ids.arxiv), pdf: arxivPdfUrl(ids.arxiv) } : {}),
      ...(ids.doi ? { doi: doiUrl(ids.doi) } : {}),
      ...(ids.dblp ? { dblp: dblpRecordUrl(ids.dblp) } : {}),
      ...Object.fromEntries(Object.entries(pub.links ?? {}).map(([k, url]) => [k, asUri(url)])),
    },
    // The owner's presentation fields, as written (a sync never changes them).
    ...(pub.selected ? { selected: true as const } : {}),
    ...(pub.preview !== undefined ? { preview: /^https:/.test(pub.preview) ? asUri(pub.preview) : pub.preview } : {}),
    ...(pub.award !== undefined ? { award: pub.award } : {}),
    ...(pub.annotation !== undefined ? { annotation: pub.annotation } : {}),
    versions: [],
    provenance: {},
  };
}

/** Newest year first; within a year, the owner's order is kept (stable sort). */
export function orderWorks(works: readonly PublishedWork[]): PublishedWork[] {
  return [...works].sort((a, b) => b.year - a.year);
}

export function buildProfile(cv: CanonicalCv, works: readonly PublishedWork[], run: RunInfo): PublishedProfile {
  const p = cv.person;
  return {
    $schema: PROFILE_SCHEMA_URL,
    schemaVersion: PROFILE_SCHEMA_VERSION,
    profile: cv.profile,
    generatedAt: run.generatedAt,
    runId: run.runId,
    person: {
      name: p.name,
      ...(p.headline ? { headline: p.headline } : {}),
      affiliation: p.affiliation,
      ...(p.email ? { email: p.email } : {}),
      ...(p.homepage ? { homepage: p.homepage } : {}),
      ...(p.researchInterests ? { researchInterests: p.researchInterests } : {}),
    },
    publications: orderWorks(works),
    talks: cv.talks.map((t) => ({ id: t.id, title: t.title, event: t.event, year: t.year })),
    reviewing: cv.activities.reviewing.map((r) => ({ venue: r.venue, ...(r.note ? { note: r.note } : {}) })),
    awards: cv.awards.map((a) => ({ ...a })),
    experience: cv.experience.map((e) => ({ ...e, highlights: [...e.highlights] })),
    education: cv.education.map((e) => ({ ...e })),
    internships: cv.internships.map((i) => i.text),
    languages: cv.languages.map((l) => ({ ...l })),
  };
}
