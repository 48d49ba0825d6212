/**
 * Issue 19 #4: "no successful run in 36 hours" must not fire after a deploy,
 * before the first run, and must fire when runs stop. The template's alarms
 * on ExecutionsSucceeded, evaluated over timelines by CloudWatch's documented
 * rules (test/infra/alarm-model.ts): Step Functions publishes the metric only
 * for periods in which an execution succeeded.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { stageCanonical } from '../../lib/canonical-staging.ts';
import { DATA } from '../helpers/paths.ts';
import { synthesizeWorkflow, type SynthesizedWorkflow } from '../workflow/synthesized-workflow.ts';
import { evaluateAlarm, type AlarmState, type MetricAlarmSpec } from './alarm-model.ts';
import { TemplatePolicies } from './iam/template-policies.ts';

let workflow: SynthesizedWorkflow;
type Resource = { Type: string; Properties: Record<string, unknown> };
const PERIOD_HOURS = 6;

beforeAll(async () => {
  workflow = await synthesizeWorkflow(await stageCanonical(DATA, ['sanghyuk-chun']));
}, 180_000);

/** What notifies the owner about runs not succeeding: its state per 6-hour period, given the nights that succeeded. */
function notifyingStates(successPeriods: ReadonlySet<number>, periods: number): AlarmState[] {
  const resources = workflow.template.Resources as Record<string, Resource>;
  const onSucceeded = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties['MetricName'] === 'ExecutionsSucceeded');
  const datapoints = Array.from({ length: periods }, (_, t) => (successPeriods.has(t) ? 1 : undefined));
  for (const [, r] of onSucceeded) expect(r.Properties['Period']).toBe(PERIOD_HOURS * 3600);
  const states = new Map(onSucceeded.map(([id, r]) => [id, evaluateAlarm(r.Properties as unknown as MetricAlarmSpec, datapoints)]));
  const policies = new TemplatePolicies(workflow.template);
  const arnToId = new Map(onSucceeded.map(([id]) => [policies.arn(id), id]));
  // The alarm with actions: a metric alarm itself, or a composite whose rule is ALARM(a) AND ALARM(b) … of those.
  const composites = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::CompositeAlarm' && r.Properties['AlarmActions']);
  const direct = onSucceeded.filter(([, r]) => r.Properties['AlarmActions']);
  expect(composites.length + direct.length).toBe(1);
  if (direct.length === 1) return states.get(direct[0]![0])!;
  const rule = String(policies.resolve(composites[0]!.Properties['AlarmRule']));
  const terms = rule.replace(/^\(|\)$/g, '').split(' AND ');
  const parts = terms.map((term) => {
    const m = /^ALARM\("([^"]+)"\)$/.exec(term.trim());
    if (!m || !arnToId.has(m[1]!)) throw new Error(`rule term ${term} is not modelled`);
    return states.get(arnToId.get(m[1]!)!)!;
  });
  return Array.from({ length: periods }, (_, t) => (parts.every((p) => p[t] === 'ALARM') ? 'ALARM' : 'OK'));
}

const nightly = (fromDay: number, toDay: number) => new Set(Array.from({ length: toDay - fromDay }, (_, i) => (fromDay + i) * (24 / PERIOD_HOURS) + 1));

describe('the "no successful run" alarm', () => {
  it('does not fire after a deploy while no run has happened yet (a week without one)', () => {
    expect(notifyingStates(new Set(), 7 * 4).filter((s) => s === 'ALARM')).toEqual([]);
  });

  it('stays quiet while runs succeed nightly, and fires 36 hours after the last success when they stop', () => {
    const states = notifyingStates(nightly(2, 5), 10 * 4); // deploy, two quiet days, three good nights, then none
    const lastSuccess = Math.max(...nightly(2, 5));
    const firstAlarm = states.indexOf('ALARM');
    expect(states.slice(0, lastSuccess + 6).every((s) => s !== 'ALARM')).toBe(true);
    expect(firstAlarm).toBe(lastSuccess + 6); // six 6-hour periods without a success
    expect(states.slice(firstAlarm).every((s) => s === 'ALARM')).toBe(true);
  });

  it('a success after the alarm clears it', () => {
    const successes = new Set([...nightly(0, 2), 6 * 4 + 1]);
    const states = notifyingStates(successes, 8 * 4);
    expect(states[5 * 4]).toBe('ALARM');
    expect(states[6 * 4 + 1]).toBe('OK');
  });
});
