/**
 * The emulator tier: the user's own `cdktf deploy` into a local two-account AWS (moto), then the chain is read
 * back with the AWS SDK, re-planned (must be empty) and destroyed (must leave nothing).
 *
 * Accounts are reached exactly as in production, by `assume_role` into each account's deploy role; only the
 * endpoint differs, and it comes from the environment (AWS_ENDPOINT_URL), so the synthesized JSON is the same.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DeregisterTargetsCommand, DescribeTargetGroupsCommand, RegisterTargetsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ModifyVpcEndpointServicePermissionsCommand } from '@aws-sdk/client-ec2';
import { offlineTerraformEnv, PROJECT_ROOT, ToolchainError } from '../tools/terraform-env';
import { describeEngine } from '../__tests__/engine/toolchain';
import { ensureVenv } from '../tools/python-venv';
import { Emulator, startEmulator } from './moto';
import { AccountClients, accountClients, BASE_CREDENTIALS } from './aws';
import * as check from './assertions';

const REGION = 'ap-northeast-1';
const WORK = path.join(PROJECT_ROOT, '.e2e');
const OUTDIR = path.join(WORK, 'cdktf.out');
const ACCOUNTS = { service: '111111111111', customer: '222222222222', partner: '333333333333' };
const roleArn = (account: string) => `arn:aws:iam::${account}:role/deploy`;

/** The deployed config: the seed's PrivateLink customer plus a peering one (seed 2), by assume_role. */
const CONFIG = {
  service: { roleArn: roleArn(ACCOUNTS.service) },
  customers: [
    { name: 'customer', accountId: ACCOUNTS.customer, roleArn: roleArn(ACCOUNTS.customer), vpcCidr: '10.1.0.0/16', connectivity: 'privatelink' },
    { name: 'partner', accountId: ACCOUNTS.partner, roleArn: roleArn(ACCOUNTS.partner), vpcCidr: '10.2.0.0/16', connectivity: 'peering' },
  ],
};
const STACKS = ['service', ...CONFIG.customers.map((c) => c.name)];

const timings: Record<string, number> = {};
async function timed<T>(phase: string, fn: () => Promise<T> | T): Promise<T> {
  const start = Date.now();
  try {
    return await fn();
  } finally {
    timings[phase] = (timings[phase] ?? 0) + (Date.now() - start) / 1000;
  }
}

let emulator: Emulator | undefined;
let env: NodeJS.ProcessEnv;

/** Runs a command with the e2e environment; the output goes to .e2e/<log>.log and into the error on failure. */
function run(log: string, command: string, args: string[], cwd = PROJECT_ROOT, okCodes = [0]): number {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const output = `$ ${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`;
  writeFileSync(path.join(WORK, `${log}.log`), output);
  if (result.error || !okCodes.includes(result.status ?? -1)) {
    throw new Error(`${log} failed (exit ${result.status}): ${result.error?.message ?? ''}\n${output.slice(-6000)}`);
  }
  return result.status!;
}

const cdktf = (log: string, ...args: string[]) => run(log, 'npx', ['cdktf', ...args, '--skip-provider-lock', '--output', OUTDIR]);

