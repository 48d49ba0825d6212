/**
 * Issue 14, item 2: diff.md rendered by a real Markdown renderer (marked) has
 * no link a source wrote into it: a DOI that closes the report's own link and
 * opens a javascript: one stays inside one percent-encoded https link, and
 * text never autolinks (mailto:, ftp://).
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/publish/report/render-markdown.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { arxiv, cvWith, dblp, input, OWNER, pub } from '../helpers/reconcile-builders.ts';

const hrefs = (html: string) => [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!);

describe('links in diff.md', () => {
  const cv = cvWith([pub('w1', 'Known Work', [OWNER, 'Bea Coauthor'])]);
  const doi = '10.1234/a)[click](javascript:alert(1))';
  const out = reconcile(
    input(cv, [arxiv('2302.00002', 'Write to a@b.example or fetch ftp://files.example/x', [OWNER, 'Bea Coauthor'])], [
      dblp('conf/x/Evil23', 'A DOI That Closes a Markdown Link', [OWNER, 'Bea Coauthor'], 2023, { doi, ee: [{ url: `https://doi.org/${doi}`, doi }] }),
    ]),
  );
  const html = marked.parse(renderMarkdown(out.report), { async: false });

  it('a DOI that closes the link stays inside it, percent-encoded: every rendered link is https', () => {
    // the published link is an RFC 3986 URI (issue 22, item 14): "[" and "]" percent-encoded
    expect(out.report.candidates.find((c) => c.title.startsWith("A DOI"))?.links.doi).toBe("https://doi.org/10.1234/a)%5Bclick%5D(javascript:alert(1))");
    expect(hrefs(html).filter((h) => !h.startsWith('https://'))).toEqual([]);
    expect(hrefs(html)).toContain('https://doi.org/10.1234/a%29%5Bclick%5D%28javascript:alert%281%29%29');
  });

  it('source text forms no link: no mailto:, no ftp:', () => {
    expect(html).toContain('Write to a@b.example or fetch ftp://files.example/x');
    expect(html).not.toMatch(/href="(?:mailto|ftp):/);
  });
});
