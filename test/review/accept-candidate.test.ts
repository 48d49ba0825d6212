/** Accepting a candidate writes a canonical record into cv.json: only that insertion changes the owner's file. */
import { describe, expect, it } from 'vitest';
import { loadCv } from '../../src/canonical/load.ts';
import { candidateRecord, insertCandidate, isInCv } from '../../src/review/accept-candidate.ts';
import type { CandidateItem } from '../../src/model/report.ts';
import { sourceVenueLabel } from '../../src/text/venue-names.ts';
import { firstUserRun } from '../helpers/first-user-run.ts';

describe('accepting a candidate', async () => {
  const { input, output } = await firstUserRun();
  const candidate = (id: string) => output.report.candidates.find((c) => c.id === id)!;
  /**
   * The candidate as it comes once dblp lists the paper at its venue (the offline recordings keep
   * only dblp keys that were seen; dblp's venue records of these papers were not): a dblp key,
   * dblp's venue and the year, beside the arXiv ID.
   */
  const atVenue = (id: string, dblp: string, venue: string, year: number): CandidateItem => {
    const c = candidate(id);
    return { ...c, venue, year, evidence: { ...c.evidence, ids: [...c.evidence.ids, `dblp:${dblp}`] } };
  };
  const pcme = () => atVenue('cand:arxiv-2101-05068', 'conf/cvpr/ChunORKL21', 'CVPR', 2021);

  it('makes a canonical record: stable id, title, authors with the owner marked, venue label in the owner style, kind, IDs', () => {
    expect(candidateRecord(input.cv, pcme())).toEqual({
      id: 'arxiv-2101-05068',
      kind: 'conference',
      venue: "CVPR'21",
      year: 2021,
      title: 'Probabilistic Embeddings for Cross-Modal Retrieval',
      authors: [{ name: 'Sanghyuk Chun', owner: true }, { name: 'Seong Joon Oh' }, { name: 'Rafael Sampaio de Rezende' }, { name: 'Yannis Kalantidis' }, { name: 'Diane Larlus' }],
      ids: { arxiv: '2101.05068', dblp: 'conf/cvpr/ChunORKL21' },
    });
    // dblp's volume of a multi-volume proceedings is not part of the owner's label
    expect(candidateRecord(input.cv, atVenue('cand:arxiv-2204-03359', 'conf/eccv/ChunKYCO22', 'ECCV (8)', 2022)).venue).toBe("ECCV'22");
    // arXiv + CoRR only: a preprint, labelled as the CV labels preprints
    expect(candidateRecord(input.cv, candidate('cand:arxiv-2602-16704'))).toMatchObject({ kind: 'preprint', venue: "arXiv'26", ids: { arxiv: '2602.16704' } });
    expect(candidateRecord(input.cv, candidate('cand:dblp-journals-synthetic-parkcs23'))).toMatchObject({ kind: 'journal', venue: "Synthetic J. Mater. Phys.'23" });
  });

  it('inserts it where the CV keeps such works, and every other byte of cv.json stays', () => {
    const text = insertCandidate(input.cvText, input.cv, pcme());
    const cv = loadCv('cv.json', text, input.profile); // still valid records
    // newest peer-reviewed first: before AAAI'21 (the first 2021 work)
    expect(cv.publications.map((p) => p.id).slice(0, 2)).toEqual(['arxiv-2101-05068', 'aaai21-lf-font']);
    const before = input.cvText.split('\n');
    const after = text.split('\n');
    const start = after.findIndex((l, i) => l !== before[i]);
    const added = after.length - before.length;
    // the lines before and after the inserted block are the owner's, unchanged
    expect([...after.slice(0, start), ...after.slice(start + added)]).toEqual(before);
    expect(after.slice(start, start + added).join('\n')).toContain('"venue": "CVPR\'21"');
    expect(isInCv(cv, pcme())).toBe(true);
    // a preprint goes to the top of the preprints
    const pre = loadCv('cv.json', insertCandidate(input.cvText, input.cv, candidate('cand:arxiv-2602-16704')), input.profile);
    const i = pre.publications.findIndex((p) => p.id === 'arxiv-2602-16704');
    expect(pre.publications[i - 1]!.kind).not.toBe('preprint');
    expect(pre.publications[i + 1]!.id).toBe('arxiv20-wsol-protocol');
  });

  it('keeps the style of an owner who indents with tabs', () => {
    const tabbed = input.cvText.replace(/\n( +)/g, (_m, sp: string) => `\n${'\t'.repeat(sp.length / 2)}`);
    const text = insertCandidate(tabbed, loadCv('cv.json', tabbed), atVenue('cand:arxiv-2410-18857', 'conf/iclr/ChunKKKO25', 'ICLR', 2025));
    expect(text.split('\n').filter((l) => /^ +\S/.test(l))).toEqual([]);
    expect(loadCv('cv.json', text).publications[0]).toMatchObject({ id: 'arxiv-2410-18857', venue: "ICLR'25" });
  });

  it("labels venues in the owner's style", () => {
    expect(sourceVenueLabel('CVPR', 2021, false)).toBe("CVPR'21");
    expect(sourceVenueLabel('CVPR Workshops', 2020, false)).toBe("CVPR WS'20");
    expect(sourceVenueLabel('ICLR (Workshop)', 2019, false)).toBe("ICLR WS'19");
    expect(sourceVenueLabel('ECCV (8)', 2022, false)).toBe("ECCV'22");
    expect(sourceVenueLabel('NIPS', 2009, false)).toBe("NeurIPS'09");
    expect(sourceVenueLabel(undefined, 2026, true)).toBe("arXiv'26");
    expect(sourceVenueLabel('CVPR', 2021, false, 'four-digit')).toBe('CVPR 2021');
  });
});
