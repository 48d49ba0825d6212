/**
 * A CV work left unlinked with a near match in the sources says why, and the
 * one decision that links it (issue #25): the nearest record, its title
 * similarity, what kept it apart, what agrees, the identifier to write.
 */
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { loadFleetPerson, reconcileFleetPerson } from '../helpers/real-fleet.ts';
import { cvWith, dblp, input, OWNER, pub } from '../helpers/reconcile-builders.ts';

describe('near matches of unlinked CV works', () => {
  it('a title changed by the owner (similarity 0.89): the ASSETS record, below the cut-off, venue, year and co-author agreeing', () => {
    const out = reconcileFleetPerson(loadFleetPerson('sofia-marquez'));
    const item = out.report.notFound.find((n) => n.workId === 'assets19-onboarding')!;
    expect(item.nearMatch).toMatchObject({ version: 'dblp conf/assets/MarquezF19', similarity: 0.89 });
    expect(item.nearMatch!.reason).toBe(
      'title similarity 0.89 with dblp conf/assets/MarquezF19 ("Accessible Onboarding for Voice Interfaces", 2019); below the 0.90 needed; venue agrees; same year; shares a co-author. If it is this work, write "ids": {"dblp": "conf/assets/MarquezF19"} on it in cv.json',
    );
  });

  it('writing the identifier links it: the near match was the one decision', () => {
    const person = loadFleetPerson('sofia-marquez');
    const cv = { ...person.cv, publications: person.cv.publications.map((p) => (p.id === 'assets19-onboarding' ? { ...p, ids: { dblp: 'conf/assets/MarquezF19' } } : p)) };
    const out = reconcileFleetPerson({ ...person, cv });
    expect(out.links.get('assets19-onboarding')).toEqual(['dblp:conf/assets/MarquezF19']);
    expect(out.report.notFound).toEqual([]);
  });

  it('years apart and a venue that differs are said', () => {
    const cv = cvWith([pub('w1', 'Learning Robust Widgets from Noisy Gadgets', [OWNER, 'Bea Coauthor'], { venue: "CONF'20", year: 2020 })]);
    const out = reconcile(input(cv, [], [dblp('journals/tog/OwnerC25', 'Learning Robust Widgets from Noisy Gadgets', [OWNER, 'Bea Coauthor'], 2025, { type: 'article', journal: 'ACM Trans. Graph.', booktitle: undefined })]));
    expect(out.report.notFound[0]!.nearMatch!.reason).toMatch(/^title similarity 1\.00 with dblp journals\/tog\/OwnerC25 .*; years differ \(CV 2020, source 2025\); venue differs \(CV "CONF'20", source "ACM Trans\. Graph\."\); shares a co-author\./);
  });

  it('nothing near, nothing said; a record linked to another CV work is not near', () => {
    const cv = cvWith([pub('w1', 'Learning Robust Widgets from Noisy Gadgets', [OWNER, 'Bea Coauthor']), pub('w2', 'Learning Robust Widgets from Noisy Gadgets at Scale', [OWNER, 'Bea Coauthor'])]);
    const out = reconcile(input(cv, [], [dblp('conf/conf/OwnerC20', 'Learning Robust Widgets from Noisy Gadgets', [OWNER, 'Bea Coauthor'], 2020)]));
    expect(out.links.get('w1')).toEqual(['dblp:conf/conf/OwnerC20']);
    expect(out.report.notFound.map((n) => [n.workId, n.nearMatch])).toEqual([['w2', undefined]]);
  });
});

describe('the candidate that is a near match', () => {
  it('says which unlinked CV work it may be, so the owner links rather than accepts a duplicate', () => {
    const out = reconcileFleetPerson(loadFleetPerson('sofia-marquez'));
    const cand = out.report.candidates.find((c) => c.versions.includes('dblp conf/assets/MarquezF19'))!;
    expect(cand.reason).toMatch(/; it may be the CV work assets19-onboarding \(title similarity 0\.89\): if so, link it there \(see "not found"\) instead of accepting it$/);
  });
});
