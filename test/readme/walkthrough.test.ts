/**
 * The README as a test: every command of its "The first hour, step by step" section runs, in order, as a
 * person types it (bash, on a copy of data/, `npx profile-sync` being this checkout's bin), and ends with
 * the code the README expects (0, or the `# exit N` it states). The section cannot drift from the CLI.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.ts';
import { DATA, REPO } from '../helpers/paths.ts';

interface Step {
  readonly command: string;
  readonly exit: number;
}

/** The bash blocks of one README section, a step per command line (the comment after `#` is not run). */
export function sectionSteps(readme: string, heading: string): Step[] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "## ${heading}"`);
  const end = readme.indexOf('\n## ', start + 4);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const steps: Step[] = [];
  for (const block of section.matchAll(/```bash\n([\s\S]*?)```/g)) {
    for (const line of block[1]!.split('\n')) {
      if (line.trim() === '' || line.trim().startsWith('#')) continue;
      const comment = line.search(/\s#\s/);
      const command = (comment < 0 ? line : line.slice(0, comment)).trim();
      const exit = /# exit (\d+)\s*$/.exec(line);
      steps.push({ command, exit: exit ? Number(exit[1]) : 0 });
    }
  }
  return steps;
}

describe('the README, run from top to bottom', () => {
  const steps = sectionSteps(readFileSync(join(REPO, 'README.md'), 'utf8'), 'The first hour, step by step');

  it('has the local and the rehearsal walk-through, each command a profile-sync command', () => {
    expect(steps.length).toBeGreaterThanOrEqual(12);
    for (const s of steps) expect(s.command).toMatch(/^npx profile-sync /);
    expect(steps.some((s) => s.command.includes('--bucket ./rehearsal'))).toBe(true);
  });

  it('every command ends as the README says, in order', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ps-readme-'));
    cpSync(DATA, join(cwd, 'data'), { recursive: true });
    const ran: string[] = [];
    for (const step of steps) {
      const line = step.command.replace(/^npx profile-sync /, `"${process.execPath}" "${BIN}" `);
      const r = spawnSync('bash', ['-c', line], { cwd, encoding: 'utf8', env: { ...process.env, PROFILE_SYNC_DEBUG: '' } });
      ran.push(`${step.command} → ${r.status}`);
      expect(r.status, `${ran.join('\n')}\n${r.stderr}`).toBe(step.exit);
      expect(r.stderr, step.command).not.toMatch(/unexpected failure|^\s+at /m);
      if (step.exit !== 0) expect(r.stderr.trim().split('\n').length, `${step.command}: one line on stderr`).toBeLessThanOrEqual(2);
    }
  }, 300_000);
});
