/**
 * One work, many versions, through the CV: a record linked by the arXiv ID the
 * CV gives (a CoRR copy still under the preprint's old title) also takes the
 * published record that matches the CV's title, when the two can be one work;
 * the published record is then the version the differences compare with.
 */
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { loadFleetPerson, reconcileFleetPerson } from '../helpers/real-fleet.ts';
import { cvWith, dblp, input, OWNER, pub } from '../helpers/reconcile-builders.ts';

describe('a CV work linked by its identifier', () => {
  it('takes its published record under the CV title; nothing is proposed and the old CoRR title is no difference', () => {
    const out = reconcileFleetPerson(loadFleetPerson('maria-santos'));
    expect(out.links.get('iclr2021-bloom')).toEqual(['dblp:conf/iclr/RaoS21', 'dblp:journals/corr/abs-2103-04412']);
    expect(out.report.candidates.flatMap((c) => c.versions)).not.toContain('dblp conf/iclr/RaoS21');
    expect(out.report.differences.filter((d) => d.workId === 'iclr2021-bloom')).toEqual([]);
  });

  it('does not take a record that cannot be the same work (another arXiv ID), nor one another CV work matches as well', () => {
    const title = 'Partitioned Learned Bloom Filters';
    const cv = cvWith([pub('w1', title, [OWNER, 'Bea Coauthor'], { ids: { arxiv: '2103.04412' } }), pub('w2', title, [OWNER, 'Bea Coauthor'], { venue: "CONF'21", year: 2021 })]);
    const out = reconcile(
      input(cv, [], [
        dblp('journals/corr/abs-2103-04412', 'Learned Bloom Filters Revisited', [OWNER, 'Bea Coauthor'], 2021),
        dblp('conf/conf/OwnerC21', title, [OWNER, 'Bea Coauthor'], 2021),
      ]),
    );
    expect(out.links.get('w1')).toEqual(['dblp:journals/corr/abs-2103-04412']);
    expect(out.links.get('w2')).toEqual(['dblp:conf/conf/OwnerC21']);
  });
});
