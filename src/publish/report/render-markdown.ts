/** diff.md: the report for a person, readable in a minute in any Markdown viewer. */
import type { Report } from '../../model/report.ts';

/** Escapes text from sources so it cannot form Markdown (or HTML) markup. */
export function mdText(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

export function renderMarkdown(r: Report): string {
  const s = r.summary;
  const out: string[] = [];
  out.push(`# profile-sync report: ${mdText(r.profile)}`, '', `Run ${code(r.runId)} at ${r.generatedAt}.`, '');
  out.push('## Summary', '');
  out.push(
    `- **${s.pendingReview} item(s) to review**: ${s.pendingCandidates} new candidate(s), ${s.pendingDifferences} upstream difference(s), ${s.versionEvents} version event(s)`,
    `- ${s.linkedWorks} of ${s.canonicalWorks} canonical works linked to the sources; ${s.notFound} not found (information only)`,
    `- ${s.conflicts} conflict(s) left unlinked; ${s.profileChanges} change(s) to the published profile`,
    '',
  );
  out.push('## Source health', '', '| source | status | requests | HTTP statuses | records | data from | notes |', '|---|---|---|---|---|---|---|');
  for (const h of r.sources) {
    const snap = h.usedSnapshot ? ` (snapshot ${h.usedSnapshot.runId}, ${h.usedSnapshot.ageHours} h old)` : '';
    out.push(`| ${h.source} | **${h.status}** (${h.mode}) | ${h.requests} | ${h.statuses.join(', ') || '–'} | ${h.records} | ${mdText(h.dataFrom)}${snap} | ${h.reasons.map(mdText).join('<br>') || '–'} |`);
  }
  out.push('', `## New candidates (${r.candidates.length})`, '');
  if (r.candidates.length === 0) out.push('None.', '');
  for (const c of r.candidates) {
    out.push(`### ${mdText(c.title)}`, '');
    out.push(`- id: ${code(c.id)} — **${c.confidence} confidence**: ${mdText(c.reason)}`);
    out.push(`- ${mdText(c.authors.join(', '))}${c.year ? ` (${c.year}${c.venue ? `, ${mdText(c.venue)}` : ''})` : ''}`);
    out.push(`- evidence: ${c.evidence.sources.join(' + ')}; ${c.evidence.ids.map(code).join(', ')}${c.evidence.sharedCoauthors.length ? `; shared co-authors: ${mdText(c.evidence.sharedCoauthors.join(', '))}` : ''}`);
    const links = Object.entries(c.links).map(([k, v]) => `[${k}](${v.replace(/[()\s]/g, encodeURIComponent)})`);
    if (links.length) out.push(`- links: ${links.join(' · ')}`);
    out.push('');
  }
  out.push(`## Upstream differences (${r.differences.length})`, '', '| work | field | canonical (yours) | source | from | id |', '|---|---|---|---|---|---|');
  for (const d of r.differences) {
    out.push(`| ${mdText(d.workTitle)} | ${code(d.field)} | ${mdText(d.canonical)} | ${mdText(d.source)} | ${d.from.map(mdText).join('<br>')} | ${code(d.id)}${d.decision ? ` (${d.decision})` : ''} |`);
  }
  out.push('', `## Version events (${r.events.length})`, '');
  for (const e of r.events) out.push(`- ${mdText(e.workTitle)}: ${mdText(e.detail)} — ${code(e.id)}`);
  out.push('', `## Conflicts left unlinked (${r.conflicts.length})`, '');
  for (const c of r.conflicts) out.push(`- ${mdText(c.reason)} — ${c.versions.map(code).join(', ')}`);
  out.push('', `## Canonical works not found in any source (${r.notFound.length})`, '', 'Information only: nothing is removed.', '');
  for (const n of r.notFound) out.push(`- [${mdText(n.venue)}] ${mdText(n.title)} — ${code(n.workId)}`);
  out.push('', `## Changes to the published profile (${r.changes.length})`, '');
  for (const c of r.changes) {
    out.push(`- ${code(c.workId)} ${c.change}${c.field ? ` ${code(c.field)}` : ''}${c.before !== undefined ? `: ${mdText(c.before)}` : ''}${c.after !== undefined ? ` → ${mdText(c.after)}` : ''}`);
  }
  out.push('', 'Review with `npx profile-sync review` (accept / reject candidates, keep-mine / accept-theirs differences).', '');
  return out.join('\n');
}
