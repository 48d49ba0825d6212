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
import type { DblpPerson, DblpRecord } from '../sources/dblp/dblp-record.ts';
import type { DataTime } from '../sources/source-report.ts';
import { assessCandidate, isOwnersWork, publishFoundWork } from './candidates.ts';
import type { Decisions } from '../canonical/decisions.ts';
import { DecisionBook } from './decision-book.ts';
import { upstreamDifferences } from './differences.ts';
import { carryOver, enrichWork, pickVersions, stableProvenance } from './enrich.ts';
import { groupVersions } from './group-versions.ts';
import { identifiersOf, shortHash, workIdFor } from './ids.ts';
import { groupTitleIndex, matchCanonical } from './match-canonical.ts';
import { nearMatch } from './near-match.ts';
import { People } from './owner.ts';
import { profileChanges } from './profile-changes.ts';
import { MAX_CONFLICT_VERSIONS, MAX_CONFLICTS_LISTED, REPORT_SCHEMA_VERSION, type CandidateItem, type ConflictItem, type DifferenceItem, type NotFoundItem, type Report, type SourceHealth, type VersionEvent } from '../model/report.ts';
import { markSynthetic } from './synthetic-records.ts';
import { checkedVersions } from './checked-versions.ts';
import { authorSpellings } from '../text/author-spellings.ts';

/** A source's health with the values this run left out of it added to its reasons. */
function withNotes(health: SourceHealth, notes: readonly string[]): SourceHealth {
  return notes.length === 0 ? health : { ...health, reasons: [...health.reasons, ...notes.filter((n) => !health.reasons.includes(n))] };
}

export interface ArxivInput {
  readonly health: SourceHealth;
  /** Records from this run, or from the last good snapshot (health.usedSnapshot says which). */
  readonly records: readonly ArxivRecord[];
  /** When the records were fetched from arXiv (unknown for an assembled recording). */
  readonly time: DataTime;
  /** False when neither this run nor a snapshot gave usable data. */
  readonly available: boolean;
}

