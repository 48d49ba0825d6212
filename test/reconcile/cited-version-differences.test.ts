/**
 * Differences that accepting would not make untrue (issue #25, class 6): the
 * CV is compared with the version it cites (the published record when it
 * names a venue; the arXiv entry, else the CoRR copy, for a preprint), never
 * with every copy; the owner's own listed name forms are never a difference.
 */
import { describe, expect, it } from 'vitest';
import { citedVersion } from '../../src/reconcile/differences.ts';
import { fromDblp } from '../../src/reconcile/source-version.ts';
import { loadFleetPerson, reconcileFleetPerson } from '../helpers/real-fleet.ts';
import { dblp, OWNER, pub } from '../helpers/reconcile-builders.ts';

describe('the cited version', () => {
  const time = { fetchedAt: '2026-11-28T03:00:00Z' };
  const corr = fromDblp(dblp('journals/corr/abs-2001-00001', 'T', [OWNER], 2020), time, undefined);
  const conf = fromDblp(dblp('conf/x/Owner21', 'T', [OWNER], 2021), time, undefined);

  it('a work with a venue cites the published record; a preprint its copy', () => {
    expect(citedVersion(pub('w', 'T', [OWNER]), [corr, conf])?.vid).toBe('dblp:conf/x/Owner21');
    expect(citedVersion(pub('w', 'T', [OWNER], { kind: 'preprint', venue: "arXiv'20" }), [conf, corr])?.vid).toBe('dblp:journals/corr/abs-2001-00001');
    expect(citedVersion(pub('w', 'T', [OWNER]), [corr])?.vid).toBe('dblp:journals/corr/abs-2001-00001');
  });
});

describe('real-format pages', () => {
  it('dblp lists the owner as "Chan Hua Vun", his CV as "Nicholas Vun" (a listed form): only the true co-author difference is reported', () => {
    const out = reconcileFleetPerson(loadFleetPerson('nicholas-vun'));
    expect(out.report.differences.map((d) => [d.workId, d.field, d.canonical, d.source])).toEqual([['iscas18-keyword', 'authors[2].name', 'S. L. Tan', 'Siew Ling Tan']]);
  });

  it('a CoRR copy with an extra author does not make an "added" difference when the published record matches the CV', () => {
    const vun = reconcileFleetPerson(loadFleetPerson('nicholas-vun'));
    expect(vun.links.get('date20-reconfigurable')).toContain('dblp:journals/corr/abs-1911-08345');
    const wang = reconcileFleetPerson(loadFleetPerson('wei-wang'));
    expect(wang.report.differences.filter((d) => d.workId === 'sigmod22-spatial')).toEqual([]);
  });

  it('the owner written with accents (listed in nameVariants) is not a difference; a co-author written without them is', () => {
    const out = reconcileFleetPerson(loadFleetPerson('sofia-marquez'));
    expect(out.report.differences.map((d) => [d.workId, d.field, d.source])).toEqual([
      ['chi20-older-adults', 'authors[2].name', 'Lucía Fernández'],
      ['chilbw21-reminders', 'authors[0].name', 'Lucía Fernández'],
    ]);
  });
});

describe("the owner's own name", () => {
  it('a form the owner does not list (accents the CV leaves out) is still a difference to consider', () => {
    const person = loadFleetPerson('sofia-marquez');
    const cv = { ...person.cv, person: { ...person.cv.person, nameVariants: ['S. Marquez'] } };
    const out = reconcileFleetPerson({ ...person, cv });
    expect(out.report.differences.filter((d) => d.source === 'Sofía Márquez').map((d) => d.workId).sort()).toEqual(['chi20-older-adults', 'chilbw21-reminders', 'cscw21-care-work', 'dis18-sketching']);
  });
});
