/**
 * The owner's loop on AWS, stage by stage as the Lambdas and the owner run it,
 * against a folder bucket that enforces If-Match / If-None-Match as S3 does:
 * deploy (seed) → nightly run → the email → `review --bucket` → the next run
 * proposes nothing already decided, with no deploy in between → a deploy after
 * that leaves the decisions in place → a stale `push` is refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestReport } from '../../src/review/latest-report.ts';
import { notifyOwner } from '../../src/review/notify-owner.ts';
import { pendingItems } from '../../src/review/pending.ts';
import { decisionsFile } from '../../src/canonical/decisions.ts';
import { parseJsonDocument } from '../../src/input/json-document.ts';
import { validateDocument } from '../../src/input/validate.ts';
import { dataCopy, deploy, nightly, seededBucket } from '../helpers/owner-bucket.ts';
import { FIRST_PROFILE as P } from '../helpers/paths.ts';
import { cli } from '../helpers/in-process-cli.ts';
import { pinClockForFile } from '../helpers/pinned-clock.ts';

// The CLI runs in this process (test/helpers/in-process-cli.ts) with the clock at the morning of the runs below, whatever day it is.
pinClockForFile('2026-11-28T04:00:00Z');


describe("the owner's loop on a bucket", () => {
  it('nightly run → email → review --bucket → the next run proposes nothing decided; a deploy keeps the decisions; a stale push is refused', async () => {
    const repo = dataCopy(); // the repository's data/ (what a deploy stages)
    const { store, root } = await seededBucket(repo, [P]);
    const emails: Array<{ subject: string; body: string }> = [];
    const notify = (now: string) => notifyOwner({ store, profile: P, now: new Date(now), storeArgs: `--bucket ${root}`, send: async (subject, body) => void emails.push({ subject, body }) });

    // The owner's laptop pulls the records before anything is decided.
    const laptop = dataCopy();
    expect((await cli('pull', '-p', P, '--bucket', root, '--data', laptop)).code).toBe(0);

    // Night 1: the run, then the email.
    await nightly(store, repo, '20261128T030000Z');
    expect(await notify('2026-11-28T03:20:00Z')).toMatchObject({ sent: true, newItems: 20 });
    expect(emails[0]!.subject).toBe('sanghyuk-chun: 13 new papers, 6 differences, 1 version event to review');
    expect(emails[0]!.body).toContain(`npx profile-sync review -p sanghyuk-chun --bucket ${root}`);

    // The owner reviews against the bucket (no local data/ involved, no deploy).
    const decided = ['cand:arxiv-2101-05068', 'cand:arxiv-2511-99999', 'diff:cvpr20-wsol-eval:authors[2].name:1eb1548462', 'diff:iccv19-wct2:authors[4].name:3b5f1a231a', 'event:arxiv20-adamp:published:conf/iclr/HeoCOHYKUH21'];
    const r = await cli('review', '-p', P, '--bucket', root, '--data', '/nonexistent', '--accept', decided[0]!, '--reject', decided[1]!, '--accept-theirs', decided[2]!, '--keep-mine', decided[3]!, '--ack', decided[4]!);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`recorded 5 decision(s) in ${root}/canonical/${P}/decisions.json`);

    // Night 2: nothing already decided is proposed again; the accepted paper is a canonical work.
    await nightly(store, repo, '20261129T030000Z');
    const report2 = await latestReport(store, P);
    const decisions = async () => validateDocument(parseJsonDocument('decisions.json', new TextDecoder().decode((await store.get(`canonical/${P}/decisions.json`))!.body)), decisionsFile);
    const pending2 = pendingItems(report2, await decisions()).map((p) => p.id);
    expect(report2.summary.pendingReview).toBe(20 - 5);
    for (const id of decided) expect(pending2).not.toContain(id);
    expect(pending2).toHaveLength(20 - 5);
    const profile = JSON.parse(new TextDecoder().decode((await store.get(`public/${P}/profile.json`))!.body)) as { publications: Array<{ id: string; status: string; authors: Array<{ name: string }> }> };
    expect(profile.publications.find((w) => w.id === 'arxiv-2101-05068')?.status).toBe('canonical');
    expect(profile.publications.find((w) => w.id === 'cvpr20-wsol-eval')?.authors[2]?.name).toBe('Seungho Lee');
    // … and the owner is not emailed the same items again.
    expect(await notify('2026-11-29T03:20:00Z')).toMatchObject({ sent: false, newItems: 0, pending: 15 });
    expect(emails).toHaveLength(1);

    // A deploy from the repository (whose data/ knows nothing of these decisions) changes nothing in canonical/.
    const before = await store.list(`canonical/${P}/`).then((keys) => Promise.all(keys.map(async (k) => [k, (await store.get(k))!.etag])));
    expect((await deploy(store, repo, [P], 'd2')).seeded).toEqual([]);
    expect(await store.list(`canonical/${P}/`).then((keys) => Promise.all(keys.map(async (k) => [k, (await store.get(k))!.etag])))).toEqual(before);
    await nightly(store, repo, '20261130T030000Z');
    expect(pendingItems(await latestReport(store, P), await decisions())).toHaveLength(15);

    // The laptop pulled before the review: its push is refused, saying what changed, and writes nothing.
    const cvFile = join(laptop, 'profiles', P, 'cv.json');
    writeFileSync(cvFile, readFileSync(cvFile, 'utf8').replace('"asOf": "2020-12-02"', '"asOf": "2026-11-30"'));
    const push = await cli('push', '-p', P, '--bucket', root, '--data', laptop);
    expect(push.code).toBe(5);
    expect(push.stderr).toContain('since your pull');
    expect(push.stderr).toContain('decision added: cand:arxiv-2101-05068 → accept');
    expect(push.stderr).toContain('work added: arxiv-2101-05068 "Probabilistic Embeddings for Cross-Modal Retrieval"');
    expect(push.stderr).toMatch(/work changed: cvpr20-wsol-eval \(authors\)/);
    expect(new TextDecoder().decode((await store.get(`canonical/${P}/cv.json`))!.body)).not.toContain('2026-11-30');
  }, 90_000);
});
