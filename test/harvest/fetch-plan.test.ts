import { describe, expect, it } from 'vitest';
import { fetchPlanFor, parseFetchPlan } from '../../src/harvest/fetch-plan.ts';
import { loadProfileInput } from '../../src/canonical/profile-input.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';

describe('fetch plan (what the fetch Lambdas read)', async () => {
  const plan = fetchPlanFor(await loadProfileInput(DATA, FIRST_PROFILE));
  const text = JSON.stringify(plan);

  it('round-trips through its parser', () => {
    expect(parseFetchPlan(text, 'plan.json')).toEqual(plan);
    expect(plan.ownerNames).toContain('Sanghyuk Chun');
    expect(plan.coauthors).not.toContain('Sanghyuk Chun');
  });

  it('names the field that is wrong', () => {
    expect(() => parseFetchPlan(text.replace('"minIntervalSeconds":3', '"minIntervalSeconds":1'), 'plan.json')).toThrow('plan.json: sources.arxiv.minIntervalSeconds: must be at least 3');
    expect(() => parseFetchPlan(text.replace('"contact":', '"kontakt":'), 'plan.json')).toThrow('plan.json: contact: expected a non-empty string');
    expect(() => parseFetchPlan('<html>', 'plan.json')).toThrow(/^plan\.json: invalid JSON/);
  });
});
