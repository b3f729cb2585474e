/**
 * What the verify specs share: the mocked AWS SDK clients, the default outputs and configs, a fake SSM that answers
 * by URL, a fake clock, and `run` (the CLI with its output collected).
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeInstanceInformationCommand, GetCommandInvocationCommand, SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { deepMerge, DEFAULT_CONFIG_INPUT, parseConfig } from '../../config';
import { main } from '../../scripts/verify/cli';
import { StackOutputs } from '../../scripts/verify/outputs';
import { RESULT_MARK } from '../../scripts/verify/shell';
import { scratchDir } from '../scratch';

export type { StackOutputs } from '../../scripts/verify/outputs';


export const ssm = mockClient(SSMClient);
export const sts = mockClient(STSClient);
export const elb = mockClient(ElasticLoadBalancingV2Client);

export const API = 'a1b2c3d4e5';
export const HOST = `${API}.execute-api.ap-northeast-1.amazonaws.com`;
export const NLB = 'privapi-service-nlb-0123456789abcdef.elb.ap-northeast-1.amazonaws.com';
export const SERVICE_I = 'i-0aaaaaaaaaaaaaaa1';
export const CUSTOMER_I = 'i-0bbbbbbbbbbbbbbb2';
export const PARTNER_I = 'i-0ccccccccccccccc3';
export const CERT = 'arn:aws:acm:ap-northeast-1:111111111111:certificate/12345678-1234-1234-1234-123456789012';

export const defaultOutputs = (): StackOutputs => ({
  service: {
    api_id: API,
    test_instance_id: SERVICE_I,
    curl_in_service_vpc: `curl 'https://${HOST}/prod'`,
    curl_through_nlb: `curl -k 'https://${NLB}/prod' -H 'x-apigw-api-id: ${API}'`,
  },
  customer: { test_instance_id: CUSTOMER_I, curl: `curl -k 'https://vpce.hoge.co.jp/prod' -H 'x-apigw-api-id: ${API}'` },
});

export const twoModes = {
  customers: [
    { name: 'customer', accountId: '222222222222', vpcCidr: '10.1.0.0/16', connectivity: 'privatelink' },
    { name: 'partner', accountId: '333333333333', vpcCidr: '10.2.0.0/16', connectivity: 'peering' },
  ],
  customDomain: { name: 'api.hoge.co.jp', certificateArn: CERT },
};
export const defaultConfig = () => parseConfig(DEFAULT_CONFIG_INPUT);
export const twoModesConfig = () => parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, twoModes));

/** What the command built by buildShellCommand prints on the instance. */
export function stdout(rc: number, status: string, body = '', err = ''): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return `${RESULT_MARK} rc=${rc} status=${status} body=${b64(body)} err=${b64(err)}\n`;
}
export const HELLO = stdout(0, '200', 'Hello from Lambda');

/** Both modes' consumers with test instances: every line times out (curl exit 28) but the custom domain's. */
export function timeoutButCustomDomain(): StackOutputs {
  fakeSsm((url) => ({
    Status: 'Success',
    StandardOutputContent: url.includes('api.hoge') ? HELLO : stdout(28, '000', '', 'curl: (28) Connection timed out after 10001 milliseconds'),
  }));
  return {
    customer: { test_instance_id: CUSTOMER_I, curl: `curl -k 'https://vpce.hoge.co.jp/prod' -H 'x-apigw-api-id: ${API}'` },
    partner: { test_instance_id: PARTNER_I, curl: `curl 'https://${HOST}/prod'`, curl_custom_domain: "curl 'https://api.hoge.co.jp/'" },
  };
}

/** Instances Online; each SendCommand gets id `cmd-<instance>-<n>`; GetCommandInvocation answers `answer(url)`. */
export function fakeSsm(answer: (url: string) => { Status: string; StandardOutputContent?: string; StandardErrorContent?: string; StatusDetails?: string }) {
  ssm.on(DescribeInstanceInformationCommand).callsFake((input) => ({
    InstanceInformationList: input.Filters[0].Values.map((id: string) => ({ InstanceId: id, PingStatus: 'Online' })),
  }));
  const urls = new Map<string, string>();
  let n = 0;
  ssm.on(SendCommandCommand).callsFake((input) => {
    const id = `cmd-${input.InstanceIds[0]}-${n++}`;
    urls.set(id, /'(https:\/\/[^']+)'/.exec(input.Parameters.commands[0])![1]);
    return { Command: { CommandId: id } };
  });
  ssm.on(GetCommandInvocationCommand).callsFake((input) => answer(urls.get(input.CommandId)!));
}

/** A fake clock: sleeping advances it, so waits and time limits cost nothing. */
export function clock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

export interface Run {
  code: number;
  out: string[];
  err: string[];
}

export async function run(argv: string[], options: { outputs?: StackOutputs | string | null; config?: object } = {}): Promise<Run> {
  const dir = scratchDir('verify');
  const env: NodeJS.ProcessEnv = {};
  if (options.config) {
    env.PRIVATE_API_CONFIG = path.join(dir, 'config.json');
    writeFileSync(env.PRIVATE_API_CONFIG, JSON.stringify(options.config));
  }
  const file = path.join(dir, 'outputs.json');
  const outputs = options.outputs === undefined ? defaultOutputs() : options.outputs;
  if (outputs !== null) writeFileSync(file, typeof outputs === 'string' ? outputs : JSON.stringify(outputs));
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['--outputs-file', file, ...argv], { out: (l) => out.push(l), err: (l) => err.push(l) }, env, { ...clock(), pollMs: 1000 });
  return { code, out, err };
}

/** Every mock back to no behaviour and no calls: each spec calls it before each test. */
export function resetAws(): void {
  ssm.reset();
  sts.reset();
  elb.reset();
}
