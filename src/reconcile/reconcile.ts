/**
 * Reconciliation: a pure, deterministic function
 *   (canonical records, owner decisions, parsed source records, previous profile) -> (profile, report).
 * Same inputs, same bytes out. No I/O here; reconcile-stage.ts feeds it.
 */
import type { ProfileConfig } from '../canonical/config-schema.ts';
import type { CanonicalCv } from '../canonical/cv-schema.ts';
import { buildProfile, publishCanonicalWork, type RunInfo } from './build-profile.ts';
import type { PublishedProfile, PublishedWork } from '../model/profile.ts';
import type { ArxivRecord } from '../sources/arxiv/arxiv-record.ts';
import type { DblpPerson } from '../sources/dblp/dblp-record.ts';
import { assessCandidate, isOwnersWork, publishFoundWork } from './candidates.ts';
import type { Decisions } from '../canonical/decisions.ts';
import { DecisionBook } from './decision-book.ts';
import { upstreamDifferences } from './differences.ts';
import { carryOver, enrichWork, pickVersions, stableProvenance } from './enrich.ts';
import { groupVersions } from './group-versions.ts';
import { identifiersOf, shortHash, workIdFor } from './ids.ts';
import { matchCanonical } from './match-canonical.ts';
import { People } from './owner.ts';
import { profileChanges } from './profile-changes.ts';
import { REPORT_SCHEMA_VERSION, type CandidateItem, type ConflictItem, type DifferenceItem, type NotFoundItem, type Report, type SourceHealth, type VersionEvent } from '../model/report.ts';
import { fromArxiv, fromDblp, type SourceVersion } from './source-version.ts';

export interface ArxivInput {
  readonly health: SourceHealth;
  /** Records from this run, or from the last good snapshot (health.usedSnapshot says which). */
  readonly records: readonly ArxivRecord[];
  readonly fetchedAt: string;
  /** False when neither this run nor a snapshot gave usable data. */
  readonly available: boolean;
}

export interface DblpInput {
  readonly health: SourceHealth;
  readonly person?: DblpPerson;
  readonly fetchedAt: string;
  readonly available: boolean;
}

export interface ReconcileInput {
  readonly cv: CanonicalCv;
  readonly config: ProfileConfig;
  readonly decisions: Decisions;
  readonly arxiv: ArxivInput;
  readonly dblp: DblpInput;
  readonly previous?: PublishedProfile;
  readonly run: RunInfo;
}

export interface ReconcileOutput {
  readonly profile: PublishedProfile;
  readonly report: Report;
  /** canonical id → linked source versions (for evaluation and tests). */
  readonly links: ReadonlyMap<string, readonly string[]>;
}

function sourceVersions(input: ReconcileInput): SourceVersion[] {
  // Several pages may return the same paper: keep its latest version.
  const latest = new Map<string, ArxivRecord>();
  for (const r of input.arxiv.records) {
    const seen = latest.get(r.id);
    if (!seen || (seen.version ?? 0) < (r.version ?? 0)) latest.set(r.id, r);
  }
  const versions = [...latest.values()].map((r) => fromArxiv(r, input.arxiv.fetchedAt));
  const person = input.dblp.person;
  if (person) versions.push(...person.records.map((r) => fromDblp(r, input.dblp.fetchedAt, person.pid)));
  return versions.filter((v) => !v.withdrawn);
}

