/**
 * One measured phase in a fresh process (so peak memory is its own):
 *   floor: parse the native documents and normalise every title and name;
 *   full:  parse, then reconcile (grouping, matching, enrichment, report).
 * Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reconcile } from '../src/reconcile/reconcile.ts';
import { groupVersions } from '../src/reconcile/group-versions.ts';
import { matchCanonical } from '../src/reconcile/match-canonical.ts';
import { People } from '../src/reconcile/owner.ts';
import { fromArxiv, fromDblp } from '../src/reconcile/source-version.ts';
import { NO_DECISIONS } from '../src/canonical/decisions.ts';
import { parseArxivFeed } from '../src/sources/arxiv/parse-feed.ts';
import type { ArxivRecord } from '../src/sources/arxiv/arxiv-record.ts';
import { parseDblpPerson } from '../src/sources/dblp/parse-xml.ts';
import { normalizeName } from '../src/text/normalize-name.ts';
import { normalizeTitle } from '../src/text/normalize-title.ts';
import type { CanonicalCv } from '../src/canonical/cv-schema.ts';

const [phase = 'full', dir = ''] = process.argv.slice(2);
const cv = JSON.parse(readFileSync(join(dir, 'cv.json'), 'utf8')) as CanonicalCv;
const pages = (JSON.parse(readFileSync(join(dir, 'pages.json'), 'utf8')) as string[]).map((f) => readFileSync(join(dir, f), 'utf8'));
const personXml = readFileSync(join(dir, 'dblp.xml'), 'utf8');

const t0 = performance.now();
const arxiv: ArxivRecord[] = [];
for (const p of pages) {
  const feed = parseArxivFeed(p);
  if (feed.kind === 'feed') arxiv.push(...feed.records);
}
const person = parseDblpPerson(personXml);
const tParsed = performance.now();
let result: Record<string, number> = {};
if (phase === 'floor') {
  let n = 0;
  for (const r of arxiv) n += normalizeTitle(r.titlePlain).length + r.authors.reduce((s, a) => s + normalizeName(a.name).length, 0);
  for (const r of person.records) n += normalizeTitle(r.title).length + r.authors.reduce((s, a) => s + normalizeName(a.name).length, 0);
  for (const p of cv.publications) n += normalizeTitle(p.title).length + p.authors.reduce((s, a) => s + normalizeName(a.name).length, 0);
  result = { checksum: n };
} else if (phase === 'group') {
  // Grouping and matching alone, on the same parsed input: the near-linear core.
  const versions = [...arxiv.map((r) => fromArxiv(r, {})), ...person.records.map((r) => fromDblp(r, {}, person.pid))];
  const tVersions = performance.now();
  const { groups } = groupVersions(versions);
  const match = matchCanonical(cv.publications, groups, new People(cv, person.pid));
  result = { groups: groups.length, linked: match.links.size, versionsMs: tVersions - tParsed, groupMatchMs: performance.now() - tVersions };
} else {
  const health = (source: 'arxiv' | 'dblp') => ({ source, status: 'ok' as const, mode: 'replay' as const, requests: 0, statuses: [], records: 0, reasons: [], dataFrom: 'bench' });
  const out = reconcile({
    cv,
    config: { schemaVersion: 1, profile: 'bench', contact: 'x@y', sources: { arxiv: { enabled: true, authorNames: ['Ada Owner'], discoverMaxResults: 200, pageSize: 100, minIntervalSeconds: 3 }, dblp: { enabled: true, minIntervalSeconds: 1 } }, publishing: { publishUnreviewedCandidates: false, shrinkTolerance: 0.2 } },
    decisions: NO_DECISIONS,
    arxiv: { health: health('arxiv'), records: arxiv, time: { fetchedAt: '2026-01-01T00:00:00Z' }, available: true },
    dblp: { health: health('dblp'), person, time: { fetchedAt: '2026-01-01T00:00:00Z' }, available: true },
    run: { runId: 'bench', generatedAt: '2026-01-01T00:00:00Z' },
  });
  result = { linked: out.report.summary.linkedWorks, candidates: out.report.summary.newCandidates, differences: out.report.summary.upstreamDifferences, conflicts: out.report.summary.conflicts };
}
const tEnd = performance.now();
process.stdout.write(
  `${JSON.stringify({ phase, records: arxiv.length + person.records.length, parseMs: tParsed - t0, workMs: tEnd - tParsed, totalMs: tEnd - t0, maxRssMB: process.resourceUsage().maxRSS / 1024, ...result })}\n`,
);
