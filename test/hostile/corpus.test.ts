/**
 * Every document of the hostile corpus (test/hostile/corpus/generate.ts) through
 * `parse` and `reconcile`, as a person runs them (the CLI's main(), in this
 * process so the corpus costs seconds): the exit code is the one expected
 * (never 1), no output carries a stack trace, an invalid document changes
 * nothing in the store, and after a valid one every published file still
 * passes its strictest consumer. No external DTD or entity is ever fetched.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopback, type LoopbackServer } from '../helpers/loopback-server.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';
import { buildCorpus, writeCorpus, type CorpusDocument } from './corpus/generate.ts';
import { cli, stackLines } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';
import { HIDDEN, UNPUBLISHABLE, checkBibtex, checkCsl, checkFrontMatter, checkHtml, checkMarkdown, checkProfile, snapshot } from './published-checks.ts';

const RECORDINGS = join(DATA, 'recordings', FIRST_PROFILE);
const TEMPLATE_RUN = '20261101T000000Z';
const RUN = '20261128T030000Z';
// The CLI runs in this process: its clock is the run's, whatever day the suite runs on.
pinClockForFile('2026-11-28T03:00:00Z');

let dtd: LoopbackServer;
let corpusDir: string;
let cvFile: string;
let template: string;
let before: Map<string, string>;
let browser: BrowserContext;

beforeAll(async () => {
  dtd = await startLoopback(() => ({ status: 200, headers: { 'Content-Type': 'application/xml-dtd' }, body: '<!ENTITY leak SYSTEM "file:///etc/passwd">' }), 120_000);
  corpusDir = mkdtempSync(join(tmpdir(), 'ps-hostile-corpus-'));
  writeCorpus(corpusDir, { dtdUrl: `${dtd.baseUrl}/evil.dtd` });
  // The first user's records, publishing unreviewed candidates: hostile text that is believed reaches every published file.
  const profileDir = mkdtempSync(join(tmpdir(), 'ps-hostile-profile-'));
  cpSync(join(DATA, 'profiles', FIRST_PROFILE), profileDir, { recursive: true });
  const config = JSON.parse(readFileSync(join(profileDir, 'config.json'), 'utf8')) as { publishing: { publishUnreviewedCandidates: boolean } };
  config.publishing.publishUnreviewedCandidates = true;
  writeFileSync(join(profileDir, 'config.json'), JSON.stringify(config, null, 2));
  cvFile = join(profileDir, 'cv.json');
  template = mkdtempSync(join(tmpdir(), 'ps-hostile-store-'));
  const first = await cli('reconcile', '--cv', cvFile, '--arxiv', join(RECORDINGS, 'arxiv-1.xml'), join(RECORDINGS, 'arxiv-2.xml'), '--dblp', join(RECORDINGS, 'dblp-2.xml'), '--out', template, '--run-id', TEMPLATE_RUN);
  if (first.code !== 0) throw new Error(`the clean run failed: ${first.stderr}`);
  before = snapshot(template);
  // The clean run's own files pass every check (so a failure below is the hostile document's doing).
  if (checkCsl(readFileSync(join(template, 'public', FIRST_PROFILE, 'publications.csl.json'), 'utf8')).length > 0) throw new Error('the clean run publishes CSL-JSON citation-js rejects');
  browser = await launchChromium(mkdtempSync(join(tmpdir(), 'ps-hostile-browser-')));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await dtd?.close();
});

const docs = buildCorpus({ dtdUrl: 'http://127.0.0.1:9/evil.dtd' });

/**
 * A consumer's verdict depends on the file's bytes only: content that passed a check once (most
 * hostile documents are refused by their source's parser and publish what the clean run did) is
 * not checked again. Failures are never remembered.
 */
const passed = new Set<string>();
async function checked(check: string, content: string, run: () => string[] | Promise<string[]>): Promise<string[]> {
  const key = `${check}:${createHash('sha256').update(content).digest('hex')}`;
  if (passed.has(key)) return [];
  const problems = await run();
  if (problems.length === 0) passed.add(key);
  return problems;
}

