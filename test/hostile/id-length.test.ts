/**
 * Ids name published files (Hugo Blox publications/<id>/cite.bib), so they have a length limit the
 * schema states: a 300-character work id is refused where it is written (exit 3, line and column),
 * not published into ENAMETOOLONG; an id made from a long DOI stays within the limit.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_ID_LENGTH } from '../../src/canonical/cv-schema.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { cli } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';
import { dataCopy } from '../helpers/owner-bucket.ts';
import { FIRST_PROFILE as P, REPO } from '../helpers/paths.ts';
import { config, cvWith, dblp, input, OWNER, pub } from '../helpers/reconcile-builders.ts';

// The CLI runs in this process (test/helpers/in-process-cli.ts) with the clock at the morning of the runs below, whatever day it is.
pinClockForFile('2026-11-28T04:00:00Z');

describe('id length', () => {
  it('a 300-character work id is refused in cv.json with where, and the JSON Schema states the limit', async () => {
    const data = dataCopy();
    const file = join(data, 'profiles', P, 'cv.json');
    const text = readFileSync(file, 'utf8');
    const first = /"id": "([a-z0-9-]+)"/.exec(text)!;
    const long = `w${'-x'.repeat(150)}`.slice(0, 300);
    writeFileSync(file, text.replace(first[0], `"id": "${long}"`));
    const line = text.slice(0, first.index).split('\n').length;
    const r = await cli('sync', '--offline', '--data', data, '--out', mkdtempSync(join(tmpdir(), 'ps-idlen-')), '-p', P);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout + r.stderr).toMatch(new RegExp(`cv\\.json:${line}:\\d+: publications\\[0\\]\\.id: must be at most ${MAX_ID_LENGTH} characters`));
    expect(r.stdout + r.stderr).not.toContain('unexpected failure');
    const schema = JSON.parse(readFileSync(join(REPO, 'schemas', 'cv.schema.json'), 'utf8')) as { $defs?: unknown };
    expect(JSON.stringify(schema)).toContain(`"maxLength":${MAX_ID_LENGTH}`);
  }, 60_000);

  it('a candidate\'s id made from a 250-character DOI stays within the limit, and two such DOIs stay apart', () => {
    const doiA = `10.1234/${'a'.repeat(240)}1`;
    const doiB = `10.1234/${'a'.repeat(240)}2`;
    const cv = cvWith([pub('known', 'A Known Work', [OWNER])]);
    const out = reconcile(input(cv, [], [dblp('conf/x/A1', 'Long One', [OWNER], 2024, { doi: doiA }), dblp('conf/x/B2', 'Long Two Entirely Different', [OWNER], 2024, { doi: doiB })], { config: { ...config, publishing: { ...config.publishing, publishUnreviewedCandidates: true } } }));
    const ids = out.report.candidates.map((c) => c.workId);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^doi-10-1234-a+-[0-9a-f]{10}$/);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(MAX_ID_LENGTH - 10);
    expect(new Set(ids).size).toBe(2);
  });
});
