/**
 * Preprint copies found a home (issue #25, class 5): a CoRR copy three years
 * before the journal version, an "(Extended Version)" or "(Full Version)"
 * suffix, a subtitle the CV drops; and a dblp data record linked to the CV's
 * data set (class 1).
 */
import { describe, expect, it } from 'vitest';
import { mainTitleOf, normalizeTitle, titleSimilarity, withoutVersionSuffix } from '../../src/text/normalize-title.ts';
import { loadFleetPerson, reconcileFleetPerson } from '../helpers/real-fleet.ts';

describe('titles of copies', () => {
  it('a copy\'s version suffix is not part of the title', () => {
    expect(withoutVersionSuffix(normalizeTitle('Designing Agents for Older Adults (Extended Version)'))).toBe('designing agents for older adults');
    expect(titleSimilarity(normalizeTitle('Lattice-Based Blind Signatures with Tight Security (Full Version)'), normalizeTitle('Lattice-Based Blind Signatures with Tight Security'))).toBe(1);
    expect(withoutVersionSuffix('extended version')).toBe('extended version');
  });

  it('the main title of a title with a subtitle, when it says enough', () => {
    expect(mainTitleOf('Uncertainty-Aware Streamflow Prediction: A Conformal Approach for Ungauged Basins')).toBe('uncertainty aware streamflow prediction');
    expect(mainTitleOf('CutMix: Regularization Strategy to Train Strong Classifiers')).toBeUndefined();
    expect(mainTitleOf('A Title Without a Subtitle')).toBeUndefined();
  });
});

describe('real-format pages', () => {
  const lindqvist = reconcileFleetPerson(loadFleetPerson('tomas-lindqvist'));

  it('a CoRR copy from 2018 is a version of the 2021 journal paper', () => {
    expect(lindqvist.links.get('envsoft21-physics-guided')).toEqual(['dblp:journals/corr/abs-1811-02291', 'dblp:journals/envsoft/LindqvistBH21']);
  });

  it('a CV title without the subtitle links to the paper and its copy, and the full title is a difference to consider', () => {
    expect(lindqvist.links.get('aaai22-conformal')).toEqual(['dblp:conf/aaai/LindqvistHB22', 'dblp:journals/corr/abs-2112-06510']);
    expect(lindqvist.report.differences.map((d) => [d.workId, d.field, d.source])).toEqual([['aaai22-conformal', 'title', 'Uncertainty-Aware Streamflow Prediction: A Conformal Approach for Ungauged Basins']]);
  });

  it('the data set in the CV links to the dblp data record', () => {
    expect(lindqvist.links.get('snowrun-dataset')).toEqual(['dblp:data/10/LindqvistBH21']);
  });

  it('nothing but the two new works is proposed', () => {
    expect(lindqvist.report.candidates.map((c) => c.versions)).toEqual([['dblp journals/corr/abs-2301-09931'], ['dblp conf/kdd/BelloL22']]);
  });

  it('an "(Extended Version)" CoRR copy two years after the CHI paper is its version, and its title is not a difference', () => {
    const out = reconcileFleetPerson(loadFleetPerson('sofia-marquez'));
    expect(out.links.get('chi20-older-adults')).toEqual(['dblp:conf/chi/MarquezWF20', 'dblp:journals/corr/abs-2204-07712']);
    expect(out.report.differences.filter((d) => d.workId === 'chi20-older-adults' && d.field === 'title')).toEqual([]);
  });
});

describe('copies whose titles differ by a subtitle or by spacing', () => {
  it('a CoRR copy without the subtitle the published record has is its version', async () => {
    const { reconcile } = await import('../../src/reconcile/reconcile.ts');
    const { cvWith, dblp, input, OWNER, pub } = await import('../helpers/reconcile-builders.ts');
    const cv = cvWith([pub('w1', 'Sparse Mixture Routing: Scaling Experts without Load Imbalance', [OWNER, 'Bea Coauthor'], { year: 2022, venue: "CONF'22" })]);
    const out = reconcile(
      input(cv, [], [
        dblp('journals/corr/abs-2104-01234', 'Sparse Mixture Routing for Experts', [OWNER, 'Bea Coauthor'], 2021),
        dblp('journals/corr/abs-2105-04321', 'Sparse Mixture Routing', [OWNER, 'Bea Coauthor'], 2021),
        dblp('conf/conf/OwnerC22', 'Sparse Mixture Routing: Scaling Experts without Load Imbalance', [OWNER, 'Bea Coauthor'], 2022),
      ]),
    );
    // The copy titled with the main title joins; the one with another title stays a work of its own.
    expect(out.links.get('w1')).toEqual(['dblp:conf/conf/OwnerC22', 'dblp:journals/corr/abs-2105-04321']);
    expect(out.report.candidates.map((c) => c.versions)).toEqual([['dblp journals/corr/abs-2104-01234']]);
  });

  it('titles that differ only in spacing are the same title', () => {
    expect(titleSimilarity(normalizeTitle('Fewshot Font Generation with Dual Memory'), normalizeTitle('Few-shot Font Generation with Dual Memory'))).toBe(1);
  });
});
