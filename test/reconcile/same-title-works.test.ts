/**
 * Records with the same title are told apart by what the CV says besides the
 * title (issue #25, class 4): a conference paper and its journal extension a
 * year or two later, a paper and the author's thesis. Kind, venue and year
 * break the tie; a thesis is a different work; a tie left after that is still
 * reported, never guessed.
 */
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { loadFleetPerson, reconcileFleetPerson } from '../helpers/real-fleet.ts';
import { cvWith, dblp, input, OWNER, pub } from '../helpers/reconcile-builders.ts';

describe('real-format pages: same title, different works', () => {
  it('a KDD paper and its TKDE extension, both in the CV, each link to their own record', () => {
    const out = reconcileFleetPerson(loadFleetPerson('wei-wang'));
    expect(out.links.get('kdd19-subgraph')).toEqual(['dblp:conf/kdd/WangWB19', 'dblp:journals/corr/abs-1902-06611']);
    expect(out.links.get('tkde21-subgraph')).toEqual(['dblp:journals/tkde/WangWBZ21']);
    expect(out.report.conflicts).toEqual([]);
  });

  it('a CV listing only the journal version links it, and proposes the conference paper (with its CoRR copy) as a work', () => {
    const out = reconcileFleetPerson(loadFleetPerson('arjun-raghavan'));
    expect(out.links.get('tdsc21-firmware')).toEqual(['dblp:journals/tdsc/RaghavanPKX21']);
    expect(out.report.candidates.map((c) => c.versions).find((v) => v.includes('dblp conf/uss/RaghavanPK20'))).toEqual(['dblp conf/uss/RaghavanPK20', 'dblp journals/corr/abs-1912-03318']);
  });

  it('a paper and the thesis of the same title: the thesis links to the CV thesis, the paper (and its ePrint) to the paper', () => {
    const out = reconcileFleetPerson(loadFleetPerson('mira-kovacs'));
    expect(out.links.get('phd19')).toEqual(['dblp:phd/dnb/Kovacs19']);
    expect(out.links.get('asiacrypt19-credentials')).toEqual(['dblp:conf/asiacrypt/KovacsR19', 'dblp:journals/iacr/KovacsR19']);
  });

  it('the CV journal version three years after the conference paper links to the journal record, not the copy of the paper', () => {
    const out = reconcileFleetPerson(loadFleetPerson('mira-kovacs'));
    expect(out.links.get('joc23-blind-signatures')).toEqual(['dblp:journals/joc/KovacsRS23']);
  });
});

describe('what is left a tie is reported', () => {
  it('two conference records of one title, venue and year match a CV work equally: none is linked', () => {
    const title = 'Learning Robust Widgets from Noisy Gadgets';
    const cv = cvWith([pub('w1', title, [OWNER, 'Bea Coauthor'], { venue: "CONF'20" })]);
    const out = reconcile(input(cv, [], [dblp('conf/conf/OwnerC20', title, [OWNER, 'Bea Coauthor'], 2020), dblp('conf/conf/OwnerC20a', title, [OWNER, 'Bea Coauthor'], 2020)]));
    expect(out.links.get('w1')).toEqual([]);
    expect(out.report.conflicts.map((c) => c.reason).join(' ')).toMatch(/both are published records|equally well/);
  });

  it('a thesis the CV files under "other" ("PhD thesis, …") links to the thesis, not to the paper of its title', () => {
    const person = loadFleetPerson('mira-kovacs');
    const cv = { ...person.cv, publications: person.cv.publications.map((p) => (p.id === 'phd19' ? { ...p, kind: 'other' as const } : p)) };
    const out = reconcileFleetPerson({ ...person, cv });
    expect(out.links.get('phd19')).toEqual(['dblp:phd/dnb/Kovacs19']);
    expect(out.links.get('asiacrypt19-credentials')).toEqual(['dblp:conf/asiacrypt/KovacsR19', 'dblp:journals/iacr/KovacsR19']);
  });

  it('a paper CV work never links to a thesis record of its title, even alone', () => {
    const title = 'Learning Robust Widgets from Noisy Gadgets';
    const cv = cvWith([pub('w1', title, [OWNER])]);
    const out = reconcile(input(cv, [], [dblp('phd/dnb/Owner20', title, [OWNER], 2020, { type: 'phdthesis', booktitle: undefined })]));
    expect(out.links.get('w1')).toEqual([]);
  });
});
