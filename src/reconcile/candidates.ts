/**
 * New candidates: works in the sources that name the owner but match no
 * canonical record. Each gets evidence and a confidence with its reason; a
 * homonym's paper (no co-author in common) never comes out high.
 */
import type { PublishedWork } from '../model/profile.ts';
import { identifiersOf, workIdFor } from './ids.ts';
import type { People } from './owner.ts';
import type { CandidateItem } from '../model/report.ts';
import { pickVersions, publishedVersions } from './enrich.ts';
import type { SourceVersion } from './source-version.ts';
import { arxivAbsUrl, arxivPdfUrl } from '../ids/arxiv-id.ts';
import { dblpRecordUrl } from '../ids/dblp-key.ts';
import { doiUrl } from '../ids/doi.ts';
import { sourceVenueLabel } from '../text/venue-names.ts';

export function isOwnersWork(versions: readonly SourceVersion[], people: People): boolean {
  return versions.some((v) => v.onOwnerPage || v.authors.some((a) => people.isOwner(a)));
}

export function assessCandidate(versions: readonly SourceVersion[], people: People, workId = workIdFor(versions)): Omit<CandidateItem, 'decision'> {
  const { preprint, published, arxivFrom, doiFrom, dblpFrom } = pickVersions(versions);
  const main = published ?? preprint ?? versions[0]!;
  const sources = [...new Set(versions.map((v) => v.source))].sort();
  const shared = [...new Set(versions.flatMap((v) => people.sharedCoauthors(v.authors)))].sort();
  const onPage = versions.some((v) => v.onOwnerPage);
  const named = versions.some((v) => v.source === 'arxiv' && v.authors.some((a) => people.isOwnerName(a.name)));
  const soleAuthor = main.authors.length === 1;
  let confidence: CandidateItem['confidence'];
  let reason: string;
  if (shared.length > 0 && (onPage || shared.length >= 2)) {
    confidence = 'high';
    reason = `${onPage ? "on the owner's dblp page" : 'the owner is named'} with ${shared.length} co-author${shared.length > 1 ? 's' : ''} from the CV (${shared.join(', ')})`;
  } else if (shared.length === 1) {
    confidence = 'medium';
    reason = `the owner is named with one co-author from the CV (${shared[0]}); not on the owner's dblp page`;
  } else if (onPage && named) {
    confidence = 'medium';
    reason = soleAuthor
      ? "single-author work found on both arXiv and the owner's dblp page"
      : "found on both arXiv (owner's name) and the owner's dblp page, but no co-author from the CV";
  } else if (onPage) {
    confidence = 'low';
    reason = "on the owner's dblp page, but no co-author from the CV and no arXiv record: possibly a homonym's paper misassigned by dblp";
  } else {
    confidence = 'low';
    reason = "only the owner's name matches (arXiv), no co-author from the CV: possibly a homonym";
  }
  const arxiv = arxivFrom?.arxiv;
  return {
    id: `cand:${workId}`,
    workId,
    title: main.title,
    authors: main.authors.map((a) => a.name),
    ...(main.year !== undefined ? { year: main.year } : {}),
    ...(published?.venue ? { venue: published.venue } : {}),
    confidence,
    reason,
    evidence: { sources, ids: identifiersOf(versions), sharedCoauthors: shared, onOwnerDblpPage: onPage, ownerNameInAuthors: named || versions.some((v) => v.authors.some((a) => people.isOwnerName(a.name))) },
    versions: versions.map((v) => `${v.source} ${v.recordId}`).sort(),
    links: {
      ...(arxiv ? { abstract: arxivAbsUrl(arxiv), pdf: arxivPdfUrl(arxiv) } : {}),
      ...(doiFrom?.doiWritten ? { doi: doiUrl(doiFrom.doiWritten) } : {}),
      ...(dblpFrom?.dblpKey ? { dblp: dblpRecordUrl(dblpFrom.dblpKey) } : {}),
    },
  };
}

/** A venue label in the CV's style: "ICLR'21", "arXiv'26" (a CoRR record carries no venue), an ePrint's own stream. */
export function venueLabel(v: SourceVersion): string {
  return sourceVenueLabel(v.venue, v.year, v.source === 'arxiv' || (v.kind !== 'published' && v.venue === undefined));
}

/**
 * A found work as the website sees it (status accepted, or candidate when the
 * policy publishes those); undefined when no version gives a year (a work is
 * never published as of year 0).
 */
export function publishFoundWork(versions: readonly SourceVersion[], people: People, status: 'accepted' | 'candidate', workId: string): PublishedWork | undefined {
  const { preprint, published, arxivFrom, doiFrom, dblpFrom } = pickVersions(versions);
  const main = published ?? preprint ?? versions[0]!;
  const year = main.year ?? versions.find((v) => v.year !== undefined)?.year;
  if (year === undefined) return undefined;
  const owner = main.authors.findIndex((a) => people.isOwner(a));
  const provenance: PublishedWork['provenance'] = {};
  const p = (v: SourceVersion | undefined) => (v ? { source: v.source, recordId: v.recordId, ...v.time } : undefined);
  const fields: Array<[string, SourceVersion | undefined]> = [
    ['title', main],
    ['authors', main],
    ['ids.arxiv', arxivFrom?.arxiv ? arxivFrom : undefined],
    ['ids.doi', doiFrom?.doiWritten ? doiFrom : undefined],
    ['ids.dblp', dblpFrom],
  ];
  for (const [path, v] of fields) {
    const pv = p(v);
    if (pv) provenance[path] = pv;
  }
  const kind: PublishedWork['kind'] =
    main.kind !== 'published' ? 'preprint' : main.recordType === 'inproceedings' ? 'conference' : main.recordType === 'article' ? 'journal' : main.recordType === 'incollection' ? 'book-chapter' : 'other';
  const arxiv = arxivFrom?.arxiv;
  return {
    id: workId,
    status,
    title: main.title,
    authors: main.authors.map((a, i) => ({ name: a.name, isOwner: i === owner, equalContribution: false })),
    ...(owner >= 0 ? { ownerPosition: owner + 1 } : {}),
    hasEqualContribution: false,
    venue: venueLabel(main),
    year,
    kind,
    section: kind === 'preprint' ? 'preprint' : 'peer-reviewed',
    ids: {
      ...(arxiv ? { arxiv } : {}),
      ...(doiFrom?.doiWritten ? { doi: doiFrom.doiWritten } : {}),
      ...(dblpFrom?.dblpKey ? { dblp: dblpFrom.dblpKey } : {}),
    },
    links: {
      ...(arxiv ? { abstract: arxivAbsUrl(arxiv), pdf: arxivPdfUrl(arxiv) } : {}),
      ...(doiFrom?.doiWritten ? { doi: doiUrl(doiFrom.doiWritten) } : {}),
      ...(dblpFrom?.dblpKey ? { dblp: dblpRecordUrl(dblpFrom.dblpKey) } : {}),
    },
    ...(preprint?.arxivVersion !== undefined ? { arxivVersion: preprint.arxivVersion } : {}),
    ...(preprint?.firstSubmitted ? { firstSubmitted: preprint.firstSubmitted } : {}),
    ...(preprint?.abstract ? { abstract: preprint.abstract } : {}),
    versions: publishedVersions(versions),
    provenance,
  };
}
