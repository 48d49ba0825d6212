/** dblp's record export (/rec/<key>.xml: a <dblp> root around one record) and a bare record element read the same. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DblpFormatError, parseDblpXml } from '../../src/sources/dblp/parse-xml.ts';
import { REPO } from '../helpers/paths.ts';

const exported = readFileSync(join(REPO, 'test', 'fixtures', 'dblp', 'rec-single.xml'), 'utf8');
const bare = exported.slice(exported.indexOf('<inproceedings'), exported.indexOf('</dblp>'));

describe('dblp record export', () => {
  it('the export and the bare element give the same record: key, authors with pids, title without its period, venue, links', () => {
    const a = parseDblpXml(exported, 'rec.xml');
    const b = parseDblpXml(bare, 'bare.xml');
    expect(a.kind).toBe('records');
    expect(b).toEqual(a);
    if (a.kind !== 'records') return;
    expect(a.records).toHaveLength(1);
    expect(a.records[0]).toMatchObject({ key: 'conf/iclr/HeoCOHYKUH21', type: 'inproceedings', title: 'AdamP: Slowing Down the Slowdown for Momentum Optimizers on Scale-invariant Weights', year: 2021, booktitle: 'ICLR', isCorr: false });
    expect(a.records[0]!.authors[1]).toEqual({ name: 'Sanghyuk Chun', dblpName: 'Sanghyuk Chun', pid: '000/0001' });
  });

  it('an element that is neither a record, a <dblp> export nor a person page says what it is', () => {
    expect(() => parseDblpXml('<person key="homepages/1/1"><author>A</author></person>', 'p.xml')).toThrow(DblpFormatError);
    expect(() => parseDblpXml('<person key="homepages/1/1"><author>A</author></person>', 'p.xml')).toThrow('p.xml:1:1: not a dblp document: root element is <person>');
  });
});
