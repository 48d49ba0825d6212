/**
 * Issue 20: an owner reviews in Chromium (headless, Debian's), on the local review server, exactly as from
 * the email: open the one-time link, accept a paper, undo it, accept theirs on one difference and keep mine on
 * another (by keyboard). decisions.json and cv.json are then byte for byte what the CLI's recordAnswers
 * writes for the same answers at the same times on a twin bucket. A second browser session answering an item
 * the first decided meanwhile is told so, and nothing is overwritten. The next night proposes nothing
 * decided. Hostile report content renders inert; axe-core finds nothing; screenshots (desktop, 390-px phone)
 * go to test-output/.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeHome } from '../../src/canonical/canonical-home.ts';
import { readPreviousProfile } from '../../src/model/read-profile.ts';
import type { Report } from '../../src/model/report.ts';
import { latestReport } from '../../src/review/latest-report.ts';
import { recordAnswers, startSession, type Answer } from '../../src/review/record-answers.ts';
import { createReviewHandler } from '../../src/review/web/review-handler.ts';
import { issueLink, linkUrl } from '../../src/review/web/review-link.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { serveReview, type LocalReviewServer } from '../../src/cli/review-web-server.ts';
import { launchChromium } from '../helpers/browser.ts';
import { nightly } from '../helpers/owner-bucket.ts';
import { FIRST_PROFILE as P, REPO } from '../helpers/paths.ts';
import { OTHER, reviewBucket, ringOf, testKey } from '../helpers/review-site.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const CANDIDATE = 'cand:arxiv-2410-18857';
const SECOND = 'cand:arxiv-2204-03359';
const SEUNGHO = 'diff:cvpr20-wsol-eval:authors[2].name:1eb1548462';
const TITLE = 'diff:arxiv20-adamp:title:935cc9ae14';
const EVENT = 'event:arxiv20-adamp:published:conf/iclr/HeoCOHYKUH21';
const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);
const minute = (n: number) => T0 + n * 60_000;
const HOSTILE_TITLE = '<script>document.title="pwned"</script><img src=x onerror="document.title=1">\u202Egnp.exe\u2066 Title';

const { store, root, data } = await reviewBucket();
// The twin: the same bucket before any answer, answered through recordAnswers as `profile-sync review` does.
const twinRoot = mkdtempSync(join(tmpdir(), 'ps-review-twin-'));
cpSync(root, twinRoot, { recursive: true });
const twin = new FsStore(twinRoot);

// OTHER's report carries hostile content.
const otherPointer = JSON.parse(readFileSync(join(root, 'reports', OTHER, 'latest.json'), 'utf8')) as { report: { json: string } };
const otherReportFile = join(root, ...otherPointer.report.json.split('/'));
const otherReport = JSON.parse(readFileSync(otherReportFile, 'utf8')) as Report;
writeFileSync(
  otherReportFile,
  JSON.stringify({
    ...otherReport,
    candidates: otherReport.candidates.map((c, i) => (i === 0 ? { ...c, title: HOSTILE_TITLE, authors: ['"><svg onload="document.title=2">', ...c.authors], reason: 'x\u202Ey', links: { code: 'javascript:document.title=3', pdf: 'https://example.org/a.pdf', html: 'data:text/html,<script>1</script>' } } : c)),
  }),
);

let clock = minute(0);
const keys = ringOf(testKey('k1'));
const logs: string[] = [];
let server: LocalReviewServer;
let owner: BrowserContext;
let laptop: BrowserContext;
const requested: string[] = [];
/** Every POST the pages sent: its body and the payload hash CloudFront's OAC needs (x-amz-content-sha256). */
const posts: Array<{ body: string; hash: string | undefined }> = [];
/** Script errors in any page (none expected). */
const errors: string[] = [];

beforeAll(async () => {
  server = await serveReview(createReviewHandler({ store, home: storeHome(store), keys: () => keys, now: () => clock, secure: false, log: (l) => logs.push(l) }), { port: 0, idleMs: 10 * 60_000 });
  owner = await launchChromium(join(mkdtempSync(join(tmpdir(), 'ps-review-web-')), 'profile'), { loopbackHost: '127.0.0.1', viewport: { width: 1280, height: 900 } });
  laptop = await launchChromium(join(mkdtempSync(join(tmpdir(), 'ps-review-web2-')), 'profile'), { loopbackHost: '127.0.0.1', viewport: { width: 1280, height: 900 } });
  for (const c of [owner, laptop])
    c.on('request', (r) => {
      requested.push(r.url());
      if (r.method() === 'POST') posts.push({ body: r.postData() ?? '', hash: r.headers()['x-amz-content-sha256'] });
    });
}, 60_000);

