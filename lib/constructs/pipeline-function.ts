/** A pipeline Lambda with the project's defaults: Node.js 22 on arm64, minified ESM with source maps, its own log group. */
import { AssetHashType, DockerImage, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { buildSync, type BuildOptions } from 'esbuild';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface PipelineFunctionProps {
  /** Folder under functions/ holding handler.ts. */
  readonly handlerDir: 'discover' | 'harvest-arxiv' | 'harvest-dblp' | 'close-gaps' | 'reconcile' | 'notify' | 'summarize' | 'seed' | 'review-web';
  readonly timeout: Duration;
  readonly memorySize?: number;
  readonly environment: Record<string, string>;
  /** Bundle @aws-sdk (the harvesters, reconcile, notify, seed: a pinned SDK that sends If-Match / If-None-Match) or use the runtime's (discover and the summary, which write create-only or plainly: smaller). */
  readonly bundleAwsSdk: boolean;
}

/**
 * SDK clients always taken from the Lambda runtime, even by a function that bundles its S3 client: SSM (the
 * review key ring) needs no pinned behaviour, and bundling it would add ~100 kB to notify and the review page.
 */
export const RUNTIME_SDK_CLIENTS = ['@aws-sdk/client-ssm'] as const;

/** The esbuild settings bundleOptions gives every bundle (the Lambdas, the dump task, scripts/bundle-size.ts's). */
const BUNDLING = {
  target: 'node22',
  minify: true,
  mainFields: ['module', 'main'],
  banner: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
  /** Packages the Lambdas never use, replaced by stubs (see the stubs for why). */
  alias: { 'form-data': join(ROOT, 'functions', 'shared', 'form-data-stub.ts'), debug: join(ROOT, 'functions', 'shared', 'debug-stub.cjs') },
} as const;

/**
 * What the Lambdas and the dblp dump task are built with: one ESM file for Node 22 with its packages (but
 * `external`), minified, with a source map (no sources inside: the stack traces name files and lines).
 */
export function bundleOptions(entry: string, outfile: string, external: readonly string[]): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLING.target,
    minify: BUNDLING.minify,
    sourcemap: true,
    sourcesContent: false,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    alias: { ...BUNDLING.alias },
    external: [...external],
    logLevel: 'warning',
  };
}

/**
 * The function's code: its handler bundled by esbuild's API in the synthesizing process, when the stack is
 * bundled (cdk synth, deploy); a stack synthesized without bundling (the tests' in-process stacks) skips it, as
 * for any asset. (aws-lambda-nodejs's NodejsFunction runs the same esbuild as `npx --no-install esbuild`, a
 * process of npm's for each function: ~1 s of CPU each before esbuild starts.) The asset hash is the output's.
 */
function bundledCode(entry: string, external: readonly string[]): Code {
  const command = ['esbuild', relative(ROOT, entry), '--bundle', '--format=esm', `--target=${BUNDLING.target}`, ...external.map((e) => `--external:${e}`)];
  return Code.fromAsset(ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Only if local bundling declined, which it never does (esbuild is a dependency): a build error stops synth.
      image: DockerImage.fromRegistry('unused-local-bundling'),
      // Part of the asset's cache key, so each function's asset is its own.
      command,
      local: {
        tryBundle(outputDir: string): boolean {
          buildSync(bundleOptions(entry, join(outputDir, 'index.mjs'), external));
          return true;
        },
      },
    },
  });
}

export class PipelineFunction extends LambdaFunction {
  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    super(scope, id, {
      code: bundledCode(join(ROOT, 'functions', props.handlerDir, 'handler.ts'), props.bundleAwsSdk ? [...RUNTIME_SDK_CLIENTS] : ['@aws-sdk/*']),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      timeout: props.timeout,
      memorySize: props.memorySize ?? 512,
      logGroup,
      environment: { NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: 'profile-sync', ...props.environment },
      // Versions stay when a deploy replaces them: an execution in flight still invokes the ones it started with.
      currentVersionOptions: { removalPolicy: RemovalPolicy.RETAIN },
    });
  }
}
