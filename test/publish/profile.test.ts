/** The published profile: what the website reads, valid against the JSON Schema in the repo. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { loadCv } from '../../src/canonical/load.ts';
import { buildProfile, publishCanonicalWork } from '../../src/reconcile/build-profile.ts';
import { jsonSchemas, stableJson } from '../../src/publish/json-schemas.ts';
import { FIRST_PROFILE, FIRST_PROFILE_DIR, REPO } from '../helpers/paths.ts';

const cvFile = join(FIRST_PROFILE_DIR, 'cv.json');
const cvText = readFileSync(cvFile, 'utf8');
const cv = loadCv(cvFile, cvText, FIRST_PROFILE);
const run = { runId: '20261128T000000Z', generatedAt: '2026-11-28T00:00:00.000Z' };
const profile = buildProfile(cv, cv.publications.map(publishCanonicalWork), run);

function validator(name: string) {
  const ajv = new Ajv2020.default({ strict: true, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(REPO, 'schemas', name), 'utf8')));
}

describe('JSON Schemas in the repo', () => {
  it.each(Object.keys(jsonSchemas()))('schemas/%s is the one generated from the code (run npm run schemas)', (name) => {
    expect(readFileSync(join(REPO, 'schemas', name), 'utf8')).toBe(stableJson(jsonSchemas()[name]));
  });

  it('the canonical CV and config of the first user validate against their schemas', () => {
    const validateCv = validator('cv.schema.json');
    expect(validateCv(JSON.parse(cvText)), JSON.stringify(validateCv.errors)).toBe(true);
    const validateConfig = validator('config.schema.json');
    expect(validateConfig(JSON.parse(readFileSync(join(FIRST_PROFILE_DIR, 'config.json'), 'utf8')))).toBe(true);
  });

  it('the schema rejects what the loader rejects: a malformed arXiv ID, an unknown kind', () => {
    const validateCv = validator('cv.schema.json');
    const doc = JSON.parse(cvText);
    doc.publications[0].ids = { arxiv: 'abc' };
    doc.publications[1].kind = 'poster';
    expect(validateCv(doc)).toBe(false);
    expect(validateCv.errors?.map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/publications/0/ids/arxiv', '/publications/1/kind']));
  });
});

describe('published profile', () => {
  it('validates against schemas/profile.schema.json', () => {
    const validate = validator('profile.schema.json');
    expect(validate(JSON.parse(stableJson(profile))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('carries every publication with owner position and equal-contribution marks', () => {
    expect(profile.schemaVersion).toBe(1);
    expect(profile.publications).toHaveLength(18);
    const lf = profile.publications.find((p) => p.id === 'aaai21-lf-font')!;
    expect(lf).toMatchObject({ ownerPosition: 2, hasEqualContribution: true, venue: "AAAI'21", section: 'peer-reviewed', status: 'canonical' });
    expect(lf.authors[0]).toEqual({ name: 'Song Park', isOwner: false, equalContribution: true });
    const cutmix = profile.publications.find((p) => p.id === 'iccv19-cutmix')!;
    expect(cutmix).toMatchObject({ ownerPosition: 4, hasEqualContribution: false });
    expect(profile.publications.filter((p) => p.section === 'preprint').map((p) => p.id)).toEqual([
      'arxiv20-wsol-protocol',
      'arxiv20-adamp',
      'arxiv19-confidence-skimming',
      'arxiv19-interpretable-music-tagging',
      'arxiv18-speech-enhancement',
    ]);
  });

  it('orders newest year first, keeping the owner\'s order within a year', () => {
    const years = profile.publications.map((p) => p.year);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect(profile.publications.slice(0, 2).map((p) => p.id)).toEqual(['aaai21-lf-font', 'eccv20-dm-font']);
  });

  it('is deterministic: same input, same bytes', () => {
    const again = buildProfile(loadCv(cvFile, cvText), cv.publications.map(publishCanonicalWork), run);
    expect(stableJson(again)).toBe(stableJson(profile));
  });

  it('derives links from owner-written IDs', () => {
    const withIds = publishCanonicalWork({ ...cv.publications[6]!, ids: { arxiv: '1905.04899', doi: '10.1109/ICCV.2019.00612' } });
    expect(withIds.links).toEqual({
      abstract: 'https://arxiv.org/abs/1905.04899',
      pdf: 'https://arxiv.org/pdf/1905.04899',
      doi: 'https://doi.org/10.1109/ICCV.2019.00612',
    });
  });
});
