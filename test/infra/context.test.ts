/**
 * CDK context checked at synth: each key's wrong values give one line naming
 * the key and the expected form; the app prints it without a stack trace and
 * exits 1 (before, "25:99" and "Mars/Base" synthesized).
 */
import { describe, expect, it } from 'vitest';
import { ContextError, readDeployContext } from '../../lib/context.ts';
import { runCdkApp } from './cdk-app.ts';

const read = (ctx: Record<string, unknown>) => readDeployContext((k) => ctx[k], ['sanghyuk-chun', 'ada']);
const refused = (ctx: Record<string, unknown>) => {
  try {
    read(ctx);
  } catch (e) {
    expect(e).toBeInstanceOf(ContextError);
    return (e as Error).message;
  }
  throw new Error(`${JSON.stringify(ctx)} was accepted`);
};

describe('deploy context', () => {
  it('defaults: 03:15 UTC, CORS *, stack ProfileSync, every profile', () => {
    expect(read({})).toEqual({ scheduleTime: { hour: 3, minute: 15 }, timeZone: 'UTC', corsOrigins: ['*'], stackName: 'ProfileSync', nag: false, mapConcurrency: 10, toleratedFailurePercent: 5, runTimeoutHours: 2, dblpDumpAbove: 200 });
  });

  it('accepts good values', () => {
    expect(
      read({ profiles: 'ada, sanghyuk-chun', scheduleTime: '23:59', timeZone: 'Asia/Seoul', notifyEmail: 'owner@example.org', corsOrigins: 'https://sanghyukchun.github.io,http://localhost:4000', nag: 'true', domainName: 'profiles.example.org', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012' }),
    ).toMatchObject({ profiles: ['ada', 'sanghyuk-chun'], scheduleTime: { hour: 23, minute: 59 }, timeZone: 'Asia/Seoul', corsOrigins: ['https://sanghyukchun.github.io', 'http://localhost:4000'], nag: true, domain: { name: 'profiles.example.org' } });
    expect(read({ timeZone: 'America/Argentina/Buenos_Aires', scheduleTime: '00:00' }).timeZone).toBe('America/Argentina/Buenos_Aires');
    // A department: more profiles at once, a longer night (strings from -c, numbers from cdk.json).
    expect(read({ mapConcurrency: '200', toleratedFailurePercent: '0', runTimeoutHours: 6 })).toMatchObject({ mapConcurrency: 200, toleratedFailurePercent: 0, runTimeoutHours: 6 });
    // When dblp is read from its daily dump (the Fargate task) instead of person pages.
    expect(read({ dblpDumpAbove: '500' }).dblpDumpAbove).toBe(500);
    expect(read({ dblpDumpAbove: 0 }).dblpDumpAbove).toBe(0);
    expect(read({ dblpDumpAbove: 'off' }).dblpDumpAbove).toBe('off');
  });

  it.each([
    [{ scheduleTime: '25:99' }, 'context scheduleTime: expected HH:MM on a 24-hour clock, 00:00 to 23:59 (e.g. "03:15"), got "25:99"'],
    [{ scheduleTime: '3:15' }, 'context scheduleTime: expected HH:MM'],
    [{ scheduleTime: '24:00' }, 'context scheduleTime: expected HH:MM'],
    [{ timeZone: 'Mars/Base' }, 'context timeZone: expected an IANA time zone name, e.g. "Asia/Seoul", "Europe/Berlin" or "UTC", got "Mars/Base"'],
    [{ timeZone: 'KST' }, 'context timeZone: expected an IANA time zone name'],
    [{ notifyEmail: 'owner' }, 'context notifyEmail: expected one email address, e.g. "owner@example.org", got "owner"'],
    [{ notifyEmail: 'a@b.org,c@d.org' }, 'context notifyEmail: expected one email address'],
    [{ corsOrigins: 'https://example.org/' }, 'context corsOrigins: expected "*" or a comma-separated list of origins'],
    [{ corsOrigins: 'example.org' }, 'context corsOrigins: expected "*" or a comma-separated list of origins'],
    [{ corsOrigins: '*,https://example.org' }, 'context corsOrigins: expected "*" or a comma-separated list of origins'],
    [{ profiles: 'Sanghyuk Chun' }, 'context profiles: expected a comma-separated list of profile ids'],
    [{ profiles: 'ghost' }, 'context profiles: expected profiles that have a folder in data/profiles (sanghyuk-chun, ada), got "ghost"'],
    [{ profiles: 'ada,ada' }, 'context profiles: expected each profile once'],
    [{ domainName: 'profiles.example.org' }, 'context certificateArn: expected domainName and certificateArn together'],
    [{ domainName: 'x', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012' }, 'context domainName: expected a DNS name'],
    [{ domainName: 'a.example.org', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012' }, 'context certificateArn: expected an ACM certificate ARN in us-east-1'],
    [{ scheduleTime: 315 }, 'context scheduleTime: expected a string, got 315'],
    [{ nag: 'yes' }, 'context nag: expected "true" or "false"'],
    [{ mapConcurrency: '0' }, 'context mapConcurrency: expected a whole number from 1 to 1000 (profiles reconciled at once, e.g. "50"), got "0"'],
    [{ mapConcurrency: '5000' }, 'context mapConcurrency: expected a whole number from 1 to 1000'],
    [{ mapConcurrency: 'fifty' }, 'context mapConcurrency: expected a whole number from 1 to 1000'],
    [{ toleratedFailurePercent: '101' }, 'context toleratedFailurePercent: expected a whole number from 0 to 100'],
    [{ toleratedFailurePercent: '2.5' }, 'context toleratedFailurePercent: expected a whole number from 0 to 100'],
    [{ runTimeoutHours: '48' }, 'context runTimeoutHours: expected a whole number from 1 to 24 (hours, e.g. "6" for 10,000 profiles), got "48"'],
  ])('refuses %j', (ctx, message) => {
    const got = refused(ctx);
    expect(got.startsWith(message), got).toBe(true);
    expect(got).not.toContain('\n');
  });

  it('the app stops synth with one line and no stack trace', async () => {
    const run = async (context: Record<string, string>) => {
      const { code, stderr } = await runCdkApp(context);
      return { code, stderr };
    };
    const [time, zone] = await Promise.all([run({ scheduleTime: '25:99' }), run({ timeZone: 'Mars/Base' })]);
    expect(time).toEqual({ code: 1, stderr: 'profile-sync: context scheduleTime: expected HH:MM on a 24-hour clock, 00:00 to 23:59 (e.g. "03:15"), got "25:99"\n' });
    expect(zone.code).toBe(1);
    expect(zone.stderr.split('\n').filter(Boolean)).toEqual(['profile-sync: context timeZone: expected an IANA time zone name, e.g. "Asia/Seoul", "Europe/Berlin" or "UTC", got "Mars/Base"']);
  }, 60_000);
});
