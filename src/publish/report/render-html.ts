/**
 * diff.html: a self-contained page (inline CSS, no JavaScript, no external
 * resources). Every string from a source is escaped: a title containing
 * <script> is shown as text.
 */
import { dataFromText, type Report } from '../../model/report.ts';
import { withoutControls } from '../../sources/source-text.ts';
import { count } from '../../text/count.ts';
import { shellWord } from '../../text/shell-word.ts';

/** Escapes text for HTML element content and quoted attributes; control and bidi-override characters are removed. */
export function esc(s: string): string {
  return withoutControls(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Only http(s) links are kept; anything else (javascript:, data:) becomes plain text. */
function link(label: string, href: string): string {
  return /^https?:\/\//i.test(href) ? `<a href="${esc(href)}" rel="noopener noreferrer">${esc(label)}</a>` : esc(label);
}

const CSS = `body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border:1px solid #ddd;padding:.3rem .45rem;vertical-align:top;text-align:left}
th{background:#f5f5f7}code{font-size:.85em;background:#f5f5f7;padding:0 .2em;border-radius:3px;word-break:break-all}
.badge{display:inline-block;padding:0 .45em;border-radius:.6em;font-size:.8rem;font-weight:600}
.high{background:#d1f2d9}.medium{background:#fff0c2}.low{background:#ffd7d5}.ok{background:#d1f2d9}.degraded{background:#ffd7d5}.skipped{background:#e8e8ed}
.card{border:1px solid #ddd;border-radius:6px;padding:.6rem .8rem;margin:.6rem 0}.muted{color:#6e6e73}.summary li{margin:.15rem 0}`;

export function renderHtml(r: Report): string {
  const s = r.summary;
  const parts: string[] = [];
  parts.push(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`);
  parts.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  parts.push(`<title>profile-sync report: ${esc(r.profile)} ${esc(r.runId)}</title><style>${CSS}</style></head><body>`);
  parts.push(`<h1>profile-sync report: ${esc(r.profile)}</h1><p class="muted">Run <code>${esc(r.runId)}</code> at ${esc(r.generatedAt)}</p>`);
  parts.push(`<section id="summary"><h2>Summary</h2><ul class="summary">`);
  parts.push(`<li><strong>${count(s.pendingReview, 'item')} to review</strong>: ${count(s.pendingCandidates, 'new candidate')}, ${count(s.pendingDifferences, 'upstream difference')}, ${count(s.versionEvents, 'version event')}</li>`);
  parts.push(`<li>${s.linkedWorks} of ${count(s.canonicalWorks, 'canonical work')} linked; ${s.notFound} not found (information only)</li>`);
  parts.push(`<li>${count(s.conflicts, 'conflict')} left unlinked; ${count(s.profileChanges, 'change')} to the published profile</li></ul></section>`);
  for (const n of r.notices ?? []) parts.push(`<p class="notice">${esc(n)}</p>`);
  parts.push(`<section id="sources"><h2>Source health</h2><table><tr><th>source</th><th>status</th><th>requests</th><th>HTTP statuses</th><th>records</th><th>data from</th><th>notes</th></tr>`);
  for (const h of r.sources) {
    const snap = h.usedSnapshot ? ` (snapshot ${esc(h.usedSnapshot.runId)}, ${h.usedSnapshot.ageHours} h old)` : '';
    parts.push(
      `<tr><td>${esc(h.source)}</td><td><span class="badge ${esc(h.status)}">${esc(h.status)}</span> ${esc(h.mode)}</td><td>${h.requests}</td><td>${esc(h.statuses.join(', ') || '–')}</td><td>${h.records}</td><td>${esc(dataFromText(h))}${snap}</td><td>${h.reasons.map(esc).join('<br>') || '–'}</td></tr>`,
    );
  }
  parts.push(`</table></section>`);
  parts.push(`<section id="candidates"><h2>New candidates (${r.candidates.length})</h2>`);
  if (r.candidates.length === 0) parts.push('<p>None.</p>');
  for (const c of r.candidates) {
    const links = Object.entries(c.links).map(([k, v]) => link(k, v)).join(' · ');
    parts.push(
      `<div class="card" id="${esc(c.id)}"><div><span class="badge ${c.confidence}">${c.confidence}</span> <strong class="title">${esc(c.title)}</strong></div>` +
        `<div>${esc(c.authors.join(', '))}${c.year ? ` (${c.year}${c.venue ? `, ${esc(c.venue)}` : ''})` : ''}</div>` +
        `<div class="muted">${esc(c.reason)}</div>` +
        (c.synthetic ? `<div><strong>synthetic test record, not a real paper:</strong> ${esc(c.synthetic)}</div>` : '') +
        `<div class="muted">evidence: ${esc(c.evidence.sources.join(' + '))}; ${c.evidence.ids.map((i) => `<code>${esc(i)}</code>`).join(' ')}${c.evidence.sharedCoauthors.length ? `; shared co-authors: ${esc(c.evidence.sharedCoauthors.join(', '))}` : ''}</div>` +
        `<div>${links} <code>${esc(c.id)}</code></div></div>`,
    );
  }
  parts.push(`</section>`);
  parts.push(`<section id="differences"><h2>Upstream differences (${r.differences.length})</h2><table><tr><th>work</th><th>field</th><th>canonical (yours)</th><th>source</th><th>from</th><th>id</th></tr>`);
  for (const d of r.differences) {
    parts.push(
      `<tr><td>${esc(d.workTitle)}</td><td><code>${esc(d.field)}</code></td><td>${esc(d.canonical)}</td><td>${esc(d.source)}<div class="muted">${esc(d.note)}</div></td><td>${d.from.map(esc).join('<br>')}</td><td><code>${esc(shellWord(d.id))}</code>${d.decision ? ` (${esc(d.decision)})` : ''}</td></tr>`,
    );
  }
  parts.push(`</table></section>`);
  parts.push(`<section id="events"><h2>Version events (${r.events.length})</h2><ul>${r.events.map((e) => `<li>${esc(e.workTitle)}: ${esc(e.detail)} <code>${esc(e.id)}</code></li>`).join('')}</ul></section>`);
  parts.push(`<section id="conflicts"><h2>Conflicts left unlinked (${r.conflicts.length + (r.conflictsLeftOut ?? 0)})</h2><ul>${r.conflicts.map((c) => `<li>${esc(c.reason)} ${c.versions.map((v) => `<code>${esc(v)}</code>`).join(' ')}${c.moreVersions ? ` and ${c.moreVersions} more` : ''}</li>`).join('')}${r.conflictsLeftOut ? `<li>… and ${r.conflictsLeftOut} more conflicts, not listed</li>` : ''}</ul></section>`);
  parts.push(`<section id="not-found"><h2>Canonical works not found in any source (${r.notFound.length})</h2><p class="muted">Information only: nothing is removed.</p><ul>${r.notFound.map((n) => `<li>[${esc(n.venue)}] ${esc(n.title)} <code>${esc(n.workId)}</code>${n.nearMatch ? `<div class="muted">not linked to the nearest record: ${esc(n.nearMatch.reason)}</div>` : ''}</li>`).join('')}</ul></section>`);
  parts.push(
    `<section id="changes"><h2>Changes to the published profile (${r.changes.length})</h2><ul>${r.changes
      .map((c) => `<li><code>${esc(c.workId)}</code> ${esc(c.change)}${c.field ? ` <code>${esc(c.field)}</code>` : ''}${c.before !== undefined ? `: ${esc(c.before)}` : ''}${c.after !== undefined ? ` → ${esc(c.after)}` : ''}</li>`)
      .join('')}</ul></section>`,
  );
  const spellings = r.authorSpellings ?? [];
  if (spellings.length) {
    parts.push(
      `<section id="author-spellings"><h2>Co-authors written more than one way (${spellings.length})</h2><p class="muted">Published in one spelling (cv.json is unchanged); set config.json <code>publishing.authorSpellings</code> to choose another.</p><ul>${spellings
        .map((g) => `<li>${esc(g.variants.join(' / '))} → published as <strong>${esc(g.chosen)}</strong> (${esc(g.rule)}); other spellings in ${g.works.map((w) => `<code>${esc(w)}</code>`).join(' ')}</li>`)
        .join('')}</ul></section>`,
    );
  }
  parts.push(`<p class="muted">Review with <code>npx profile-sync review</code>.</p></body></html>\n`);
  return parts.join('\n');
}
