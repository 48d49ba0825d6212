/**
 * The OAI-PMH parser on real arXiv responses from public test suites
 * (test/fixtures/oai/README.md says where each came from) and on documents in
 * the 2025 service's layout (arXiv's own templates, test/helpers/oai-builder.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../src/input/input-error.ts';
import { OaiFormatError, parseOaiPage } from '../../src/sources/arxiv/parse-oai.ts';
import type { OaiPage, OaiRecord } from '../../src/sources/arxiv/oai-record.ts';
import { authorsFromString } from '../../src/sources/arxiv/oai-authors.ts';
import { XmlFormatError } from '../../src/sources/xml/xml-document.ts';
import { arxivToken, listRecordsPage, oaiErrorPage } from '../helpers/oai-builder.ts';
import { REPO } from '../helpers/paths.ts';

const fixture = (name: string) => readFileSync(join(REPO, 'test', 'fixtures', 'oai', name), 'utf8');
const page = (name: string) => {
  const p = parseOaiPage(fixture(name), name);
  if (p.kind !== 'records') throw new Error(`${name} is an error page`);
  return p;
};
const rec = (p: Extract<OaiPage, { kind: 'records' }>, id: string): OaiRecord => p.records.find((r) => r.arxivId === id)!;
const names = (r: OaiRecord) => r.record!.authors.map((a) => `${a.name}${a.collaboration ? ' [collaboration]' : ''}`);

describe('OAI-PMH arXiv format (legacy service, real pages)', () => {
  it('reads a ListRecords page: header datestamp and set, authors from keyname/forenames, dates, journal-ref and DOI', () => {
    const p = page('hepcrawl-listrecords-arxiv-hep-th.xml');
    expect(p.verb).toBe('ListRecords');
    expect(p.responseDate).toBe('2017-12-14T12:56:31Z');
    expect(p.resumption).toBeUndefined();
    expect(p.records.map((r) => r.arxivId)).toEqual(['1412.8323', '1507.07790', '1607.01710']);
    const castro = rec(p, '1507.07790');
    expect(castro).toMatchObject({ datestamp: '2017-12-14', sets: ['physics:hep-th'], deleted: false, format: 'arXiv' });
    expect(castro.record).toMatchObject({
      id: '1507.07790',
      title: 'Relativistic quantum dynamics of vector bosons in an Aharonov-Bohm potential',
      published: '2015-07-28T00:00:00Z',
      updated: '2016-03-04T00:00:00Z',
      journalRef: 'J. Phys. A: Math. Theor. 51 (2018) 035201',
      doi: '10.1088/1751-8121/aa9c53',
      categories: ['hep-th', 'math-ph', 'math.MP', 'quant-ph'],
      primaryCategory: 'hep-th',
      comment: '7 pages',
    });
    expect(names(castro)).toEqual(['Luis B. Castro', 'Edilberto O. Silva']);
    // The arXiv format says a record was updated, not to which version: left unknown, never assumed.
    expect(castro.record!.version).toBeUndefined();
    expect(castro.record!.links.abstract).toBe('https://arxiv.org/abs/1507.07790');
    expect(names(rec(p, '1607.01710'))).toEqual(['R. A. C. Correa', 'D. M. Dantas', 'P. H. R. S. Moraes', 'A. de Souza Dutra', 'C. A. S. Almeida']);
    expect(rec(p, '1412.8323').record!.abstract.startsWith('We develop an operational approach')).toBe(true);
  });

  it('collaborations, people signing "for the" collaboration, ":" keynames, two keynames, affiliations', () => {
    const p = page('hepcrawl-getrecord-arxiv-collaborations.xml');
    expect(p.verb).toBe('GetRecord');
    expect(names(rec(p, '1601.03238'))[0]).toBe('Planck Collaboration [collaboration]');
    expect(names(rec(p, '1512.07978'))).toEqual(['Teresa Maria Montaruli', 'IceCube Collaboration [collaboration]']);
    expect(names(rec(p, '1606.07538'))[0]).toBe('Super-Kamiokande Collaboration [collaboration]');
    expect(names(rec(p, '1606.07538'))).not.toContain(':'); // the separator pseudo-author is dropped
    expect(names(rec(p, '1606.06775'))).toEqual(['E. Bufanda', 'D. Hollowood', 'DES Collaboration [collaboration]']);
    expect(names(rec(p, '1607.00786'))).toEqual(['Ruchi Chudasama', 'Dipanwita Dutta', 'CMS Collaboration [collaboration]']);
    expect(names(rec(p, '1808.04927'))).toContain('The T2K Beam Group [collaboration]');
    const saxton = rec(p, '1606.07066').record!.authors[0]!;
    expect(saxton).toEqual({ name: 'Curtis J. Saxton Walton', affiliations: ['Technion', 'DESY'] });
    expect(rec(p, '1604.05585').record!.authors[0]).toEqual({ name: 'Günter Burigana', affiliations: ['on behalf of Planck Collaboration'] });
    // &quot; in comments decoded; an <arXiv> element without its own xmlns (inherits OAI's) still read.
    expect(rec(p, '1603.00997').record!.comment).toContain('"The 8th International Workshopon Chiral Dynamics, CD2015"');
  });

  it('several DOIs in one field (comma and semicolon): the first is the DOI, all are kept', () => {
    const r = rec(page('hepcrawl-getrecord-arxiv-several-dois.xml'), '1601.03238').record!;
    expect(r.doi).toBe('10.1103/PhysRevD.93.016005');
    expect(r.dois).toEqual(['10.1103/PhysRevD.93.016005', '10.1103/PhysRevD.98.079901', '10.1103/PhysRevD.98.079903']);
    expect(r.links.doi).toBe('https://doi.org/10.1103/PhysRevD.93.016005');
    expect(r.journalRef).toBe('Phys.Rev. D93 (2015) 016005');
  });

  it('suffix, a record whose identifier is not arXiv (reported, the others stand), a malformed created date, the legacy resumption token', () => {
    const p = page('nesta-listrecords-arxiv-token.xml');
    expect(p.records.map((r) => r.arxivId)).toEqual(['0704.0999', '0704.1000']);
    expect(p.problems).toEqual(['record 3: identifier "missing_meta" is not oai:arXiv.org:<arXiv ID>']);
    expect(p.resumption).toEqual({ token: '3132962|1001', cursor: 0, completeListSize: 1463679 });
    const r = rec(p, '0704.1000').record!;
    expect(r.authors[0]).toEqual({ name: 'L. M. AnotherAuthor II', affiliations: ['CREST, Japan Science and Technology Agency'] });
    expect(r.published).toBeUndefined(); // "2007-04-999"
    expect(r.title).toBe('Measurement of something interesting');
  });
});

describe('OAI-PMH oai_dc (legacy service, real captures)', () => {
  it('creators "Keyname, Forenames", the abstract and "Comment:" descriptions, journal-ref and doi: identifiers, first and latest dates', () => {
    const r = rec(page('scix-getrecord-oai_dc.xml'), '2107.10460');
    expect(r).toMatchObject({ format: 'oai_dc', datestamp: '2022-06-16', sets: ['physics:cond-mat'] });
    expect(r.record).toMatchObject({
      title: 'Anomalous High-Field Magnetotransport in CaFeAsF due to the Quantum Hall Effect',
      comment: '18 pages, 1 table, 4 figures',
      journalRef: 'npj Quantum Materials 7, 62 (2022)',
      doi: '10.1038/s41535-022-00470-6',
      published: '2021-07-22T00:00:00Z',
      updated: '2022-06-15T00:00:00Z',
    });
    expect(r.record!.version).toBeUndefined();
    expect(names(r).slice(0, 2)).toEqual(['Taichi Terashima', 'Hishiro T. Hirose']);
    expect(r.record!.abstract.startsWith('CaFeAsF is an iron-based superconductor')).toBe(true);
  });

  it('pages of a list: the opaque token with its cursor and size, the next page echoing it', () => {
    const first = page('scix-listrecords-oai_dc-excerpt.xml');
    expect(first.resumption).toEqual({ token: '6511260|1001', cursor: 0, completeListSize: 2265 });
    expect(first.records.map((r) => r.arxivId)).toEqual(['0806.4410', '1308.5395', '1401.4788']);
    expect(rec(first, '1308.5395').record).toMatchObject({ journalRef: 'IFLA Newspaper and Genealogy Section Meeting, Singapore, Aug 2013' });
    expect(page('scix-listrecords-oai_dc-page2-excerpt.xml').resumption).toEqual({ token: '6511260|2001', cursor: 1000, completeListSize: 2265 });
  });
});

describe('OAI-PMH arXivRaw and the 2025 service (arXiv/oaipmh templates)', () => {
  const body = listRecordsPage(
    [
      { id: '0806.4129', datestamp: '2014-12-15', categories: ['math-ph', 'math.MP'], versions: ['2008-06-25T15:29:38Z', '2009-09-15T17:34:26Z', '2014-12-12T13:15:28Z'], title: 'Gauge Fixing in the Maxwell Like Gravitational Theory', authors: 'Roldao da Rocha, Waldyr A. Rodrigues Jr', comments: "15 pages. This version corrects some misprints of the published version", journalRef: 'AIP Conf.Proc.1316:466-477,2010', doi: '10.1063/1.3536454' },
      { id: 'hep-th/9901001', datestamp: '2026-11-27', deleted: true, categories: ['hep-th'] },
    ],
    { request: { verb: 'ListRecords', metadataPrefix: 'arXivRaw', from: '2026-11-27', until: '2026-11-28' }, token: arxivToken({ verb: 'ListRecords', metadataPrefix: 'arXivRaw', from: '2026-11-27', until: '2026-11-28' }, 2000) },
  );

  it('versions with their dates give the exact version, v1 date and latest date; the set specs; a deleted record', () => {
    const p = parseOaiPage(body, 'page');
    if (p.kind !== 'records') throw new Error('expected records');
    const r = rec(p, '0806.4129');
    expect(r.sets).toEqual(['physics:math-ph', 'math:math:MP']);
    expect(r.record).toMatchObject({ version: 3, published: '2008-06-25T15:29:38Z', updated: '2014-12-12T13:15:28Z', doi: '10.1063/1.3536454' });
    expect(r.record!.versionDates).toEqual([
      { version: 1, submitted: '2008-06-25T15:29:38Z' },
      { version: 2, submitted: '2009-09-15T17:34:26Z' },
      { version: 3, submitted: '2014-12-12T13:15:28Z' },
    ]);
    expect(names(r)).toEqual(['Roldao da Rocha', 'Waldyr A. Rodrigues Jr']);
    expect(rec(p, 'hep-th/9901001')).toMatchObject({ deleted: true, datestamp: '2026-11-27' });
    expect(rec(p, 'hep-th/9901001').record).toBeUndefined();
    // The token is percent-encoded by arXiv itself and kept exactly; its expiry is in `expires`, not expirationDate.
    expect(p.resumption?.token).toBe('verb%3DListRecords%26metadataPrefix%3DarXivRaw%26from%3D2026-11-27%26until%3D2026-11-28%26skip%3D2000');
    expect(p.resumption?.expires).toBe('2026-11-29T00:00:00Z');
  });

  it("OAI-PMH's own answers: noRecordsMatch, badResumptionToken, badArgument as error pages with the server's words", () => {
    expect(parseOaiPage(oaiErrorPage('noRecordsMatch'))).toEqual({ kind: 'error', errors: [{ code: 'noRecordsMatch', message: 'The combination of the values of the from, until, set and metadataPrefix arguments results in an empty list.' }] });
    expect(parseOaiPage(oaiErrorPage('badResumptionToken'))).toMatchObject({ kind: 'error', errors: [{ code: 'badResumptionToken' }] });
    expect(parseOaiPage(oaiErrorPage('badArgument'))).toMatchObject({ kind: 'error', errors: [{ code: 'badArgument' }] });
  });

  it('an empty <resumptionToken/> closes the list', () => {
    const p = parseOaiPage(listRecordsPage([{ id: '2611.00001', datestamp: '2026-11-27' }], { request: { verb: 'ListRecords' }, token: '' }));
    expect(p.kind === 'records' && p.resumption).toEqual({ token: '' });
  });

  it('what is not OAI-PMH says so: an HTML page, a truncated body (line and column), an Atom feed', () => {
    expect(() => parseOaiPage(fixture('scix-retry-after.html'), 'retry.html')).toThrow(DocumentError);
    expect(() => parseOaiPage(fixture('scix-retry-after.html'), 'retry.html')).toThrow('retry.html:1:1: an HTML page, not a source document');
    expect(() => parseOaiPage('<?xml version="1.0"?>\n<Other/>', 'o.xml')).toThrow(OaiFormatError);
    expect(() => parseOaiPage('<?xml version="1.0"?>\n<Other/>', 'o.xml')).toThrow('o.xml:2:1: not an OAI-PMH response: root element is <Other>');
    expect(() => parseOaiPage(body.slice(0, 900), 'cut.xml')).toThrow(XmlFormatError);
    expect(() => parseOaiPage(body.slice(0, 900), 'cut.xml')).toThrow(/^cut\.xml:\d+:\d+: malformed XML/);
    expect(() => parseOaiPage('<feed xmlns="http://www.w3.org/2005/Atom"/>', 'a.xml')).toThrow('root element is <feed>');
  });

  it('arXivRaw author strings: " and ", commas, parenthesised and numbered affiliations, a leading collaboration, suffixes after a comma', () => {
    expect(authorsFromString('Igor A. Zaliznyak and John M. Tranquada').map((a) => a.name)).toEqual(['Igor A. Zaliznyak', 'John M. Tranquada']);
    expect(authorsFromString('A. Smith (MIT), B. Jones (CMU) and C. Wu')).toEqual([
      { name: 'A. Smith', affiliations: ['MIT'] },
      { name: 'B. Jones', affiliations: ['CMU'] },
      { name: 'C. Wu', affiliations: [] },
    ]);
    expect(authorsFromString('A. Smith (1 and 2), B. Jones (2) ((1) MIT, (2) Princeton University)')).toEqual([
      { name: 'A. Smith', affiliations: ['MIT', 'Princeton University'] },
      { name: 'B. Jones', affiliations: ['Princeton University'] },
    ]);
    expect(authorsFromString('ATLAS Collaboration: G. Aad, B. Abbott')).toEqual([
      { name: 'ATLAS Collaboration', affiliations: [], collaboration: true },
      { name: 'G. Aad', affiliations: [] },
      { name: 'B. Abbott', affiliations: [] },
    ]);
    expect(authorsFromString('Waldyr A. Rodrigues, Jr., Ann Lee').map((a) => a.name)).toEqual(['Waldyr A. Rodrigues Jr.', 'Ann Lee']);
  });
});

describe('DOIs in an OAI-PMH record are held to the source DOI characters (issue 22, item 12)', () => {
  it('a DOI with a quote or "<" is left out; the well-formed one beside it stays', () => {
    const p = parseOaiPage(listRecordsPage([{ id: '2611.00002', datestamp: '2026-11-27', doi: '10.1234/a"onclick=x 10.1234/b<i> 10.1234/good-1' }], { request: { verb: 'ListRecords' }, token: '' }));
    if (p.kind !== 'records') throw new Error('expected records');
    expect(p.records[0]!.record!.doi).toBe('10.1234/good-1');
    expect(p.records[0]!.record!.dois).toBeUndefined();
  });
});
