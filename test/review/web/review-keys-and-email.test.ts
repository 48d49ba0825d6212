/**
 * The key ring as a file or SSM parameter holds it (what is refused, and a rotation), the notify step's
 * email with its signed link (and without it, still sent, when the ring cannot be read), and the local
 * server stopping by itself after a quiet spell.
 */
import { describe, expect, it } from 'vitest';
import { notifyStep, type NotifyRuntime } from '../../../functions/notify/handler.ts';
import { cachedKeyRing } from '../../../functions/shared/review-keys.ts';
import { serveReview } from '../../../src/cli/review-web-server.ts';
import { keyRingJson, parseKeyRing, rotate } from '../../../src/review/web/key-ring.ts';
import { verifyLink } from '../../../src/review/web/review-link.ts';
import { VirtualClock } from '../../../src/sources/clock.ts';
import { FIRST_PROFILE as P } from '../../helpers/paths.ts';
import { reviewBucket, ringOf, testKey } from '../../helpers/review-site.ts';

const secret = (n: number) => Buffer.alloc(n, 7).toString('base64');

describe('the key ring', () => {
  it('parses its JSON, and refuses short secrets, a missing or retired current key, a key id twice', () => {
    const ring = parseKeyRing(JSON.stringify({ current: 'k2', keys: [{ id: 'k1', secret: secret(32), retiredAt: '2026-12-30T00:00:00Z' }, { id: 'k2', secret: secret(32) }] }), 'ring');
    expect(ring.keys.map((k) => [k.id, k.retiredAt])).toEqual([['k1', Date.UTC(2026, 11, 30)], ['k2', undefined]]);
    expect(parseKeyRing(JSON.stringify(keyRingJson(ring)), 'again')).toEqual(ring);
    const bad = (doc: unknown) => () => parseKeyRing(JSON.stringify(doc), 'ring');
    expect(bad({ current: 'k1', keys: [{ id: 'k1', secret: secret(16) }] })).toThrow(/at least 32 bytes/);
    expect(bad({ current: 'k9', keys: [{ id: 'k1', secret: secret(32) }] })).toThrow(/current key "k9" is not in keys/);
    expect(bad({ current: 'k1', keys: [{ id: 'k1', secret: secret(32), retiredAt: '2026-01-01T00:00:00Z' }] })).toThrow(/is retired/);
    expect(bad({ current: 'k1', keys: [{ id: 'k1', secret: secret(32) }, { id: 'k1', secret: secret(32) }] })).toThrow(/used twice/);
    expect(bad({ current: 'k.1', keys: [{ id: 'k.1', secret: secret(32) }] })).toThrow(/keys\[0\]\.id/);
    expect(() => parseKeyRing('{', 'ring')).toThrow(/not JSON/);
  });

  it('a rotation makes the new key current and retires the old one at the time given', () => {
    const rotated = rotate(ringOf(testKey('k1')), testKey('k2'), Date.UTC(2027, 0, 1));
    expect(rotated.current).toBe('k2');
    expect(rotated.keys.map((k) => [k.id, k.retiredAt])).toEqual([['k1', Date.UTC(2027, 0, 1)], ['k2', undefined]]);
  });

  it('is read from its parameter once per five minutes (a rotation is seen after that)', async () => {
    let reads = 0;
    let now = 0;
    let ring = ringOf(testKey('k1'));
    const keys = cachedKeyRing(async () => (reads++, JSON.stringify(keyRingJson(ring))), '/p', () => now);
    expect((await keys()).current).toBe('k1');
    ring = rotate(ring, testKey('k2'), 10);
    now += 299_999;
    expect((await keys()).current).toBe('k1');
    now += 1;
    expect((await keys()).current).toBe('k2');
    expect(reads).toBe(2);
  });

  it('a failed re-read (SSM throttled) keeps the last ring serving; with none read yet the failure stands', async () => {
    let fail = false;
    let now = 0;
    const ring = ringOf(testKey('k1'));
    const keys = cachedKeyRing(async () => (fail ? Promise.reject(new Error('ThrottlingException')) : JSON.stringify(keyRingJson(ring))), '/p', () => now);
    expect((await keys()).current).toBe('k1');
    fail = true;
    now += 300_000;
    expect((await keys()).current).toBe('k1');
    await expect(cachedKeyRing(async () => Promise.reject(new Error('ParameterNotFound')), '/p', () => 0)()).rejects.toThrow(/ParameterNotFound/);
  });
});

describe("the notify step's email", async () => {
  const { store } = await reviewBucket();
  const ring = ringOf(testKey('k1'));
  const event = { profile: P, startTime: '2026-11-28T03:15:00.000Z', execution: 'arn:aws:states:us-east-1:123456789012:execution:w:e' };
  const runtime = (keys: () => Promise<typeof ring>, sent: string[], logged: string[]): NotifyRuntime => ({
    store,
    // The email is sent an hour after the run began (a long night).
    clock: new VirtualClock(Date.parse(event.startTime) + 3_600_000),
    log: (m, f) => logged.push(`${m} ${JSON.stringify(f)}`),
    sourceUrls: {},
    topicArn: 'arn:aws:sns:us-east-1:123456789012:owners',
    storeArgs: '--bucket b',
    publish: async (m) => (sent.push(m.Message), { MessageId: 'm1' }),
    review: { url: 'https://d111.cloudfront.net/review', keys },
  });

  it('carries a link signed with the ring, issued when the email is sent and valid 14 days, for that profile only', async () => {
    const sent: string[] = [];
    const logged: string[] = [];
    expect((await notifyStep(runtime(async () => ring, sent, logged), event)).status).toBe('sent');
    const url = /https:\/\/d111\.cloudfront\.net\/review\/open\?t=(\S+)/.exec(sent[0]!)![1]!;
    const sentAt = Date.parse(event.startTime) + 3_600_000;
    const v = verifyLink(ring, decodeURIComponent(url), sentAt);
    // Issued at the sending, not the run's start: a revoke-links during the run does not revoke this email's link.
    expect(v).toMatchObject({ ok: true, payload: { profiles: [P], iat: sentAt, exp: sentAt + 14 * 86_400_000 } });
    expect(logged.join('\n')).not.toContain(url);
  });

  it('without a readable ring the email still goes, without the link, and the log says why (no secret in it)', async () => {
    await store.delete(`notices/${P}/notified.json`);
    const sent: string[] = [];
    const logged: string[] = [];
    const result = await notifyStep(runtime(async () => Promise.reject(new Error('ParameterNotFound: /profile-sync/review-keys')), sent, logged), event);
    expect(result.status).toBe('sent');
    expect(sent[0]).not.toContain('/review/open');
    expect(logged.join('\n')).toContain('review link left out');
  });
});

describe('the local review server', () => {
  it('binds 127.0.0.1 and stops by itself after the idle time', async () => {
    const server = await serveReview(async () => ({ status: 204, headers: {}, body: '' }), { port: 0, idleMs: 300 });
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.baseUrl}/`)).status).toBe(204);
    expect(await server.stopped).toMatch(/^no request for/);
    await expect(fetch(`${server.baseUrl}/`)).rejects.toThrow();
  });
});
