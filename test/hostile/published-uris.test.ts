/**
 * Every published URL is a valid RFC 3986 URI: a DOI with "[", "]", quotes or "%" from a source,
 * and an owner's link with brackets, a space-free "|" or non-ASCII letters, are percent-encoded
 * where a URI needs it, in profile.json, the versions, CSL-JSON, BibTeX and JSON-LD alike.
 */
import { describe, expect, it } from 'vitest';
import { doiUrl } from '../../src/ids/doi.ts';
import { asUri, isUri } from '../../src/ids/uri.ts';
import { toBibtex } from '../../src/publish/citations/bibtex.ts';
import { toCslJson } from '../../src/publish/citations/csl-json.ts';
import { toJsonLd } from '../../src/publish/citations/json-ld.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { sourceDoi } from '../../src/sources/source-values.ts';
import { config, cvWith, dblp, input, OWNER, pub } from '../helpers/reconcile-builders.ts';

const HOSTILE_DOI = "10.1234/a)[click-me](javascript:alert('x'))";

/** Every string value that looks like a link (http(s):…) anywhere in a JSON value. */
function linksIn(value: unknown): string[] {
  if (typeof value === 'string') return /^https?:/i.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(linksIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(linksIn);
  return [];
}

describe('published links are RFC 3986 URIs', () => {
  it('the hostile DOI is one a source may give (its characters are the safe set), and its link is encoded', () => {
    expect(sourceDoi(HOSTILE_DOI)).toBe(HOSTILE_DOI);
    expect(doiUrl(HOSTILE_DOI)).toBe("https://doi.org/10.1234/a)%5Bclick-me%5D(javascript:alert('x'))");
    expect(doiUrl('10.1000/50%off?#x')).toBe('https://doi.org/10.1000/50%25off%3F%23x');
    expect(asUri('https://example.org/a b/"q"/[x]/{y}|z/é?q=<1>#f#g')).toBe('https://example.org/a%20b/%22q%22/%5Bx%5D/%7By%7D%7Cz/%C3%A9?q=%3C1%3E#f%23g');
    expect(asUri('https://example.org/already%20encoded%zz')).toBe('https://example.org/already%20encoded%25zz');
  });

  it('in profile.json, CSL-JSON, BibTeX and JSON-LD', () => {
    const cv = cvWith([
      pub('mine', 'An Owner Work', [OWNER], { links: { code: 'https://github.com/o/r/tree/[main]|x', project: 'https://example.org/caf\u00e9/{p}' }, preview: 'https://example.org/i[1].png' }),
      pub('linked', 'A Linked Work', [OWNER, 'Bea Coauthor'], { ids: { dblp: 'conf/x/Linked20' } }),
    ]);
    const out = reconcile(input(cv, [], [dblp('conf/x/Linked20', 'A Linked Work', [OWNER, 'Bea Coauthor'], 2020, { doi: HOSTILE_DOI })]));
    const linked = out.profile.publications.find((w) => w.id === 'linked')!;
    expect(linked.ids.doi).toBe(HOSTILE_DOI);
    expect(linked.links.doi).toBe(doiUrl(HOSTILE_DOI));
    const published = [out.profile, toCslJson(out.profile), toJsonLd(out.profile)];
    const links = published.flatMap(linksIn);
    expect(links.length).toBeGreaterThan(5);
    expect(links.filter((l) => !isUri(l))).toEqual([]);
    const bibUrls = [...toBibtex(out.profile).matchAll(/^\s*url\s*=\s*\{(.*)\},?$/gm)].map((m) => m[1]!);
    expect(bibUrls.length).toBeGreaterThan(0);
    expect(bibUrls.filter((l) => !isUri(l.replace(/\\%/g, '%')))).toEqual([]);
  });
});
