/**
 * diff.md: the report for a person, readable in a minute in any Markdown viewer.
 * Text from the sources is escaped so it forms no markup, no link and no
 * autolink; the only links are the report's own, to http(s) addresses, with
 * every character that could end or extend a link destination percent-encoded.
 */
import { dataFromText, type Report } from '../../model/report.ts';
import { withoutControls } from '../../sources/source-text.ts';
import { count } from '../../text/count.ts';
import { shellWord } from '../../text/shell-word.ts';

/** Escapes text so it cannot form Markdown (or HTML) markup, links or autolinks (e-mail, ftp://). */
export function mdText(s: string): string {
  return withoutControls(s)
    .replace(/[\\`*_{}[\]()#+!|<>~@&]/g, (c) => `\\${c}`)
    .replace(/([A-Za-z][A-Za-z0-9+.-]*):(?=\/\/)/g, '$1\\:')
    .replace(/\s+/g, ' ');
}

/** A code span on one line (a backtick would end it, a pipe would end a table cell). */
const code = (s: string) => `\`${withoutControls(s).replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\s+/g, ' ')}\``;

/** Characters left as they are in a link destination; anything else is percent-encoded (UTF-8). */
const URL_SAFE = /[A-Za-z0-9\-._~:/?#@!$&+,;=%]/;

/** [label](href) for an http(s) address; anything else (javascript:, data:) is the label as plain text. */
export function mdLink(label: string, href: string): string {
  if (!/^https?:\/\/[^\s]/i.test(href)) return mdText(label);
  let dest = '';
  for (const c of withoutControls(href)) dest += URL_SAFE.test(c) ? c : encodeURIComponent(c).replace(/[!'()*]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${mdText(label)}](${dest})`;
}

export function renderMarkdown(r: Report): string {
  const s = r.summary;
  const out: string[] = [];
  out.push(`# profile-sync report: ${mdText(r.profile)}`, '', `Run ${code(r.runId)} at ${r.generatedAt}.`, '');
  out.push('## Summary', '');
  out.push(
    `- **${count(s.pendingReview, 'item')} to review**: ${count(s.pendingCandidates, 'new candidate')}, ${count(s.pendingDifferences, 'upstream difference')}, ${count(s.versionEvents, 'version event')}`,
    `- ${s.linkedWorks} of ${count(s.canonicalWorks, 'canonical work')} linked to the sources; ${s.notFound} not found (information only)`,
    `- ${count(s.conflicts, 'conflict')} left unlinked; ${count(s.profileChanges, 'change')} to the published profile`,
    '',
  );
  for (const n of r.notices ?? []) out.push(`> ${mdText(n)}`, '');
  out.push('## Source health', '', '| source | status | requests | HTTP statuses | records | data from | notes |', '|---|---|---|---|---|---|---|');
  for (const h of r.sources) {
    const snap = h.usedSnapshot ? ` (snapshot ${h.usedSnapshot.runId}, ${h.usedSnapshot.ageHours} h old)` : '';
    out.push(`| ${h.source} | **${h.status}** (${h.mode}) | ${h.requests} | ${h.statuses.join(', ') || '–'} | ${h.records} | ${mdText(dataFromText(h))}${mdText(snap)} | ${h.reasons.map(mdText).join('<br>') || '–'} |`);
  }
  out.push('', `## New candidates (${r.candidates.length})`, '');
  if (r.candidates.length === 0) out.push('None.', '');
  for (const c of r.candidates) {
    out.push(`### ${mdText(c.title)}`, '');
    out.push(`- id: ${code(c.id)} — **${c.confidence} confidence**: ${mdText(c.reason)}`);
    if (c.synthetic) out.push(`- **synthetic test record, not a real paper**: ${mdText(c.synthetic)}`);
    out.push(`- ${mdText(c.authors.join(', '))}${c.year ? ` (${c.year}${c.venue ? `, ${mdText(c.venue)}` : ''})` : ''}`);
    out.push(`- evidence: ${c.evidence.sources.join(' + ')}; ${c.evidence.ids.map(code).join(', ')}${c.evidence.sharedCoauthors.length ? `; shared co-authors: ${mdText(c.evidence.sharedCoauthors.join(', '))}` : ''}`);
    const links = Object.entries(c.links).map(([k, v]) => mdLink(k, v));
    if (links.length) out.push(`- links: ${links.join(' · ')}`);
    out.push('');
  }
  out.push(`## Upstream differences (${r.differences.length})`, '', '| work | field | canonical (yours) | source | from | id |', '|---|---|---|---|---|---|');
  for (const d of r.differences) {
    out.push(`| ${mdText(d.workTitle)} | ${code(d.field)} | ${mdText(d.canonical)} | ${mdText(d.source)} | ${d.from.map(mdText).join('<br>')} | ${code(shellWord(d.id))}${d.decision ? ` (${d.decision})` : ''} |`);
  }
  out.push('', `## Version events (${r.events.length})`, '');
  for (const e of r.events) out.push(`- ${mdText(e.workTitle)}: ${mdText(e.detail)} — ${code(e.id)}`);
  out.push('', `## Conflicts left unlinked (${r.conflicts.length + (r.conflictsLeftOut ?? 0)})`, '');
  for (const c of r.conflicts) out.push(`- ${mdText(c.reason)} — ${c.versions.map(code).join(', ')}${c.moreVersions ? `, and ${c.moreVersions} more` : ''}`);
  if (r.conflictsLeftOut) out.push(`- … and ${r.conflictsLeftOut} more conflicts, not listed`);
  out.push('', `## Canonical works not found in any source (${r.notFound.length})`, '', 'Information only: nothing is removed.', '');
  for (const n of r.notFound) {
    out.push(`- [${mdText(n.venue)}] ${mdText(n.title)} — ${code(n.workId)}`);
    if (n.nearMatch) out.push(`  - not linked to the nearest record: ${mdText(n.nearMatch.reason)}`);
  }
  out.push('', `## Changes to the published profile (${r.changes.length})`, '');
  for (const c of r.changes) {
    out.push(`- ${code(c.workId)} ${c.change}${c.field ? ` ${code(c.field)}` : ''}${c.before !== undefined ? `: ${mdText(c.before)}` : ''}${c.after !== undefined ? ` → ${mdText(c.after)}` : ''}`);
  }
  const spellings = r.authorSpellings ?? [];
  if (spellings.length) {
    out.push('', `## Co-authors written more than one way (${spellings.length})`, '', 'Published in one spelling (cv.json is unchanged); set config.json `publishing.authorSpellings` to choose another.', '');
    for (const g of spellings) out.push(`- ${mdText(g.variants.join(' / '))} → published as ${mdText(g.chosen)} (${g.rule}); other spellings in ${g.works.map(code).join(', ')}`);
  }
  out.push('', 'Review with `npx profile-sync review` (accept / reject candidates, keep-mine / accept-theirs differences).', '');
  return out.join('\n');
}
