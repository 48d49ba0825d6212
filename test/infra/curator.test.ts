/**
 * The curator variant README gives (The owner's loop on AWS): the policy
 * statement in README, evaluated — a curator may assume the owner role with
 * the profile-sync-profile session tag of a profile they curate, and not of
 * another, nor with extra tags; each session then reaches that one profile
 * (the owner policy, test/infra/iam-owner.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/paths.ts';
import { decide } from './iam/evaluate.ts';

const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
const after = readme.slice(readme.indexOf('**A curator of several profiles**'));
const statement = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(after)![1]!) as Record<string, unknown>;
const ROLE = 'arn:aws:iam::123456789012:role/profile-sync-curator';
const CURATOR = 'arn:aws:iam::123456789012:user/curator';

const may = (action: string, tags: Record<string, string>) =>
  decide(
    { principal: CURATOR, action, resource: ROLE, context: { ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, v])), 'aws:TagKeys': Object.keys(tags) } },
    { identity: [{ Version: '2012-10-17', Statement: [{ ...statement, Resource: ROLE }] }] },
  );

describe("README's curator variant", () => {
  it('tags a session only with a profile the curator curates, and only that tag', async () => {
    for (const action of ['sts:AssumeRole', 'sts:TagSession']) {
      expect(await may(action, { 'profile-sync-profile': 'ada-lab' }), action).toBe('Allowed');
      expect(await may(action, { 'profile-sync-profile': 'bob-lab' }), action).toBe('Allowed');
      expect(await may(action, { 'profile-sync-profile': 'carol-lab' }), action).toBe('ImplicitlyDenied');
      expect(await may(action, { 'profile-sync-profile': 'ada-lab', other: 'x' }), action).toBe('ImplicitlyDenied');
    }
  });
});
