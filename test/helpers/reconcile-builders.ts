/** Small hand-made inputs for reconcile(): canonical records, arXiv records, a dblp person. */
import type { ProfileConfig } from '../../src/canonical/config-schema.ts';
import type { CanonicalCv, CanonicalPublication } from '../../src/canonical/cv-schema.ts';
import { NO_DECISIONS, type Decisions } from '../../src/canonical/decisions.ts';
import type { ReconcileInput } from '../../src/reconcile/reconcile.ts';
import type { SourceHealth } from '../../src/model/report.ts';
import type { ArxivRecord } from '../../src/sources/arxiv/arxiv-record.ts';
import type { DblpPerson, DblpRecord } from '../../src/sources/dblp/dblp-record.ts';
import type { PublishedProfile } from '../../src/model/profile.ts';

export const OWNER = 'Ada Owner';
export const OWNER_PID = '11/1111';

export function pub(id: string, title: string, authors: string[], over: Partial<CanonicalPublication> = {}): CanonicalPublication {
  return {
    id,
    kind: 'conference',
    venue: "CONF'20",
    year: 2020,
    title,
    authors: authors.map((n) => ({ name: n.replace(/\*$/, ''), ...(n.replace(/\*$/, '') === OWNER ? { owner: true as const } : {}), ...(n.endsWith('*') ? { equalContribution: true as const } : {}) })),
    ...over,
  };
}

export function cvWith(publications: CanonicalPublication[]): CanonicalCv {
  return {
    schemaVersion: 1,
    profile: 'ada',
    person: { name: OWNER, nameVariants: ['A. Owner'], affiliation: 'Somewhere' },
    publications,
    talks: [],
    activities: { reviewing: [] },
    awards: [],
    experience: [],
    internships: [],
    languages: [],
    education: [],
  };
}

export const config: ProfileConfig = {
  schemaVersion: 1,
  profile: 'ada',
  contact: 'ada@example.org',
  sources: {
    arxiv: { enabled: true, authorNames: [OWNER], discoverMaxResults: 200, pageSize: 100, minIntervalSeconds: 3 },
    dblp: { enabled: true, minIntervalSeconds: 1 },
  },
  publishing: { publishUnreviewedCandidates: false, shrinkTolerance: 0.2 },
};

export function arxiv(id: string, title: string, authors: string[], over: Partial<ArxivRecord> = {}): ArxivRecord {
  return {
    id,
    version: 1,
    title,
    titlePlain: title,
    abstract: `Abstract of ${id}.`,
    abstractPlain: `Abstract of ${id}.`,
    authors: authors.map((name) => ({ name, affiliations: [] })),
    published: `20${id.slice(0, 2)}-${id.slice(2, 4)}-10T00:00:00Z`,
    categories: ['cs.LG'],
    links: { abstract: `https://arxiv.org/abs/${id}v1`, pdf: `https://arxiv.org/pdf/${id}v1` },
    ...over,
  };
}

export function dblp(key: string, title: string, authors: string[], year: number, over: Partial<DblpRecord> = {}): DblpRecord {
  const isCorr = key.startsWith('journals/corr/');
  return {
    key,
    type: isCorr ? 'article' : 'inproceedings',
    ...(isCorr ? { publtype: 'informal', journal: 'CoRR', arxivId: key.slice('journals/corr/abs-'.length).replace('-', '.') } : { booktitle: 'CONF' }),
    authors: authors.map((name, i) => ({ name, dblpName: name, pid: name === OWNER ? OWNER_PID : `9${i}/${name.length}` })),
    editors: [],
    title,
    year,
    ee: [],
    isCorr,
    ...over,
  };
}

export function person(records: DblpRecord[]): DblpPerson {
  return { name: OWNER, dblpName: OWNER, pid: OWNER_PID, affiliations: [], urls: [], records, editorOnly: [], homonyms: [], coauthors: [], problems: [] };
}

const health = (source: 'arxiv' | 'dblp', status: SourceHealth['status'] = 'ok'): SourceHealth => ({ source, status, mode: 'live', requests: 1, statuses: [200], records: 0, reasons: [], dataFrom: 'R2' });

export function input(cv: CanonicalCv, arxivRecords: ArxivRecord[], dblpRecords: DblpRecord[] | undefined, over: { decisions?: Decisions; previous?: PublishedProfile; arxivAvailable?: boolean; dblpAvailable?: boolean; config?: ProfileConfig } = {}): ReconcileInput {
  const arxivAvailable = over.arxivAvailable ?? true;
  const dblpAvailable = over.dblpAvailable ?? dblpRecords !== undefined;
  return {
    cv,
    config: over.config ?? config,
    decisions: over.decisions ?? NO_DECISIONS,
    arxiv: { health: health('arxiv', arxivAvailable ? 'ok' : 'degraded'), records: arxivAvailable ? arxivRecords : [], time: { fetchedAt: '2026-11-28T03:00:00Z' }, available: arxivAvailable },
    dblp: { health: health('dblp', dblpAvailable ? 'ok' : 'degraded'), ...(dblpRecords && dblpAvailable ? { person: person(dblpRecords) } : {}), time: { fetchedAt: '2026-11-28T03:00:01Z' }, available: dblpAvailable },
    ...(over.previous ? { previous: over.previous } : {}),
    run: { runId: '20261128T030000Z', generatedAt: '2026-11-28T03:00:00.000Z' },
  };
}
