import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDblpAuthorSearch, parseDblpPublSearch } from '../../src/sources/dblp/parse-search.ts';
import { parseDblpPerson, parseDblpXml } from '../../src/sources/dblp/parse-xml.ts';
import { dblpAuthorSearch } from '../helpers/dblp-builder.ts';
import { REPO } from '../helpers/paths.ts';

const fixture = (name: string) => readFileSync(join(REPO, 'test', 'fixtures', 'dblp', name), 'utf8');

describe('dblp person bibliography', () => {
  const person = parseDblpPerson(fixture('person-tricky.xml'), 'person-tricky.xml');
  const byKey = (key: string) => person.records.find((r) => r.key === key)!;

  it('reads the person, without the homonym suffix, keeping the pid', () => {
    expect(person).toMatchObject({ name: 'Di Xu', dblpName: 'Di Xu 0001', pid: '95/7448-1' });
    expect(person.affiliations).toEqual(['Université de Montréal, Canada']);
    expect(person.urls).toEqual(['https://orcid.org/0000-0002-1825-0097', 'https://example.org/~dixu']);
  });

  it('flattens inline markup in titles and drops the trailing period', () => {
    expect(byKey('conf/cvpr/XuM0Z24').title).toBe('On k-Means with H2O Splitting and x2 Priors using ml.py');
  });

  it('reads authors in order with pid, ORCID and Unicode names from numeric references', () => {
    expect(byKey('conf/cvpr/XuM0Z24').authors).toEqual([
      { name: 'Di Xu', dblpName: 'Di Xu 0001', pid: '95/7448-1', orcid: '0000-0002-1825-0097' },
      { name: 'Jürgen Müller', dblpName: 'Jürgen Müller', pid: '11/2222' },
      { name: 'Wei Wang', dblpName: 'Wei Wang 0003', pid: '33/4444-3' },
      { name: 'Čech Železný', dblpName: 'Čech Železný', pid: '55/6666' },
    ]);
  });

  it('reads every ee: DOI, arXiv and other links; the DOI of the paper is not the arXiv one', () => {
    const r = byKey('conf/cvpr/XuM0Z24');
    expect(r.ee).toEqual([
      { url: 'https://doi.org/10.1109/CVPR52733.2024.00123', type: 'oa', doi: '10.1109/CVPR52733.2024.00123' },
      { url: 'https://arxiv.org/abs/2403.01234', type: 'oa', arxiv: '2403.01234' },
      { url: 'https://openaccess.thecvf.com/content/CVPR2024/html/Xu_On_k-Means_CVPR_2024_paper.html' },
    ]);
    expect(r).toMatchObject({ type: 'inproceedings', booktitle: 'CVPR', year: 2024, pages: '1234-1243', crossref: 'conf/cvpr/2024', doi: '10.1109/CVPR52733.2024.00123', isCorr: false, mdate: '2024-09-20' });
    expect(r.arxivId).toBeUndefined();
  });

  it('CoRR records yield their arXiv ID from volume, or from the ee when volume is absent', () => {
    expect(byKey('journals/corr/abs-2403-01234')).toMatchObject({ isCorr: true, publtype: 'informal', arxivId: '2403.01234', journal: 'CoRR', volume: 'abs/2403.01234' });
    expect(byKey('journals/corr/abs-2403-01234').doi).toBeUndefined(); // the arXiv DOI is not the paper's DOI
    expect(byKey('journals/corr/abs-1905-04899')).toMatchObject({ isCorr: true, arxivId: '1905.04899' });
    expect(byKey('journals/corr/abs-2001-00001')).toMatchObject({ publtype: 'informal withdrawn', arxivId: '2001.00001' });
  });

  it('journal articles keep volume and number', () => {
    expect(byKey('journals/tpami/XuL22')).toMatchObject({ type: 'article', journal: 'IEEE Trans. Pattern Anal. Mach. Intell.', volume: '44', number: '7', doi: '10.1109/TPAMI.2022.1234567', isCorr: false });
  });

  it('records where the person is only an editor are not their papers', () => {
    expect(person.records.map((r) => r.key)).not.toContain('conf/ws/2023');
    expect(person.editorOnly.map((r) => r.key)).toEqual(['conf/ws/2023']);
    expect(person.editorOnly[0]!.editors.map((e) => e.name)).toEqual(['Di Xu', 'Ana Lima']);
  });

  it('reads the homonyms and coauthors blocks', () => {
    expect(person.homonyms).toEqual([
      { name: 'Di Xu', pid: '95/7448', key: 'homepages/95/7448', publtype: 'disambiguation' },
      { name: 'Di Xu 0002', pid: '95/7448-2', key: 'homepages/95/7448-2' },
    ]);
    expect(person.coauthors).toEqual([
      { name: 'Ana Lima', pid: '77/8888' },
      { name: 'Jürgen Müller', pid: '11/2222' },
      { name: 'Wei Wang', pid: '33/4444-3' },
      { name: 'Čech Železný', pid: '55/6666' },
    ]);
  });

  it('parses single-record documents', () => {
    const doc = parseDblpXml(fixture('rec-single.xml'));
    expect(doc.kind).toBe('records');
    const [rec] = doc.kind === 'records' ? doc.records : [];
    expect(rec).toMatchObject({ key: 'conf/iclr/HeoCOHYKUH21', title: 'AdamP: Slowing Down the Slowdown for Momentum Optimizers on Scale-invariant Weights', year: 2021, booktitle: 'ICLR' });
    expect(rec!.authors.map((a) => a.name)).toContain('Gyuwan Kim');
  });

  it('malformed or foreign documents are errors that say where or what', () => {
    const text = fixture('person-tricky.xml');
    const cut = text.slice(0, text.indexOf('<title>A Journal Paper'));
    const end = `${cut.split('\n').length}:${cut.length - cut.lastIndexOf('\n')}`;
    expect(() => parseDblpPerson(cut, 'cut.xml')).toThrow(`cut.xml:${end}: malformed XML: the document ends early (truncated?): <dblpperson>, <r>, <article> are not closed`);
    expect(() => parseDblpPerson(text.slice(0, 900), 'cut.xml')).toThrow(/^cut\.xml:\d+:\d+: malformed XML: the document ends early/);
    expect(() => parseDblpPerson(fixture('too-many-requests.html'), '429.html')).toThrow('429.html:1:1: an HTML page, not a source document (an error or block page?): "429 Too Many Requests"');
    expect(() => parseDblpPerson(fixture('rec-single.xml'), 'rec.xml')).toThrow(/^rec\.xml:\d+:1: not a dblp document: expected a <dblpperson> bibliography/);
  });
});

