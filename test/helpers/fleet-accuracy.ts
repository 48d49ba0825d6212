/**
 * What a department's night must get right, whichever way dblp was read (person pages or the daily dump):
 * the fleet's own truths checked against the candidates each profile's reconcile proposed.
 */
import { expect, it } from 'vitest';
import type { CandidateItem } from '../../src/model/report.ts';
import type { Fleet } from './fleet-builder.ts';

/** The candidate of a profile that is a version of this arXiv paper, if one was proposed. */
function proposedIn(candidates: ReadonlyMap<string, readonly CandidateItem[]>) {
  return (profile: string, arxivId: string): CandidateItem | undefined =>
    (candidates.get(profile) ?? []).find((c) => c.versions.some((v) => v.includes(arxivId)) || Object.values(c.links).some((l) => l.includes(arxivId)));
}

/** The two checks both paths share: homonyms only low; shared papers to both colleagues, new papers to their owner. */
export function itProposesByTheFleetsTruth(fleet: Fleet, candidates: ReadonlyMap<string, readonly CandidateItem[]>): void {
  const proposed = proposedIn(candidates);
  it('no homonym paper is proposed at high confidence: each is shown to its namesake as low, for the owner to reject', () => {
    expect(fleet.truth.homonyms.length).toBeGreaterThan(0);
    for (const t of fleet.truth.homonyms) expect(proposed(t.profile, t.id)?.confidence, `${t.profile} ${t.id}`).toBe('low');
  });

  it('a paper of two colleagues is proposed to both, and each new paper to its owner', () => {
    expect(fleet.truth.shared.length).toBeGreaterThan(0);
    for (const t of fleet.truth.shared) for (const p of t.profiles) expect(proposed(p, t.id), `${p} ${t.id}`).toBeDefined();
    for (const t of fleet.truth.newPapers) expect(proposed(t.profile, t.id), `${t.profile} ${t.id}`).toBeDefined();
  });
}
