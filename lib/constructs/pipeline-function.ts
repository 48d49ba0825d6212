/** A pipeline Lambda with the project's defaults: Node.js 22 on arm64, minified ESM with source maps, its own log group. */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { join } from 'node:path';

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

/** esbuild settings shared with scripts/bundle-size.ts, so the budget measures what is deployed. */
export const BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
  /** Packages the Lambdas never use, replaced by stubs (see the stubs for why). */
  alias: { 'form-data': join(ROOT, 'functions', 'shared', 'form-data-stub.ts'), debug: join(ROOT, 'functions', 'shared', 'debug-stub.cjs') },
} as const;

export class PipelineFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    super(scope, id, {
      entry: join(ROOT, 'functions', props.handlerDir, 'handler.ts'),
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      timeout: props.timeout,
      memorySize: props.memorySize ?? 512,
      logGroup,
      environment: { NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: 'profile-sync', ...props.environment },
      // Versions stay when a deploy replaces them: an execution in flight still invokes the ones it started with.
      currentVersionOptions: { removalPolicy: RemovalPolicy.RETAIN },
      depsLockFilePath: join(ROOT, 'package-lock.json'),
      projectRoot: ROOT,
      bundling: {
        format: BUNDLING.format,
        target: BUNDLING.target,
        minify: BUNDLING.minify,
        sourceMap: BUNDLING.sourceMap,
        sourcesContent: BUNDLING.sourcesContent,
        mainFields: [...BUNDLING.mainFields],
        banner: BUNDLING.banner,
        esbuildArgs: Object.fromEntries(Object.entries(BUNDLING.alias).map(([from, to]) => [`--alias:${from}`, to])),
        externalModules: props.bundleAwsSdk ? [...RUNTIME_SDK_CLIENTS] : ['@aws-sdk/*'],
        forceDockerBundling: false,
      },
    });
  }
}
