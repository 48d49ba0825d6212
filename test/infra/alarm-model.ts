/**
 * CloudWatch's alarm evaluation as its documentation states it, for the
 * alarms of the template: an alarm starts in INSUFFICIENT_DATA; at each
 * period it looks at its last EvaluationPeriods datapoints and is in ALARM
 * when DatapointsToAlarm of them breach. Missing datapoints count as
 * TreatMissingData says: breaching, notBreaching, or — when the whole window
 * is missing — ignore keeps the current state and missing goes to
 * INSUFFICIENT_DATA (with some datapoints present, ignore and missing
 * evaluate only those). A composite alarm is in ALARM when its rule holds.
 */
export type AlarmState = 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';

export interface MetricAlarmSpec {
  readonly Threshold: number;
  readonly ComparisonOperator: string;
  readonly EvaluationPeriods: number;
  readonly DatapointsToAlarm?: number;
  readonly TreatMissingData?: string;
}

const breaches = (spec: MetricAlarmSpec, v: number) => {
  switch (spec.ComparisonOperator) {
    case 'GreaterThanOrEqualToThreshold':
      return v >= spec.Threshold;
    case 'GreaterThanThreshold':
      return v > spec.Threshold;
    case 'LessThanThreshold':
      return v < spec.Threshold;
    case 'LessThanOrEqualToThreshold':
      return v <= spec.Threshold;
    default:
      throw new Error(`comparison ${spec.ComparisonOperator} is not modelled`);
  }
};

/** The states an alarm goes through, one per period, given the metric's datapoint of each period (undefined: none published). */
export function evaluateAlarm(spec: MetricAlarmSpec, datapoints: ReadonlyArray<number | undefined>): AlarmState[] {
  const n = spec.EvaluationPeriods;
  const m = spec.DatapointsToAlarm ?? n;
  const missing = spec.TreatMissingData ?? 'missing';
  let state: AlarmState = 'INSUFFICIENT_DATA';
  const states: AlarmState[] = [];
  for (let t = 0; t < datapoints.length; t++) {
    const window = datapoints.slice(Math.max(0, t - n + 1), t + 1);
    const present = window.filter((v): v is number => v !== undefined);
    if (present.length === 0 && (missing === 'ignore' || missing === 'missing')) {
      state = missing === 'ignore' ? state : 'INSUFFICIENT_DATA';
    } else {
      const missingBreach = missing === 'breaching' ? n - present.length : 0;
      const count = present.filter((v) => breaches(spec, v)).length + missingBreach;
      state = count >= m ? 'ALARM' : 'OK';
    }
    states.push(state);
  }
  return states;
}
