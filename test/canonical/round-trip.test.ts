/**
 * Nothing in the seed CV may be lost: the canonical records, rendered back into
 * the CV's own format, must give the seed's entries back, entry by entry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCv } from '../../src/canonical/load.ts';
import { renderCvSections, renderPublicationEntry, renderTalkEntry } from '../helpers/render-cv.ts';
import { normalizeSeedText, seedEntries, seedSections, type SeedSection } from '../helpers/seed-cv.ts';
import { FIRST_PROFILE, FIRST_PROFILE_DIR } from '../helpers/paths.ts';

const cvFile = join(FIRST_PROFILE_DIR, 'cv.json');
const cv = loadCv(cvFile, readFileSync(cvFile, 'utf8'), FIRST_PROFILE);
const seed = seedSections(readFileSync(join(FIRST_PROFILE_DIR, 'seed', 'cv.md'), 'utf8'));

function section(heading: string): SeedSection {
  const found = seed.find((s) => s.heading === heading);
  if (!found) throw new Error(`seed has no section "${heading}"; it has: ${seed.map((s) => s.heading).join(' | ')}`);
  return found;
}

const isEqualNote = (p: string) => p === '* indicates equal contribution.';
const peerSeed = seedEntries(section('ACADEMIC PAPERS (PEER-REVIEWED CONFERENCES AND WORKSHOPS)'), (p) => p.startsWith('['), isEqualNote);
const preprintSeed = seedEntries(section('ACADEMIC PAPERS (PREPRINTS)'), (p) => p.startsWith('['), isEqualNote);
const talkSeed = seedEntries(section('RESEARCH PRESENTATIONS'), (p) => p.startsWith('"'));

const peer = cv.publications.filter((p) => p.kind !== 'preprint');
const preprints = cv.publications.filter((p) => p.kind === 'preprint');

describe('seed CV round trip', () => {
  it('has every entry of the seed: 13 peer-reviewed papers, 5 preprints, 8 talks', () => {
    expect(peerSeed).toHaveLength(13);
    expect(preprintSeed).toHaveLength(5);
    expect(talkSeed).toHaveLength(8);
    expect(peer).toHaveLength(peerSeed.length);
    expect(preprints).toHaveLength(preprintSeed.length);
    expect(cv.talks).toHaveLength(talkSeed.length);
  });

  it.each(peerSeed.map((entry, i) => [i, entry] as const))('peer-reviewed entry %i renders as the seed writes it', (i, entry) => {
    expect(renderPublicationEntry(peer[i]!)).toBe(entry);
  });

  it.each(preprintSeed.map((entry, i) => [i, entry] as const))('preprint entry %i renders as the seed writes it', (i, entry) => {
    expect(renderPublicationEntry(preprints[i]!)).toBe(entry);
  });

  it.each(talkSeed.map((entry, i) => [i, entry] as const))('talk %i renders as the seed writes it', (i, entry) => {
    expect(renderTalkEntry(cv.talks[i]!)).toBe(entry);
  });

  it('keeps the CV spellings the sources disagree with (corrections come through the report)', () => {
    const names = cv.publications.flatMap((p) => p.authors.map((a) => a.name));
    for (const spelling of ['Junseok Choi', 'Seongho Lee', 'Byungkyu Kang', 'Jung-woo Ha']) expect(names).toContain(spelling);
  });

  it('keeps equal-contribution marks and the owner on every work', () => {
    const lf = cv.publications.find((p) => p.id === 'aaai21-lf-font')!;
    expect(lf.authors.slice(0, 2)).toEqual([
      { name: 'Song Park', equalContribution: true },
      { name: 'Sanghyuk Chun', owner: true, equalContribution: true },
    ]);
    for (const p of cv.publications) expect(p.authors.filter((a) => a.owner)).toHaveLength(1);
    const marked = cv.publications.filter((p) => p.authors.some((a) => a.equalContribution)).map((p) => p.id);
    expect(marked).toEqual([
      'aaai21-lf-font',
      'cvpr20-wsol-eval',
      'iccv19-wct2',
      'iclrw19-pixel-robustness',
      'arxiv20-wsol-protocol',
      'arxiv20-adamp',
      'arxiv18-speech-enhancement',
    ]);
  });

  // The other sections are prose; every word of the seed must be in the records, as often as the seed has it.
  const words = (lines: string[]) =>
    lines
      .flatMap((l) => l.split('\n'))
      .map((l) => normalizeSeedText(l.replace(/^\s*[-•]\s+/, '')))
      .join(' ')
      .split(' ')
      .filter((w) => w !== '')
      .sort();
  const rendered = new Map(renderCvSections(cv).map((s) => [s.heading, s.lines]));
  it.each([
    ['SANGHYUK CHUN'],
    ['RESEARCH INTERESTS'],
    ['ACADEMIC ACTIVITIES'],
    ['AWARDS'],
    ['WORK & RESEARCH EXPERIENCES'],
    ['Internship experiences'],
    ['LANGUAGE PROFICIENCY'],
    ['EDUCATION'],
  ])('section %s keeps every word of the seed', (heading) => {
    expect(words(rendered.get(heading) ?? [])).toEqual(words(section(heading).paragraphs));
  });
});