describe('the hostile corpus', () => {
  it('is generated deterministically and covers every kind of hostile input, in arXiv and dblp forms', () => {
    const again = buildCorpus({ dtdUrl: 'http://127.0.0.1:9/evil.dtd' });
    expect(again.map((d) => [d.name, Buffer.from(d.bytes).toString('base64')])).toEqual(docs.map((d) => [d.name, Buffer.from(d.bytes).toString('base64')]));
    const kinds = ['xxe-file-entity', 'xxe-external-dtd', 'xxe-parameter-entity', 'billion-laughs', 'deep-nesting', 'invalid-utf8', 'utf16le-bom', 'utf8-bom', 'truncated-', 'html', 'empty', 'control-characters', 'javascript-links', 'metacharacters', '1mb-title', '100k-authors', 'duplicate', 'impossible-years'];
    for (const prefix of ['arxiv-', 'dblp-', 'dblp-json-']) {
      for (const kind of kinds.filter((k) => !(prefix === 'dblp-json-' && k.startsWith('xxe')) && !(prefix === 'dblp-json-' && k === 'billion-laughs'))) {
        expect(docs.some((d) => d.name.startsWith(prefix) && d.name.includes(kind)), `${prefix}…${kind}`).toBe(true);
      }
    }
    expect(docs.length).toBeGreaterThanOrEqual(80);
  });
});

describe.each(docs.map((d) => [d.name, d] as [string, CorpusDocument]))('%s', (name, doc) => {
  it(`parse and reconcile: exit ${doc.expect.parse}/${doc.expect.reconcile}, no stack trace, ${doc.expect.reconcile === 0 ? 'every published file still valid' : 'nothing published changes'}`, async () => {
    const file = join(corpusDir, name);
    const parsed = await cli('parse', doc.source, file);
    expect(stackLines(parsed.stdout + parsed.stderr), parsed.stderr).toBe(0);
    expect(parsed.code, parsed.stdout.slice(0, 500) + parsed.stderr).toBe(doc.expect.parse);
    if (parsed.code === 0) expect(parsed.stdout, 'parse printed a hidden character').not.toMatch(HIDDEN);
    else expect(JSON.parse(parsed.stdout).error).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+:\\d+)?: `));

    const out = mkdtempSync(join(tmpdir(), 'ps-hostile-run-'));
    cpSync(template, out, { recursive: true });
    const sources =
      doc.source === 'arxiv'
        ? ['--arxiv', join(RECORDINGS, 'arxiv-1.xml'), file, '--dblp', join(RECORDINGS, 'dblp-2.xml')]
        : ['--arxiv', join(RECORDINGS, 'arxiv-1.xml'), join(RECORDINGS, 'arxiv-2.xml'), '--dblp', file];
    const run = await cli('reconcile', '--cv', cvFile, ...sources, '--out', out, '--run-id', RUN);
    const output = run.stdout + run.stderr;
    expect(stackLines(output), output).toBe(0);
    expect(output).not.toContain('root:x:0:0'); // /etc/passwd never read
    expect(run.code, output.slice(0, 800)).toBe(doc.expect.reconcile);
    if (run.code !== 0) {
      expect(run.stderr).toContain(file); // the user's own path
      expect(snapshot(out)).toEqual(before);
      return;
    }
    const read = (key: string) => readFileSync(join(out, key), 'utf8');
    const report = `reports/${FIRST_PROFILE}/${RUN}`;
    const pub = `public/${FIRST_PROFILE}`;
    const csl = read(`${pub}/publications.csl.json`);
    const problems = [
      ...checkProfile(read(`${pub}/profile.json`)),
      ...(await checked('bibtex', read(`${pub}/publications.bib`), () => checkBibtex(read(`${pub}/publications.bib`)))),
      ...(await checked('bibtex', read(`${pub}/al-folio/papers.bib`), () => checkBibtex(read(`${pub}/al-folio/papers.bib`)))),
      ...(await checked('csl', csl, () => checkCsl(csl, readFileSync(join(template, pub, 'publications.csl.json'), 'utf8')))),
      ...checkMarkdown(read(`${report}/diff.md`)),
      ...(await checked('html', read(`${report}/diff.html`), () => checkHtml(browser, join(out, report, 'diff.html')))),
    ];
    // The site exports too: every Hugo Blox front matter strict YAML, no character XML 1.0 or YAML refuses anywhere.
    const siteFiles = readdirSync(join(out, pub), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(?:md|bib|html)$/.test(e.name))
      .map((e) => join(e.parentPath, e.name).slice(out.length + 1));
    for (const key of [`${pub}/profile.json`, `${pub}/publications.bib`, `${pub}/publications.csl.json`, `${pub}/publications.jsonld`, `${report}/diff.json`, `${report}/diff.md`, `${report}/diff.html`, ...siteFiles]) {
      const text = read(key);
      const hidden = HIDDEN.exec(text) ?? UNPUBLISHABLE.exec(text);
      if (hidden) problems.push(`${key} holds a hidden character ${JSON.stringify(hidden[0])}`);
      if (key.endsWith('/index.md')) problems.push(...checkFrontMatter(key, text));
    }
    expect(problems).toEqual([]);
  }, 30_000);
});

describe('external entities and DTDs', () => {
  it('were never fetched while the corpus ran', () => {
    expect(dtd.requests).toEqual([]);
  });
});
