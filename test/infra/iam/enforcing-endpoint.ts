/**
 * What the enforcing stand-ins (enforcing-s3.ts, enforcing-ssm.ts) share: who
 * is calling now (its credentials, as IAM would know them), every request
 * seen as that caller's, those the policies refused, and a loopback endpoint
 * that stops with the test.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dateFromProcessClock } from '../../helpers/loopback-server.ts';
import type { RecordedCall } from './recorded-calls.ts';
import type { Violation } from './stack-access.ts';

export interface EnforcingEndpoint {
  readonly endpoint: string;
  /** Every request seen (as the caller's), and those the policies did not allow. */
  readonly calls: RecordedCall[];
  readonly denied: Violation[];
  /** Who the following requests come from (their credentials, as IAM would know them). */
  as(caller: string): void;
  close(): Promise<void>;
}

/** The calls, refusals and current caller a stand-in keeps while it answers. */
export class CallerState {
  readonly calls: RecordedCall[] = [];
  readonly denied: Violation[] = [];
  current = '(nobody)';
}

/** Listens on 127.0.0.1 (a free port) and hands the test the endpoint over `state`. */
export async function listenEnforcing(server: Server, state: CallerState): Promise<EnforcingEndpoint> {
  dateFromProcessClock(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: state.calls,
    denied: state.denied,
    as: (caller) => void (state.current = caller),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
