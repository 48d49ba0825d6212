/**
 * Issue 14, item 12: config.contact (sent in the User-Agent header) must be one
 * line, and the Lambda step parser takes only a real UTC ISO-8601 time with a
 * four-digit year (run ids sort by it: a year above 9999 or below 0 would sort
 * before every real run).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStep } from '../../functions/shared/runtime.ts';
import { loadConfig } from '../../src/canonical/load.ts';
import { DATA, FIRST_PROFILE } from '../helpers/paths.ts';

const configText = readFileSync(join(DATA, 'profiles', FIRST_PROFILE, 'config.json'), 'utf8');

describe('config.contact', () => {
  it.each([
    ['CR LF and a second header', 'owner@example.org\\r\\nX-Injected: 1'],
    ['a line feed', 'owner@example.org\\nmore'],
    ['a tab', 'owner@example.org\\tmore'],
    ['an escape', 'owner@example.org\\u001b[31m'],
  ])('refuses %s, naming the field and line', (_what, contact) => {
    const text = configText.replace('"contact": "sanghyuk.chun@gmail.com"', `"contact": "${contact}"`);
    expect(() => loadConfig('config.json', text, FIRST_PROFILE)).toThrow(/^config\.json:\d+:\d+: contact: must be one line without control characters \(it is sent in the User-Agent header\)$/);
  });

  it('takes an e-mail address or a URL', () => {
    expect(loadConfig('config.json', configText.replace('sanghyuk.chun@gmail.com', 'https://example.org/contact me'), FIRST_PROFILE).contact).toBe('https://example.org/contact me');
  });
});

describe('the Lambda step event', () => {
  const execution = 'arn:aws:states:us-east-1:123456789012:execution:ProfileSync:20261128T031500Z';

  it('takes Step Functions\' start time (UTC, milliseconds) and derives the run id', () => {
    expect(parseStep({ profile: FIRST_PROFILE, startTime: '2026-11-28T03:15:00.123Z', execution })).toEqual({ profile: FIRST_PROFILE, startTime: '2026-11-28T03:15:00.123Z', runId: '20261128T031500Z', execution });
    expect(parseStep({ profile: FIRST_PROFILE, startTime: '2026-11-28T03:15:00Z', execution }).runId).toBe('20261128T031500Z');
  });

  it.each([
    '+275760-09-13T00:00:00.000Z', // a six-digit year Date.parse accepts
    '-000001-01-01T00:00:00.000Z',
    '10000-01-01T00:00:00Z',
    '2026-11-28', // a date only
    '2026-11-28T03:15:00+09:00', // not UTC
    '2026-11-28T03:15:00', // no zone
    '2026-02-30T00:00:00Z', // no such day
    '2026-11-28T24:00:00Z',
    'Sat, 28 Nov 2026 03:15:00 GMT',
    '1764299700000',
  ])('refuses %s', (startTime) => {
    expect(() => parseStep({ profile: FIRST_PROFILE, startTime, execution })).toThrow(/^event\.startTime: expected a UTC ISO time such as 2026-11-28T03:15:00\.000Z, got /);
  });
});
