/**
 * Issue 14, item 4: control characters from a source (an ESC sequence that
 * recolours a terminal, the one-byte C1 CSI, a bell, bidi overrides) reach
 * neither the published files, nor the report, nor the owner's terminal in
 * `review`.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { atomEntry } from '../helpers/atom-builder.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';
import { cli } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';

// The CLI runs in this process with the clock at the run's morning, whatever day it is.
pinClockForFile('2026-11-28T04:00:00Z');

const REC = join(DATA, 'recordings', FIRST_PROFILE);
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\\u001b|\\u009b|\\u0007/;

let out: string;
let data: string;
const published: Record<string, string> = {};

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ps-controls-'));
  data = join(dir, 'data');
  cpSync(join(DATA, 'profiles', FIRST_PROFILE), join(data, 'profiles', FIRST_PROFILE), { recursive: true });
  const configFile = join(data, 'profiles', FIRST_PROFILE, 'config.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as { publishing: { publishUnreviewedCandidates: boolean } };
  config.publishing.publishUnreviewedCandidates = true;
  writeFileSync(configFile, JSON.stringify(config));
  // A raw ESC (XML 1.0 forbids it; parsers let it through), ESC and C1 as character references, a bell, bidi overrides.
  const entry = atomEntry({ id: '2501.00001', title: 'PLACEHOLDER', authors: ['Sanghyuk Chun', 'Sangdoo Yun', 'AUTHOR'], published: '2025-01-15T10:00:00Z', summary: 'SUMMARY' })
    .replace('PLACEHOLDER', 'Red \u001b[31mAlert\u001b[0m &#27;[2J cleared &#x9b;2J &#x202e;desrever&#x202c; bell&#7;\u009b')
    .replace('AUTHOR', 'Eve &#x202e;rotua&#x202c; &#27;]0;title&#7;')
    .replace('SUMMARY', 'Abstract &#27;[5m blinking');
  const feed = readFileSync(join(REC, 'arxiv-2.xml'), 'utf8').replace('</feed>', `${entry}\n</feed>`);
  writeFileSync(join(dir, 'arxiv.xml'), feed);
  out = join(dir, 'out');
  const r = await cli('reconcile', '--cv', join(data, 'profiles', FIRST_PROFILE, 'cv.json'), '--arxiv', join(REC, 'arxiv-1.xml'), join(dir, 'arxiv.xml'), '--dblp', join(REC, 'dblp-2.xml'), '--out', out);
  if (r.code !== 0) throw new Error(r.stderr);
  const latest = JSON.parse(readFileSync(join(out, 'reports', FIRST_PROFILE, 'latest.json'), 'utf8')) as { report: { json: string; markdown: string; html: string } };
  for (const key of [latest.report.json, latest.report.markdown, latest.report.html]) published[key] = readFileSync(join(out, key), 'utf8');
  for (const e of readdirSync(join(out, 'public', FIRST_PROFILE), { recursive: true, withFileTypes: true })) {
    if (e.isFile() && !e.name.endsWith('.zip')) published[join(e.parentPath, e.name).slice(out.length + 1)] = readFileSync(join(e.parentPath, e.name), 'utf8');
  }
});

describe('control and bidi characters from a source', () => {
  it('the work is published, its title readable and free of them', () => {
    const profile = JSON.parse(published[`public/${FIRST_PROFILE}/profile.json`]!) as { publications: Array<{ title: string; authors: Array<{ name: string }> }> };
    const work = profile.publications.find((w) => w.title.startsWith('Red '));
    // (&#x9b; is read as HTML reads it, the Windows-1252 "›", which is printable)
    expect(work?.title).toBe('Red [31mAlert[0m [2J cleared ›2J desrever bell');
    expect(work?.authors.map((a) => a.name)).toContain('Eve rotua ]0;title');
  });

  it.each(['profile.json', 'publications.bib', 'publications.csl.json', 'publications.jsonld', 'diff.json', 'diff.md', 'diff.html'])('%s holds none of them', (name) => {
    const [key, text] = Object.entries(published).find(([k]) => k.endsWith(`/${name}`))!;
    expect(HIDDEN.exec(text)?.[0], key).toBeUndefined();
  });

  it('the owner\'s terminal in `review` receives none of them', async () => {
    const listed = await cli('review', '--data', data, '--out', out, '-p', FIRST_PROFILE);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('Red [31mAlert[0m');
    expect(HIDDEN.exec(listed.stdout + listed.stderr)?.[0]).toBeUndefined();
  });
});
