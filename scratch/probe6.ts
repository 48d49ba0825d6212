import { PoliteHttp } from '../src/sources/http/polite-http.ts';
import { VirtualClock } from '../src/sources/clock.ts';
const lines: string[] = [];
const notFound = (hostname: string, _o: object, cb: (err: Error | null, a: string, f?: number) => void) => {
  const e = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname });
  cb(e, '', 4);
};
const c = new PoliteHttp({ userAgent: 'x', minIntervalMs: 1000, clock: new VirtualClock(), progress: (l) => lines.push(l), name: 'arxiv', lookup: notFound as never });
try { await c.get('http://export.arxiv.invalid/api/query'); } catch (e) { console.log((e as Error).message); }
const c2 = new PoliteHttp({ userAgent: 'x', minIntervalMs: 1000, clock: new VirtualClock(), progress: (l) => lines.push(l), name: 'dblp' });
try { await c2.get('http://127.0.0.1:1/x'); } catch (e) { console.log((e as Error).message); }
console.log(lines.join('\n'));
