import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeVpcEndpointServiceConfigurationsCommand,
  EC2Client,
  ModifyVpcEndpointServiceConfigurationCommand,
} from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { main, USAGE } from '../../scripts/enable-azs';
import { scratchDir } from '../scratch';

const ec2 = mockClient(EC2Client);
const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const sts = mockClient(STSClient);

const SERVICE_ID = 'vpce-svc-0123456789abcdef0';
const NLB = 'arn:aws:elasticloadbalancing:ap-northeast-1:111111111111:loadbalancer/net/privapi-service-nlb/1';

/** A clock the fake sleep advances: the wait loop runs at test speed. */
function clock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), pollMs: 15_000 };
}

async function run(argv: string[], options = {}) {
  const file = path.join(scratchDir('enable-azs'), 'config.json');
  writeFileSync(file, JSON.stringify({}));
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, { PRIVATE_API_CONFIG: file }, {
    ec2: new EC2Client({ region: 'ap-northeast-1' }),
    elbv2: new ElasticLoadBalancingV2Client({ region: 'ap-northeast-1' }),
    sts: new STSClient({ region: 'ap-northeast-1' }),
    ...clock(),
    ...options,
  });
  return { code, out, err };
}

/** The service offers `offered` (successive reads), its NLB is in `nlbZones`. */
function service(offered: string[][], nlbZones: string[], state = 'active') {
  sts.on(GetCallerIdentityCommand).resolves({ Account: '111111111111' });
  const describe = ec2.on(DescribeVpcEndpointServiceConfigurationsCommand);
  const reads = offered.map((zones) => ({ ServiceConfigurations: [{ ServiceId: SERVICE_ID, NetworkLoadBalancerArns: [NLB], AvailabilityZones: zones }] }));
  reads.forEach((r) => describe.resolvesOnce(r));
  describe.resolves(reads[reads.length - 1]);
  ec2.on(ModifyVpcEndpointServiceConfigurationCommand).resolves({ Return: true });
  elbv2.on(DescribeLoadBalancersCommand).resolves({
    LoadBalancers: [{ LoadBalancerArn: NLB, State: { Code: state as 'active' }, AvailabilityZones: nlbZones.map((ZoneName) => ({ ZoneName })) }],
  });
}

beforeEach(() => {
  ec2.reset();
  elbv2.reset();
  sts.reset();
});

const ABC = ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'];

describe('enable-azs', () => {
  it('calls ModifyVpcEndpointServiceConfiguration with the service id alone when the NLB has an AZ the service lacks', async () => {
    service([['ap-northeast-1a', 'ap-northeast-1c'], ABC], ABC);
    const { code, out } = await run(['--service-id', SERVICE_ID]);
    expect(code).toBe(0);
    const calls = ec2.commandCalls(ModifyVpcEndpointServiceConfigurationCommand);
    expect(calls.map((c) => c.args[0].input)).toEqual([{ ServiceId: SERVICE_ID }]);
    expect(out).toEqual([
      `${SERVICE_ID}: enabling ap-northeast-1d (load balancer AZs: ${ABC.join(', ')})`,
      `${SERVICE_ID}: now offered in ${ABC.join(', ')}`,
    ]);
  });

  it('does nothing when every AZ is offered (idempotent)', async () => {
    service([ABC], ABC);
    const { code, out } = await run([]);
    expect(code).toBe(0);
    expect(ec2.commandCalls(ModifyVpcEndpointServiceConfigurationCommand)).toHaveLength(0);
    expect(out).toEqual([`${SERVICE_ID}: already offered in every AZ of its load balancer (${ABC.join(', ')}): nothing to do`]);
  });

  it('waits while the AZ is not ready, calling again until AWS offers it', async () => {
    const two = ['ap-northeast-1a', 'ap-northeast-1c'];
    service([two, two, two, two, ABC], ABC);
    const { code } = await run(['--service-id', SERVICE_ID]);
    expect(code).toBe(0);
    expect(ec2.commandCalls(ModifyVpcEndpointServiceConfigurationCommand).length).toBe(2);
  });

  it('does not call while the NLB is still provisioning its new subnet', async () => {
    service([['ap-northeast-1a']], ['ap-northeast-1a', 'ap-northeast-1c'], 'provisioning');
    const { code, out } = await run(['--service-id', SERVICE_ID, '--timeout', '60']);
    expect(code).toBe(1);
    expect(ec2.commandCalls(ModifyVpcEndpointServiceConfigurationCommand)).toHaveLength(0);
    expect(out.at(-1)).toMatch(/FAILED: still not offered in ap-northeast-1c .*run `npm run enable-azs` again/);
  });

  it('fails after the timeout, naming the AZs still missing', async () => {
    service([['ap-northeast-1a']], ['ap-northeast-1a', 'ap-northeast-1c']);
    const { code, out } = await run(['--timeout', '30']);
    expect(code).toBe(1);
    expect(out.at(-1)).toMatch(/FAILED: still not offered in ap-northeast-1c/);
  });

  it('refuses credentials of another account (the lookup would find nothing and report success)', async () => {
    service([ABC], ABC);
    sts.on(GetCallerIdentityCommand).resolves({ Account: '999999999999' });
    const { code, err } = await run([]);
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/credentials are for account 999999999999, not the service account 111111111111/);
  });

  it('says when there is no endpoint service (no PrivateLink customer)', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111111111111' });
    ec2.on(DescribeVpcEndpointServiceConfigurationsCommand).resolves({ ServiceConfigurations: [] });
    const { code, out } = await run([]);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/No endpoint service tagged Project=privapi, Stack=service/);
  });

  it('fails on bad arguments with the usage, and prints it for --help', async () => {
    const bad = await run(['--service-id', 'svc-1']);
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toMatch(/--service-id: expected an endpoint service id like vpce-svc-/);
    expect((await run(['--timeout', 'soon'])).err.join('\n')).toMatch(/--timeout: expected a whole number of seconds, received "soon"/);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toEqual([USAGE]);
  });
});
