/**
 * Issue 20, links and sessions, through the review site's handler on a folder bucket after one night: each
 * row of the table is a real request sequence (open the link, use it, ask for a page, answer). What is refused
 * is refused with the status and the page that says what to do; no log line ever holds a token or a cookie.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeHome } from '../../../src/canonical/canonical-home.ts';
import type { WebResponse } from '../../../src/review/web/http-types.ts';
import { parseKeyRing, rotate, type KeyRing } from '../../../src/review/web/key-ring.ts';
import { revokeLinks } from '../../../src/review/web/link-records.ts';
import { createReviewHandler } from '../../../src/review/web/review-handler.ts';
import { DAY_MS, issueLink, reviewLinkFor } from '../../../src/review/web/review-link.ts';
import { notifyOwner } from '../../../src/review/notify-owner.ts';
import { FIRST_PROFILE as P } from '../../helpers/paths.ts';
import { OTHER, reviewBucket, ringOf, testKey } from '../../helpers/review-site.ts';

const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);
const CANDIDATE = 'cand:arxiv-2410-18857';

describe('review links and sessions', async () => {
  const { store, root } = await reviewBucket();
  const k1 = testKey('k1');
  let ring: KeyRing = ringOf(k1);
  let now = T0;
  const logs: string[] = [];
  const handler = createReviewHandler({ store, home: storeHome(store), keys: () => ring, now: () => now, secure: true, basePath: '/review', log: (l) => logs.push(l) });
  const secrets: string[] = [];
  const link = (profiles: string[] = [P], lifetime = 14 * DAY_MS) => {
    const { token } = issueLink(ring, profiles, now, lifetime);
    secrets.push(token);
    return token;
  };
  const send = (method: string, url: string, cookie?: string, body = '', headers: Record<string, string> = {}) =>
    handler({ method, url, headers: { ...(cookie ? { cookie } : {}), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers }, body });
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  /** Opens a link as a browser does (GET shows the button, POST uses the link); the session cookie. */
  async function openLink(token: string): Promise<{ shown: WebResponse; used?: WebResponse; cookie?: string }> {
    const shown = await send('GET', `/review/open?t=${encodeURIComponent(token)}`);
    if (shown.status !== 200) return { shown };
    const used = await send('POST', '/review/open', undefined, form({ t: token }));
    const set = used.headers['Set-Cookie'];
    if (set) secrets.push(set.split(';')[0]!.split('=')[1]!);
    return { shown, used, ...(set ? { cookie: set.split(';')[0]! } : {}) };
  }
  const csrfOf = (page: WebResponse) => /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const saysWhatToDo = (r: WebResponse) => expect(r.body).toContain('profile-sync review-link -p');

  it('a link opens one session: HttpOnly, SameSite=Strict, Secure, __Host- cookie; the page of its profile', async () => {
    const { shown, used, cookie } = await openLink(link());
    expect(shown.status).toBe(200);
    expect(shown.body).toContain('Open my review');
    expect(used!.status).toBe(303);
    expect(used!.headers['Location']).toBe(`/review/p/${P}`);
    expect(used!.headers['Set-Cookie']).toMatch(/^__Host-ps-review=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=3600; Secure$/);
    const page = await send('GET', `/review/p/${P}`, cookie);
    expect(page.status).toBe(200);
    expect(page.headers['Content-Security-Policy']).toBe("default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    expect(page.body).toContain('Probabilistic Language-Image Pre-Training');
  });

  it('a used link cannot be used again (shown or posted): 401', async () => {
    const token = link();
    expect((await openLink(token)).cookie).toBeDefined();
    const again = await send('GET', `/review/open?t=${encodeURIComponent(token)}`);
    expect(again.status).toBe(401);
    expect(again.body).toContain('used already');
    saysWhatToDo(again);
    const posted = await send('POST', '/review/open', undefined, form({ t: token }));
    expect(posted.status).toBe(401);
    expect(posted.headers['Set-Cookie']).toBeUndefined();
  });

  it("A's session on B: 403 for B's page, B's answers and B's profile, and B's records are untouched", async () => {
    const { cookie } = await openLink(link([P]));
    const cvB = readFileSync(join(root, 'canonical', OTHER, 'cv.json'), 'utf8');
    const own = await send('GET', `/review/p/${P}`, cookie);
    expect((await send('GET', `/review/p/${OTHER}`, cookie)).status).toBe(403);
    expect((await send('GET', `/review/p/${OTHER}/profile.json`, cookie)).status).toBe(403);
    expect((await send('POST', `/review/p/${OTHER}/decide`, cookie, form({ csrf: csrfOf(own), item: CANDIDATE, action: 'accept', seen: '' }))).status).toBe(403);
    expect((await send('GET', `/review/p/..%2F${OTHER}`, cookie)).status).toBe(403);
    expect(readFileSync(join(root, 'canonical', OTHER, 'cv.json'), 'utf8')).toBe(cvB);
  });

  it('a curator link opens each profile it lists', async () => {
    const { used, cookie } = await openLink(link([P, OTHER]));
    expect(used!.headers['Location']).toBe('/review/');
    expect((await send('GET', '/review/', cookie)).body).toContain(`/review/p/${OTHER}`);
    expect((await send('GET', `/review/p/${OTHER}`, cookie)).status).toBe(200);
    expect((await send('GET', `/review/p/${P}`, cookie)).status).toBe(200);
  });

  it('expired, tampered, malformed: 401 with what to do', async () => {
    const short = link([P], 3_600_000);
    now += 3_600_000;
    const expired = (await openLink(short)).shown;
    expect(expired.status).toBe(401);
    expect(expired.body).toContain('expired');
    saysWhatToDo(expired);
    const token = link();
    const [kind, kid, payload, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { profiles: string[] };
    const forged = `${kind}.${kid}.${Buffer.from(JSON.stringify({ ...claims, profiles: [OTHER] })).toString('base64url')}.${sig}`;
    const tampered = (await openLink(forged)).shown;
    expect(tampered.status).toBe(401);
    expect(tampered.body).toContain('altered');
    expect((await openLink(token.slice(0, -3))).shown.status).toBe(401);
    expect((await openLink('not-a-token')).shown.status).toBe(401);
    expect((await send('GET', `/review/p/${P}`)).status).toBe(401);
    expect((await send('GET', `/review/p/${P}`, `__Host-ps-review=${forged}`)).status).toBe(401);
  });

  it('revoked: links issued before the revocation and the sessions they opened are refused; later links work', async () => {
    const before = link();
    const { cookie } = await openLink(link());
    now += 1000;
    await revokeLinks(store, P, now);
    const refused = (await openLink(before)).shown;
    expect(refused.status).toBe(401);
    expect(refused.body).toContain('revoked');
    saysWhatToDo(refused);
    expect((await send('GET', `/review/p/${P}`, cookie)).status).toBe(401);
    now += 1000;
    const after = await openLink(link());
    expect(after.used!.status).toBe(303);
    expect((await send('GET', `/review/p/${P}`, after.cookie)).status).toBe(200);
  });

  it('a rotated key keeps old links valid until it is retired; then 401; a key gone from the ring: 401', async () => {
    const old = link();
    const long = link([P], 30 * DAY_MS);
    ring = rotate(ring, testKey('k2'), now + 20 * DAY_MS); // k2 signs from now on; k1 verifies for 20 more days
    expect(link().split('.')[1]).toBe('k2');
    const opened = await openLink(old);
    expect(opened.used!.status).toBe(303);
    expect((await send('GET', `/review/p/${P}`, opened.cookie)).status).toBe(200);
    now += 20 * DAY_MS; // the grace is over: a 30-day link signed by k1 has not expired, but its key is retired
    const retired = (await openLink(long)).shown;
    expect(retired.status).toBe(401);
    expect(retired.body).toContain('retired');
    saysWhatToDo(retired);
    ring = ringOf(testKey('k2'));
    const unknown = (await openLink(long)).shown;
    expect(unknown.status).toBe(401);
    expect(unknown.body).toContain('no longer in use');
  });

  it('every answer needs the CSRF token of its session, comes from the site, and a session answers at most 30 a minute', async () => {
    ring = ringOf(testKey('k3'));
    const { cookie } = await openLink(link());
    const page = await send('GET', `/review/p/${P}`, cookie);
    const csrf = csrfOf(page);
    const cv = readFileSync(join(root, 'canonical', P, 'cv.json'), 'utf8');
    expect((await send('POST', `/review/p/${P}/decide`, cookie, form({ item: CANDIDATE, action: 'accept', seen: '' }))).status).toBe(403);
    const other = await openLink(link());
    const otherCsrf = csrfOf(await send('GET', `/review/p/${P}`, other.cookie));
    expect((await send('POST', `/review/p/${P}/decide`, cookie, form({ csrf: otherCsrf, item: CANDIDATE, action: 'accept', seen: '' }))).status).toBe(403);
    expect((await send('POST', `/review/p/${P}/decide`, cookie, form({ csrf, item: CANDIDATE, action: 'accept', seen: '' }), { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(readFileSync(join(root, 'canonical', P, 'cv.json'), 'utf8')).toBe(cv);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await send('POST', `/review/p/${P}/decide`, cookie, form({ csrf, item: 'cand:none', action: 'ack', seen: '' }))).status);
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
    now += 60_000;
    expect((await send('POST', `/review/p/${P}/decide`, cookie, form({ csrf, item: 'cand:none', action: 'ack', seen: '' }))).status).toBe(400);
  });

  it("the owner's email carries a one-session link that opens the review page", async () => {
    let body = '';
    await notifyOwner({ store, profile: P, now: new Date(now), storeArgs: '--bucket b', dryRun: true, reviewLink: (p) => reviewLinkFor(ring, 'https://d111.cloudfront.net/review', p, now), send: async (_s, b) => void (body = b) });
    const url = /^ {2}(https:\/\/d111\.cloudfront\.net\/review\/open\?t=\S+)$/m.exec(body)?.[1];
    expect(url).toBeDefined();
    expect(body.indexOf(url!)).toBeLessThan(body.indexOf('New papers')); // before the sections: a cut email keeps it
    secrets.push(new URL(url!).searchParams.get('t')!);
    const { shown, cookie } = await openLink(new URL(url!).searchParams.get('t')!);
    expect(shown.status).toBe(200);
    expect((await send('GET', `/review/p/${P}`, cookie)).status).toBe(200);
  });

  it('a link posted from another site is refused (it would swap the browser\'s session); a bad path escape is a 404', async () => {
    const token = link();
    const crossSite = await send('POST', '/review/open', undefined, form({ t: token }), { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers['Set-Cookie']).toBeUndefined();
    const { cookie } = await openLink(token); // not used up by the refused post
    expect(cookie).toBeDefined();
    expect((await send('GET', '/review/p/%E0', cookie)).status).toBe(404);
  });

  it('a link holds in one spelling only: every other last character of its signature is refused', async () => {
    const token = link();
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const holding: string[] = [];
    for (const c of alphabet) {
      const variant = token.slice(0, -1) + c;
      if ((await send('GET', `/review/open?t=${encodeURIComponent(variant)}`)).status === 200) holding.push(variant);
    }
    expect(holding).toEqual([token]);
  });

  it('synthetic stand-ins of the recordings are marked on the page as they are in the report', async () => {
    const { cookie } = await openLink(link());
    const page = await send('GET', `/review/p/${P}`, cookie);
    expect(page.body.match(/Synthetic test record, not a real paper/g)?.length).toBeGreaterThan(0);
  });

  it('no log line holds a link token, a session cookie or a CSRF token', () => {
    expect(logs.length).toBeGreaterThan(20);
    expect(secrets.length).toBeGreaterThan(10);
    const leaks = logs.filter((l) => secrets.some((s) => l.includes(s) || l.includes(encodeURIComponent(s))) || /t=|csrf|ps-review/.test(l));
    expect(leaks).toEqual([]);
  });
});

describe('a key ring that cannot be read', async () => {
  const { store } = await reviewBucket();
  const logs: string[] = [];
  // A ring whose JSON is broken next to a secret: the parser's message would quote it.
  const secret = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==';
  const broken = `{"current":"k1","keys":[{"id":"k1","secret":"${secret}"},]}`;
  const handler = createReviewHandler({ store, home: storeHome(store), keys: () => parseKeyRing(broken, 'SSM parameter /profile-sync/review-keys'), now: () => T0, secure: true, basePath: '/review', log: (l) => logs.push(l) });
  const get = (url: string) => handler({ method: 'GET', url, headers: {}, body: '' });

  it('the page says the review is not set up, shows no part of the ring, and the assets are still served', async () => {
    const page = await get('/review/open?t=x');
    expect(page.status).toBe(500);
    expect(page.body).toContain('not set up right now');
    for (let i = 0; i + 6 <= secret.length; i++) expect(page.body).not.toContain(secret.slice(i, i + 6));
    expect((await get('/review/assets/review.css')).status).toBe(200);
    expect(logs.some((l) => l.includes('the key ring could not be read: SSM parameter /profile-sync/review-keys: not JSON'))).toBe(true);
    for (const l of logs) for (let i = 0; i + 6 <= secret.length; i++) expect(l).not.toContain(secret.slice(i, i + 6));
  });
});
