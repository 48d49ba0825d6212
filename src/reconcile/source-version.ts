/**
 * Source records as versions of works: an arXiv entry is a preprint; a dblp
 * informal record (CoRR, an IACR ePrint, any record dblp marks
 * publtype="informal", or one from a known preprint stream) a corr version,
 * a copy of a work rather than a work of its own; any other dblp record a
 * published version.
 */
import type { ArxivRecord } from '../sources/arxiv/arxiv-record.ts';
import type { DblpRecord } from '../sources/dblp/dblp-record.ts';
import { arxivAbsUrl, arxivPdfUrl } from '../ids/arxiv-id.ts';
import { dblpRecordUrl } from '../ids/dblp-key.ts';
import { doiKey, doiUrl } from '../ids/doi.ts';
import { normalizeTitle } from '../text/normalize-title.ts';
import type { DataTime } from '../sources/source-report.ts';

export interface VersionAuthor {
  readonly name: string;
  readonly pid?: string;
  readonly orcid?: string;
}

export interface SourceVersion {
  /** "arxiv:1905.04899" or "dblp:conf/iccv/YunHCOYC19": unique within a run. */
  readonly vid: string;
  readonly source: 'arxiv' | 'dblp';
  /** preprint = arXiv entry, corr = dblp informal record (CoRR, IACR ePrint, …), published = venue record. */
  readonly kind: 'preprint' | 'corr' | 'published';
  /** The record as its source names it: arXiv ID with version, or dblp key. */
  readonly recordId: string;
  readonly title: string;
  readonly normTitle: string;
  readonly authors: readonly VersionAuthor[];
  readonly year?: number;
  /** dblp booktitle or journal; arXiv journal_ref. */
  readonly venue?: string;
  readonly arxiv?: string;
  /** Case-folded DOI of the paper (never an arXiv DOI). */
  readonly doi?: string;
  readonly doiWritten?: string;
  readonly dblpKey?: string;
  readonly links: { readonly abstract?: string; readonly pdf?: string; readonly doi?: string; readonly dblp?: string };
  readonly arxivVersion?: number;
  readonly firstSubmitted?: string;
  readonly abstract?: string;
  /** Primary arXiv category (arXiv entries only). */
  readonly primaryCategory?: string;
  readonly journalRef?: string;
  readonly withdrawn: boolean;
  /** dblp record element (inproceedings, article, …). */
  readonly recordType?: string;
  /** When the snapshot holding this record was fetched from the source (absent when unknown: see DataTime). */
  readonly time: DataTime;
  /** True for records from the owner's dblp page (matched by pid). */
  readonly onOwnerPage: boolean;
}

/** Year of first submission: from v1's date, else from a new-scheme ID (YYMM.NNNNN fixes the month). */
function arxivYear(r: ArxivRecord): number | undefined {
  if (r.published) return Number(r.published.slice(0, 4));
  const yymm = /^(\d{2})(\d{2})\.\d{4,5}$/.exec(r.id);
  return yymm ? 2000 + Number(yymm[1]) : undefined;
}

export function fromArxiv(r: ArxivRecord, time: DataTime): SourceVersion {
  const year = arxivYear(r);
  return {
    vid: `arxiv:${r.id}`,
    source: 'arxiv',
    kind: 'preprint',
    recordId: r.version !== undefined ? `${r.id}v${r.version}` : r.id,
    title: r.title,
    normTitle: normalizeTitle(r.titlePlain),
    authors: r.authors.map((a) => ({ name: a.name })),
    ...(year ? { year } : {}),
    ...(r.journalRef ? { venue: r.journalRef, journalRef: r.journalRef } : {}),
    arxiv: r.id,
    ...(r.doi ? { doi: doiKey(r.doi), doiWritten: r.doi } : {}),
    links: { abstract: arxivAbsUrl(r.id), pdf: arxivPdfUrl(r.id), ...(r.doi ? { doi: doiUrl(r.doi) } : {}) },
    ...(r.version !== undefined ? { arxivVersion: r.version } : {}),
    ...(r.published ? { firstSubmitted: r.published } : {}),
    ...(r.abstract ? { abstract: r.abstract } : {}),
    ...(r.primaryCategory ? { primaryCategory: r.primaryCategory } : {}),
    withdrawn: false,
    time,
    onOwnerPage: false,
  };
}

/** dblp's streams of preprints and reports (their records are copies of works published elsewhere, or not yet). */
const PREPRINT_STREAMS = /^journals\/(?:corr|iacr|eccc|biorxiv|medrxiv|chemrxiv|techrxiv|ssrn)\//;

/** An informal dblp record: CoRR, dblp's publtype "informal" (also "informal withdrawn"), or a preprint stream's key. */
export function isInformal(r: Pick<DblpRecord, 'key' | 'publtype' | 'isCorr'>): boolean {
  return r.isCorr || (r.publtype?.split(/\s+/).includes('informal') ?? false) || PREPRINT_STREAMS.test(r.key);
}

export function fromDblp(r: DblpRecord, time: DataTime, ownerPid: string | undefined): SourceVersion {
  return {
    vid: `dblp:${r.key}`,
    source: 'dblp',
    kind: isInformal(r) ? 'corr' : 'published',
    recordId: r.key,
    title: r.title,
    normTitle: normalizeTitle(r.title),
    authors: r.authors.map((a) => ({ name: a.name, ...(a.pid ? { pid: a.pid } : {}), ...(a.orcid ? { orcid: a.orcid } : {}) })),
    ...(r.year !== undefined ? { year: r.year } : {}),
    ...(r.isCorr ? {} : r.booktitle || r.journal ? { venue: r.booktitle ?? r.journal } : {}),
    ...(r.arxivId ? { arxiv: r.arxivId } : {}),
    ...(r.doi ? { doi: doiKey(r.doi), doiWritten: r.doi } : {}),
    dblpKey: r.key,
    links: { dblp: dblpRecordUrl(r.key), ...(r.doi ? { doi: doiUrl(r.doi) } : {}) },
    withdrawn: r.publtype?.includes('withdrawn') === true,
    recordType: r.type,
    time,
    onOwnerPage: ownerPid !== undefined && r.authors.some((a) => a.pid === ownerPid),
  };
}
