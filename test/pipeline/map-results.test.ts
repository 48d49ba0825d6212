/**
 * The Distributed Map's exported results as Step Functions writes them
 * (ResultWriter without WriterConfig: manifest.json and SUCCEEDED_n.json /
 * FAILED_n.json), parsed into typed values; a malformed document is refused
 * with its name and the field.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MapResultsError, parseMapRunManifest, parseResultFile } from '../../src/pipeline/map-results.ts';
import { summarizeRun } from '../../src/pipeline/run-outcomes.ts';
import { FsStore } from '../../src/store/fs-store.ts';

const MANIFEST = {
  DestinationBucket: 'data-bucket',
  MapRunArn: 'arn:aws:states:us-east-1:123456789012:mapRun:Workflow/EachProfile:0b8ea8cd-8bd5-3d66-8a6e-6e1b3b7a1a2f',
  ResultFiles: { FAILED: [{ Key: 'runs/map-results/run-1/FAILED_0.json', Size: 600 }], PENDING: [], SUCCEEDED: [{ Key: 'runs/map-results/run-1/SUCCEEDED_0.json', Size: 900 }] },
};
const child = (name: string, profile: string, extra: Record<string, unknown>) => ({
  ExecutionArn: `arn:aws:states:us-east-1:123456789012:execution:Workflow/EachProfile:run-1:${name}`,
  Name: name,
  Input: JSON.stringify({ profile, startTime: '2026-11-28T03:15:00.000Z' }),
  InputDetails: { Included: true },
  StartDate: '2026-11-28T03:31:00.000Z',
  StopDate: '2026-11-28T03:31:09.000Z',
  RedriveCount: 0,
  ...extra,
});
const SUCCEEDED = [child('a1', 'alpha', { Status: 'SUCCEEDED', Output: JSON.stringify({ profile: 'alpha', outcome: 'published', notice: { status: 'not-needed' } }), OutputDetails: { Included: true }, RedriveStatus: 'NOT_REDRIVABLE' })];
const FAILED = [child('b1', 'bravo', { Status: 'FAILED', Error: 'States.Runtime', Cause: "An error occurred while executing the state 'ReconcileStep'. The JSONPath '$.outcome' specified for the field 'outcome.$' could not be found in the input", RedriveStatus: 'REDRIVABLE' })];

describe('Distributed Map results', () => {
  it('reads the manifest and the result files; the summary gives every profile its outcome, a child failed as a whole with its error and cause', async () => {
    expect(parseMapRunManifest(JSON.stringify(MANIFEST), 'manifest.json')).toEqual({ destinationBucket: 'data-bucket', mapRunArn: MANIFEST.MapRunArn, succeeded: ['runs/map-results/run-1/SUCCEEDED_0.json'], failed: ['runs/map-results/run-1/FAILED_0.json'], pending: [] });
    expect(parseResultFile(JSON.stringify(FAILED), 'FAILED_0.json')[0]).toMatchObject({ name: 'b1', status: 'FAILED', input: { profile: 'bravo' }, error: 'States.Runtime' });
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-map-results-')));
    await store.put('runs/map-results/run-1/manifest.json', JSON.stringify(MANIFEST), { contentType: 'application/json' });
    await store.put('runs/map-results/run-1/SUCCEEDED_0.json', JSON.stringify(SUCCEEDED), { contentType: 'application/json' });
    await store.put('runs/map-results/run-1/FAILED_0.json', JSON.stringify(FAILED), { contentType: 'application/json' });
    const summary = await summarizeRun({ store, runId: '20261128T031500Z', executionName: 'nightly', manifestKey: 'runs/map-results/run-1/manifest.json', items: ['alpha', 'bravo', 'charlie'], skipped: 1 });
    expect(summary.counts).toEqual({ profiles: 3, published: 1, publishedDegraded: 0, failed: 2, skipped: 1 });
    const outcomes = JSON.parse(new TextDecoder().decode((await store.get(summary.outcomes))!.body)) as Array<Record<string, unknown>>;
    expect(outcomes.map((o) => [o['profile'], o['outcome'], o['error']])).toEqual([
      ['alpha', 'published', undefined],
      ['bravo', 'failed', 'States.Runtime'],
      ['charlie', 'failed', 'NoResult'], // an item the Map never ran (it stopped starting children)
    ]);
  });

  it.each([
    ['not JSON', '{"DestinationBucket": ', /^manifest\.json:1:1: not JSON/],
    ['no ResultFiles', '{"DestinationBucket":"b","MapRunArn":"x"}', /ResultFiles: expected an object \{SUCCEEDED, FAILED, PENDING\}/],
    ['a file without Key', '{"DestinationBucket":"b","MapRunArn":"x","ResultFiles":{"SUCCEEDED":[{"Size":1}]}}', /ResultFiles\.SUCCEEDED\[0\]\.Key: expected a string, got nothing/],
  ])('a manifest that is %s is refused with where', (_, text, message) => {
    expect(() => parseMapRunManifest(text, 'manifest.json')).toThrow(MapResultsError);
    expect(() => parseMapRunManifest(text, 'manifest.json')).toThrow(message);
  });

  it('a result file whose Output is not a JSON text, or that is not a list, is refused with the entry', () => {
    expect(() => parseResultFile(JSON.stringify([{ ...SUCCEEDED[0], Output: '{"profile": ' }]), 'SUCCEEDED_0.json')).toThrow(/SUCCEEDED_0\.json \[0\]\.Output/);
    expect(() => parseResultFile('{}', 'SUCCEEDED_0.json')).toThrow(/expected a JSON array of child executions/);
    expect(() => parseResultFile(JSON.stringify([{ Status: 'SUCCEEDED' }]), 'SUCCEEDED_0.json')).toThrow(/\[0\]\.Name: expected a string/);
  });
});
