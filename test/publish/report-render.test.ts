/** diff.md and diff.html: complete, and every source string escaped; the "nothing selected" notice shown only when it is true. */
import { load as loadHtml } from 'cheerio';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { NONE_SELECTED, reconcile } from '../../src/reconcile/reconcile.ts';
import { renderHtml } from '../../src/publish/report/render-html.ts';
import { renderMarkdown } from '../../src/publish/report/render-markdown.ts';
import { arxiv, cvWith, input, OWNER, pub } from '../helpers/reconcile-builders.ts';

const evil = '<script>alert("pwned")</script> & <img src=x onerror=alert(1)>';
const out = reconcile(
  input(cvWith([pub('w1', 'Known Work', [OWNER, 'Bea Coauthor'], { ids: { arxiv: '2001.00001' } })]), [
    arxiv('2001.00001', `Known Work ${evil}`, [OWNER, 'Bea Coauthor']),
    arxiv('2302.00002', evil, [OWNER, 'Bea Coauthor', 'Zoë "Quotes" O\'Neil'], { links: { abstract: 'javascript:alert(1)', pdf: 'x' } }),
  ], []),
);

describe('diff.html', () => {
  const html = renderHtml(out.report);

  it('has every section, and no script, external resource or inline handler', () => {
    for (const id of ['summary', 'sources', 'candidates', 'differences', 'events', 'conflicts', 'not-found', 'changes']) expect(html).toContain(`<section id="${id}">`);
    expect(html).not.toMatch(/<script|<[a-z][^>]*\son[a-z]+=|<[a-z][^>]*\ssrc=|<link /i);
    expect(html).not.toContain('javascript:');
    expect(html).toContain("Content-Security-Policy");
  });

  it('shows a source title with markup as text', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Zoë &quot;Quotes&quot; O&#39;Neil');
  });
});

describe('diff.md', () => {
  const md = renderMarkdown(out.report);
  it('lists the sections and escapes Markdown and HTML in source strings', () => {
    for (const h of ['## Summary', '## Source health', '## New candidates (1)', '## Upstream differences (1)', '## Version events', '## Canonical works not found', '## Changes to the published profile']) expect(md).toContain(h);
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\<script\\>');
  });
});

describe('the "nothing selected" notice', () => {
  const works = [pub('w1', 'Known Work', [OWNER, 'Bea Coauthor'], { ids: { arxiv: '2001.00001' } }), pub('w2', 'Another Work', [OWNER])];
  const report = (publications: ReturnType<typeof pub>[]) => reconcile(input(cvWith(publications), [arxiv('2001.00001', 'Known Work', [OWNER, 'Bea Coauthor'])], [])).report;
  /** What a reader sees: diff.md rendered by marked (its blockquotes), diff.html's notice paragraphs. */
  const shown = (r: ReturnType<typeof report>) => {
    const md = loadHtml(marked.parse(renderMarkdown(r), { async: false }));
    const html = loadHtml(renderHtml(r));
    return { md: md('blockquote').toArray().map((e) => md(e).text().trim()), html: html('p.notice').toArray().map((e) => html(e).text()) };
  };

  it('with no work selected: in diff.json, and shown as written in diff.md (a quote) and diff.html', () => {
    const r = report(works);
    expect(r.notices).toEqual([NONE_SELECTED]);
    expect(NONE_SELECTED).toContain('<publication-list selected>');
    expect(shown(r)).toEqual({ md: [NONE_SELECTED], html: [NONE_SELECTED] });
  });

  it('gone once a work is selected: not in diff.json, diff.md or diff.html', () => {
    const r = report([works[0]!, { ...works[1]!, selected: true }]);
    expect(r.notices).toBeUndefined();
    expect(shown(r)).toEqual({ md: [], html: [] });
    expect(renderMarkdown(r)).not.toContain('No work is marked selected');
    expect(renderHtml(r)).not.toContain('No work is marked selected');
  });

  it('not said of a profile with no work at all (there is nothing to select)', () => {
    const r = report([]);
    expect(r.notices).toBeUndefined();
    expect(shown(r)).toEqual({ md: [], html: [] });
  });
});
