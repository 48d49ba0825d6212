/**
 * The citation formats of the first user's profile, each read by its real
 * consumers: the .bib by BibTeX itself and by citation-js's parser (no error,
 * no warning), CSL-JSON by citation-js's CSL processor (APA, and styles that
 * print note: equal contribution must not be printed), JSON-LD by shape. Each
 * work is cited as what its canonical record says it is.
 */
import { describe, expect, it } from 'vitest';
import type { PublishedProfile, PublishedWork } from '../../src/model/profile.ts';
import { bibText, bibUrl } from '../../src/publish/citations/bibtex-text.ts';
import { toBibtex } from '../../src/publish/citations/bibtex.ts';
import { toCslJson } from '../../src/publish/citations/csl-json.ts';
import { toJsonLd } from '../../src/publish/citations/json-ld.ts';
import { toAlFolioBib } from '../../src/publish/site/al-folio.ts';
import { runBibtex } from '../helpers/bibtex.ts';
import { Cite, formatEntry, parseBibtex, registerStyle, type CslItem } from '../helpers/citation-js.ts';
import { firstUserRun } from '../helpers/first-user-run.ts';

const { output } = await firstUserRun();
const profile = output.profile;
const entryOf = (bib: string, key: string) => new RegExp(`@\\w+\\{${key},[\\s\\S]*?\\n\\}`).exec(bib)?.[0] ?? '';
const work = (id: string) => profile.publications.find((w) => w.id === id)!;
const withWorks = (works: PublishedWork[]): PublishedProfile => ({ ...profile, publications: works });

