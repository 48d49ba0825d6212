/**
 * Golden test on the first user's recordings: the published profile and the
 * report must stay byte for byte what was reviewed. After an intended change:
 *   UPDATE_GOLDEN=1 npx vitest run test/reconcile/golden.test.ts
 * and review the diff of test/golden/ before committing it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stableJson } from '../../src/publish/json-schemas.ts';
import { firstUserRun } from '../helpers/first-user-run.ts';
import { REPO } from '../helpers/paths.ts';

const dir = join(REPO, 'test', 'golden');

function golden(name: string, actual: string): void {
  const file = join(dir, name);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(file, actual);
  expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('golden: sanghyuk-chun from the recordings', async () => {
  const { output } = await firstUserRun();

  it('profile.json', () => golden('sanghyuk-chun.profile.json', stableJson(output.profile)));
  it('diff.json', () => golden('sanghyuk-chun.diff.json', stableJson(output.report)));

  // The recordings hold only public facts (data/README.md): the ICASSP paper is on neither source there.
  it('links every CV item that has an arXiv or dblp presence, and nothing else', () => {
    const linked = [...output.links].filter(([, v]) => v.length > 0).map(([k]) => k);
    expect(linked).toEqual([
      'aaai21-lf-font', 'eccv20-dm-font', 'icml20-rebias', 'cvpr20-wsol-eval', 'iccv19-cutmix', 'iccv19-wct2',
      'icmlw19-self-attention-music-tagging', 'icmlw19-regularization-robustness', 'arxiv20-wsol-protocol', 'arxiv20-adamp', 'arxiv19-interpretable-music-tagging',
    ]);
  });

  it('proposes every post-2020 paper, the homonyms only at low confidence', () => {
    const byId = new Map(output.report.candidates.map((c) => [c.id, c.confidence]));
    for (const id of ['2101.05068', '2101.05022', '2103.16302', '2104.00887', '2106.04165', '2110.03095', '2204.03359', '2312.01998', '2410.18857']) {
      expect(byId.get(`cand:arxiv-${id.replace('.', '-')}`), id).toMatch(/high|medium/);
    }
    // Found by the owner's name alone, with no CV co-author and no dblp record in the recordings: proposed, at low confidence.
    expect(byId.get('cand:arxiv-2305-18171')).toBe('low');
    expect(byId.get('cand:arxiv-2602-16704')).toBe('low');
    expect(byId.get('cand:arxiv-2511-99999')).toBe('low');
    expect(byId.get('cand:dblp-journals-synthetic-parkcs23')).toBe('low');
  });

  it('reports the known upstream differences', () => {
    const d = output.report.differences.map((x) => `${x.workId} ${x.field} ${x.source}`);
    expect(d).toEqual(expect.arrayContaining([
      'arxiv20-adamp title AdamP: Slowing Down the Slowdown for Momentum Optimizers on Scale-invariant Weights',
      'arxiv20-adamp authors Byeongho Heo, Sanghyuk Chun, Seong Joon Oh, Dongyoon Han, Sangdoo Yun, Gyuwan Kim, Youngjung Uh, Jung-Woo Ha',
      'iccv19-cutmix authors[4].name Junsuk Choe',
      'cvpr20-wsol-eval authors[2].name Seungho Lee',
      'iccv19-wct2 authors[3].name Byeongkyu Kang',
      'iccv19-wct2 authors[4].name Jung-Woo Ha',
    ]));
    expect(output.report.events.map((e) => e.id)).toEqual(['event:arxiv20-adamp:published:conf/iclr/HeoCOHYKUH21']);
  });
});