export interface DblpInput {
  readonly health: SourceHealth;
  readonly person?: DblpPerson;
  /** Records given on their own (dblp.org/rec/<key>.xml, a bare record): read as the person page's records are. */
  readonly records?: readonly DblpRecord[];
  readonly time: DataTime;
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

/** Told to the owner when no work is marked selected: every short list built from the mark is empty. */
export const NONE_SELECTED =
  'No work is marked selected: al-folio\'s selected papers, Hugo Blox\'s featured block and <publication-list selected> will be empty (the web component hides itself). Add "selected": true to the works to show in cv.json.';

export function reconcile(input: ReconcileInput): ReconcileOutput {
  const { cv } = input;
  const book = new DecisionBook(input.decisions);
  const checked = checkedVersions(input.arxiv.records, input.arxiv.time, input.dblp.person, input.dblp.time, input.run.generatedAt, input.dblp.records);
  const { groups, conflicts: linkConflicts } = groupVersions(checked.versions);
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
  const linked = new Set([...match.links.values(), ...[...match.joined.values()].flat()]);
  let titleIndex: ReturnType<typeof groupTitleIndex> | undefined;

  cv.publications.forEach((pub, ci) => {
    const gi = match.links.get(ci);
    const versions = gi === undefined ? [] : [...groups[gi]!, ...(match.joined.get(ci) ?? []).flatMap((j) => groups[j]!)];
    const base = publishCanonicalWork(pub);
    const previousWork = previousWorks.get(pub.id);
    const enriched = stableProvenance(carryOver(versions.length ? enrichWork(base, versions) : base, previousWork, unavailable), previousWork);
    works.push(enriched);
    links.set(pub.id, versions.map((v) => v.vid).sort());
    if (versions.length === 0) {
      titleIndex ??= groupTitleIndex(groups);
      const near = nearMatch(pub, ci, groups, people, match, titleIndex, linked);
      notFound.push({ id: `notfound:${pub.id}`, workId: pub.id, title: pub.title, venue: pub.venue, ...(near ? { nearMatch: near } : {}) });
      return;
    }
    for (const d of upstreamDifferences(pub, pub.id, versions, people)) {
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

  // Works the owner has not listed: candidates, or accepted works. A found work keeps
  // the id it was last published with (found works only: a canonical id is never
  // taken by anything else), and no two works share an id.
  const candidates: CandidateItem[] = [];
  const yearless: ConflictItem[] = [];
  const stableIds = new Map<string, string>();
  for (const w of input.previous?.publications ?? []) {
    if (w.status !== 'canonical') for (const v of w.versions) stableIds.set(`${v.source}:${v.recordId.replace(/v\d+$/, '')}`, w.id);
  }
  const taken = new Set(cv.publications.map((p) => p.id));
  const nearByVersion = new Map(notFound.flatMap((n) => (n.nearMatch ? [[n.nearMatch.version, n] as const] : [])));
  groups.forEach((g, gi) => {
    if (linked.has(gi) || !isOwnersWork(g, people)) return;
    let workId = g.map((v) => stableIds.get(v.vid)).find((x) => x !== undefined && !taken.has(x)) ?? workIdFor(g);
    if (taken.has(workId)) workId = `${workId}-${shortHash(identifiersOf(g).join('|') || g.map((v) => v.vid).join('|')).slice(0, 6)}`;
    taken.add(workId);
    const decided = book.forIdentifiers(identifiersOf(g)) ?? book.get(`cand:${workId}`)?.action;
    if (decided === 'reject') return;
    const assessed = assessCandidate(g, people, workId);
    // A candidate that is the near match of an unlinked CV work says so: linking it there is the likelier answer.
    const nearOf = g.map((v) => nearByVersion.get(`${v.source} ${v.recordId}`)).find((n) => n !== undefined);
    const item = nearOf ? { ...assessed, reason: `${assessed.reason}; it may be the CV work ${nearOf.workId} (title similarity ${nearOf.nearMatch!.similarity.toFixed(2)}): if so, link it there (see "not found") instead of accepting it` } : assessed;
    if (decided === 'accept') {
      const work = publishFoundWork(g, people, 'accepted', workId);
      if (work) works.push(stableProvenance(work, previousWorks.get(workId)));
      else yearless.push({ id: `conflict:${workId}:no-year`, versions: g.map((v) => v.vid).sort(), reason: `accepted work "${item.title.slice(0, 200)}" has no plausible year in any source: not published until a source gives one (or add it to cv.json)` });
      return;
    }
    candidates.push(item);
    if (input.config.publishing.publishUnreviewedCandidates && item.confidence !== 'low') {
      const work = publishFoundWork(g, people, 'candidate', workId);
      if (work) works.push(stableProvenance(work, previousWorks.get(workId)));
    }
  });
  // Accepted works a quiet source did not return this run stay published (last good values).
  for (const w of input.previous?.publications ?? []) {
    if (w.status === 'accepted' && !works.some((x) => x.id === w.id) && w.versions.every((v) => unavailable.has(v.source))) works.push(w);
  }

  const conflicts: ConflictItem[] = [
    ...checked.conflicts,
    ...yearless,
    ...linkConflicts.map((c) => ({ id: `conflict:${shortHash(c.versions.join('|'))}`, versions: [...c.versions], reason: c.reason })),
    ...match.problems.map((p) => {
      const pub = cv.publications[p.canonical]!;
      const versions = p.groups.flatMap((gi) => groups[gi]!.map((v) => v.vid)).sort();
      return { id: `conflict:${pub.id}:${shortHash(versions.join('|'))}`, versions: [`canonical ${pub.id}`, ...versions], reason: `"${pub.title}": ${p.reason}` };
    }),
  ];

  // One spelling per co-author in everything published (cv.json stays as written; the report lists the variants).
  const spellings = authorSpellings(
    cv.publications.flatMap((p) => p.authors.filter((a) => a.owner !== true).map((a) => ({ name: a.name, workId: p.id }))),
    input.config.publishing.authorSpellings,
  );
  const built = buildProfile(cv, works, input.run);
  const profile: PublishedProfile = { ...built, publications: built.publications.map((w) => ({ ...w, authors: w.authors.map((a) => (a.isOwner ? a : { ...a, name: spellings.spell(a.name) })) })) };
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
    sources: [withNotes(input.arxiv.health, checked.notes.arxiv), withNotes(input.dblp.health, checked.notes.dblp)],
    candidates: markSynthetic(candidates, [input.arxiv.health, input.dblp.health]),
    differences: sortById(differences),
    events: sortById(events),
    ...boundedConflicts(sortById(conflicts)),
    notFound,
    changes,
    ...(spellings.groups.length ? { authorSpellings: spellings.groups } : {}),
    ...(profile.publications.length > 0 && !profile.publications.some((w) => w.selected) ? { notices: [NONE_SELECTED] } : {}),
  };
  return { profile, report, links };
}

/** The conflicts as the report lists them: at most MAX_CONFLICTS_LISTED, each with at most MAX_CONFLICT_VERSIONS records; the rest counted. */
function boundedConflicts(conflicts: readonly ConflictItem[]): { conflicts: ConflictItem[]; conflictsLeftOut?: number } {
  const listed = conflicts.slice(0, MAX_CONFLICTS_LISTED).map((c) =>
    c.versions.length > MAX_CONFLICT_VERSIONS ? { ...c, versions: c.versions.slice(0, MAX_CONFLICT_VERSIONS), moreVersions: c.versions.length - MAX_CONFLICT_VERSIONS + (c.moreVersions ?? 0) } : c,
  );
  return { conflicts: listed, ...(conflicts.length > listed.length ? { conflictsLeftOut: conflicts.length - listed.length } : {}) };
}
