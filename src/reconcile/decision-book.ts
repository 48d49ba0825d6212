/** Fast lookups over the owner's decisions: the latest decision per item, and which identifiers are accepted or rejected. */
import type { Decision, Decisions } from '../canonical/decisions.ts';

export class DecisionBook {
  private readonly byItem = new Map<string, Decision>();
  private readonly idAction = new Map<string, 'accept' | 'reject'>();

  constructor(decisions: Decisions) {
    for (const d of decisions.decisions) {
      this.byItem.set(d.item, d);
      if ((d.action === 'accept' || d.action === 'reject') && d.covers) {
        for (const id of d.covers.arxiv) this.idAction.set(`arxiv:${id}`, d.action);
        for (const id of d.covers.doi) this.idAction.set(`doi:${id.toLowerCase()}`, d.action);
        for (const id of d.covers.dblp) this.idAction.set(`dblp:${id}`, d.action);
      }
    }
  }

  get(item: string): Decision | undefined {
    return this.byItem.get(item);
  }

  /** accept/reject that covers any of these identifiers ("arxiv:…", "doi:…", "dblp:…"); a rejection wins. */
  forIdentifiers(ids: readonly string[]): 'accept' | 'reject' | undefined {
    let found: 'accept' | 'reject' | undefined;
    for (const id of ids) {
      const a = this.idAction.get(id);
      if (a === 'reject') return 'reject';
      if (a) found = a;
    }
    return found;
  }
}
