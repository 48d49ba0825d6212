/**
 * Accepting a "now published" version event: the canonical record of the
 * preprint becomes the published paper. cv.json is edited in place (only the
 * decided bytes change): kind (conference, workshop or journal, from the dblp
 * record), the venue label in the owner's own style (e.g. "ICLR'21", from the
 * venue and year), the year, and the identifiers the published version has
 * (dblp key, DOI, and the arXiv ID of the preprint it was linked by). The
 * title and authors stay as the owner wrote them: their differences are
 * separate report items the owner decides on.
 */
import type { CanonicalCv, PublicationKind } from '../canonical/cv-schema.ts';
import { replaceValue, setProperty } from '../canonical/json-edit.ts';
import type { PublishedProfile } from '../model/profile.ts';
import type { VersionEvent } from '../model/report.ts';
import { labelStyleOf, ownerStyleLabel, venueFromDblp } from '../text/venue-names.ts';
import { ReviewError } from './pending.ts';

/** What the published version says, read from the published profile's linked versions. */
export interface AcceptedVersion {
  readonly dblpKey: string;
  readonly venue: string;
  readonly year: number;
  readonly doi?: string;
  readonly arxiv?: string;
}

/** The published version an event names, as the published profile links it to the work. */
export function acceptedVersionOf(event: VersionEvent, profile: PublishedProfile | undefined): AcceptedVersion {
  const work = profile?.publications.find((w) => w.id === event.workId);
  const key = /:published:(.+)$/.exec(event.id)?.[1];
  const version = work?.versions.find((v) => v.kind === 'published' && v.recordId === key);
  if (!work || !version || version.source !== 'dblp') throw new ReviewError(`the published profile does not link ${key ?? 'the version'} to ${event.workId}; run a new sync first`);
  if (version.year === undefined || version.venue === undefined) throw new ReviewError(`dblp ${version.recordId} gives no venue or year; the version cannot be accepted as it is`);
  const doiFrom = work.provenance['ids.doi'];
  return {
    dblpKey: version.recordId,
    venue: version.venue,
    year: version.year,
    ...(work.ids.doi && doiFrom?.recordId === version.recordId ? { doi: work.ids.doi } : {}),
    ...(work.ids.arxiv ? { arxiv: work.ids.arxiv } : {}),
  };
}

/** The kind of work a dblp record is: its key says conference or journal, its venue a workshop. */
export function kindOfDblpRecord(key: string, venue: string): PublicationKind {
  if (key.startsWith('journals/')) return 'journal';
  if (key.startsWith('conf/')) return venueFromDblp(venue).track === 'workshop' ? 'workshop' : 'conference';
  return 'other';
}

/** The event's work is no longer a preprint in the records (an earlier attempt, or another session, accepted it). */
export function isVersionAccepted(cv: CanonicalCv, event: VersionEvent): boolean {
  const pub = cv.publications.find((p) => p.id === event.workId);
  return pub !== undefined && pub.kind !== 'preprint';
}

/** cv.json's text with the event's work turned into its accepted published version. */
export function applyAcceptVersion(text: string, cv: CanonicalCv, event: VersionEvent, version: AcceptedVersion): string {
  const index = cv.publications.findIndex((p) => p.id === event.workId);
  if (index < 0) throw new ReviewError(`work "${event.workId}" is no longer in the canonical records`);
  const pub = cv.publications[index]!;
  if (pub.kind !== 'preprint') throw new ReviewError(`${pub.id} is already a ${pub.kind} paper (${pub.venue}); nothing to accept`);
  const path = ['publications', index] as const;
  const label = ownerStyleLabel(venueFromDblp(version.venue), version.year, labelStyleOf(cv.publications.map((p) => p.venue)));
  let out = replaceValue(text, [...path, 'kind'], kindOfDblpRecord(version.dblpKey, version.venue));
  out = replaceValue(out, [...path, 'venue'], label);
  out = replaceValue(out, [...path, 'year'], version.year);
  const ids: Array<[string, string]> = [
    ['arxiv', version.arxiv],
    ['doi', version.doi],
    ['dblp', version.dblpKey],
  ].filter((e): e is [string, string] => e[1] !== undefined);
  const current = (pub.ids ?? {}) as Record<string, string | undefined>;
  // An identifier the owner wrote stays, except a CoRR key where the paper's own dblp key now belongs.
  const missing = ids.filter(([k]) => current[k] === undefined || (k === 'dblp' && current[k]!.startsWith('journals/corr/')));
  if (missing.length === 0) return out;
  if (pub.ids === undefined) return setProperty(out, path, 'ids', Object.fromEntries(missing), 'authors');
  for (const [k, v] of missing) out = setProperty(out, [...path, 'ids'], k, v);
  return out;
}