describe('dblp search JSON', () => {
  it('2019 shape: counts as strings, one author as a string, several as an array, entities in titles', () => {
    const { total, publications } = parseDblpPublSearch(fixture('publ-search-2019.json'));
    expect(total).toBe(2);
    expect(publications[0]).toMatchObject({
      key: 'journals/tsi/Shinogi09',
      title: "Fautes d'injection et l'analyse & la défense",
      authors: [{ name: 'Tsuyoshi Shinogi', dblpName: 'Tsuyoshi Shinogi' }],
      year: 2009,
      doi: '10.3166/TSI.28.1-20',
      isCorr: false,
    });
    expect(publications[1]!.authors.map((a) => a.name)).toEqual(['Ana Lima', 'José Silva']);
    expect(publications[1]!.venue).toBe('ACSAC, Workshops');
    expect(publications[1]!.ee).toHaveLength(2);
  });

  it('current shape: authors with @pid, a single hit as an object, a CoRR hit gives its arXiv ID', () => {
    const { total, publications } = parseDblpPublSearch(fixture('publ-search-current.json'));
    expect(total).toBe(1);
    expect(publications).toEqual([
      expect.objectContaining({
        key: 'journals/corr/abs-2510-19315',
        title: 'A Title with Markup & an Entity',
        authors: [{ name: 'Tsuyoshi Shinogi', dblpName: 'Tsuyoshi Shinogi', pid: '28/2391' }],
        isCorr: true,
        arxivId: '2510.19315',
        doi: '10.48550/ARXIV.2510.19315',
      }),
    ]);
  });

  it('author search: one hit as an object or several as an array; pid from the URL; suffix removed', () => {
    const one = parseDblpAuthorSearch(dblpAuthorSearch('Sanghyuk Chun', [{ name: 'Sanghyuk Chun', pid: '000/0001', affiliations: ['NAVER AI Lab'] }]));
    expect(one).toEqual({ total: 1, candidates: [{ name: 'Sanghyuk Chun', dblpName: 'Sanghyuk Chun', pid: '000/0001', affiliations: ['NAVER AI Lab'], aliases: [] }] });
    const two = parseDblpAuthorSearch(dblpAuthorSearch('Di Xu', [{ name: 'Di Xu 0001', pid: '95/7448-1', aliases: ['D. Xu'] }, { name: 'Di Xu 0002', pid: '95/7448-2' }]));
    expect(two.candidates.map((c) => [c.name, c.pid, c.aliases])).toEqual([['Di Xu', '95/7448-1', ['D. Xu']], ['Di Xu', '95/7448-2', []]]);
    expect(parseDblpAuthorSearch(dblpAuthorSearch('Nobody', [])).candidates).toEqual([]);
  });

  it('a broken search response names the field and line', () => {
    const text = fixture('publ-search-current.json').replace('"key":"journals/corr/abs-2510-19315",', '');
    expect(() => parseDblpPublSearch(text, 'search.json')).toThrow(/search\.json:1:\d+: result\.hits\.hit\[0\]\.info\.key: required field is missing/);
    expect(() => parseDblpPublSearch('<html>429</html>', 'search.json')).toThrow('search.json:1:1: an HTML page, not a source document (an error or block page?)');
    expect(() => parseDblpPublSearch('{"result": ', 'search.json')).toThrow('search.json:1:11: invalid JSON: the document ends early (value expected)');
  });
});
