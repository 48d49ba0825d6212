/**
 * An owner's initials form does not swallow co-authors who share the initials
 * (issue #25, class 2): "Y. Li" is evidence only when the full form does not
 * contradict it, and a dblp author with another pid is another person.
 */
import { describe, expect, it } from 'vitest';
import { People } from '../../src/reconcile/owner.ts';
import { loadFleetPerson, reconcileFleetPerson } from '../helpers/real-fleet.ts';
import { cvWith } from '../helpers/reconcile-builders.ts';

describe("the owner's names", () => {
  const cv = { ...cvWith([]), person: { name: 'Yi Li', nameVariants: ['Y. Li'], affiliation: 'Edinburgh' } };
  const people = new People(cv, '22/3958-7');

  it('a full name is compared with the full form: Ye Liu, Yang Liu, Yun Lin are not Yi Li', () => {
    for (const other of ['Ye Liu', 'Yang Liu', 'Yun Lin']) expect(people.isOwnerName(other), other).toBe(false);
    for (const mine of ['Yi Li', 'Y. Li', 'Li, Yi']) expect(people.isOwnerName(mine), mine).toBe(true);
  });

  it('on dblp the pid decides: the owner pid is the owner whatever the name, another pid is someone else', () => {
    expect(people.isOwner({ name: 'Yi Li', pid: '22/3958-6' })).toBe(false);
    expect(people.isOwner({ name: 'Yīng Lǐ', pid: '22/3958-7' })).toBe(true);
    expect(people.isOwner({ name: 'Y. Li' })).toBe(true);
  });
});

describe('real-format pages: co-authors sharing the initials', () => {
  it('a paper by Ye Liu, Yun Lin and Yi Li is linked to the CV work, not proposed as a homonym', () => {
    const out = reconcileFleetPerson(loadFleetPerson('yi-li'));
    expect(out.links.get('acl21-contrastive')).toEqual(['dblp:conf/acl/LiuLL21', 'dblp:journals/corr/abs-2106-01182']);
    expect(out.links.get('coling20-temporal')).toEqual(['dblp:conf/coling/LiL20']);
    expect(out.report.candidates.flatMap((c) => c.versions)).not.toContain('dblp conf/acl/LiuLL21');
  });

  it('Wen Wang and Weiran Wang are not Wei Wang ("W. Wang"): their ICDE paper with him is linked', () => {
    const out = reconcileFleetPerson(loadFleetPerson('wei-wang'));
    expect(out.links.get('icde20-cost-models')).toEqual(['dblp:conf/icde/WangWW20']);
    expect(out.report.candidates.map((c) => c.versions.join(' '))).not.toContain('dblp conf/icde/WangWW20');
  });
});