afterAll(async () => {
  await owner?.close();
  await laptop?.close();
  server?.stop();
  await server?.stopped;
});

const text = (file: string, s = root) => readFileSync(join(s, 'canonical', P, file), 'utf8');
const itemForm = (page: Page, id: string) => page.locator(`form:has(input[name="item"][value="${id}"])`);
/** Opens a one-time link as the owner does from the email: the link, then "Open my review". */
async function openReview(context: BrowserContext, profiles: string[] = [P]): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', () => {
    throw new Error('a dialog opened');
  });
  await page.goto(linkUrl(server.baseUrl, issueLink(keys, profiles, clock).token));
  await page.getByRole('button', { name: 'Open my review' }).click();
  await page.waitForURL(`${server.baseUrl}/p/${profiles[0]}`);
  return page;
}
async function answer(page: Page, id: string, button: string, at: number, by: 'click' | 'keyboard' = 'click'): Promise<string> {
  clock = at;
  const target = itemForm(page, id).getByRole('button', { name: button, exact: true });
  const answered = page.waitForResponse((r) => r.url().endsWith('/decide') && r.request().method() === 'POST');
  if (by === 'keyboard') {
    await target.focus();
    await page.keyboard.press('Enter');
  } else await target.click();
  await answered;
  // The page's script sends the form by fetch and replaces the body with the answer (busy until then).
  // (Polled from here: waitForFunction's in-page polling would be an eval, which the page's CSP refuses.)
  await expect.poll(() => page.evaluate('document.body.hasAttribute("aria-busy")')).toBe(false);
  return page.locator('.notice').innerText();
}
async function axeViolations(page: Page): Promise<string[]> {
  // The page's CSP allows no script: axe is injected through the DevTools protocol, as an extension would be.
  await page.evaluate(AXE);
  const violations = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }).then((r) => r.violations.map((v) => v.id + ' (' + v.nodes.length + '): ' + v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')))`)) as string[];
  return violations;
}

describe('reviewing in the browser', () => {
  it('accept a paper, undo it, accept theirs, keep mine (keyboard): the same bytes as the CLI writes', async () => {
    const page = await openReview(owner);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(`Review: ${P}`);
    expect(await answer(page, CANDIDATE, 'Accept', minute(1))).toContain('Recorded “Accept” for “Probabilistic Language-Image Pre-Training”');
    expect(text('cv.json')).toContain('Probabilistic Language-Image Pre-Training');
    expect(await itemForm(page, CANDIDATE).getByRole('button', { name: 'Undo' }).count()).toBe(1);
    expect(await answer(page, CANDIDATE, 'Undo', minute(2))).toContain('is pending again');
    expect(await answer(page, SEUNGHO, 'Accept theirs', minute(3))).toContain('Recorded “Accept theirs”');
    expect(await answer(page, TITLE, 'Keep mine', minute(4), 'keyboard')).toContain('Recorded “Keep mine”');
    await page.close();

    const home = storeHome(twin);
    const report = await latestReport(twin, P);
    const published = await readPreviousProfile(twin, P);
    for (const [a, at] of [[{ id: CANDIDATE, action: 'accept' }, 1], [{ id: CANDIDATE, action: 'undo' }, 2], [{ id: SEUNGHO, action: 'accept-theirs' }, 3], [{ id: TITLE, action: 'keep-mine' }, 4]] as Array<[Answer, number]>) {
      await recordAnswers(home, P, report, [a], await startSession(home, P), new Date(minute(at)).toISOString(), published);
    }
    expect(text('decisions.json')).toBe(text('decisions.json', twinRoot));
    expect(text('cv.json')).toBe(text('cv.json', twinRoot));
    expect(text('cv.json')).toContain('"Seungho Lee"');
    // Sent as CloudFront's OAC needs it in front of a Function URL: each body with its SHA-256.
    expect(posts.length).toBe(5);
    for (const p of posts) expect(p.hash).toBe(createHash('sha256').update(p.body).digest('hex'));
  }, 120_000);

  it('without JavaScript the same page works with plain form posts', async () => {
    const plain = await launchChromium(join(mkdtempSync(join(tmpdir(), 'ps-review-nojs-')), 'profile'), { loopbackHost: '127.0.0.1', javaScriptEnabled: false });
    try {
      const page = await plain.newPage();
      await page.goto(linkUrl(server.baseUrl, issueLink(keys, [P], clock).token));
      await page.getByRole('button', { name: 'Open my review' }).click();
      await page.waitForURL(`${server.baseUrl}/p/${P}`);
      clock = minute(10);
      await itemForm(page, EVENT).getByRole('button', { name: 'Acknowledge', exact: true }).click();
      expect(await page.locator('.notice').innerText()).toContain('Recorded “Acknowledge”');
      clock = minute(11);
      await itemForm(page, EVENT).getByRole('button', { name: 'Undo' }).click();
      expect(await page.locator('.notice').innerText()).toContain('pending again');
      expect(text('decisions.json')).not.toContain(EVENT);
    } finally {
      await plain.close();
    }
  }, 120_000);

  it('a second session answering an item decided meanwhile sees the conflict; nothing is overwritten', async () => {
    const first = await openReview(owner);
    const second = await openReview(laptop); // rendered now: SECOND pending in both
    expect(await answer(first, SECOND, 'Accept', minute(5))).toContain('Recorded');
    const decisions = text('decisions.json');
    const cv = text('cv.json');
    const told = await answer(second, SECOND, 'Reject', minute(6));
    expect(told).toMatch(/^Not recorded: .* changed since this page was shown: another session answered “Accept” at 2026-11-28T09:05:00.000Z/);
    expect(await second.locator('.notice').getAttribute('role')).toBe('alert');
    expect(text('decisions.json')).toBe(decisions);
    expect(text('cv.json')).toBe(cv);
    // The stale session's Undo of an item the other session took back is refused likewise.
    const stale = await openReview(laptop);
    expect(await answer(first, SECOND, 'Undo', minute(7))).toContain('pending again');
    expect(await answer(stale, SECOND, 'Undo', minute(8))).toContain('another session took its decision back');
    expect(await answer(first, SECOND, 'Accept', minute(9))).toContain('Recorded');
    for (const p of [first, second, stale]) await p.close();
  }, 120_000);

  it('hostile report content renders as inert text: no script, no handler, no javascript: or data: link, no bidi override', async () => {
    const page = await openReview(owner, [OTHER]);
    const title = page.locator('.item-title').first();
    expect(await title.innerText()).toBe('<script>document.title="pwned"</script><img src=x onerror="document.title=1">gnp.exe Title');
    expect(await page.title()).toBe(`Review: ${OTHER}`);
    expect(await page.locator('main script, main img, main svg').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"], a[href^="data:"]').count()).toBe(0);
    expect(await page.locator('a[href="https://example.org/a.pdf"]').count()).toBe(1);
    expect(await page.locator('body').innerText()).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    await page.close();
  }, 60_000);

  it('the next night proposes nothing decided', async () => {
    await nightly(store, data, '20261129T030000Z');
    const report = await latestReport(store, P);
    const decided = new Set((JSON.parse(text('decisions.json')) as { decisions: Array<{ item: string }> }).decisions.map((d) => d.item));
    expect(decided).toEqual(new Set([SEUNGHO, TITLE, SECOND]));
    expect(report.candidates.filter((c) => decided.has(c.id) && c.decision === undefined).map((c) => c.id)).toEqual([]);
    expect(report.differences.filter((d) => decided.has(d.id) && d.decision === undefined).map((d) => d.id)).toEqual([]);
    expect(report.candidates.map((c) => c.id)).toContain(CANDIDATE); // undone: proposed again
    const page = await openReview(owner);
    for (const id of decided) expect(await itemForm(page, id).getByRole('button', { name: 'Undo' }).count(), id).toBe(1);
    expect(await page.locator('section[aria-labelledby="pending-h"] input[name="item"]').evaluateAll((inputs, ids) => inputs.map((i) => (i as unknown as { value: string }).value).filter((v) => ids.includes(v)), [...decided])).toEqual([]);
    await page.close();
  }, 120_000);

  it('axe-core finds nothing; readable at 390 px; only the loopback server is asked; screenshots saved', async () => {
    mkdirSync(join(REPO, 'test-output'), { recursive: true });
    const page = await openReview(owner);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(REPO, 'test-output', 'review-web-desktop.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(REPO, 'test-output', 'review-web-phone.png'), fullPage: true });
    const refused = await owner.newPage();
    await refused.goto(`${server.baseUrl}/open?t=l1.k1.e30.AAAA`);
    expect(await refused.locator('body').innerText()).toContain('profile-sync review-link -p');
    expect(await axeViolations(refused)).toEqual([]);
    expect(requested.filter((u) => !u.startsWith(`${server.baseUrl}/`))).toEqual([]);
    expect(errors).toEqual([]);
    expect(logs.filter((l) => /[?]t=|l1\.|s1\./.test(l))).toEqual([]);
    await page.close();
    await refused.close();
  }, 120_000);
});
