/** What a report asks the owner to decide, and how each answer is recorded. */
import type { Decision, Decisions } from '../canonical/decisions.ts';
import type { Report, VersionEvent } from '../model/report.ts';
import { cleanText } from '../sources/source-text.ts';

export type Action = Decision['action'];

export interface PendingItem {
  readonly id: string;
  readonly kind: 'candidate' | 'difference' | 'event';
  /** One line for a person: control and bidi characters removed, whatever report it was read from. */
  readonly summary: string;
  readonly actions: readonly Action[];
}

export function pendingItems(report: Report, decisions: Decisions): PendingItem[] {
  const decided = new Set(decisions.decisions.map((d) => d.item));
  const items: PendingItem[] = [];
  for (const c of report.candidates) {
    if (decided.has(c.id)) continue;
    items.push({ id: c.id, kind: 'candidate', summary: cleanText(`[${c.confidence}]${c.synthetic ? ' [SYNTHETIC test record, not a real paper]' : ''} ${c.title} (${c.year ?? '?'}) — ${c.reason}${c.synthetic ? ` (synthetic: ${c.synthetic})` : ''}`), actions: actionsFor('candidate') });
  }
  for (const d of report.differences) {
    if (decided.has(d.id) || d.decision) continue;
    items.push({ id: d.id, kind: 'difference', summary: cleanText(`${d.workTitle}: ${d.field} "${d.canonical}" → "${d.source}" (${d.from.join('; ')})`), actions: actionsFor('difference') });
  }
  for (const e of report.events) {
    if (decided.has(e.id)) continue;
    items.push({ id: e.id, kind: 'event', summary: cleanText(`${e.workTitle}: ${e.detail}`), actions: actionsFor('event', e) });
  }
  return items;
}

/**
 * The answers an item of each kind takes. A version event is acknowledged (--ack changes nothing);
 * a "now published" event can also be accepted: the canonical record becomes the published paper.
 */
export function actionsFor(kind: PendingItem['kind'], event?: Pick<VersionEvent, 'kind'>): readonly Action[] {
  if (kind === 'candidate') return ['accept', 'reject'];
  if (kind === 'difference') return ['keep-mine', 'accept-theirs'];
  return event?.kind === 'published' ? ['accept', 'ack'] : ['ack'];
}

export class ReviewError extends Error {
  override name = 'ReviewError';
}

/** Records an answer; a candidate's decision covers all its identifiers (so its other versions stay decided). */
export function recordDecision(decisions: Decisions, report: Report, item: string, action: Action, at: string, extra: Pick<Decision, 'edit' | 'replaces'> = {}): Decisions {
  const candidate = report.candidates.find((c) => c.id === item);
  const difference = report.differences.find((d) => d.id === item);
  const event = report.events.find((e) => e.id === item);
  if (!candidate && !difference && !event) throw new ReviewError(`no item "${item}" in report ${report.runId}`);
  const allowed = actionsFor(candidate ? 'candidate' : difference ? 'difference' : 'event', event);
  if (!allowed.includes(action)) throw new ReviewError(`"${action}" does not apply to ${item}; use ${allowed.map((a) => `--${a}`).join(' or ')}`);
  const covers = candidate
    ? {
        arxiv: candidate.evidence.ids.filter((i) => i.startsWith('arxiv:')).map((i) => i.slice(6)),
        doi: candidate.evidence.ids.filter((i) => i.startsWith('doi:')).map((i) => i.slice(4)),
        dblp: candidate.evidence.ids.filter((i) => i.startsWith('dblp:')).map((i) => i.slice(5)),
      }
    : undefined;
  const decision: Decision = { item, action, at, ...(covers ? { covers } : {}), ...extra };
  return { ...decisions, decisions: [...decisions.decisions.filter((d) => d.item !== item), decision] };
}
