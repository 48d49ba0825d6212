/** diff.md and diff.html say why a CV work stayed unlinked when a near match exists (issue #25). */
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/publish/report/render-html.ts';
import { renderMarkdown } from '../../src/publish/report/render-markdown.ts';
import { loadFleetPerson, reconcileFleetPerson } from '../helpers/real-fleet.ts';

const report = reconcileFleetPerson(loadFleetPerson('sofia-marquez')).report;

describe('the near match in the report', () => {
  it('diff.md lists it under the work, and a Markdown renderer shows the reason as text', () => {
    const md = renderMarkdown(report);
    const html = new Marked().parse(md, { async: false });
    const section = html.slice(html.indexOf('Canonical works not found'));
    expect(section).toContain('not linked to the nearest record: title similarity 0.89 with dblp conf/assets/MarquezF19');
    expect(section).toContain('venue agrees; same year; shares a co-author. If it is this work, write &quot;ids&quot;: {&quot;dblp&quot;: &quot;conf/assets/MarquezF19&quot;} on it in cv.json');
  });

  it('diff.html shows it with the work, escaped', () => {
    const html = renderHtml(report);
    const section = html.slice(html.indexOf('<section id="not-found">'));
    expect(section).toContain('<code>assets19-onboarding</code><div class="muted">not linked to the nearest record: title similarity 0.89 with dblp conf/assets/MarquezF19 (&quot;Accessible Onboarding for Voice Interfaces&quot;, 2019)');
  });
});
