/**
 * The first user's recordings hold synthetic stand-ins (a homonym's arXiv paper, a misassigned dblp article) that
 * exercise the guards. Their manifest names them, and everything an owner reads says so: the report (diff.json,
 * diff.md, diff.html), the review list and the email. A real candidate carries no such mark.
 */
import { describe, expect, it } from 'vitest';
import { latestReport } from '../../src/review/latest-report.ts';
import { pendingItems } from '../../src/review/pending.ts';
import { NO_DECISIONS } from '../../src/canonical/decisions.ts';
import { notifyOwner } from '../../src/review/notify-owner.ts';
import { cli } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';
import { dataCopy, nightly, seededBucket } from '../helpers/owner-bucket.ts';
import { FIRST_PROFILE as P } from '../helpers/paths.ts';

// The CLI runs in this process (test/helpers/in-process-cli.ts) with the clock at the morning of the runs below, whatever day it is.
pinClockForFile('2026-11-28T04:00:00Z');

const SYNTHETIC_CANDIDATES = ['cand:arxiv-2511-99999'];
const REAL_CANDIDATE = 'cand:arxiv-2410-18857';

describe('synthetic records in the recordings', async () => {
  const data = dataCopy();
  const { store, root } = await seededBucket(data, [P]);
  await nightly(store, data, '20261128T030000Z');
  const report = await latestReport(store, P);
  const text = async (file: string) => new TextDecoder().decode((await store.get(`reports/${P}/20261128T030000Z/${file}`))!.body);

  it('are marked in diff.json with why they are there, and only they', () => {
    const marked = report.candidates.filter((c) => c.synthetic !== undefined);
    // The homonym's arXiv paper and the misassigned dblp article: every candidate whose evidence is one of them.
    expect(marked.map((c) => c.evidence.ids).flat()).toEqual(expect.arrayContaining(['arxiv:2511.99999', 'dblp:journals/synthetic/ParkCS23']));
    for (const id of SYNTHETIC_CANDIDATES) expect(report.candidates.find((c) => c.id === id)?.synthetic).toMatch(/homonym/);
    expect(report.candidates.find((c) => c.id === REAL_CANDIDATE)!.synthetic).toBeUndefined();
    expect(marked.every((c) => c.evidence.ids.some((i) => /^arxiv:2511\.99999$|^dblp:journals\/synthetic\//.test(i)))).toBe(true);
    expect(report.sources.flatMap((s) => (s.synthetic ?? []).map((r) => r.id)).sort()).toEqual(['arxiv:2511.99999', 'dblp:conf/synthetic/2024w', 'dblp:journals/synthetic/ParkCS23']);
  });

  it('say so in diff.md, diff.html, the review list and the email', async () => {
    const md = await text('diff.md');
    const html = await text('diff.html');
    const marks = (s: string) => s.match(/synthetic test record, not a real paper/gi)?.length ?? 0;
    const n = report.candidates.filter((c) => c.synthetic).length;
    expect(marks(md)).toBe(n);
    expect(marks(html)).toBe(n);
    const listed = pendingItems(report, NO_DECISIONS);
    expect(listed.filter((i) => /SYNTHETIC test record/.test(i.summary)).map((i) => i.id).sort()).toEqual(report.candidates.filter((c) => c.synthetic).map((c) => c.id).sort());
    expect(listed.find((i) => i.id === REAL_CANDIDATE)!.summary).not.toMatch(/SYNTHETIC/);
    // As the owner types it: the listing marks them, on the item's own line.
    const listing = await cli('review', '--bucket', root, '-p', P, '--data', data);
    expect(listing.code, listing.stderr).toBe(0);
    expect(listing.stdout.split('\n').filter((l) => l.includes('SYNTHETIC test record, not a real paper'))).toHaveLength(n);
    let body = '';
    await notifyOwner({ store, profile: P, now: new Date('2026-11-28T04:00:00Z'), storeArgs: '--bucket b', dryRun: true, send: async (_s, b) => void (body = b) });
    expect(body.split('\n').filter((l) => /SYNTHETIC test record/.test(l))).toHaveLength(n);
  });
});
