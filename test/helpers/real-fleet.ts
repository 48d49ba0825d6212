/**
 * The real-format fleet (test/fixtures/real-fleet/, see its README): each
 * person's dblp page read through the one dblp parser, the CV through the one
 * CV loader, the answer key as written; and one reconciliation per person
 * (dblp only, at a fixed run time).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProfileConfig } from '../../src/canonical/config-schema.ts';
import type { CanonicalCv } from '../../src/canonical/cv-schema.ts';
import { NO_DECISIONS } from '../../src/canonical/decisions.ts';
import { loadCv } from '../../src/canonical/load.ts';
import type { SourceHealth } from '../../src/model/report.ts';
import { reconcile, type ReconcileOutput } from '../../src/reconcile/reconcile.ts';
import type { DblpPerson } from '../../src/sources/dblp/dblp-record.ts';
import { parseDblpPerson } from '../../src/sources/dblp/parse-xml.ts';
import { REPO } from './paths.ts';

export const REAL_FLEET_DIR = join(REPO, 'test', 'fixtures', 'real-fleet');

/** What a person's sync should find: per CV work the dblp records that are it; the works to propose; the true differences. */
export interface AnswerKey {
  readonly profile: string;
  readonly links: Readonly<Record<string, readonly string[]>>;
  /** Each a work to propose, as the versions (vids) any of which its candidate carries. */
  readonly candidates: ReadonlyArray<readonly string[]>;
  /** [CV work id, field]: differences that are true (accepting them would make the CV right). */
  readonly differences: ReadonlyArray<readonly [string, string]>;
}

export interface FleetPerson {
  readonly slug: string;
  readonly cv: CanonicalCv;
  readonly person: DblpPerson;
  readonly answer: AnswerKey;
}

export function fleetSlugs(): string[] {
  return readdirSync(REAL_FLEET_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

export function loadFleetPerson(slug: string): FleetPerson {
  const dir = join(REAL_FLEET_DIR, slug);
  const page = join(dir, 'dblp-person.xml');
  const cvFile = join(dir, 'cv.json');
  return {
    slug,
    cv: loadCv(cvFile, readFileSync(cvFile, 'utf8'), slug),
    person: parseDblpPerson(readFileSync(page), page),
    answer: JSON.parse(readFileSync(join(dir, 'answer.json'), 'utf8')) as AnswerKey,
  };
}

function configFor(cv: CanonicalCv, pid: string): ProfileConfig {
  return {
    schemaVersion: 1,
    profile: cv.profile,
    contact: `${cv.profile}@example.org`,
    sources: {
      arxiv: { enabled: true, authorNames: [cv.person.name], discoverMaxResults: 200, pageSize: 100, minIntervalSeconds: 3 },
      dblp: { enabled: true, minIntervalSeconds: 1, pid },
    },
    publishing: { publishUnreviewedCandidates: false, shrinkTolerance: 0.2 },
  };
}

const health = (source: 'arxiv' | 'dblp', records: number): SourceHealth => ({ source, status: 'ok', mode: 'replay', requests: 1, statuses: [200], records, reasons: [], dataFrom: '20261128T030000Z' });

/** One person's reconciliation from their dblp page alone. */
export function reconcileFleetPerson(p: FleetPerson): ReconcileOutput {
  const time = { fetchedAt: '2026-11-28T03:00:00Z' };
  return reconcile({
    cv: p.cv,
    config: configFor(p.cv, p.person.pid),
    decisions: NO_DECISIONS,
    arxiv: { health: health('arxiv', 0), records: [], time, available: true },
    dblp: { health: health('dblp', p.person.records.length), person: p.person, time, available: true },
    run: { runId: '20261128T030000Z', generatedAt: '2026-11-28T03:00:00.000Z' },
  });
}
