/**
 * Every informal publication is a version of its published work (issue #25,
 * class 3): IACR ePrint copies (journals/iacr/…, publtype="informal") join the
 * CRYPTO/EUROCRYPT/ASIACRYPT paper they are a copy of; an ePrint with nothing
 * else to join is proposed as a work of its own, labelled by its own stream.
 */
import { describe, expect, it } from 'vitest';
import { isInformal } from '../../src/reconcile/source-version.ts';
import { loadFleetPerson, reconcileFleetPerson } from '../helpers/real-fleet.ts';

describe('informal dblp records', () => {
  it('CoRR, publtype informal (withdrawn too) and the preprint streams are informal; a venue record or a data set is not', () => {
    expect(isInformal({ key: 'journals/corr/abs-2006-08217', publtype: 'informal', isCorr: true })).toBe(true);
    expect(isInformal({ key: 'journals/iacr/KovacsR20', publtype: 'informal', isCorr: false })).toBe(true);
    expect(isInformal({ key: 'journals/iacr/KovacsR20', isCorr: false })).toBe(true);
    expect(isInformal({ key: 'journals/x/Y20', publtype: 'informal withdrawn', isCorr: false })).toBe(true);
    expect(isInformal({ key: 'conf/crypto/KovacsR20', isCorr: false })).toBe(false);
    expect(isInformal({ key: 'data/10/LindqvistBH21', publtype: 'data', isCorr: false })).toBe(false);
  });
});

describe('real-format page: a cryptographer with IACR ePrint copies', () => {
  const out = reconcileFleetPerson(loadFleetPerson('mira-kovacs'));

  it('each ePrint copy is a version of the published paper, "(Full Version)" included', () => {
    expect(out.links.get('crypto20-blind-signatures')).toEqual(['dblp:conf/crypto/KovacsR20', 'dblp:journals/iacr/KovacsR20']);
    expect(out.links.get('eurocrypt21-threshold')).toEqual(['dblp:conf/eurocrypt/NatarajanKL21', 'dblp:journals/iacr/NatarajanKL20']);
    expect(out.links.get('asiacrypt19-credentials')).toEqual(['dblp:conf/asiacrypt/KovacsR19', 'dblp:journals/iacr/KovacsR19']);
  });

  it('the published profile lists the ePrint as a corr version after the published one', () => {
    const work = out.profile.publications.find((w) => w.id === 'crypto20-blind-signatures')!;
    expect(work.versions.map((v) => [v.kind, v.recordId])).toEqual([
      ['published', 'conf/crypto/KovacsR20'],
      ['corr', 'journals/iacr/KovacsR20'],
    ]);
  });

  it('no copy is proposed or in conflict; the ePrint-only paper is proposed as a work of its own', () => {
    expect(out.report.conflicts).toEqual([]);
    expect(out.report.candidates.map((c) => c.versions)).toEqual([['dblp journals/iacr/KovacsLS22'], ['dblp conf/ccs/SorensenK22']]);
  });
});
