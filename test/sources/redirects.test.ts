/**
 * Redirects (issue 22, item 3): followed only while they stay on the source's hosts (the same
 * origin here, on loopback; https on the same site in production), with every hop told, logged
 * and kept; a redirect to another host is refused (the owner's User-Agent is not sent there and
 * no answer from there is used).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/sources/clock.ts';
import { FetchFailure } from '../../src/sources/http/fetch-failure.ts';
import { PoliteHttp, redirectRefusal, type HttpEvent } from '../../src/sources/http/polite-http.ts';
import { startLoopback, type LoopbackServer, type Reply } from '../helpers/loopback-server.ts';

let servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const UA = 'profile-sync/0.1 (mailto:owner@example.org)';
const client = (events: HttpEvent[]) => new PoliteHttp({ userAgent: UA, minIntervalMs: 0, clock: new VirtualClock(0), maxAttempts: 2, backoffBaseMs: 1, timeoutMs: 5000, onEvent: (e) => events.push(e) });

describe('redirects', () => {
  it('on the same origin: followed, every hop told, logged and kept with the answer', async () => {
    const source = await startLoopback((req): Reply => (req.url === '/pid/old.xml' ? { status: 301, headers: { Location: '/pid/moved.xml' } } : req.url === '/pid/moved.xml' ? { status: 302, headers: { Location: '/pid/new.xml' } } : { status: 200, headers: { 'Content-Type': 'text/xml' }, body: '<dblpperson/>' }));
    servers.push(source);
    const events: HttpEvent[] = [];
    const http = client(events);
    const res = await http.get(`${source.baseUrl}/pid/old.xml`);
    expect(res.status).toBe(200);
    expect(new TextDecoder().decode(res.body)).toBe('<dblpperson/>');
    const hops = [
      { url: `${source.baseUrl}/pid/old.xml`, status: 301, location: `${source.baseUrl}/pid/moved.xml` },
      { url: `${source.baseUrl}/pid/moved.xml`, status: 302, location: `${source.baseUrl}/pid/new.xml` },
    ];
    expect(res.redirects).toEqual(hops);
    expect(http.log).toEqual([{ url: `${source.baseUrl}/pid/old.xml`, status: 200, attempts: 1, bytes: 13, outcome: 'ok', redirects: hops }]);
    expect(events.filter((e) => e.type === 'redirect')).toHaveLength(2);
    expect(source.requests.map((r) => r.url)).toEqual(['/pid/old.xml', '/pid/moved.xml', '/pid/new.xml']);
  });

  it('to another host: refused, nothing sent there, the request fails saying where it pointed', async () => {
    const elsewhere = await startLoopback(() => ({ status: 200, headers: { 'Content-Type': 'text/xml' }, body: '<dblpperson name="Impostor" pid="1/1"/>' }));
    const source = await startLoopback(() => ({ status: 302, headers: { Location: `${elsewhere.baseUrl}/collect` } }));
    servers.push(source, elsewhere);
    const events: HttpEvent[] = [];
    const http = client(events);
    const failure = (await http.get(`${source.baseUrl}/pid/x.xml`).then(() => new Error('expected a failure'), (e: unknown) => e)) as Error;
    expect(failure).toBeInstanceOf(FetchFailure);
    expect(failure.message).toContain(`HTTP 302 from ${source.baseUrl}/pid/x.xml redirects to ${elsewhere.baseUrl}/collect: leaves ${source.baseUrl} for plain http; not followed`);
    expect(elsewhere.requests).toEqual([]);
    expect(source.requests).toHaveLength(1); // not retried
    expect(http.log[0]).toMatchObject({ outcome: 'failed', status: 302, redirects: [{ url: `${source.baseUrl}/pid/x.xml`, status: 302, location: `${elsewhere.baseUrl}/collect` }] });
    expect(events.find((e) => e.type === 'redirect')).toMatchObject({ followed: false });
  });

  it('the rule: same origin, or https on the same site (or a host the source names); never plain http elsewhere, nor another site', () => {
    expect(redirectRefusal('http://export.arxiv.org/api/query', 'https://export.arxiv.org/api/query')).toBeUndefined();
    expect(redirectRefusal('https://export.arxiv.org/api/query', 'https://arxiv.org/abs/1')).toBeUndefined();
    expect(redirectRefusal('https://dblp.org/pid/1.xml', 'https://dblp.uni-trier.de/pid/1.xml', ['dblp.uni-trier.de'])).toBeUndefined();
    expect(redirectRefusal('https://dblp.org/pid/1.xml', 'https://dblp.org.evil.example/pid/1.xml')).toMatch(/leads off the source's hosts \(dblp\.org\) to dblp\.org\.evil\.example/);
    expect(redirectRefusal('https://dblp.org/pid/1.xml', 'http://dblp.org/pid/1.xml')).toMatch(/plain http/);
    expect(redirectRefusal('https://dblp.org/pid/1.xml', 'file:///etc/passwd')).toMatch(/not an http\(s\) address/);
    expect(redirectRefusal('http://127.0.0.1:8080/a', 'http://127.0.0.1:8081/a')).toBeDefined();
  });
});
