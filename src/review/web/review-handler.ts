/**
 * The review site as one function: request in, answer out. No AWS, no server, no wall clock: the store, the
 * records' home, the key ring and the clock are injected, so the same code answers in a local server
 * (`profile-sync review --web`) and in Lambda.
 *
 *   GET  /open?t=<link>      checks the link (not yet using it) and shows one button, "Open my review":
 *                            a mail scanner that follows links does not use the owner's link up
 *   POST /open               uses the link (recorded once, never again), sets the session cookie, 303 to the page
 *   GET  /p/<profile>        the review page (the session must name the profile: else 403)
 *   POST /p/<profile>/decide one answer (CSRF token, rate limit, stale-page check)
 *   GET  /p/<profile>/profile.json   the published profile
 *   GET  /assets/review.css, /assets/review.js (a progressive enhancement: page-script.ts)
 * Tokens never reach a log line: only the method, the path (never the query) and the status are logged.
 */
import type { CanonicalHome } from '../../canonical/canonical-home.ts';
import { InputError } from '../../input/input-error.ts';
import type { Store } from '../../store/store.ts';
import { latestReport } from '../latest-report.ts';
import { ReviewError } from '../pending.ts';
import { ReviewNotRecordedError, startSession } from '../record-answers.ts';
import { PreconditionFailedError } from '../../store/store.ts';
import { decideItem, decisionsOf, isPageAction } from './decide-item.ts';
import { cookiesOf, MAX_BODY_BYTES, type WebRequest, type WebResponse } from './http-types.ts';
import type { KeyRing } from './key-ring.ts';
import { isRevoked, markUsed, usedKey } from './link-records.ts';
import { HTML_HEADERS, layout, messagePage } from './page-layout.ts';
import { REVIEW_JS } from './page-script.ts';
import { REVIEW_CSS } from './page-style.ts';
import { text } from './page-text.ts';
import { PROFILE_ID, verifyLink } from './review-link.ts';
import { renderReviewPage, type PageMessage } from './review-page.ts';
import { cookieName, csrfHolds, csrfToken, newSession, RateLimit, SESSION_MS, sessionCookie, verifySession, type SessionClaims } from './session.ts';
import type { TokenProblem } from './signed-token.ts';

export interface ReviewWebConfig {
  /** reports/, public/ and the link records (canonical/<p>/links-*). */
  readonly store: Store;
  /** Where decisions.json and cv.json live (the bucket's canonical/, or data/profiles/ locally). */
  readonly home: CanonicalHome;
  /** The ring now (it may be reloaded after a rotation). */
  readonly keys: () => KeyRing | Promise<KeyRing>;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Served over https: the cookie is Secure and __Host- named. */
  readonly secure: boolean;
  /** Where the site is mounted: "" or "/review". */
  readonly basePath?: string;
  /** The published profile's address (default: this site's /p/<profile>/profile.json). */
  readonly profileUrl?: (profile: string) => string;
  readonly log?: (line: string) => void;
  readonly rateLimit?: RateLimit;
}

export type ReviewHandler = (req: WebRequest) => Promise<WebResponse>;

const WHAT_TO_DO = (profile: string) =>
  `To get a new link, run <code>profile-sync review-link -p ${text(profile)}</code> (or ask the person who runs profile-sync for your profile), or wait for the next email: each one carries a fresh link.`;

const PROBLEM_TEXT: Record<TokenProblem | 'used' | 'revoked' | 'no-session', string> = {
  malformed: 'This link is not a review link (it may have been cut short when it was copied).',
  tampered: 'This link was altered: its signature does not match.',
  'unknown-key': 'This link was signed with a key that is no longer in use.',
  'retired-key': 'This link was signed with a key that has been retired.',
  expired: 'This link has expired.',
  used: 'This link was used already: a link opens one session only.',
  revoked: 'The links of this profile were revoked after this one was issued.',
  'no-session': 'Your review session has ended (or this browser has none).',
};

/** The key ring could not be read (a missing or broken SSM parameter or key file). */
class KeysUnavailable extends Error {}

