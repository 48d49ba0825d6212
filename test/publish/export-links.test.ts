/**
 * The export paths no work of the first user takes (no DOI, no journal paper, no work known to dblp
 * alone), on a small CV reconciled as a sync would: al-folio's html button (the DOI page; else the
 * dblp record of a work with no arXiv ID), Hugo Blox's custom dblp link, the landing page's
 * citation_doi and citation_journal_title (read back by an HTML parser), and JSON-LD that says equal
 * contribution of the marked authors and never as the work's creditText.
 */
import { load as loadHtml } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { toJsonLd } from '../../src/publish/citations/json-ld.ts';
import { toAlFolioBib } from '../../src/publish/site/al-folio.ts';
import { hugoBloxFiles } from '../../src/publish/site/hugo-blox.ts';
import { landingPages } from '../../src/publish/site/landing-page.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { runBibtex } from '../helpers/bibtex.ts';
import { cvWith, input, OWNER, pub } from '../helpers/reconcile-builders.ts';

const JOURNAL_DOI = '10.1109/TPAMI.2022.3140001';
const CONF_DOI = '10.1109/ICCV48922.2021.00042';
const cv = cvWith([
  // A journal paper with a DOI (and a dblp key): the DOI page is its html; it is a journal's, not a conference's.
  pub('tpami22-robust', 'Robust Learning under Label Noise', [`${OWNER}*`, 'Bea Coauthor*', 'Cy Third'], { kind: 'journal', venue: "TPAMI'22", year: 2022, ids: { doi: JOURNAL_DOI, dblp: 'journals/pami/OwnerCT22' } }),
  // A conference paper with an arXiv ID and a DOI: the arXiv button and the DOI page.
  pub('iccv21-both', 'A Conference Paper with Both Identifiers', [OWNER, 'Bea Coauthor'], { venue: "ICCV'21", year: 2021, ids: { arxiv: '2103.00042', doi: CONF_DOI } }),
  // Known to dblp alone: the dblp record is its only address.
  pub('cvpr20-dblp-only', 'A Conference Paper Known to dblp Only', [OWNER, 'Bea Coauthor'], { venue: "CVPR'20", year: 2020, ids: { dblp: 'conf/cvpr/OwnerC20' } }),
  // An arXiv ID and a dblp key: the arXiv button says where it is; no html button, no dblp link.
  pub('iccv19-arxiv', 'A Conference Paper on arXiv', [OWNER], { venue: "ICCV'19", year: 2019, ids: { arxiv: '1904.00042', dblp: 'conf/iccv/Owner19' } }),
]);
const { profile } = reconcile(input(cv, [], []));
const ids = profile.publications.map((w) => w.id);

