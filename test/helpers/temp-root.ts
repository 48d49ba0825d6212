/**
 * vitest's global setup: one temporary folder for the whole run, removed when the run ends. Every test (and
 * every process a test starts: the CLI, cdk, chromium) makes its temporary files under it, through TMPDIR, which
 * os.tmpdir() reads. Without it a run left ~1 GB and ~900 folders in /tmp, every run.
 *
 * On Linux the folder is in /dev/shm when that is a memory file system with room (a run writes ~1 GB at most at
 * once): the suite writes and copies thousands of small files, and a memory file system spends less of the
 * machine on them than a disk. Elsewhere, or when it is short of room, the system's temporary folder.
 * A run that was killed leaves its folder: the next run removes it (the folder's name holds the process id of the
 * run that made it; a folder whose process is gone is removed, whatever the clock says: the time-travel pass runs
 * with the clock years ahead, beside other runs).
 */
import { mkdtempSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'profile-sync-test-';
const ROOM = 4 * 1024 ** 3;

function base(): string {
  const shm = '/dev/shm';
  try {
    const fs = statfsSync(shm);
    if (fs.bavail * fs.bsize >= ROOM) return shm;
  } catch {
    // no /dev/shm here
  }
  return tmpdir();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The folders of runs whose process has ended (killed before their teardown). */
function pruneAbandoned(dir: string): void {
  const ours = new RegExp(`^${PREFIX}(\\d+)-`);
  for (const name of readdirSync(dir)) {
    const pid = ours.exec(name)?.[1];
    if (pid !== undefined && !alive(Number(pid))) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

export default function setup(): () => void {
  const where = base();
  pruneAbandoned(where);
  const root = mkdtempSync(join(where, `${PREFIX}${process.pid}-`));
  const before = process.env['TMPDIR'];
  process.env['TMPDIR'] = root;
  return () => {
    if (before === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = before;
    rmSync(root, { recursive: true, force: true });
  };
}