export function createReviewHandler(config: ReviewWebConfig): ReviewHandler {
  const base = (config.basePath ?? '').replace(/\/+$/, '');
  const limiter = config.rateLimit ?? new RateLimit();
  const profileUrl = config.profileUrl ?? ((p: string) => `${base}/p/${p}/profile.json`);
  const html = (status: number, body: string, extra: Record<string, string> = {}): WebResponse => ({ status, headers: { ...HTML_HEADERS, ...extra }, body });
  const refused = (problem: keyof typeof PROBLEM_TEXT, profile = '<your profile>', status = 401) =>
    html(status, messagePage(base, status === 401 ? 'This review link cannot be used' : 'Not allowed', [text(PROBLEM_TEXT[problem]), WHAT_TO_DO(profile)]));

  async function session(req: WebRequest, keys: KeyRing, now: number): Promise<SessionClaims | keyof typeof PROBLEM_TEXT> {
    const value = cookiesOf(req.headers['cookie']).get(cookieName(config.secure));
    if (!value) return 'no-session';
    const v = verifySession(keys, value, now);
    if (!v.ok) return v.problem === 'expired' ? 'no-session' : v.problem;
    if (await isRevoked(config.store, v.payload.profiles, v.payload.linkIat)) return 'revoked';
    return v.payload;
  }

  async function reviewPage(s: SessionClaims, keys: KeyRing, profile: string, message?: PageMessage, status = 200): Promise<WebResponse> {
    const report = await latestReport(config.store, profile);
    const decisions = decisionsOf(config.home, profile, await startSession(config.home, profile));
    const others = s.profiles.filter((p) => p !== profile);
    return html(status, renderReviewPage({ base, profile, report, decisions, csrf: csrfToken(keys, s.sid), profileUrl: profileUrl(profile), ...(message ? { message } : {}), ...(others.length ? { others } : {}) }));
  }

  /** The key ring; a ring that cannot be read is the operator's problem, said in the log, never on the page. */
  async function loadKeys(): Promise<KeyRing> {
    try {
      return await config.keys();
    } catch (e) {
      config.log?.(`review-web: the key ring could not be read: ${e instanceof Error ? e.message : 'error'}`);
      throw new KeysUnavailable();
    }
  }

  async function route(req: WebRequest): Promise<WebResponse> {
    const url = new URL(req.url, 'http://review.invalid');
    if (base && !url.pathname.startsWith(`${base}/`) && url.pathname !== base) return html(404, messagePage(base, 'Not found', ['There is no such page.']));
    const path = url.pathname.slice(base.length) || '/';
    const now = config.now();
    if (req.method === 'GET' && path === '/assets/review.css') return { status: 200, headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' }, body: REVIEW_CSS };
    if (req.method === 'GET' && path === '/assets/review.js') return { status: 200, headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' }, body: REVIEW_JS };

    const keys = await loadKeys();
    if (path === '/open' && (req.method === 'GET' || req.method === 'POST')) {
      // Opening a link is the owner's own step: another site may not submit one (it would swap this browser's session).
      if (req.method === 'POST' && req.headers['sec-fetch-site'] === 'cross-site') return html(403, messagePage(base, 'Not allowed', ['A review link is opened from its own page only.']));
      const token = req.method === 'GET' ? url.searchParams.get('t') : new URLSearchParams(req.body).get('t');
      if (!token) return refused('malformed');
      const v = verifyLink(keys, token, now);
      if (!v.ok) return refused(v.problem);
      const profile = v.payload.profiles.join(', ');
      if (await isRevoked(config.store, v.payload.profiles, v.payload.iat)) return refused('revoked', profile);
      if (req.method === 'GET') {
        if (await config.store.get(usedKey(v.payload.profiles[0]!, v.payload.jti))) return refused('used', profile);
        return html(
          200,
          layout(base, `Open the review of ${profile}`, `<header><h1>Review: ${text(profile)}</h1></header>
<main>
<p>This link opens one review session in this browser (for an hour), and then cannot be used again.</p>
<form method="post" action="${text(base)}/open"><input type="hidden" name="t" value="${text(token)}"><button type="submit">Open my review</button></form>
</main>`),
        );
      }
      if (!(await markUsed(config.store, v.payload.profiles, v.payload.jti, now))) return refused('used', profile);
      const s = newSession(keys, v.payload.profiles, v.payload.iat, now);
      const target = v.payload.profiles.length === 1 ? `${base}/p/${v.payload.profiles[0]}` : `${base}/`;
      return { status: 303, headers: { ...HTML_HEADERS, Location: target, 'Set-Cookie': sessionCookie(s.cookieValue, config.secure, SESSION_MS / 1000) }, body: '' };
    }

    const s = await session(req, keys, now);
    if (typeof s === 'string') return refused(s);
    if (req.method === 'GET' && path === '/') {
      if (s.profiles.length === 1) return { status: 303, headers: { ...HTML_HEADERS, Location: `${base}/p/${s.profiles[0]}` }, body: '' };
      return html(200, layout(base, 'Your profiles', `<header><h1>Your profiles</h1></header>\n<main><ul>${s.profiles.map((p) => `<li><a href="${text(base)}/p/${text(p)}">${text(p)}</a></li>`).join('')}</ul></main>`));
    }
    const m = /^\/p\/([^/]+)(\/decide|\/profile\.json)?$/.exec(path);
    if (!m) return html(404, messagePage(base, 'Not found', ['There is no such page.']));
    let profile: string;
    try {
      profile = decodeURIComponent(m[1]!);
    } catch {
      return html(404, messagePage(base, 'Not found', ['There is no such page.']));
    }
    // Each session reaches only its own profiles: another's is refused before anything is read.
    if (!PROFILE_ID.test(profile) || !s.profiles.includes(profile)) return html(403, messagePage(base, 'Not your profile', [`This session opens ${text(s.profiles.join(', '))} only.`]));
    if (req.method === 'GET' && m[2] === undefined) return reviewPage(s, keys, profile);
    if (req.method === 'GET' && m[2] === '/profile.json') {
      const obj = await config.store.get(`public/${profile}/profile.json`);
      return obj ? { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' }, body: new TextDecoder().decode(obj.body) } : html(404, messagePage(base, 'Not published yet', ['No profile has been published for this profile yet.']));
    }
    if (req.method === 'POST' && m[2] === '/decide') {
      // A cross-site form never reaches this far: SameSite=Strict keeps the cookie from it; the CSRF token and Sec-Fetch-Site back that up.
      if (req.headers['sec-fetch-site'] === 'cross-site') return html(403, messagePage(base, 'Not allowed', ['Answers are taken from this site’s own pages only.']));
      const form = new URLSearchParams(req.body);
      if (!csrfHolds(keys, s.sid, form.get('csrf') ?? undefined)) return html(403, messagePage(base, 'Not allowed', ['This form is out of date or did not come from your review page. Go back to <a href="' + text(`${base}/p/${profile}`) + '">your review</a> and answer again.']));
      if (!limiter.allow(s.sid, now)) return html(429, messagePage(base, 'Too many answers at once', ['Wait a minute, then go back to <a href="' + text(`${base}/p/${profile}`) + '">your review</a>.']), { 'Retry-After': '60' });
      const item = form.get('item');
      const action = form.get('action');
      if (!item || !isPageAction(action)) return html(400, messagePage(base, 'Not understood', ['The answer did not name an item and an action.']));
      try {
        const report = await latestReport(config.store, profile);
        const done = await decideItem(config.store, config.home, profile, report, item, action, form.get('seen') ?? '', now);
        return reviewPage(s, keys, profile, done.message, done.status);
      } catch (e) {
        if (e instanceof ReviewError) return reviewPage(s, keys, profile, { kind: 'conflict', text: `Not recorded: ${e.message}` }, 400);
        if (e instanceof ReviewNotRecordedError || e instanceof PreconditionFailedError) return reviewPage(s, keys, profile, { kind: 'conflict', text: 'Not recorded: other sessions kept writing your records at the same moment. Nothing of this answer was written; answer again.' }, 409);
        throw e;
      }
    }
    return html(405, messagePage(base, 'Not allowed', ['This page does not take that method.']), { Allow: m[2] === '/decide' ? 'POST' : 'GET' });
  }

  return async (req) => {
    let res: WebResponse;
    if (Buffer.byteLength(req.body) > MAX_BODY_BYTES) res = html(413, messagePage(base, 'Too large', ['The request was larger than any answer.']));
    else {
      try {
        res = await route(req);
      } catch (e) {
        const problem =
          e instanceof KeysUnavailable
            ? 'the review page is not set up right now (the operator sees why in the log); try again later'
            : e instanceof InputError
              ? 'your records are not valid (run profile-sync review in a terminal to see where)'
              : e instanceof ReviewError
                ? e.message
                : 'an unexpected failure';
        config.log?.(`review-web: ${req.method} failed: ${e instanceof Error ? e.name : 'error'}`);
        res = html(500, messagePage(base, 'Something went wrong', [text(`Nothing was recorded: ${problem}.`)]));
      }
    }
    config.log?.(`${req.method} ${req.url.split('?')[0]} ${res.status}`);
    return res;
  };
}
