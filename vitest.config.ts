import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that replace a module (vi.mock) or patch a shared class (aws-sdk-client-mock's mockClient stubs
 * S3Client.prototype.send for every client in the worker): they run in a module cache of their own.
 */
export const MOCKING = ['test/store/fs-store-lock.test.ts', 'test/integration/s3-conditional.test.ts'];

/**
 * The files that take longest (file time on the 2-core machine, most first): they start first, so a run does not
 * end with one of them alone on a core. vitest orders by the times of the last run when it has them (not on a fresh
 * clone: then by file size, which put the 35-second cdk synth last); these go first either way.
 */
const LONGEST = [
  'test/hostile/corpus.test.ts',
  'test/infra/synth.test.ts',
  'test/workflow/fault-matrix.test.ts',
  'test/workflow/on-s3.test.ts',
  'test/readme/walkthrough.test.ts',
  'test/browser/review-web.test.ts',
  'test/workflow/dblp-dump-night.test.ts',
  'test/hostile/user-errors.test.ts',
  'test/hostile/size-limits.test.ts',
  'test/integration/s3-sync.test.ts',
  'test/infra/iam-owner.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const order = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONGEST.indexOf(relative(f.project.config.root, f.moduleId));
      return i < 0 ? LONGEST.length : i;
    };
    return order.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

const shared = {
  // Watchdogs, not deadlines: a test whose outcome depends on time uses a virtual clock. Generous, so a loaded
  // machine (CI beside other work) never turns a slow pass into a failure.
  testTimeout: 60_000,
  hookTimeout: 60_000,
  restoreMocks: true,
  env: {
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
  },
};

export default defineConfig({
  test: {
    // One temporary folder for the run (TMPDIR), in memory where there is room, removed at the end.
    globalSetup: ['test/helpers/temp-root.ts'],
    sequence: { sequencer: LongestFirst },
    // Many suites wait on child processes, servers and a browser rather than compute: more
    // workers than the 2 cores of our machines keep both busy (vitest's default here is 1).
    maxWorkers: 3,
    projects: [
      {
        test: {
          ...shared,
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: MOCKING,
          // Test files share a worker's module cache (aws-cdk-lib, the SDK and our sources load once per worker,
          // not once per file): about 45% less CPU. Files must not leave global state behind: spies are restored
          // after each test, fake timers and captured streams in finally blocks, and a file that mocks a module
          // (vi.mock) goes in the isolated project instead.
          isolate: false,
          // After each file: the S3 client unpatched and real timers, or that file fails.
          setupFiles: ['test/helpers/worker-hygiene.ts'],
        },
      },
      { test: { ...shared, name: 'isolated', include: MOCKING, isolate: true } },
    ],
  },
});
