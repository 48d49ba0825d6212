/** The diff report (reports/<profile>/<run-id>/diff.json): what a program acts on. */
import type { SpellingGroup } from '../text/author-spellings.ts';
import { FROM_DAILY_DUMP, type SourceName, type SyntheticRecord } from '../sources/source-report.ts';

export const REPORT_SCHEMA_VERSION = 1;

export interface SourceHealth {
  readonly source: SourceName;
  readonly status: 'ok' | 'degraded' | 'skipped';
  readonly mode: 'live' | 'replay';
  readonly requests: number;
  readonly statuses: readonly number[];
  readonly records: number;
  readonly reasons: readonly string[];
  /** When this run's data could not be used: the snapshot used instead (fetchedAt: when its data was fetched, absent when unknown). */
  readonly usedSnapshot?: { readonly runId: string; readonly fetchedAt?: string; readonly ageHours: number };
  /** The source's data this run is from (this run or the snapshot). */
  readonly dataFrom: string;
  /** When that data was fetched from the source (for a replay: captured); absent when unknown. */
  readonly fetchedAt?: string;
  /** Replayed data: "replayed" or "replayed, capture time unknown"; dblp read from its daily dump: "from the daily dump" (fetchedAt is the dump's date). */
  readonly capture?: string;
  /** Replayed data only: records of the recording that are synthetic stand-ins, not real data. */
  readonly synthetic?: readonly SyntheticRecord[];
}

/** "run 2026…, fetched <time>" / "…, replayed, capture time unknown": what the report's "data from" column says. */
export function dataFromText(h: Pick<SourceHealth, 'dataFrom' | 'fetchedAt' | 'capture'>): string {
  if (h.dataFrom === 'none') return 'none';
  const when =
    h.capture === 'replayed' && h.fetchedAt
      ? `replayed, captured ${h.fetchedAt}`
      : h.capture === FROM_DAILY_DUMP && h.fetchedAt
        ? `dblp's daily dump of ${h.fetchedAt}`
        : (h.capture ?? (h.fetchedAt ? `fetched ${h.fetchedAt}` : undefined));
  return when ? `${h.dataFrom} (${when})` : h.dataFrom;
}

export interface Evidence {
  readonly sources: readonly SourceName[];
  readonly ids: readonly string[];
  readonly sharedCoauthors: readonly string[];
  readonly onOwnerDblpPage: boolean;
  readonly ownerNameInAuthors: boolean;
}

export interface CandidateItem {
  readonly id: string;
  readonly workId: string;
  readonly title: string;
  readonly authors: readonly string[];
  readonly year?: number;
  readonly venue?: string;
  readonly confidence: 'high' | 'medium' | 'low';
  readonly reason: string;
  readonly evidence: Evidence;
  readonly versions: readonly string[];
  readonly links: Readonly<Record<string, string>>;
  readonly decision?: 'accept' | 'reject';
  /** Set when its evidence is a synthetic stand-in of a recording (not a real paper): why the record is there. */
  readonly synthetic?: string;
}

export interface DifferenceItem {
  readonly id: string;
  readonly workId: string;
  readonly workTitle: string;
  /** "title", "authors", "authors.order", "authors[4].name", "ids.doi", … */
  readonly field: string;
  readonly canonical: string;
  readonly source: string;
  /** Where the source value comes from: "arxiv 2006.08217v3", "dblp conf/iclr/HeoCOHYKUH21". */
  readonly from: readonly string[];
  readonly note: string;
  readonly decision?: 'keep-mine' | 'accept-theirs';
}

export interface VersionEvent {
  readonly id: string;
  readonly workId: string;
  readonly workTitle: string;
  readonly kind: 'published' | 'new-arxiv-version';
  readonly detail: string;
}

export interface ConflictItem {
  readonly id: string;
  /** The records left apart (at most MAX_CONFLICT_VERSIONS listed). */
  readonly versions: readonly string[];
  readonly reason: string;
  /** Records of this conflict not listed in `versions` (the report stays bounded). */
  readonly moreVersions?: number;
}

/** The nearest source version to a CV work that stayed unlinked, and why it was not linked. */
export interface NearMatch {
  /** "dblp conf/assets/MarquezF19", "arxiv 2001.00001v2". */
  readonly version: string;
  /** Title similarity in [0, 1], two decimals. */
  readonly similarity: number;
  /** What kept it apart, what agrees, and the identifier to write in cv.json to link it. */
  readonly reason: string;
}

/** Conflicts listed in a report, and records listed per conflict: the rest are counted, not listed. */
export const MAX_CONFLICTS_LISTED = 200;
export const MAX_CONFLICT_VERSIONS = 50;

export interface NotFoundItem {
  readonly id: string;
  readonly workId: string;
  readonly title: string;
  readonly venue: string;
  /** Present when a source holds something close (title similarity ≥ 0.6). */
  readonly nearMatch?: NearMatch;
}

export interface ProfileChange {
  readonly id: string;
  readonly workId: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly field?: string;
  readonly before?: string;
  readonly after?: string;
}

export interface Report {
  readonly schemaVersion: number;
  readonly profile: string;
  readonly runId: string;
  readonly generatedAt: string;
  readonly summary: {
    readonly canonicalWorks: number;
    readonly linkedWorks: number;
    readonly newCandidates: number;
    readonly pendingCandidates: number;
    readonly upstreamDifferences: number;
    readonly pendingDifferences: number;
    readonly versionEvents: number;
    readonly notFound: number;
    readonly conflicts: number;
    readonly profileChanges: number;
    readonly pendingReview: number;
  };
  readonly sources: readonly SourceHealth[];
  readonly candidates: readonly CandidateItem[];
  readonly differences: readonly DifferenceItem[];
  readonly events: readonly VersionEvent[];
  readonly conflicts: readonly ConflictItem[];
  /** Conflicts not listed (beyond MAX_CONFLICTS_LISTED); summary.conflicts counts them all. */
  readonly conflictsLeftOut?: number;
  readonly notFound: readonly NotFoundItem[];
  readonly changes: readonly ProfileChange[];
  /** Co-authors the CV writes more than one way, and the one spelling published (src/text/author-spellings.ts). */
  readonly authorSpellings?: readonly SpellingGroup[];
  /** Notes on what the owner's website will show, e.g. that no work is marked selected (so short lists are empty). */
  readonly notices?: readonly string[];
}
