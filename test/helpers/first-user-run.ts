/** Runs replay → reconcile for the first user into a fresh store, at a fixed time. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchStage } from '../../src/harvest/fetch-stage.ts';
import { loadProfileInput } from '../../src/canonical/profile-input.ts';
import { reconcileStage } from '../../src/reconcile/reconcile-stage.ts';
import { NO_DECISIONS, type Decisions } from '../../src/canonical/decisions.ts';
import { VirtualClock } from '../../src/sources/clock.ts';
import { FsStore } from '../../src/store/fs-store.ts';
import { DATA, FIRST_PROFILE } from './paths.ts';

export const FIXED_RUN = '20261128T030000Z';

export async function firstUserRun(decisions: Decisions = NO_DECISIONS) {
  const store = new FsStore(mkdtempSync(join(tmpdir(), 'ps-golden-')));
  const input = await loadProfileInput(DATA, FIRST_PROFILE);
  const clock = new VirtualClock(Date.parse('2026-11-28T03:00:00Z'));
  await fetchStage({ input, runId: FIXED_RUN, store, now: new Date(clock.now()), clock, mode: { kind: 'replay', dataDir: DATA } });
  const output = await reconcileStage({ input, decisions, store, runId: FIXED_RUN, now: new Date(clock.now()) });
  return { store, input, output };
}
