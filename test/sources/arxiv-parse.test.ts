import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchRequestedIds, parseArxivFeed } from '../../src/sources/arxiv/parse-feed.ts';
import { REPO } from '../helpers/paths.ts';

const fixture = (name: string) => readFileSync(join(REPO, 'test', 'fixtures', 'arxiv', name), 'utf8');
const feedOf = (name: string) => {
  const feed = parseArxivFeed(fixture(name), name);
  if (feed.kind !== 'feed') throw new Error(`expected a feed, got ${feed.kind}`);
  return feed;
};

describe('arXiv feed parser, new backend (Nov 2025)', () => {
  const feed = feedOf('new-id-list.xml');

  it('reads counts and recognises the backend', () => {
    expect(feed).toMatchObject({ backend: 'new', totalResults: 2, startIndex: 0, itemsPerPage: 3, ghosts: 0, problems: [] });
    expect(feed.records.map((r) => `${r.id}v${r.version}`)).toEqual(['2006.08217v3', '1905.04899v2']);
  });

  it('reads every field of an entry', () => {
    const adamp = feed.records[0]!;
    expect(adamp).toMatchObject({
      id: '2006.08217',
      version: 3,
      title: 'AdamP: Slowing Down the Slowdown for Momentum Optimizers on Scale-invariant Weights',
      published: '2020-06-15T08:35:15Z',
      updated: '2021-01-25T06:16:11Z',
      comment: 'ICLR 2021 camera-ready. First two authors contributed equally',
      journalRef: 'ICLR 2021',
      primaryCategory: 'cs.LG',
      categories: ['cs.LG', 'cs.CV', 'stat.ML'],
      links: { abstract: 'https://arxiv.org/abs/2006.08217v3', pdf: 'https://arxiv.org/pdf/2006.08217v3' },
    });
    expect(adamp.abstract.startsWith('Normalization techniques')).toBe(true);
    expect(adamp.authors.map((a) => a.name)).toEqual([
      'Byeongho Heo', 'Sanghyuk Chun', 'Seong Joon Oh', 'Dongyoon Han', 'Sangdoo Yun', 'Gyuwan Kim', 'Youngjung Uh', 'Jung-Woo Ha',
    ]);
    expect(adamp.authors[1]).toEqual({ name: 'Sanghyuk Chun', affiliations: ['NAVER AI Lab'] });
    const cutmix = feed.records[1]!;
    expect(cutmix.doi).toBe('10.1109/ICCV.2019.00612');
    expect(cutmix.links.doi).toBe('https://doi.org/10.1109/ICCV.2019.00612');
  });

  it('derives abstract and PDF links from the ID when links carry no rel/title, keeps LaTeX, Unicode and markup in the written title', () => {
    const [rec] = feedOf('new-links-without-rel.xml').records;
    expect(rec).toMatchObject({ id: 'cs/0112017', version: 1 });
    expect(rec!.links).toEqual({ abstract: 'https://arxiv.org/abs/cs/0112017v1', pdf: 'https://arxiv.org/pdf/cs/0112017v1' });
    expect(rec!.title).toBe('On coincidence of Alday-Maldacena-regularized $σ$-model and \\emph{Wilson} loops & <b>bold</b> — Ünïcödé');
    expect(rec!.titlePlain).toBe('On coincidence of Alday-Maldacena-regularized σ-model and Wilson loops & bold — Ünïcödé');
    expect(rec!.authors[0]).toEqual({ name: 'Zoë Ångström-Nuñez', affiliations: ['Université de Montréal', 'Mila'] });
  });

  it('recognises the error feed served with HTTP 400', () => {
    expect(parseArxivFeed(fixture('new-error-400.xml'))).toEqual({
      kind: 'error',
      message: 'incorrect id format for abc',
      errorId: 'https://arxiv.org/api/errors#incorrect_id_format_for_abc',
    });
  });

  it('reads totalResults 0 as an empty page, not an error', () => {
    expect(feedOf('new-empty.xml')).toMatchObject({ totalResults: 0, records: [] });
  });
});

