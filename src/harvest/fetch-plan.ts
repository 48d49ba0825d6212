/**
 * What the fetchers need from a profile, derived from its validated canonical
 * records and config: the owner's name forms, the CV's co-authors and arXiv
 * IDs, the sources' settings, the contact. The CLI derives it in memory; a
 * deploy writes it as canonical/<profile>/fetch-plan.json, so the Lambda
 * fetchers read a small document instead of validating the whole CV.
 */
import type { ProfileConfig } from '../canonical/config-schema.ts';
import { normalizeName } from '../text/normalize-name.ts';
import type { ProfileInput } from '../canonical/profile-input.ts';

export const FETCH_PLAN_VERSION = 1;

export interface FetchPlan {
  readonly planVersion: number;
  readonly profile: string;
  readonly contact: string;
  readonly personName: string;
  readonly ownerNames: readonly string[];
  readonly coauthors: readonly string[];
  /** arXiv IDs written in the canonical records. */
  readonly arxivIds: readonly string[];
  readonly sources: ProfileConfig['sources'];
}

export function fetchPlanFor(input: ProfileInput): FetchPlan {
  const ownerNames = [input.cv.person.name, ...input.cv.person.nameVariants];
  const owner = new Set(ownerNames.map(normalizeName));
  return {
    planVersion: FETCH_PLAN_VERSION,
    profile: input.profile,
    contact: input.config.contact,
    personName: input.cv.person.name,
    ownerNames,
    coauthors: [...new Set(input.cv.publications.flatMap((p) => p.authors.filter((a) => !a.owner && !owner.has(normalizeName(a.name))).map((a) => a.name)))],
    arxivIds: input.cv.publications.flatMap((p) => (p.ids?.arxiv ? [p.ids.arxiv] : [])),
    sources: input.config.sources,
  };
}

export class FetchPlanError extends Error {
  override name = 'FetchPlanError';
}

/** The one parser of fetch-plan.json: checks every field it reads and names the one that is wrong. */
export function parseFetchPlan(text: string, document: string): FetchPlan {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new FetchPlanError(`${document}: invalid JSON: ${(e as Error).message}`);
  }
  const fail = (path: string, what: string): never => {
    throw new FetchPlanError(`${document}: ${path}: ${what}`);
  };
  const obj = (v: unknown, path: string): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(path, 'expected an object'));
  const str = (v: unknown, path: string): string => (typeof v === 'string' && v !== '' ? v : fail(path, 'expected a non-empty string'));
  const num = (v: unknown, path: string): number => (typeof v === 'number' && Number.isFinite(v) ? v : fail(path, 'expected a number'));
  const bool = (v: unknown, path: string): boolean => (typeof v === 'boolean' ? v : fail(path, 'expected true or false'));
  const strs = (v: unknown, path: string): string[] => (Array.isArray(v) ? v.map((x, i) => str(x, `${path}[${i}]`)) : fail(path, 'expected an array of strings'));
  const root = obj(doc, '(document)');
  if (root['planVersion'] !== FETCH_PLAN_VERSION) fail('planVersion', `expected ${FETCH_PLAN_VERSION}`);
  const sources = obj(root['sources'], 'sources');
  const a = obj(sources['arxiv'], 'sources.arxiv');
  const d = obj(sources['dblp'], 'sources.dblp');
  const interval = num(a['minIntervalSeconds'], 'sources.arxiv.minIntervalSeconds');
  if (interval < 3) fail('sources.arxiv.minIntervalSeconds', 'must be at least 3');
  return {
    planVersion: FETCH_PLAN_VERSION,
    profile: str(root['profile'], 'profile'),
    contact: str(root['contact'], 'contact'),
    personName: str(root['personName'], 'personName'),
    ownerNames: strs(root['ownerNames'], 'ownerNames'),
    coauthors: strs(root['coauthors'], 'coauthors'),
    arxivIds: strs(root['arxivIds'], 'arxivIds'),
    sources: {
      arxiv: {
        enabled: bool(a['enabled'], 'sources.arxiv.enabled'),
        authorNames: strs(a['authorNames'], 'sources.arxiv.authorNames'),
        ...(a['discoverSince'] !== undefined ? { discoverSince: str(a['discoverSince'], 'sources.arxiv.discoverSince') } : {}),
        discoverMaxResults: num(a['discoverMaxResults'], 'sources.arxiv.discoverMaxResults'),
        pageSize: num(a['pageSize'], 'sources.arxiv.pageSize'),
        minIntervalSeconds: interval,
      },
      dblp: {
        enabled: bool(d['enabled'], 'sources.dblp.enabled'),
        ...(d['pid'] !== undefined ? { pid: str(d['pid'], 'sources.dblp.pid') } : {}),
        ...(d['searchName'] !== undefined ? { searchName: str(d['searchName'], 'sources.dblp.searchName') } : {}),
        minIntervalSeconds: Math.max(1, num(d['minIntervalSeconds'], 'sources.dblp.minIntervalSeconds')),
      },
    },
  };
}
