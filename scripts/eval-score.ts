/**
 * Scoring one reconciliation against an answer key (test/helpers/real-fleet.ts):
 * precision and recall of the links (per source record), the candidates (per
 * work to propose) and the differences (per work and field), with the items
 * that went wrong; and the table `npm run eval` prints.
 */
import type { ReconcileOutput } from '../src/reconcile/reconcile.ts';
import type { AnswerKey } from '../test/helpers/real-fleet.ts';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Score {
  readonly profile: string;
  readonly records: number;
  readonly works: number;
  readonly links: Counts;
  readonly candidates: Counts;
  readonly differences: Counts;
  /** What went wrong, one line each. */
  readonly errors: string[];
}

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
export const precision = (c: Counts) => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
export const recall = (c: Counts) => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));

export function score(answer: AnswerKey, output: ReconcileOutput, records: number): Score {
  const errors: string[] = [];
  const links = zero();
  for (const [work, expected] of Object.entries(answer.links)) {
    const got = new Set(output.links.get(work) ?? []);
    for (const e of expected) {
      if (got.has(e)) links.tp++;
      else {
        links.fn++;
        errors.push(`MISSED LINK      ${work} → ${e}`);
      }
    }
    for (const g of got) {
      if (!expected.includes(g)) {
        links.fp++;
        errors.push(`FALSE LINK       ${work} → ${g}`);
      }
    }
  }
  const candidates = zero();
  const found = new Set<number>();
  for (const c of output.report.candidates) {
    const vids = c.versions.map((v) => v.replace(' ', ':'));
    const i = answer.candidates.findIndex((want, k) => !found.has(k) && want.some((w) => vids.includes(w)));
    if (i >= 0) {
      found.add(i);
      candidates.tp++;
    } else {
      candidates.fp++;
      errors.push(`FALSE CANDIDATE  ${c.id} (${vids.join(', ')}): ${c.confidence}, ${c.reason}`);
    }
  }
  answer.candidates.forEach((want, k) => {
    if (!found.has(k)) {
      candidates.fn++;
      errors.push(`MISSED CANDIDATE ${want.join(', ')}`);
    }
  });
  const differences = zero();
  const expected = new Set(answer.differences.map(([w, f]) => `${w} ${f}`));
  const reported = new Set<string>();
  for (const d of output.report.differences) {
    const key = `${d.workId} ${d.field}`;
    reported.add(key);
    if (expected.has(key)) differences.tp++;
    else {
      differences.fp++;
      errors.push(`FALSE DIFFERENCE ${key}: "${d.canonical.slice(0, 80)}" vs "${d.source.slice(0, 80)}" (${d.from.join(', ')}; ${d.note})`);
    }
  }
  for (const e of expected) {
    if (!reported.has(e)) {
      differences.fn++;
      errors.push(`MISSED DIFFERENCE ${e}`);
    }
  }
  return { profile: answer.profile, records, works: Object.keys(answer.links).length, links, candidates, differences, errors };
}

export function total(scores: readonly Score[]): Score {
  const sum = (pick: (s: Score) => Counts): Counts => scores.reduce((a, s) => ({ tp: a.tp + pick(s).tp, fp: a.fp + pick(s).fp, fn: a.fn + pick(s).fn }), zero());
  return {
    profile: 'TOTAL',
    records: scores.reduce((a, s) => a + s.records, 0),
    works: scores.reduce((a, s) => a + s.works, 0),
    links: sum((s) => s.links),
    candidates: sum((s) => s.candidates),
    differences: sum((s) => s.differences),
    errors: [],
  };
}

const cell = (c: Counts) => `${precision(c).toFixed(2)} ${recall(c).toFixed(2)} (${c.tp}/${c.fp}/${c.fn})`.padEnd(22);

/** A table: one row per profile, then the totals; under it what went wrong, per profile. */
export function table(scores: readonly Score[], totals: Score): string {
  const head = `${'profile'.padEnd(16)}${'records'.padStart(8)}${'works'.padStart(7)}   ${'links P R (tp/fp/fn)'.padEnd(22)}${'candidates P R'.padEnd(22)}${'differences P R'.padEnd(22)}`;
  const row = (s: Score) => `${s.profile.padEnd(16)}${String(s.records).padStart(8)}${String(s.works).padStart(7)}   ${cell(s.links)}${cell(s.candidates)}${cell(s.differences)}`;
  const lines = [head, '-'.repeat(head.length), ...scores.map(row), '-'.repeat(head.length), row(totals)];
  for (const s of scores) {
    if (s.errors.length === 0) continue;
    lines.push('', `${s.profile}:`, ...s.errors.map((e) => `  ${e}`));
  }
  return lines.join('\n');
}
