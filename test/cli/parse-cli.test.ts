/**
 * `profile-sync parse`: every recording parses; bad documents give the error and exit 3. The CLI runs in this
 * process (its main(), as the bin runs it), the clock pinned; the bin as a process: sync-cli, review-tty, the README.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';
import { DATA, FIRST_PROFILE, REPO } from '../helpers/paths.ts';

pinClockForFile('2026-11-28T04:00:00Z');

const recordings = join(DATA, 'recordings', FIRST_PROFILE);
const files = (prefix: string) => readdirSync(recordings).filter((f) => f.startsWith(prefix)).map((f) => join(recordings, f));

describe('profile-sync parse', () => {
  it('parses every arXiv recording', async () => {
    const r = await cli('parse', 'arxiv', ...files('arxiv-'));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Array<{ result: { kind: string; records: Array<{ id: string }> } }>;
    expect(out.map((o) => o.result.kind)).toEqual(['feed', 'feed']);
    expect(out[0]!.result.records.map((x) => x.id)).toContain('2602.16704');
  }, 30_000);

  it('parses every dblp recording (search JSON and person XML)', async () => {
    const r = await cli('parse', 'dblp', ...files('dblp-'));
    expect(r.code).toBe(0);
    const [search, person] = JSON.parse(r.stdout) as Array<{ result: Record<string, unknown> }>;
    expect(search!.result).toMatchObject({ kind: 'author-search', total: 1, candidates: [{ name: 'Sanghyuk Chun' }] });
    expect(person!.result).toMatchObject({ kind: 'person', person: { name: 'Sanghyuk Chun' } });
  }, 30_000);

  it('prints the error with line and column and exits 3 for a malformed document', async () => {
    const r = await cli('parse', 'arxiv', join(REPO, 'test', 'fixtures', 'arxiv', 'denied.html'));
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).error).toMatch(/denied\.html:1:1: an HTML page, not a source document \(an error or block page\?\): "Access Denied"/);
    expect((await cli('parse', 'pubmed', 'x')).code).toBe(2);
  }, 30_000);
});

describe('what a document is, its content decides (issue 22, items 9 and 13)', () => {
  const FIX = join(REPO, 'test', 'fixtures');

  it('parse dblp and reconcile --dblp read a bare <inproceedings> record, as the dblp parser does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ps-bare-'));
    const bare = join(dir, 'record.xml');
    const text = readFileSync(join(FIX, 'dblp', 'rec-single.xml'), 'utf8');
    writeFileSync(bare, text.slice(text.indexOf('<inproceedings')).replace('</dblp>', ''));
    const r = await cli('parse', 'dblp', bare);
    expect(r.code, r.stdout).toBe(0);
    expect(JSON.parse(r.stdout).result).toMatchObject({ kind: 'records', records: [{ key: 'conf/iclr/HeoCOHYKUH21', type: 'inproceedings' }] });
    // reconcile --dblp takes it too, read as the person page's records are. Alone (no arXiv record to chain it
    // to the CV's preprint, whose title differs), the ICLR paper is proposed: high, on its six CV co-authors.
    const cv = join(DATA, 'profiles', FIRST_PROFILE, 'cv.json');
    const rec = await cli('reconcile', '--cv', cv, '--dblp', bare, '--out', join(dir, 'out'), '--json');
    expect(rec.code, rec.stderr).toBe(0);
    const summary = JSON.parse(rec.stdout) as { sources: Array<{ source: string; status: string; records: number }>; keys: Array<{ key: string }> };
    expect(summary.sources.find((h) => h.source === 'dblp')).toMatchObject({ status: 'ok', records: 1 });
    const diffKey = summary.keys.find((k) => k.key.endsWith('/diff.json'))!.key;
    const report = JSON.parse(readFileSync(join(dir, 'out', diffKey), 'utf8')) as { candidates: Array<{ confidence: string; evidence: { ids: string[]; onOwnerDblpPage: boolean } }> };
    expect(report.candidates).toEqual([expect.objectContaining({ confidence: 'high', evidence: expect.objectContaining({ ids: ['dblp:conf/iclr/HeoCOHYKUH21'], onOwnerDblpPage: false }) })]);
    // With the person page that lists the same record, it is read once: the same links as the page alone.
    const linked = async (out: string, ...dblp: string[]) => {
      const r = await cli('reconcile', '--cv', cv, '--dblp', ...dblp, '--out', join(dir, out), '--json');
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { summary: unknown }).summary;
    };
    expect(await linked('both', join(recordings, 'dblp-2.xml'), bare)).toEqual(await linked('page', join(recordings, 'dblp-2.xml')));
    // What --dblp does not take is still refused for what it is.
    const search = await cli('reconcile', '--cv', cv, '--dblp', join(recordings, 'dblp-1.json'), '--out', join(dir, 'out3'));
    expect(search.code).toBe(3);
    expect(search.stderr).toContain('--dblp takes a dblp person bibliography (https://dblp.org/pid/<pid>.xml) or dblp records (https://dblp.org/rec/<key>.xml, a bare <article>/<inproceedings>), but this is a dblp author search');
  }, 60_000);

  it('parse arxiv reads an OAI-PMH response (what the harvest reads every night) and says which it found', async () => {
    const r = await cli('parse', 'arxiv', join(FIX, 'oai', 'nesta-listrecords-arxiv-token.xml'), join(recordings, 'arxiv-1.xml'));
    expect(r.code, r.stdout).toBe(0);
    const [oai, atom] = JSON.parse(r.stdout) as Array<{ result: { kind: string; verb?: string; records: unknown[] } }>;
    expect(oai!.result).toMatchObject({ kind: 'oai-pmh', verb: 'ListRecords' });
    expect(oai!.result.records.length).toBeGreaterThan(0);
    expect(atom!.result.kind).toBe('feed');
  }, 30_000);

  it('reconcile --dblp takes a person bibliography saved as person.json (not dropped as an author search)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ps-person-json-'));
    const person = join(dir, 'person.json');
    copyFileSync(join(recordings, 'dblp-2.xml'), person);
    const out = join(dir, 'out');
    const r = await cli('reconcile', '--cv', join(DATA, 'profiles', FIRST_PROFILE, 'cv.json'), '--dblp', person, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n {2}dblp: ok, [1-9]\d* records\n/);
  }, 30_000);
});
