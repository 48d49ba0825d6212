/**
 * Why a CV work stayed unlinked when the sources hold something close: the
 * nearest source version (by title, the CV's main title included), what kept
 * it from linking (title below the cut-off, years apart, no co-author in
 * common, a thesis against a paper, a tie; a work linked to another CV work
 * is not near),
 * what agrees (venue, year, a co-author), and the one decision that links it:
 * the record's identifier written on the CV work.
 */
import type { CanonicalPublication } from '../canonical/cv-schema.ts';
import type { NearMatch } from '../model/report.ts';
import { TITLE_MATCH, yearsClose } from './group-versions.ts';
import { corroborated, cvTitleSimilarity, lookupCv, type CanonicalMatch } from './match-canonical.ts';
import type { People } from './owner.ts';
import type { SourceVersion } from './source-version.ts';
import type { TitleIndex } from './title-index.ts';
import { fitOf, kindAllowed, venueAgrees } from './work-fit.ts';

/** Titles less similar than this are not called near. */
export const NEAR_TITLE = 0.6;

/** The identifier that links the version when written on the CV work. */
function idToWrite(v: SourceVersion): string {
  if (v.dblpKey) return `"ids": {"dblp": "${v.dblpKey}"}`;
  if (v.arxiv) return `"ids": {"arxiv": "${v.arxiv}"}`;
  return `"ids": {"doi": "${v.doiWritten ?? v.doi ?? ''}"}`;
}

export function nearMatch(
  pub: CanonicalPublication,
  ci: number,
  groups: readonly SourceVersion[][],
  people: People,
  match: CanonicalMatch,
  index: TitleIndex<number>,
  /** The groups linked to CV works (match.links' values). */
  linked: ReadonlySet<number>,
): NearMatch | undefined {
  const { norm, main, groups: looked } = lookupCv(index, pub);
  // A work another CV work is linked to is that work: not a near match of this one.
  const near = looked.filter((gi) => !linked.has(gi));
  let best: { v: SourceVersion; gi: number; sim: number; fit: number } | undefined;
  for (const gi of near) {
    for (const v of groups[gi]!) {
      const sim = cvTitleSimilarity(norm, main, v);
      const fit = fitOf(pub, v);
      if (sim < NEAR_TITLE) continue;
      if (!best || sim > best.sim || (sim === best.sim && (fit > best.fit || (fit === best.fit && v.vid < best.v.vid)))) best = { v, gi, sim, fit };
    }
  }
  if (!best) return undefined;
  const { v, gi, sim } = best;
  const kept: string[] = [];
  if (sim < TITLE_MATCH) kept.push(`below the ${TITLE_MATCH.toFixed(2)} needed`);
  if (!kindAllowed(pub, v)) kept.push(pub.kind === 'thesis' ? 'the source record is not a thesis' : 'the source record is a thesis, a different work');
  if (!yearsClose(pub.year, v.year)) kept.push(`years differ (CV ${pub.year}, source ${v.year ?? 'none'})`);
  const shares = corroborated(pub, v, people);
  if (!shares) kept.push('no co-author in common');
  if (match.problems.some((p) => p.canonical === ci && p.groups.includes(gi))) kept.push('another work in the sources matches as well');
  const venue = v.venue === undefined && v.dblpKey === undefined ? '' : venueAgrees(pub, v) ? 'venue agrees' : `venue differs (CV "${pub.venue}", source "${v.venue ?? v.dblpKey}")`;
  const agree = [venue, v.year === pub.year ? 'same year' : '', shares ? 'shares a co-author' : ''].filter(Boolean);
  const where = `${v.source} ${v.recordId}`;
  return {
    version: where,
    similarity: Number(sim.toFixed(2)),
    reason: `title similarity ${sim.toFixed(2)} with ${where} ("${v.title.slice(0, 200)}"${v.year !== undefined ? `, ${v.year}` : ''}); ${[...kept, ...agree].join('; ')}. If it is this work, write ${idToWrite(v)} on it in cv.json`,
  };
}
