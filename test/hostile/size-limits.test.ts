/**
 * Issue 22, item 15: the largest input each stage accepts is stated and enforced; at the limit it
 * is read, one past it is refused with the reason. A 200-entry feed of 4,999 authors each (51 MB)
 * took 37.5 s and 1.5 GB; now it is refused before it is parsed.
 *
 *   a source document          MAX_DOCUMENT_BYTES (10 MB), MAX_RECORDS_PER_DOCUMENT (5,000),
 *                              MAX_AUTHORS_PER_DOCUMENT (100,000 over its records)
 *   a record                   MAX_AUTHORS (5,000): left out, the report says so
 *   one profile's reconcile    MAX_RECORDS_PER_PROFILE, MAX_AUTHORS_PER_PROFILE per source: degraded
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '../../src/input/decode-text.ts';
import { DocumentError } from '../../src/input/input-error.ts';
import { parseArxivFeed } from '../../src/sources/arxiv/parse-feed.ts';
import { parseDblpXml } from '../../src/sources/dblp/parse-xml.ts';
import { MAX_AUTHORS, MAX_AUTHORS_PER_DOCUMENT, MAX_RECORDS_PER_DOCUMENT } from '../../src/sources/source-text.ts';
import { atomFeed, type AtomEntry } from '../helpers/atom-builder.ts';
import { cli } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';
import { dblpPerson, type DblpRecordSpec } from '../helpers/dblp-builder.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';
import { reconcileFiles } from '../../src/pipeline/reconcile-files.ts';
import { MAX_RECORDS_PER_PROFILE } from '../../src/reconcile/reconcile-stage.ts';
import { FsStore } from '../../src/store/fs-store.ts';

// The CLI runs in this process (test/helpers/in-process-cli.ts) with the clock at the morning of the runs below, whatever day it is.
pinClockForFile('2026-11-28T04:00:00Z');

const entry = (i: number, authors: number): AtomEntry => ({
  id: `24${String(1 + Math.floor(i / 90000)).padStart(2, '0')}.${String(10000 + (i % 90000)).padStart(5, '0')}`,
  title: `Paper ${i}`,
  published: '2024-01-10T00:00:00Z',
  authors: Array.from({ length: authors }, (_, k) => `A${k} B${i}`),
});
const feed = (entries: AtomEntry[]) => new TextEncoder().encode(atomFeed(entries, { query: 'search_query=au:x', totalResults: entries.length }));
const refusal = (read: () => unknown): string => {
  try {
    read();
  } catch (e) {
    if (e instanceof DocumentError) return e.message;
    throw e;
  }
  throw new Error('expected the document to be refused');
};

describe('the largest source document', () => {
  it(`bytes: ${MAX_DOCUMENT_BYTES.toLocaleString('en-US')} are read, one more is refused before parsing`, () => {
    const head = feed([entry(0, 3)]);
    const text = new TextDecoder().decode(head);
    const pad = (total: number) => new TextEncoder().encode(text.replace('</feed>', `<!--${'x'.repeat(total - head.byteLength - 7)}--></feed>`));
    const atLimit = pad(MAX_DOCUMENT_BYTES);
    expect(atLimit.byteLength).toBe(MAX_DOCUMENT_BYTES);
    expect(parseArxivFeed(atLimit, 'at-limit.xml')).toMatchObject({ kind: 'feed', records: [{ id: '2401.10000' }] });
    const over = pad(MAX_DOCUMENT_BYTES + 1);
    const started = performance.now();
    expect(refusal(() => parseArxivFeed(over, 'over.xml'))).toBe('over.xml:1:1: 10,000,001 bytes (10 MB): larger than the 10 MB a source document may be; not read');
    expect(performance.now() - started).toBeLessThan(5000); // not parsed: the size is checked first
  }, 60_000);

  it(`records: ${MAX_RECORDS_PER_DOCUMENT.toLocaleString('en-US')} entries are read, one more is refused`, () => {
    const entries = Array.from({ length: MAX_RECORDS_PER_DOCUMENT + 1 }, (_, i) => entry(i, 1));
    const atLimit = parseArxivFeed(feed(entries.slice(0, MAX_RECORDS_PER_DOCUMENT)), 'at-limit.xml');
    expect(atLimit.kind === 'feed' && atLimit.records.length).toBe(MAX_RECORDS_PER_DOCUMENT);
    expect(refusal(() => parseArxivFeed(feed(entries), 'over.xml'))).toBe('over.xml:1:1: holds 5,001 records (at most 5,000 are read from one document): not read');
  }, 120_000);

  it(`authors: ${MAX_AUTHORS_PER_DOCUMENT.toLocaleString('en-US')} over the records are read (20 papers of ${MAX_AUTHORS.toLocaleString('en-US')}), one more is refused`, () => {
    const entries = Array.from({ length: 20 }, (_, i) => entry(i, MAX_AUTHORS));
    const started = performance.now();
    const atLimit = parseArxivFeed(feed(entries), 'at-limit.xml');
    expect(atLimit.kind === 'feed' && atLimit.records.reduce((n, r) => n + r.authors.length, 0)).toBe(MAX_AUTHORS_PER_DOCUMENT);
    expect((performance.now() - started) / 1000).toBeLessThan(60);
    const over = [...entries, entry(20, 1)];
    expect(refusal(() => parseArxivFeed(feed(over), 'over.xml'))).toBe('over.xml:1:1: holds 100,001 authors over its records (at most 100,000 are read from one document): not read');
  }, 120_000);

  it('a dblp person page beyond the records limit is refused the same way', () => {
    const records: DblpRecordSpec[] = Array.from({ length: MAX_RECORDS_PER_DOCUMENT + 1 }, (_, i) => ({ type: 'inproceedings', key: `conf/x/P${i}`, authors: [{ name: 'Ada Owner', pid: '1/1' }], titleXml: `Paper ${i}.`, booktitle: 'X', year: 2020 }));
    const xml = dblpPerson({ name: 'Ada Owner', pid: '1/1', records });
    expect(refusal(() => parseDblpXml(xml, 'person.xml'))).toBe('person.xml:1:1: holds 5,001 records (at most 5,000 are read from one document): not read');
  }, 60_000);

  it('the command line refuses the 51 MB feed: exit 3, the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ps-size-'));
    const big = join(dir, 'big.xml');
    // 200 entries of 4,999 authors each, as in the issue (about 50 MB)
    const entries = Array.from({ length: 200 }, (_, i) => entry(i, 4_999));
    writeFileSync(big, feed(entries));
    const r = await cli('parse', 'arxiv', big);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).error).toMatch(/^.*big\.xml:1:1: [\d,]+ bytes \([\d.]+ MB\): larger than the 10 MB a source document may be; not read$/);
  }, 120_000);
});

describe('one profile\'s reconcile', () => {
  it(`takes at most ${MAX_RECORDS_PER_PROFILE.toLocaleString('en-US')} records of one source in a run: beyond, the source is degraded with the reason (nothing of it used), the CV's works stay`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ps-profile-limit-'));
    // five pages of 4,001 entries each: every page within its own limits, 20,005 records together
    const files = Array.from({ length: 5 }, (_, p) => {
      const file = join(dir, `page-${p + 1}.xml`);
      writeFileSync(file, feed(Array.from({ length: 4_001 }, (_, i) => entry(p * 4_001 + i, 1))));
      return file;
    });
    const { report } = await reconcileFiles({ cvFile: join(DATA, 'profiles', FIRST_PROFILE, 'cv.json'), arxivFiles: files, dblpFiles: [], store: new FsStore(join(dir, 'out')), runId: '20261128T030000Z', now: new Date('2026-11-28T03:00:00Z') });
    const arxivHealth = report.sources.find((s) => s.source === 'arxiv')!;
    expect(arxivHealth.status).toBe('degraded');
    expect(arxivHealth.reasons.join('\n')).toContain('arxiv: 20,005 records with 20,005 authors over this run\'s documents, more than one profile\'s reconcile takes (20,000 records, 300,000 authors): not used');
    expect(report.candidates).toEqual([]);
    expect(report.summary.canonicalWorks).toBeGreaterThan(0);
  }, 180_000);
});
