/**
 * Issue 14, item 3: values from a source are checked before they reach
 * profile.json. A dblp record key that is not a key (a script, a path), a DOI
 * holding a quote, and a year of 0, 9999 or 99999 are left out (and the report
 * says so) instead of becoming ids, links and BibTeX years.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';
import { cli } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';

// The CLI runs in this process with the clock at the run's morning, whatever day it is.
pinClockForFile('2026-11-28T04:00:00Z');

const REC = join(DATA, 'recordings', FIRST_PROFILE);

function record(key: string, title: string, year: string, ee: string[] = []): string {
  return [
    `<r><inproceedings key="${key}" mdate="2025-06-01">`,
    '<author pid="000/0001">Sanghyuk Chun</author>',
    '<author pid="134/1234">Sangdoo Yun</author>',
    `<title>${title}.</title>`,
    `<year>${year}</year>`,
    '<booktitle>CONF</booktitle>',
    ...ee.map((e) => `<ee>${e}</ee>`),
    '</inproceedings></r>',
  ].join('\n');
}

interface Work {
  id: string;
  title: string;
  year: number;
  ids: Record<string, string>;
  links: Record<string, string>;
}

let profile: { publications: Work[] };
let bib: string;
let reasons: string[];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ps-values-'));
  cpSync(join(DATA, 'profiles', FIRST_PROFILE), join(dir, 'profile'), { recursive: true });
  const configFile = join(dir, 'profile', 'config.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as { publishing: { publishUnreviewedCandidates: boolean } };
  config.publishing.publishUnreviewedCandidates = true;
  writeFileSync(configFile, JSON.stringify(config));
  const person = readFileSync(join(REC, 'dblp-2.xml'), 'utf8');
  const hostile = [
    record('javascript:alert(5)', 'A Key That Is a Script', '2025'),
    record('../../etc/passwd', 'A Key That Is a Path', '2025'),
    record('conf/x/Quote25', 'A DOI With a Quote', '2025', ['https://doi.org/10.1234/x&quot;onmouseover=&quot;alert(1)']),
    record('conf/x/Y0000', 'Published in Year Zero', '0000'),
    record('conf/x/Y9999', 'Published in Year Nine Thousand', '9999'),
    record('conf/x/Y99999', 'Published in Year Ninety-Nine Thousand', '99999'),
  ];
  writeFileSync(join(dir, 'person.xml'), person.replace('<coauthors', `${hostile.join('\n')}\n<coauthors`));
  const out = join(dir, 'out');
  const r = await cli('reconcile', '--cv', join(dir, 'profile', 'cv.json'), '--arxiv', join(REC, 'arxiv-1.xml'), join(REC, 'arxiv-2.xml'), '--dblp', join(dir, 'person.xml'), '--out', out);
  if (r.code !== 0) throw new Error(r.stderr);
  profile = JSON.parse(readFileSync(join(out, 'public', FIRST_PROFILE, 'profile.json'), 'utf8'));
  bib = readFileSync(join(out, 'public', FIRST_PROFILE, 'publications.bib'), 'utf8');
  const latest = JSON.parse(readFileSync(join(out, 'reports', FIRST_PROFILE, 'latest.json'), 'utf8')) as { report: { json: string } };
  reasons = (JSON.parse(readFileSync(join(out, latest.report.json), 'utf8')) as { sources: Array<{ source: string; reasons: string[] }> }).sources.find((s) => s.source === 'dblp')!.reasons;
});

describe('source values in profile.json', () => {
  it('a dblp key that is a script or a path is neither an id nor part of a link', () => {
    for (const w of profile.publications) {
      if (w.ids['dblp'] !== undefined) expect(w.ids['dblp'], w.id).toMatch(/^(?:conf|journals|books)\/[\w.-]+\/[\w.'-]+$/);
      if (w.links['dblp'] !== undefined) expect(w.links['dblp'], w.id).toMatch(/^https:\/\/dblp\.org\/rec\/(?:conf|journals|books)\/[\w.-]+\/[\w.'-]+$/);
    }
    expect(JSON.stringify(profile)).not.toMatch(/javascript:|etc\/passwd/);
    expect(reasons).toEqual(expect.arrayContaining([expect.stringContaining('key "javascript:alert(5)" is not a dblp record key: record ignored'), expect.stringContaining('key "../../etc/passwd" is not a dblp record key: record ignored')]));
  });

  it('a DOI holding a quote reaches neither ids.doi nor links.doi', () => {
    const quoted = profile.publications.find((w) => w.title === 'A DOI With a Quote');
    expect(quoted).toBeDefined();
    expect(quoted!.ids['doi']).toBeUndefined();
    expect(JSON.stringify(profile.publications.map((w) => [w.ids, w.links]))).not.toContain('\\"');
  });

  it('no work is published with year 0, 9999 or 99999; the report says which years were left out', () => {
    const next = new Date().getUTCFullYear() + 1;
    for (const w of profile.publications) expect(w.year, w.id).toBeGreaterThanOrEqual(1900);
    for (const w of profile.publications) expect(w.year, w.id).toBeLessThanOrEqual(next);
    expect(bib).not.toMatch(/year = \{(?:0|9999|99999)\}/);
    expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^dblp conf\/x\/Y9999: year 9999 is not plausible/), expect.stringMatching(/^dblp conf\/x\/Y0000: year 0 is not plausible/)]));
  });
});
