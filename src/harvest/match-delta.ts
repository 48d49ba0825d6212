/**
 * A night's arXiv delta matched locally against every profile: a record
 * belongs to a profile when it carries one of the profile's known arXiv IDs
 * (new versions of known papers, whatever the author spelling) or when one of
 * its authors is a name form of the owner. Homonyms match too, as with the
 * per-profile author query: reconciliation weighs the evidence (co-authors,
 * dblp) and a homonym's paper never comes out at high confidence.
 *
 * Names are compared only within a block (the surname's consonants and the
 * first letter of the given name, the rule reconciliation's People uses), so a
 * record costs a few comparisons whatever the number of profiles.
 */
import type { ArxivRecord } from '../sources/arxiv/arxiv-record.ts';
import { nameParts, sameName } from '../text/name-similarity.ts';
import type { FetchPlan } from './fetch-plan.ts';

export interface ProfileMatch {
  readonly profile: string;
  readonly via: 'id' | 'name';
}

interface Form {
  readonly profile: string;
  readonly name: string;
}

/** Same blocking rule as reconcile/owner.ts: romanisations differ in vowels (Choi/Choe), the given name's first letter does not. */
function blockKey(name: string): string {
  const p = nameParts(name);
  return `${p.surname.replace(/[aeiouy]/g, '') || p.surname}|${p.given[0] ?? p.initials[0] ?? ''}`;
}

export class DeltaMatcher {
  private readonly byBlock = new Map<string, Form[]>();
  private readonly byId = new Map<string, Set<string>>();

  constructor(plans: readonly FetchPlan[], knownIds: ReadonlyMap<string, Iterable<string>> = new Map()) {
    for (const plan of plans) {
      if (!plan.sources.arxiv.enabled) continue;
      const forms = new Set([...plan.ownerNames, ...plan.sources.arxiv.authorNames]);
      for (const name of forms) {
        const form = { profile: plan.profile, name };
        const key = blockKey(name);
        const list = this.byBlock.get(key);
        if (list) list.push(form);
        else this.byBlock.set(key, [form]);
      }
      for (const id of plan.arxivIds) this.addId(id, plan.profile);
    }
    for (const [profile, ids] of knownIds) for (const id of ids) this.addId(id, profile);
  }

  private addId(id: string, profile: string): void {
    const base = id.replace(/v\d+$/, '');
    const set = this.byId.get(base);
    if (set) set.add(profile);
    else this.byId.set(base, new Set([profile]));
  }

  /** The profiles a record belongs to (each once; an ID match wins over a name match). */
  match(record: ArxivRecord): ProfileMatch[] {
    const out = new Map<string, ProfileMatch['via']>();
    for (const p of this.byId.get(record.id) ?? []) out.set(p, 'id');
    for (const a of record.authors) {
      if (a.collaboration) continue;
      // An author written with initials only ("S. Chun") is filed under its first initial: the same block.
      for (const f of this.byBlock.get(blockKey(a.name)) ?? []) if (!out.has(f.profile) && sameName(f.name, a.name)) out.set(f.profile, 'name');
    }
    return [...out].map(([profile, via]) => ({ profile, via })).sort((x, y) => (x.profile < y.profile ? -1 : 1));
  }
}
