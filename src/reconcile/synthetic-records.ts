/**
 * Recordings may hold synthetic stand-ins (a homonym's paper, a misassigned record) made to exercise the
 * guards; their manifest names them. A candidate whose evidence is one of them says so, in the report and
 * the review list, so nobody takes it for a real paper.
 */
import type { CandidateItem, SourceHealth } from '../model/report.ts';

export function markSynthetic(candidates: readonly CandidateItem[], sources: readonly SourceHealth[]): CandidateItem[] {
  const why = new Map(sources.flatMap((s) => s.synthetic ?? []).map((r) => [r.id, r.why]));
  if (why.size === 0) return [...candidates];
  return candidates.map((c) => {
    const reason = c.evidence.ids.map((id) => why.get(id)).find((w) => w !== undefined);
    return reason === undefined ? c : { ...c, synthetic: reason };
  });
}