export function reconcile(input: ReconcileInput): ReconcileOutput {
  const { cv } = input;
  const book = new DecisionBook(input.decisions);
  const { groups, conflicts: linkConflicts } = groupVersions(sourceVersions(input));
  const previousWorks = new Map((input.previous?.publications ?? []).map((w) => [w.id, w]));

  // Co-authors of works the owner accepted count as known co-authors too.
  const acceptedGroups = groups.filter((g) => book.forIdentifiers(identifiersOf(g)) === 'accept');
  const people = new People(cv, input.dblp.person?.pid, acceptedGroups.flatMap((g) => g.flatMap((v) => v.authors.map((a) => a.name))));
  const match = matchCanonical(cv.publications, groups, people);
  const unavailable = new Set<'arxiv' | 'dblp'>([...(input.arxiv.available ? [] : ['arxiv' as const]), ...(input.dblp.available ? [] : ['dblp' as const])]);

  const works: PublishedWork[] = [];
  const differences: DifferenceItem[] = [];
  const events: VersionEvent[] = [];
  const notFound: NotFoundItem[] = [];
  const links = new Map<string, string[]>();

  cv.publications.forEach((pub, ci) => {
    const gi = match.links.get(ci);
    const versions = gi === undefined ? [] : groups[gi]!;
    const base = publishCanonicalWork(pub);
    const previousWork = previousWorks.get(pub.id);
    const enriched = stableProvenance(carryOver(versions.length ? enrichWork(base, versions) : base, previousWork, unavailable), previousWork);
    works.push(enriched);
    links.set(pub.id, versions.map((v) => v.vid).sort());
    if (versions.length === 0) {
      notFound.push({ id: `notfound:${pub.id}`, workId: pub.id, title: pub.title, venue: pub.venue });
      return;
    }
    for (const d of upstreamDifferences(pub, pub.id, versions)) {
      const decided = book.get(d.id)?.action;
      differences.push({ ...d, ...(decided === 'keep-mine' || decided === 'accept-theirs' ? { decision: decided } : {}) });
    }
    const { published } = pickVersions(versions);
    if (pub.kind === 'preprint' && published) {
      events.push({
        id: `event:${pub.id}:published:${published.recordId}`,
        workId: pub.id,
        workTitle: pub.title,
        kind: 'published',
        detail: `the preprint is now published: ${published.venue ?? 'a venue'} ${published.year ?? ''} (dblp ${published.recordId})`.replace(/\s+\(/, ' ('),
      });
    }
    const prev = previousWorks.get(pub.id)?.arxivVersion;
    if (prev !== undefined && enriched.arxivVersion !== undefined && enriched.arxivVersion > prev) {
      events.push({ id: `event:${pub.id}:arxiv-v${enriched.arxivVersion}`, workId: pub.id, workTitle: pub.title, kind: 'new-arxiv-version', detail: `new arXiv version v${enriched.arxivVersion} (was v${prev})` });
    }
  });

  // Works the owner has not listed: candidates, or accepted works.
  const linked = new Set(match.links.values());
  const candidates: CandidateItem[] = [];
  const stableIds = new Map<string, string>();
  for (const w of input.previous?.publications ?? []) for (const v of w.versions) stableIds.set(`${v.source}:${v.recordId.replace(/v\d+$/, '')}`, w.id);
  groups.forEach((g, gi) => {
    if (linked.has(gi) || !isOwnersWork(g, people)) return;
    const workId = g.map((v) => stableIds.get(v.vid)).find((x) => x !== undefined) ?? workIdFor(g);
    const decided = book.forIdentifiers(identifiersOf(g)) ?? book.get(`cand:${workId}`)?.action;
    if (decided === 'reject') return;
    const item = assessCandidate(g, people, workId);
    if (decided === 'accept') {
      works.push(stableProvenance(publishFoundWork(g, people, 'accepted', workId), previousWorks.get(workId)));
      return;
    }
    candidates.push(item);
    if (input.config.publishing.publishUnreviewedCandidates && item.confidence !== 'low') {
      works.push(stableProvenance(publishFoundWork(g, people, 'candidate', workId), previousWorks.get(workId)));
    }
  });
  // Accepted works a quiet source did not return this run stay published (last good values).
  for (const w of input.previous?.publications ?? []) {
    if (w.status === 'accepted' && !works.some((x) => x.id === w.id) && w.versions.every((v) => unavailable.has(v.source))) works.push(w);
  }

  const conflicts: ConflictItem[] = [
    ...linkConflicts.map((c) => ({ id: `conflict:${shortHash(c.versions.join('|'))}`, versions: [...c.versions], reason: c.reason })),
    ...match.problems.map((p) => {
      const pub = cv.publications[p.canonical]!;
      const versions = p.groups.flatMap((gi) => groups[gi]!.map((v) => v.vid)).sort();
      return { id: `conflict:${pub.id}:${shortHash(versions.join('|'))}`, versions: [`canonical ${pub.id}`, ...versions], reason: `"${pub.title}": ${p.reason}` };
    }),
  ];

  const profile = buildProfile(cv, works, input.run);
  const changes = profileChanges(input.previous, profile.publications);
  const sortById = <T extends { id: string }>(xs: T[]) => xs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const confidenceRank = { high: 0, medium: 1, low: 2 } as const;
  candidates.sort((a, b) => confidenceRank[a.confidence] - confidenceRank[b.confidence] || (b.year ?? 0) - (a.year ?? 0) || (a.id < b.id ? -1 : 1));
  const pendingDifferences = differences.filter((d) => d.decision === undefined).length;
  const pendingEvents = events.filter((e) => book.get(e.id) === undefined).length;
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    profile: cv.profile,
    runId: input.run.runId,
    generatedAt: input.run.generatedAt,
    summary: {
      canonicalWorks: cv.publications.length,
      linkedWorks: match.links.size,
      newCandidates: candidates.length,
      pendingCandidates: candidates.length,
      upstreamDifferences: differences.length,
      pendingDifferences,
      versionEvents: events.length,
      notFound: notFound.length,
      conflicts: conflicts.length,
      profileChanges: changes.length,
      pendingReview: candidates.length + pendingDifferences + pendingEvents,
    },
    sources: [input.arxiv.health, input.dblp.health],
    candidates,
    differences: sortById(differences),
    events: sortById(events),
    conflicts: sortById(conflicts),
    notFound,
    changes,
  };
  return { profile, report, links };
}
