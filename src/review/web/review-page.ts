/**
 * The review page of one profile: what the latest report proposes that is not decided yet (new papers with
 * their confidence and evidence, differences yours → theirs, version events), each with its answers as plain
 * HTML forms, and the decided items with Undo. Every form carries the session's CSRF token and what the page
 * showed of the item (`seen`), so an answer given on a stale page is refused, never written over another's.
 */
import type { Decision, Decisions } from '../../canonical/decisions.ts';
import type { CandidateItem, DifferenceItem, Report, VersionEvent } from '../../model/report.ts';
import { pendingItems, type Action } from '../pending.ts';
import { layout } from './page-layout.ts';
import { bdi, externalLink, text } from './page-text.ts';

export type PageAction = Action | 'undo';

export const ACTION_LABELS: Readonly<Record<PageAction, string>> = {
  accept: 'Accept',
  reject: 'Reject',
  'keep-mine': 'Keep mine',
  'accept-theirs': 'Accept theirs',
  ack: 'Acknowledge',
  undo: 'Undo',
};

/** What the page showed of an item's decision: "" (pending) or "<action>@<at>". */
export const seenOf = (d: Pick<Decision, 'action' | 'at'> | undefined) => (d ? `${d.action}@${d.at}` : '');

export interface PageMessage {
  readonly kind: 'ok' | 'conflict';
  readonly text: string;
}

export interface ReviewPageModel {
  readonly base: string;
  readonly profile: string;
  readonly report: Report;
  readonly decisions: Decisions;
  readonly csrf: string;
  /** Where the published profile is. */
  readonly profileUrl: string;
  readonly message?: PageMessage;
  /** Other profiles this session may review (a curator's). */
  readonly others?: readonly string[];
}

/** A one-line name of an item, for messages and the decided list. */
export function itemTitle(report: Report, id: string): string {
  const c = report.candidates.find((x) => x.id === id);
  if (c) return c.title;
  const d = report.differences.find((x) => x.id === id);
  if (d) return `${d.workTitle}: ${d.field}`;
  const e = report.events.find((x) => x.id === id);
  if (e) return `${e.workTitle}: ${e.detail}`;
  return id;
}