describe('arXiv feed parser, legacy backend', () => {
  const feed = feedOf('legacy-id-list-ghosts.xml');

  it('counts ghost entries for missing IDs and reads the real ones', () => {
    expect(feed).toMatchObject({ backend: 'legacy', totalResults: 4, ghosts: 2, problems: [] });
    expect(feed.records.map((r) => r.id)).toEqual(['2104.12255', '1905.04899']);
  });

  it('collapses hard-wrapped titles and abstracts starting with two spaces', () => {
    const cutmix = feed.records[1]!;
    expect(cutmix.title).toBe('CutMix: Regularization Strategy to Train Strong Classifiers with Localizable Features');
    expect(cutmix.abstract).toBe('Regional dropout strategies have been proposed to enhance the performance of convolutional neural network classifiers.');
    expect(cutmix.links.doi).toBe('http://dx.doi.org/10.1109/ICCV.2019.00612');
  });

  it('keeps a title of 0 as the string "0" and MSC categories', () => {
    const zero = feed.records[0]!;
    expect(zero.title).toBe('0');
    expect(typeof zero.title).toBe('string');
    expect(zero.categories).toEqual(['math.GM', '35']);
  });

  it('recognises the error feed served with HTTP 200', () => {
    expect(parseArxivFeed(fixture('legacy-error-200.xml'))).toMatchObject({ kind: 'error', message: 'incorrect id format for 1234.12345' });
  });

  it('matches results to requested IDs by value, never by position', () => {
    const { found, missing } = matchRequestedIds(['0000.00000', '1905.04899v1', '1201.56789', '2104.12255'], feed.records);
    expect([...found.keys()]).toEqual(['1905.04899', '2104.12255']);
    expect(found.get('1905.04899')?.title).toMatch(/^CutMix/);
    expect(missing).toEqual(['0000.00000', '1201.56789']);
  });
});

describe('arXiv parser on bad documents', () => {
  it('says a truncated body ends early, at its real end, naming the elements left open', () => {
    const text = fixture('new-id-list.xml');
    const cut = text.slice(0, text.indexOf('<name>Seong Joon Oh</name>') + 12);
    const lines = cut.split('\n');
    expect(() => parseArxivFeed(cut, 'arxiv-1.xml')).toThrow(`arxiv-1.xml:${lines.length}:${lines.at(-1)!.length + 1}: malformed XML: the document ends early (truncated?): <feed>, <entry>, <author>, <name> are not closed`);
    // cut inside a tag or an attribute: still "ends early", never an internal array at 1:1
    for (const at of [text.indexOf('<entry>') + 4, text.indexOf('href="') + 10, text.lastIndexOf('</feed>') + 4]) {
      expect(() => parseArxivFeed(text.slice(0, at), 'cut.xml')).toThrow(/^cut\.xml:\d+:\d+: malformed XML: the document ends early \(truncated\?\)/);
    }
  });

  it('rejects an HTML page instead of XML with a message that says so', () => {
    expect(() => parseArxivFeed(fixture('denied.html'), 'denied.html')).toThrow('denied.html:1:1: an HTML page, not a source document (an error or block page?): "Access Denied"');
    expect(() => parseArxivFeed('<?xml version="1.0"?>\n<html><body>Access Denied</body></html>', 'x')).toThrow('x:2:1: not an arXiv Atom feed: an HTML page (root element <html>)');
  });

  it('rejects an empty body, and refuses documents that declare entities (XXE, entity expansion) without expanding or fetching', () => {
    expect(() => parseArxivFeed('', 'empty')).toThrow('empty:1:1: the document is empty');
    const bomb = '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/1905.04899v1</id><title>&b;</title></entry></feed>';
    expect(() => parseArxivFeed(bomb, 'bomb')).toThrow('bomb:1:38: malformed XML: the document declares entities (<!ENTITY …>); such documents are refused (neither arXiv nor dblp sends one)');
  });

  it('reports an entry whose id is not an arXiv abstract URL, keeping the others', () => {
    const text = fixture('new-id-list.xml').replace('http://arxiv.org/abs/1905.04899v2', 'http://example.org/paper/42');
    const feed = parseArxivFeed(text);
    expect(feed.kind === 'feed' && feed.records.map((r) => r.id)).toEqual(['2006.08217']);
    expect(feed.kind === 'feed' && feed.problems).toEqual(['entry 2: <id> "http://example.org/paper/42" is not an arXiv abstract URL']);
  });
});