function probePython(): void {
  const python = process.env.PYTHON ?? 'python3';
  const probe = spawnSync(python, ['-c', 'import sys; assert sys.version_info >= (3, 9)'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new ToolchainError(`Python >= 3.9 ("${python}") is needed for the emulator; set PYTHON to its path`);
  }
}

describeEngine('e2e tier: cdktf deploy service customer partner, into the moto emulator', () => {
  let service: AccountClients;
  let customer: AccountClients;
  let partner: AccountClients;
  let outputs: Record<string, Record<string, any>>;

  beforeAll(async () => {
    await timed('setup', async () => {
      rmSync(WORK, { recursive: true, force: true });
      mkdirSync(WORK, { recursive: true });
      const terraformEnv = offlineTerraformEnv();
      emulator = await startEmulator(ensureVenv(), path.join(WORK, 'moto.log'));
      writeFileSync(path.join(WORK, 'config.json'), JSON.stringify(CONFIG, null, 2));
      env = {
        ...process.env,
        ...terraformEnv,
        PRIVATE_API_CONFIG: path.join(WORK, 'config.json'),
        AWS_ENDPOINT_URL: emulator.url,
        AWS_ACCESS_KEY_ID: BASE_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: BASE_CREDENTIALS.secretAccessKey,
        AWS_REGION: REGION,
        AWS_DEFAULT_REGION: REGION,
        // Fail fast on an API the emulator lacks instead of the provider's 25 retries.
        AWS_MAX_ATTEMPTS: '2',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        CI: '1',
        FORCE_COLOR: '0',
      };
      delete env.AWS_PROFILE;
      delete env.AWS_SESSION_TOKEN;
    });
    await timed('deploy', () => cdktf('deploy', 'deploy', ...STACKS, '--auto-approve', '--outputs-file', path.join(WORK, 'outputs.json')));
    outputs = JSON.parse(readFileSync(path.join(WORK, 'outputs.json'), 'utf8'));
    [service, customer, partner] = await Promise.all(
      [ACCOUNTS.service, ACCOUNTS.customer, ACCOUNTS.partner].map((a) => accountClients(emulator!.url, REGION, roleArn(a))),
    );
  }, 1_200_000);

  afterAll(async () => {
    await emulator?.stop();
    const report = Object.entries(timings).map(([phase, s]) => `${phase}=${s.toFixed(1)}s`).join(' ');
    writeFileSync(path.join(WORK, 'timings.json'), JSON.stringify(timings, null, 2));
    process.stdout.write(`e2e timings: ${report}\n`);
  });

  const live = (name: string, fn: () => Promise<void>) => it(name, () => timed('assert', fn), 60_000);

  live('the NLB targets are the private IPs of the execute-api endpoint ENIs', async () => {
    const ips = await check.expectTargetsAreEndpointEnis(service, REGION, 'privapi-service-execute-api');
    ips.forEach((ip) => expect(ip).toMatch(/^10\.0\.(\d+)\.\d+$/));
  });

  live('the endpoint service admits exactly the PrivateLink customer account', async () => {
    await check.expectAllowedPrincipals(service, [ACCOUNTS.customer]);
  });

  live('the customer endpoint connects to the service\'s endpoint service (name passed across stacks)', async () => {
    const { name } = await check.endpointServiceName(service);
    const endpoint = await check.findEndpoint(customer, name);
    expect(endpoint.VpcId).toBe(await check.vpcByCidr(customer, '10.1.0.0/16'));
    expect(outputs.service.endpoint_service_name).toBe(name);
    expect(outputs.customer.endpoint_id).toBe(endpoint.VpcEndpointId);
  });

  live('vpce.hoge.co.jp is a private alias to the customer endpoint', async () => {
    const { name } = await check.endpointServiceName(service);
    const endpoint = await check.findEndpoint(customer, name);
    await check.expectPrivateAlias(customer, 'hoge.co.jp', 'vpce.hoge.co.jp', endpoint.VpcId!, {
      dnsName: endpoint.DnsEntries![0].DnsName!,
      hostedZoneId: endpoint.DnsEntries![0].HostedZoneId!,
    });
  });

  live('the API is PRIVATE, bound to the service endpoint, with stage prod and the shipped Lambda', async () => {
    const endpoint = await check.findEndpoint(service, `com.amazonaws.${REGION}.execute-api`);
    const apiId = await check.expectPrivateApi(service, 'privapi-service-api', 'prod', endpoint.VpcEndpointId!);
    const serviceDir = path.join(OUTDIR, 'stacks', 'service');
    const [fn] = Object.values(JSON.parse(readFileSync(path.join(serviceDir, 'cdk.tf.json'), 'utf8')).resource.aws_lambda_function) as { filename: string }[];
    await check.expectFunction(service, 'privapi-service-api', path.join(serviceDir, fn.filename));
    expect(outputs.service.api_id).toBe(apiId);
    expect(outputs.service.execute_api_endpoint_id).toBe(endpoint.VpcEndpointId);
  });

  live('the outputs give the exact lines the README tells users to run', async () => {
    const apiId = outputs.service.api_id;
    expect(outputs.service.invoke_url).toBe(`https://${apiId}.execute-api.${REGION}.amazonaws.com/prod`);
    expect(outputs.service.curl_in_service_vpc).toBe(`curl https://${apiId}.execute-api.${REGION}.amazonaws.com/prod`);
    expect(outputs.service.curl_through_nlb).toBe(`curl -k https://${outputs.service.nlb_dns_name}/prod -H 'x-apigw-api-id: ${apiId}'`);
    expect(outputs.customer.curl).toBe(`curl -k https://vpce.hoge.co.jp/prod -H 'x-apigw-api-id: ${apiId}'`);
    expect(outputs.partner.curl).toBe(`curl https://${apiId}.execute-api.${REGION}.amazonaws.com/prod`);
    for (const stack of STACKS) {
      expect(outputs[stack].ssm_session_command).toBe(`aws ssm start-session --region ${REGION} --target ${outputs[stack].test_instance_id}`);
      expect(outputs[stack].test_instance_id).toMatch(/^i-[0-9a-f]+$/);
    }
  });

  live('peering: active, routed both ways, and the service endpoint admits the partner CIDR on 443', async () => {
    const serviceVpcId = await check.vpcByCidr(service, '10.0.0.0/16');
    const partnerVpcId = await check.vpcByCidr(partner, '10.2.0.0/16');
    const peeringId = await check.expectPeering(partner, service, {
      customerVpcId: partnerVpcId,
      customerCidr: '10.2.0.0/16',
      serviceVpcId,
      serviceCidr: '10.0.0.0/16',
    });
    expect(outputs.partner.peering_connection_id).toBe(peeringId);
    const endpoint = await check.findEndpoint(service, `com.amazonaws.${REGION}.execute-api`);
    expect(await check.ingressRules(service, endpoint.Groups![0].GroupId!)).toEqual([
      ['tcp', 443, 443, '10.0.0.0/16'],
      ['tcp', 443, 443, '10.2.0.0/16'],
    ]);
  });

  live('peering: the API-named private zone aliases its apex to the service execute-api endpoint', async () => {
    const apiId = outputs.service.api_id;
    const endpoint = await check.findEndpoint(service, `com.amazonaws.${REGION}.execute-api`);
    const zone = `${apiId}.execute-api.${REGION}.amazonaws.com`;
    await check.expectPrivateAlias(partner, zone, zone, await check.vpcByCidr(partner, '10.2.0.0/16'), {
      dnsName: endpoint.DnsEntries![0].DnsName!,
      hostedZoneId: endpoint.DnsEntries![0].HostedZoneId!,
    });
  });

  live('the checks catch a broken link: a wrong NLB target, a dropped principal', async () => {
    const { TargetGroups } = await service.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['privapi-service-execute-api'] }));
    const TargetGroupArn = TargetGroups![0].TargetGroupArn!;
    const bogus = [{ Id: '10.0.99.99', Port: 443 }];
    await service.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn, Targets: bogus }));
    await expect(check.expectTargetsAreEndpointEnis(service, REGION, 'privapi-service-execute-api')).rejects.toThrow();
    await service.elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn, Targets: bogus }));
    await check.expectTargetsAreEndpointEnis(service, REGION, 'privapi-service-execute-api');

    const { id: ServiceId } = await check.endpointServiceName(service);
    const principal = [`arn:aws:iam::${ACCOUNTS.customer}:root`];
    await service.ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId, RemoveAllowedPrincipals: principal }));
    await expect(check.expectAllowedPrincipals(service, [ACCOUNTS.customer])).rejects.toThrow();
    await service.ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId, AddAllowedPrincipals: principal }));
    await check.expectAllowedPrincipals(service, [ACCOUNTS.customer]);
  });

  it('a second plan of every stack has no changes', async () => {
    await timed('plan', async () => {
      for (const stack of STACKS) {
        // -detailed-exitcode: 0 = no changes, 2 = changes, 1 = error.
        const code = run(`plan-${stack}`, env.TERRAFORM_BINARY_NAME ?? 'terraform',
          ['plan', '-detailed-exitcode', '-input=false', '-lock=false', '-no-color'], path.join(OUTDIR, 'stacks', stack), [0, 2]);
        expect({ stack, changes: code === 2 ? readFileSync(path.join(WORK, `plan-${stack}.log`), 'utf8').slice(-4000) : 'none' }).toEqual({ stack, changes: 'none' });
      }
    });
  }, 600_000);

  it('destroy (cdktf orders it: consumers first) leaves nothing behind', async () => {
    await timed('destroy', () => cdktf('destroy', 'destroy', ...STACKS, '--auto-approve'));
    // The producer went last: its state emptied after every consumer's.
    const emptiedAt = (stack: string) => statSync(path.join(WORK, `terraform.${stack}.tfstate`)).mtimeMs;
    for (const consumer of STACKS.slice(1)) expect(emptiedAt(consumer)).toBeLessThan(emptiedAt('service'));
    for (const clients of [service, customer, partner]) {
      expect({ account: clients.accountId, ...(await check.leftovers(clients)) }).toEqual({
        account: clients.accountId,
        vpcs: [],
        endpoints: [],
        endpointServices: [],
        loadBalancers: [],
        restApis: [],
        functions: [],
        hostedZones: [],
        instances: [],
      });
    }
  }, 900_000);
}, probePython);
