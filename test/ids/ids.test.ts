import { describe, expect, it } from 'vitest';
import { arxivIdFromLink, parseArxivId } from '../../src/ids/arxiv-id.ts';
import { isDblpKey, isDblpPid } from '../../src/ids/dblp-key.ts';
import { doiKey, parseDoi } from '../../src/ids/doi.ts';
import { normalizeName } from '../../src/text/normalize-name.ts';

describe('arXiv identifiers', () => {
  it.each([
    ['1905.04899', { base: '1905.04899' }],
    ['1905.04899v2', { base: '1905.04899', version: 2 }],
    ['0704.0001', { base: '0704.0001' }],
    ['1412.9999v1', { base: '1412.9999', version: 1 }],
    ['cs/0112017v1', { base: 'cs/0112017', version: 1 }],
    ['cond-mat.mes-hall/0211022', { base: 'cond-mat/0211022' }],
    ['arXiv:2602.16704', { base: '2602.16704' }],
  ])('parses %s', (text, expected) => expect(parseArxivId(text)).toEqual(expected));

  it.each(['1905.0489', '1501.1234', '1413.12345', '0703.1234', 'abc', '1905.04899v', 'cs/011201'])('rejects %s', (text) => {
    expect(parseArxivId(text)).toBeUndefined();
  });

  it('finds IDs in links and arXiv DOIs', () => {
    expect(arxivIdFromLink('http://arxiv.org/abs/1905.04899')).toEqual({ base: '1905.04899' });
    expect(arxivIdFromLink('https://arxiv.org/pdf/2006.08217v3')).toEqual({ base: '2006.08217', version: 3 });
    expect(arxivIdFromLink('https://doi.org/10.48550/arXiv.2508.04024')).toEqual({ base: '2508.04024' });
    expect(arxivIdFromLink('https://doi.org/10.1109/ICCV.2019.00612')).toBeUndefined();
  });
});

describe('DOIs, dblp keys and pids', () => {
  it('strips resolver prefixes and compares case-folded', () => {
    expect(parseDoi('https://doi.org/10.1109/ICCV.2019.00612')).toBe('10.1109/ICCV.2019.00612');
    expect(parseDoi('doi:10.1609/aaai.v35i3.16340')).toBe('10.1609/aaai.v35i3.16340');
    expect(parseDoi('10.1109')).toBeUndefined();
    expect(doiKey('10.48550/ARXIV.2510.19315')).toBe(doiKey('10.48550/arXiv.2510.19315'));
  });
  it('recognises dblp keys and pids', () => {
    expect(isDblpKey('conf/iclr/HeoCOHYKUH21')).toBe(true);
    expect(isDblpKey('journals/corr/abs-1905-04899')).toBe(true);
    expect(isDblpKey('HeoCOHYKUH21')).toBe(false);
    for (const pid of ['95/7448-1', '188/7759-93', 's/CZSun', '00/1']) expect(isDblpPid(pid)).toBe(true);
    for (const pid of ['Sanghyuk Chun', '95/', 'x']) expect(isDblpPid(pid)).toBe(false);
  });
});

describe('name normalisation', () => {
  it('folds case, diacritics, hyphens and dblp homonym suffixes', () => {
    expect(normalizeName('Jung-Woo Ha')).toBe(normalizeName('Jung-woo Ha'));
    expect(normalizeName('Jung-Woo Ha')).toBe('jungwoo ha');
    expect(normalizeName('Di Xu 0001')).toBe('di xu');
    expect(normalizeName('Zeynep  Akata')).toBe('zeynep akata');
    expect(normalizeName('José Müller')).toBe('jose muller');
    expect(normalizeName('Rafael Sampaio de Rezende')).toBe('rafael sampaio de rezende');
  });
});
