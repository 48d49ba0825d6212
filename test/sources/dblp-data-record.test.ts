/**
 * dblp's research-data records (`data/…` keys, `<data publtype="data">`): read
 * by the parser like any record, not refused for their key (issue #25, class 1).
 */
import { describe, expect, it } from 'vitest';
import { isDblpKey } from '../../src/ids/dblp-key.ts';
import { parseDblpPerson } from '../../src/sources/dblp/parse-xml.ts';
import { loadFleetPerson } from '../helpers/real-fleet.ts';

describe('dblp data records', () => {
  it('a data/ key is a dblp record key', () => {
    expect(isDblpKey('data/10/LindqvistBH21')).toBe(true);
    expect(isDblpKey('data/LindqvistBH21')).toBe(false);
  });

  it('a person page with a <data> record keeps it, with its DOI, and says nothing is wrong', () => {
    const person = loadFleetPerson('tomas-lindqvist').person;
    expect(person.problems).toEqual([]);
    expect(person.records.find((r) => r.key === 'data/10/LindqvistBH21')).toMatchObject({ type: 'data', publtype: 'data', year: 2021, doi: '10.5281/zenodo.4724415', isCorr: false });
  });

  it('a single data record in a page of its own is read the same', () => {
    const xml = `<?xml version="1.0" encoding="US-ASCII"?>
<dblpperson name="Ada Owner" pid="11/1111" n="1"><person key="homepages/11/1111" mdate="2025-01-01"><author pid="11/1111">Ada Owner</author></person>
<r><data key="data/11/Owner22" publtype="data" mdate="2022-05-02"><author pid="11/1111">Ada Owner</author><title>Widget Measurements 2021.</title><year>2022</year><publisher>Zenodo</publisher><ee type="oa">https://doi.org/10.5281/zenodo.6500001</ee><stream>streams/repo/zenodo</stream></data></r>
</dblpperson>`;
    const person = parseDblpPerson(xml, 'owner.xml');
    expect(person.problems).toEqual([]);
    expect(person.records.map((r) => [r.key, r.type, r.title])).toEqual([['data/11/Owner22', 'data', 'Widget Measurements 2021']]);
  });
});