export function renderReviewPage(m: ReviewPageModel): string {
  let n = 0;
  const form = (id: string, actions: readonly PageAction[], seen: string, titleId: string) =>
    `<form class="actions" method="post" action="${text(m.base)}/p/${text(m.profile)}/decide">
<input type="hidden" name="csrf" value="${text(m.csrf)}"><input type="hidden" name="item" value="${text(id)}"><input type="hidden" name="seen" value="${text(seen)}">
${actions.map((a, i) => `<button type="submit" name="action" value="${a}"${i > 0 ? ' class="secondary"' : ''} aria-describedby="${titleId}">${ACTION_LABELS[a]}</button>`).join('\n')}
</form>`;
  const pending = pendingItems(m.report, m.decisions);
  const candidate = (c: CandidateItem, actions: readonly PageAction[]) => {
    const tid = `t${++n}`;
    const ev = c.evidence;
    const links = Object.entries(c.links).map(([k, v]) => externalLink(k, v));
    return `<li><article aria-labelledby="${tid}">
<p class="item-title" id="${tid}">${bdi(c.title)}</p>
<p class="meta">${bdi(c.authors.join(', '))}${c.venue ? ` · ${bdi(c.venue)}` : ''}${c.year !== undefined ? ` · ${text(c.year)}` : ''}</p>
<p class="meta"><span class="badge">confidence: ${text(c.confidence)}</span> ${bdi(c.reason)}</p>
${c.synthetic ? `<p class="meta"><strong>Synthetic test record, not a real paper:</strong> ${bdi(c.synthetic)}</p>` : ''}
<p class="evidence">Evidence: found in ${text(ev.sources.join(' and ') || 'no source')}${ev.ids.length ? `; identifiers ${bdi(ev.ids.join(', '))}` : ''}${ev.sharedCoauthors.length ? `; co-authors from your CV: ${bdi(ev.sharedCoauthors.join(', '))}` : ''}${ev.onOwnerDblpPage ? '; on your dblp page' : ''}${ev.ownerNameInAuthors ? '; your name is among the authors' : ''}.</p>
${links.length ? `<p class="meta">Links: ${links.join(' · ')}</p>` : ''}
${form(c.id, actions, '', tid)}
</article></li>`;
  };
  const difference = (d: DifferenceItem, actions: readonly PageAction[]) => {
    const tid = `t${++n}`;
    return `<li><article aria-labelledby="${tid}">
<p class="item-title" id="${tid}">${bdi(d.workTitle)}: ${bdi(d.field)}</p>
<dl class="change"><dt>Yours</dt><dd>${bdi(d.canonical)}</dd><dt>Theirs</dt><dd>${bdi(d.source)}</dd><dt>From</dt><dd>${bdi(d.from.join('; '))}</dd></dl>
${d.note ? `<p class="detail">${bdi(d.note)}</p>` : ''}
${form(d.id, actions, '', tid)}
</article></li>`;
  };
  const event = (e: VersionEvent, actions: readonly PageAction[]) => {
    const tid = `t${++n}`;
    return `<li><article aria-labelledby="${tid}">
<p class="item-title" id="${tid}">${bdi(e.workTitle)}</p>
<p class="detail">${e.kind === 'published' ? 'Now published' : 'New arXiv version'}: ${bdi(e.detail)}</p>
${form(e.id, actions, '', tid)}
</article></li>`;
  };
  const byId = new Map(pending.map((p) => [p.id, p]));
  const list = (items: string[], empty: string) => (items.length ? `<ul class="items">\n${items.join('\n')}\n</ul>` : `<p class="empty">${empty}</p>`);
  const candidates = m.report.candidates.filter((c) => byId.has(c.id)).map((c) => candidate(c, byId.get(c.id)!.actions));
  const differences = m.report.differences.filter((d) => byId.has(d.id)).map((d) => difference(d, byId.get(d.id)!.actions));
  const events = m.report.events.filter((e) => byId.has(e.id)).map((e) => event(e, byId.get(e.id)!.actions));
  const decided = [...m.decisions.decisions].reverse().map((d) => {
    const tid = `t${++n}`;
    return `<li><article aria-labelledby="${tid}">
<p class="item-title" id="${tid}">${bdi(itemTitle(m.report, d.item))}</p>
<p class="meta">${text(ACTION_LABELS[d.action])} · ${text(d.at)}</p>
<p class="id">${bdi(d.item)}</p>
${form(d.item, ['undo'], seenOf(d), tid)}
</article></li>`;
  });
  const message = m.message ? `<div tabindex="-1" class="notice${m.message.kind === 'conflict' ? ' conflict' : ''}" role="${m.message.kind === 'conflict' ? 'alert' : 'status'}"><p>${text(m.message.text)}</p></div>` : '';
  const others = m.others?.length ? `<nav aria-label="Other profiles"><p>Also yours to review: ${m.others.map((p) => `<a href="${text(m.base)}/p/${text(p)}">${text(p)}</a>`).join(', ')}</p></nav>` : '';
  const body = `<header>
<h1>Review: ${text(m.profile)}</h1>
<p>Report of run ${bdi(m.report.runId)}. <a href="${text(m.profileUrl)}">Your published profile</a></p>
${others}
</header>
<main>
${message}
<section aria-labelledby="pending-h">
<h2 id="pending-h">To decide (${pending.length})</h2>
<h3>New papers (${candidates.length})</h3>
${list(candidates, 'No new papers to decide.')}
<h3>Differences: yours → theirs (${differences.length})</h3>
${list(differences, 'No differences to decide.')}
<h3>Version events (${events.length})</h3>
${list(events, 'No version events to acknowledge.')}
</section>
<section aria-labelledby="decided-h">
<h2 id="decided-h">Decided (${decided.length})</h2>
${list(decided, 'Nothing decided yet.')}
</section>
</main>`;
  return layout(m.base, `Review: ${m.profile}`, body);
}
