/**
 * What a caught failure says in the owner's report and the run's summary
 * (functions/shared/step-failure.ts causeMessage): a Lambda's errorMessage; a
 * failed ECS task's Cause, which Step Functions gives as the stopped task
 * (DescribeTasks: network attachments first, exit codes last), read into one
 * line with the exit code's meaning and where the log is; plain text as it is.
 */
import { describe, expect, it } from 'vitest';
import { causeMessage } from '../../functions/shared/step-failure.ts';

const task = (containers: object[], extra: object = {}) =>
  JSON.stringify({
    Attachments: [{ Id: 'a1b2', Type: 'ElasticNetworkInterface', Status: 'DELETED', Details: [{ Name: 'subnetId', Value: 'subnet-0abc' }, { Name: 'networkInterfaceId', Value: 'eni-0def' }, { Name: 'macAddress', Value: '0a:1b:2c:3d:4e:5f' }, { Name: 'privateDnsName', Value: 'ip-10-0-0-17.ec2.internal' }, { Name: 'privateIPv4Address', Value: '10.0.0.17' }] }],
    Attributes: [{ Name: 'ecs.cpu-architecture', Value: 'arm64' }],
    AvailabilityZone: 'us-east-1a',
    ClusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/ProfileSync-DblpDumpCluster',
    Containers: containers,
    Cpu: '1024',
    LastStatus: 'STOPPED',
    LaunchType: 'FARGATE',
    Memory: '4096',
    StopCode: 'EssentialContainerExited',
    StoppedReason: 'Essential container in task exited',
    TaskArn: 'arn:aws:ecs:us-east-1:123456789012:task/ProfileSync-DblpDumpCluster/4f1c6e0a9b2d4c8e8a7f3b5d1e9c2a60',
    ...extra,
  });

describe('the cause of a caught failure, in one line', () => {
  it('a dump task that exited 1: its id, why it stopped, the exit code and what it means, where its log is (not the network details)', () => {
    const m = causeMessage(task([{ Name: 'dblp-dump', ExitCode: 1, LastStatus: 'STOPPED' }]));
    expect(m).toBe("ECS task 4f1c6e0a9b2d4c8e8a7f3b5d1e9c2a60 stopped (EssentialContainerExited: Essential container in task exited): container dblp-dump exit 1 (an error: the task's log has it); its log stream ends in /4f1c6e0a9b2d4c8e8a7f3b5d1e9c2a60");
    expect(m).not.toContain('eni-');
  });

  it('exit 75 and an out-of-memory kill say so; a task that never ran its container says that', () => {
    expect(causeMessage(task([{ Name: 'dblp-dump', ExitCode: 75 }]))).toContain("exit 75 (profiles left when its time ran out, or another run held dblp's lease)");
    expect(causeMessage(task([{ Name: 'dblp-dump', ExitCode: 137, Reason: 'OutOfMemoryError: Container killed due to memory usage' }]))).toContain('exit 137 (killed: out of memory, or stopped), OutOfMemoryError: Container killed due to memory usage');
    expect(causeMessage(task([{ Name: 'dblp-dump', Reason: 'CannotPullContainerError: pull image manifest has been retried 1 time(s)' }], { StopCode: 'TaskFailedToStart', StoppedReason: 'CannotPullContainerError' }))).toContain('(TaskFailedToStart: CannotPullContainerError): container dblp-dump no exit code (it did not run), CannotPullContainerError');
  });

  it('a Lambda error gives its errorMessage; plain text stays; none is said', () => {
    expect(causeMessage(JSON.stringify({ errorType: 'TypeError', errorMessage: 'x is undefined', trace: ['at a'] }))).toBe('x is undefined');
    expect(causeMessage('Task timed out after 900.00 seconds')).toBe('Task timed out after 900.00 seconds');
    expect(causeMessage(undefined)).toBe('no cause given');
  });
});
