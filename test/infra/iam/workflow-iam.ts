/**
 * One CallLog for a whole test file that executes the synthesized workflow
 * (test/workflow/local-cloud.ts): every function's store calls and service
 * calls, the state machine's own (Map items/results, Lambda invokes, its SNS
 * messages) and a deploy's (BucketDeployment staging, seeding), recorded per
 * caller as the runs happen, and evaluated once at the end against the
 * policies the same template attaches to each caller (stack-access.ts).
 * Used by test/infra/iam-workflow.test.ts and by the files that run many
 * nights (the fault matrix, the owner's loop, the dblp dump night), so the
 * evaluation costs one pass over calls already made, not extra runs.
 */
import type { Store } from '../../../src/store/store.ts';
import type { LocalCloudOptions } from '../../workflow/local-cloud.ts';
import type { SynthesizedWorkflow } from '../../workflow/synthesized-workflow.ts';
import { CallLog } from './recorded-calls.ts';
import { describeViolation, distinct, evaluateCalls, type Caller, type StackResources } from './stack-access.ts';
import { TemplatePolicies } from './template-policies.ts';

export interface WorkflowIam {
  readonly log: CallLog;
  /** LocalCloud options that record every caller's calls in `log`. */
  readonly recording: Pick<LocalCloudOptions, 'storeAs' | 'onServiceCall'>;
  /** The stores a deploy's two callers (BucketDeployment handler, seeding function) reach, recorded (world.ts deploy's `as`). */
  deployAs(store: Store): { staging: Store; seed: Store };
  /** The BucketDeployment handler's logical id. */
  readonly deployer: string;
  /** Every recorded call evaluated; distinct violations, described. */
  violations(): Promise<string[]>;
  /** How many IAM requests were recorded (the evaluator is not vacuous). */
  requestCount(): number;
}

export function workflowIam(workflow: SynthesizedWorkflow): WorkflowIam {
  const policies = new TemplatePolicies(workflow.template);
  const resources: StackResources = { policies, bucketId: workflow.ids.bucket, topicId: workflow.ids.topic, keyId: workflow.ids.key };
  const deployer = policies.idsOf('AWS::Lambda::Function').find((id) => id.startsWith('CustomCDKBucketDeployment'))!;
  const log = new CallLog(workflow.bucketName);
  // The state machine, the dblp dump task (its task definition's id: the task role), or a function.
  const callerOf = (caller: string): Caller => {
    const role = caller === 'Workflow' ? policies.roleOfStateMachine(workflow.ids.stateMachine) : caller === workflow.dumpTask?.id ? workflow.dumpTask.roleId : policies.roleOfFunction(caller);
    return { principal: policies.roleArn(role), identity: policies.rolePolicies(role) };
  };
  return {
    log,
    deployer,
    recording: {
      storeAs: (caller, s) => log.store(s, caller),
      onServiceCall: (caller, action, resource) => log.record(caller, `${action} ${resource}`, [{ action, resource }]),
    },
    deployAs: (store) => ({ staging: log.store(store, deployer), seed: log.store(store, workflow.ids.seed) }),
    violations: async () => distinct(await evaluateCalls(log.calls, callerOf, resources)).map(describeViolation),
    requestCount: () => log.calls.reduce((n, c) => n + c.requests.length, 0),
  };
}