describe('publications.bib of the first user', () => {
  const bib = toBibtex(profile);

  it('passes BibTeX itself with no error and no warning, every entry formatted', () => {
    const r = runBibtex(bib);
    expect(r.errors, r.log).toEqual([]);
    expect(r.warnings, r.log).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.bbl.match(/\\bibitem/g)).toHaveLength(profile.publications.length);
  });

  it('passes citation-js\'s BibTeX parser with no warning, every entry and author read back', () => {
    const { items, warnings } = parseBibtex(bib);
    expect(warnings).toEqual([]);
    expect(items).toHaveLength(profile.publications.length);
    const adamp = items.find((i) => i.id === 'arxiv20-adamp')!;
    expect(adamp.title).toBe('Slowing Down the Weight Norm Increase in Momentum-based Optimizers');
    // Equal contribution as al-folio and CVs mark it: "*" after the family name (the legend in annotation, not a note).
    expect(adamp.author!.map((a) => `${a.given} ${a.family}`)).toEqual(['Byeongho Heo*', 'Sanghyuk Chun*', 'Seong Joon Oh', 'Dongyoon Han', 'Sangdoo Yun', 'Youngjung Uh', 'Jung-woo Ha']); // the CV's most frequent spelling (author-spellings.ts)
  });

  it('cites the AdamP preprint as an arXiv preprint: not ICLR, not 2021, not the later title', () => {
    const entry = entryOf(bib, 'arxiv20-adamp');
    expect(entry).toMatch(/^@misc\{arxiv20-adamp,/);
    expect(entry).toMatch(/howpublished += \{arXiv preprint arXiv:2006\.08217\}/);
    expect(entry).toMatch(/eprint += \{2006\.08217\}/);
    expect(entry).toMatch(/archivePrefix = \{arXiv\}/);
    expect(entry).toMatch(/year += \{2020\}/);
    expect(entry.replace('arxiv20-adamp', '')).not.toMatch(/ICLR|2021|AdamP|HeoCOHYKUH21|openreview/i);
  });

  it('a conference paper is @inproceedings in the proceedings\' full name; its arXiv ID is an eprint', () => {
    const entry = entryOf(bib, 'iccv19-cutmix');
    expect(entry).toMatch(/^@inproceedings\{iccv19-cutmix,/);
    expect(entry).toMatch(/booktitle += \{IEEE\/CVF International Conference on Computer Vision \(ICCV\)\}/);
    expect(entry).toMatch(/eprint += \{1905\.04899\}/);
    expect(entryOf(bib, 'aaai21-lf-font')).toMatch(/primaryClass += \{cs\.CV\}/);
    expect(entryOf(bib, 'cvprw20-dm-font')).toMatch(/booktitle += \{Workshops of the IEEE\/CVF Conference on Computer Vision and Pattern Recognition \(CVPR Workshops\)\}/);
  });
});

describe('CSL-JSON and JSON-LD of the first user', () => {
  const csl = toCslJson(profile) as unknown as CslItem[];
  const ld = toJsonLd(profile) as { '@context': string; '@graph': Array<Record<string, unknown>> };

  it('a CSL processor reads every item; APA names the preprint as one', () => {
    const cite = new Cite(csl);
    expect(cite.data).toHaveLength(profile.publications.length);
    const apa = new Cite([csl.find((i) => i.id === 'arxiv20-adamp')]).format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' }) as string;
    expect(apa).toContain('(2020). Slowing Down the Weight Norm Increase in Momentum-based Optimizers (Preprint arXiv:2006.08217). arXiv. https://arxiv.org/abs/2006.08217');
  });

  it('a preprint is an "article" published by arXiv with its arXiv ID as number; a conference paper has no number', () => {
    expect(csl.find((i) => i.id === 'arxiv20-adamp')).toMatchObject({ type: 'article', publisher: 'arXiv', genre: 'Preprint', number: 'arXiv:2006.08217', issued: { 'date-parts': [[2020]] } });
    expect(csl.find((i) => i.id === 'arxiv20-adamp')!['container-title']).toBeUndefined();
    const lf = csl.find((i) => i.id === 'aaai21-lf-font')!;
    expect(lf).toMatchObject({ type: 'paper-conference', 'container-title': 'AAAI Conference on Artificial Intelligence (AAAI)', 'container-title-short': "AAAI'21" });
    expect(lf.number).toBeUndefined();
    const apa = new Cite([lf]).format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' }) as string;
    expect(apa).not.toMatch(/Article|arXiv:/);
  });

  it('equal contribution is kept in custom (no style prints it), never in note: styles that print note print no "Equal contribution"', () => {
    expect(csl.find((i) => i.id === 'aaai21-lf-font')).toMatchObject({ custom: { equalContribution: ['Song Park', 'Sanghyuk Chun'] } });
    expect(csl.find((i) => i.id === 'iccv19-cutmix')!['custom']).toBeUndefined();
    const marked = csl.filter((i) => (i['custom'] as { equalContribution?: string[] } | undefined)?.equalContribution);
    expect(marked.length).toBeGreaterThan(1);
    for (const item of csl) expect(item.note, item.id).toBeUndefined();
    // ISO 690 prints note after the entry, Chicago's annotated bibliography as the annotation: a note would show.
    for (const style of ['iso690-numeric-en', 'chicago-annotated-bibliography']) {
      registerStyle(style);
      expect(formatEntry({ ...marked[0]!, note: 'A printed note' }, style), style).toContain('A printed note');
      for (const item of marked) expect(formatEntry(item, style), `${style} ${item.id}`).not.toMatch(/equal contribution/i);
    }
  });

  it('JSON-LD: the preprint is published by arXiv and part of nothing; a conference paper is part of its proceedings', () => {
    expect(ld['@context']).toBe('https://schema.org');
    const adamp = ld['@graph'].find((x) => x['@id'] === '#arxiv20-adamp')!;
    expect(adamp).toMatchObject({ '@type': 'ScholarlyArticle', creativeWorkStatus: 'Preprint', publisher: { name: 'arXiv' }, datePublished: '2020', identifier: [{ propertyID: 'arXiv', value: '2006.08217' }] });
    expect(adamp['isPartOf']).toBeUndefined();
    expect(JSON.stringify(adamp)).not.toMatch(/ICLR|HeoCOHYKUH21/);
    expect(ld['@graph'].find((x) => x['@id'] === '#iccv19-cutmix')).toMatchObject({ isPartOf: { '@type': 'Book', name: 'IEEE/CVF International Conference on Computer Vision (ICCV)', alternateName: "ICCV'19" } });
  });
});

describe('identifiers and values as each format expects them', () => {
  const dmFont = work('eccv20-dm-font');
  const withDoi: PublishedWork = { ...dmFont, ids: { ...dmFont.ids, doi: '10.1007/978-3-030-58529-7_43' }, links: { ...dmFont.links, doi: 'https://doi.org/10.1007/978-3-030-58529-7_43' } };

  it('a DOI with an underscore is written raw in BibTeX and CSL, and read back as the same DOI', () => {
    const bib = toBibtex(withWorks([withDoi]));
    expect(bib).toContain('doi           = {10.1007/978-3-030-58529-7_43}');
    expect(bib).toContain('url           = {https://doi.org/10.1007/978-3-030-58529-7_43}');
    expect(runBibtex(bib).errors).toEqual([]);
    const { items, warnings } = parseBibtex(bib);
    expect(warnings).toEqual([]);
    expect(items[0]!.DOI).toBe('10.1007/978-3-030-58529-7_43');
    expect((toCslJson(withWorks([withDoi]))[0] as CslItem).DOI).toBe('10.1007/978-3-030-58529-7_43');
  });

  it('a preprint does not take the DOI of a later published version; an arXiv DOI it keeps', () => {
    const adamp = work('arxiv20-adamp');
    const fromPublished: PublishedWork = { ...adamp, ids: { ...adamp.ids, doi: '10.5555/iclr.2021.1' }, provenance: { ...adamp.provenance, 'ids.doi': { source: 'dblp', recordId: 'conf/iclr/HeoCOHYKUH21', fetchedAt: 'x' } } };
    expect(toBibtex(withWorks([fromPublished]))).not.toContain('10.5555');
    const arxivDoi: PublishedWork = { ...adamp, ids: { ...adamp.ids, doi: '10.48550/arXiv.2006.08217' }, provenance: { ...adamp.provenance, 'ids.doi': { source: 'dblp', recordId: 'journals/corr/abs-2006-08217', fetchedAt: 'x' } } };
    expect(toBibtex(withWorks([arxivDoi]))).toContain('doi           = {10.48550/arXiv.2006.08217}');
  });

  it('hostile values (lone braces, %, #, ~, \\, $, _, &, ^, a name with "and") keep the file whole for BibTeX and citation-js', () => {
    const title = 'A {lone brace} and }{ reversed, 100% #1 ~approx \\emph $x_1$ & y^2 {';
    const hostile: PublishedWork = { ...dmFont, id: 'hostile', title, authors: [{ name: 'Tom and Jerry', isOwner: false, equalContribution: false }, { name: 'Smith, Jr. John', isOwner: true, equalContribution: true }] };
    const bib = toBibtex(withWorks([hostile]));
    const r = runBibtex(bib);
    expect(r.errors, r.log).toEqual([]);
    expect(r.bbl).toContain('textbraceleft');
    const { items, warnings } = parseBibtex(bib);
    expect(warnings).toEqual([]);
    expect(items[0]!.title).toBe(title);
    expect(items[0]!.author).toHaveLength(2);
    expect(bibText('50%')).toBe('50\\%');
    expect(bibUrl('https://x.org/a{b}c')).toBe('https://x.org/a%7Bb%7Dc');
  });

  it('inverted names ("Yun, Sangdoo", "de Rezende, Rafael", "King, Jr., Martin") keep family and given in CSL-JSON and both .bib files', () => {
    const authors = ['Yun, Sangdoo', 'de Rezende, Rafael Sampaio', 'King, Jr., Martin Luther', 'Seong Joon Oh'].map((name, i) => ({ name, isOwner: i === 3, equalContribution: false }));
    const inverted = withWorks([{ ...dmFont, id: 'inverted', authors }]);
    const expected = [
      { given: 'Sangdoo', family: 'Yun' },
      { given: 'Rafael Sampaio', family: 'Rezende' },
      { given: 'Martin Luther', family: 'King' },
      { given: 'Seong Joon', family: 'Oh' },
    ];
    const csl = (toCslJson(inverted)[0] as CslItem).author!;
    expect(csl.map((a) => ({ given: a.given, family: a.family }))).toEqual(expected);
    expect(csl[1]).toMatchObject({ 'non-dropping-particle': 'de' });
    expect(csl[2]).toMatchObject({ suffix: 'Jr.' });
    for (const bib of [toBibtex(inverted), toAlFolioBib(inverted)]) {
      expect(runBibtex(bib).errors).toEqual([]);
      const { items, warnings } = parseBibtex(bib);
      expect(warnings).toEqual([]);
      expect(items[0]!.author!.map((a) => ({ given: a.given, family: a.family }))).toEqual(expected);
    }
  });
});