const entryOf = (bib: string, key: string) => new RegExp(`@\\w+\\{${key},[\\s\\S]*?\\n\\}`).exec(bib)?.[0] ?? '';
const fieldsOf = (entry: string) => Object.fromEntries([...entry.matchAll(/^ {2}(\w+) *= [{"](.*)[}"],?$/gm)].map((m) => [m[1]!, m[2]!]));

describe('a small CV with a DOI, a journal paper and a work known to dblp alone', () => {
  it('publishes every work (the test is not vacuous)', () => {
    expect(ids.sort()).toEqual(['cvpr20-dblp-only', 'iccv19-arxiv', 'iccv21-both', 'tpami22-robust']);
  });

  it('al-folio: html is the DOI page, else the dblp record of a work with no arXiv ID; never both an arXiv button and a dblp one', () => {
    const bib = toAlFolioBib(profile);
    expect(runBibtex(bib).errors).toEqual([]);
    const f = (id: string) => fieldsOf(entryOf(bib, id));
    expect(entryOf(bib, 'tpami22-robust')).toMatch(/^@article\{tpami22-robust,/);
    expect(f('tpami22-robust')).toMatchObject({ html: `https://doi.org/${JOURNAL_DOI}`, doi: JOURNAL_DOI, journal: 'IEEE Transactions on Pattern Analysis and Machine Intelligence', abbr: 'TPAMI' });
    expect(f('iccv21-both')).toMatchObject({ html: `https://doi.org/${CONF_DOI}`, doi: CONF_DOI, arxiv: '2103.00042' });
    expect(f('cvpr20-dblp-only')).toMatchObject({ html: 'https://dblp.org/rec/conf/cvpr/OwnerC20' });
    expect(f('cvpr20-dblp-only')['arxiv']).toBeUndefined();
    expect(f('iccv19-arxiv')).toMatchObject({ arxiv: '1904.00042' });
    expect(f('iccv19-arxiv')['html']).toBeUndefined();
  });

  it('Hugo Blox: a custom "dblp" link for a work with neither DOI nor arXiv ID; the others linked through hugoblox.ids', () => {
    const files = hugoBloxFiles(profile);
    const fm = (id: string) => parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(files.find((x) => x.path === `publications/${id}/index.md`)!.body as string)![1]!, { strict: true }) as { links?: Array<Record<string, string>>; hugoblox?: { ids: Record<string, string> }; publication_types: string[] };
    expect(fm('cvpr20-dblp-only').links).toEqual([{ type: 'custom', label: 'dblp', url: 'https://dblp.org/rec/conf/cvpr/OwnerC20' }]);
    expect(fm('cvpr20-dblp-only').hugoblox).toBeUndefined();
    expect(fm('tpami22-robust')).toMatchObject({ hugoblox: { ids: { doi: JOURNAL_DOI } }, publication_types: ['article-journal'] });
    expect(fm('iccv19-arxiv').hugoblox).toEqual({ ids: { arxiv: '1904.00042' } });
    for (const id of ['tpami22-robust', 'iccv21-both', 'iccv19-arxiv']) expect(JSON.stringify(fm(id).links ?? []), id).not.toContain('dblp');
  });

  it('landing pages: citation_doi and citation_journal_title for the journal paper; citation_conference_title and no DOI for the dblp-only one', () => {
    const pages = new Map(landingPages(profile).map((p) => [p.path, p.body]));
    const meta = (id: string, name: string) => {
      const $ = loadHtml(pages.get(`papers/${id}.html`)!);
      return $(`meta[name="${name}"]`).toArray().map((e) => $(e).attr('content'));
    };
    expect(meta('tpami22-robust', 'citation_journal_title')).toEqual(['IEEE Transactions on Pattern Analysis and Machine Intelligence']);
    expect(meta('tpami22-robust', 'citation_conference_title')).toEqual([]);
    expect(meta('tpami22-robust', 'citation_doi')).toEqual([JOURNAL_DOI]);
    expect(meta('tpami22-robust', 'citation_author')).toEqual([OWNER, 'Bea Coauthor', 'Cy Third']);
    expect(meta('iccv21-both', 'citation_doi')).toEqual([CONF_DOI]);
    expect(meta('iccv21-both', 'citation_arxiv_id')).toEqual(['2103.00042']);
    expect(meta('cvpr20-dblp-only', 'citation_doi')).toEqual([]);
    expect(meta('cvpr20-dblp-only', 'citation_journal_title')).toEqual([]);
    expect(meta('cvpr20-dblp-only', 'citation_conference_title')).toEqual(['IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)']);
    const links = (id: string) => {
      const $ = loadHtml(pages.get(`papers/${id}.html`)!);
      return $('.links a').toArray().map((a) => [$(a).text(), $(a).attr('href')]);
    };
    expect(links('tpami22-robust')).toEqual([['DOI', `https://doi.org/${JOURNAL_DOI}`], ['dblp', 'https://dblp.org/rec/journals/pami/OwnerCT22']]);
    expect(links('cvpr20-dblp-only')).toEqual([['dblp', 'https://dblp.org/rec/conf/cvpr/OwnerC20']]);
  });

  it('JSON-LD: equal contribution said of each marked author, no creditText; a journal paper is part of a Periodical', () => {
    const ld = toJsonLd(profile) as { '@graph': Array<Record<string, unknown>> };
    const tpami = ld['@graph'].find((x) => x['@id'] === '#tpami22-robust')!;
    expect((tpami['author'] as Array<{ name: string; description?: string }>).map((a) => [a.name, a.description])).toEqual([
      [OWNER, 'Equal contribution'],
      ['Bea Coauthor', 'Equal contribution'],
      ['Cy Third', undefined],
    ]);
    expect(tpami['isPartOf']).toEqual({ '@type': 'Periodical', name: 'IEEE Transactions on Pattern Analysis and Machine Intelligence', alternateName: "TPAMI'22" });
    expect(tpami['identifier']).toContainEqual({ '@type': 'PropertyValue', propertyID: 'DOI', value: JOURNAL_DOI });
    for (const item of ld['@graph']) expect(Object.keys(item), String(item['@id'])).not.toContain('creditText');
    // The landing page inlines the same object: no creditText there either.
    for (const page of landingPages(profile)) expect(JSON.parse(loadHtml(page.body)('script[type="application/ld+json"]').text()), page.path).not.toHaveProperty('creditText');
  });
});
