import { cli } from '../test/hostile/in-process-cli.ts';
const runs: string[][] = [
  ['reconcile', '--cv', 'nope.json', '--out', '/tmp/hb-out'],
  ['reconcile', '--cv', 'data', '--out', '/tmp/hb-out'],
  ['reconcile', '--cv', 'data/profiles/sanghyuk-chun/cv.json', '--out', 'package.json'],
  ['reconcile', '--cv', 'data/profiles/sanghyuk-chun/cv.json', '--arxiv', 'data/recordings/sanghyuk-chun/dblp-2.xml', '--out', '/tmp/hb-out'],
  ['reconcile', '--cv', 'data/profiles/sanghyuk-chun/cv.json', '--dblp', 'data/recordings/sanghyuk-chun/dblp-1.json', '--out', '/tmp/hb-out'],
  ['reconcile', '--cv', 'data/profiles/sanghyuk-chun/cv.json', '--dblp', 'data/recordings/sanghyuk-chun/dblp-1.json', '--out', '/tmp/hb-out', '--json'],
  ['sync', '--offline', '-p', '../../etc', '--out', '/tmp/hb-out'],
  ['sync', '--offline', '-p', 'nobody', '--out', '/tmp/hb-out'],
  ['review', '-p', '../x', '--out', '/tmp/hb-out'],
  ['parse', 'arxiv', 'data/recordings/sanghyuk-chun/dblp-2.xml'],
  ['parse', 'dblp', 'nope'],
];
for (const r of runs) { const x = await cli(...r); console.log(r.join(' '), '=>', x.code, JSON.stringify(x.stderr.slice(0, 400)), JSON.stringify(x.stdout.slice(0, 300))); }
