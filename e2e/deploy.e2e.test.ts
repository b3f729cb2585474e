/**
 * The emulator tier: the user's own `cdktf deploy` into a local multi-account AWS (moto), then the chain is read
 * back with the AWS SDK, re-planned (must be empty), put through the Day-2 drills (reorder the AZs, add one,
 * revoke a consumer, recover from a failed apply) and destroyed (must leave nothing).
 *
 * Accounts are reached exactly as in production, by `assume_role` into each account's deploy role; only the
 * endpoint differs, and it comes from the environment (AWS_ENDPOINT_URL), so the synthesized JSON is the same.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DeregisterTargetsCommand, DescribeTargetGroupsCommand, RegisterTargetsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateVpcEndpointCommand, DescribeVpcEndpointServiceConfigurationsCommand, ModifyVpcEndpointServicePermissionsCommand } from '@aws-sdk/client-ec2';
import { CreateHostedZoneCommand, DeleteHostedZoneCommand } from '@aws-sdk/client-route-53';
import { offlineTerraformEnv, PROJECT_ROOT, ToolchainError } from '../tools/terraform-env';
import { describeEngine } from '../__tests__/engine/toolchain';
import { ensureVenv } from '../tools/python-venv';
import { Emulator, startEmulator } from './moto';
import { AccountClients, accountClients, BASE_CREDENTIALS } from './aws';
import * as check from './assertions';
import { DrillKit, TransportConsumers } from './transport-drills';

const REGION = 'ap-northeast-1';
const WORK = path.join(PROJECT_ROOT, '.e2e');
const OUTDIR = path.join(WORK, 'cdktf.out');
const ACCOUNTS = {
  service: '111111111111',
  customer: '222222222222',
  partner: '333333333333',
  acme: '444444444444',
  brought: '555555555555',
  broughtPeer: '666666666666',
  overseas: '777777777777',
};
const roleArn = (account: string) => `arn:aws:iam::${account}:role/deploy`;
const DOMAIN = 'api.hoge.co.jp';
const TARGET_GROUP = 'privapi-service-execute-api';
const EXECUTE_API = `com.amazonaws.${REGION}.execute-api`;

/**
 * The deployed config: the seed's PrivateLink customer, a peering one (seed 2), a second PrivateLink consumer
 * (acme, revoked in a drill), a custom domain validated in a public zone, and every observability option on.
 */
const customers = {
  customer: { name: 'customer', accountId: ACCOUNTS.customer, roleArn: roleArn(ACCOUNTS.customer), vpcCidr: '10.1.0.0/16', connectivity: 'privatelink' },
  partner: { name: 'partner', accountId: ACCOUNTS.partner, roleArn: roleArn(ACCOUNTS.partner), vpcCidr: '10.2.0.0/16', connectivity: 'peering' },
  acme: { name: 'acme', accountId: ACCOUNTS.acme, roleArn: roleArn(ACCOUNTS.acme), vpcCidr: '10.3.0.0/16', connectivity: 'privatelink', testInstance: false },
};
let validationZoneId = '';

/**
 * Consumers that join on Day 2 (the previous release cannot describe them): two on networks they already had
 * (PrivateLink with its own private zone, peering with its own route table) and one in another region (PrivateLink
 * cross-Region). Networks are created with the SDK before any stack knows them.
 */
const BROUGHT_AZS = ['apne1-az1', 'apne1-az2', 'apne1-az4'];
let brought: check.BroughtNetwork | undefined;
let broughtPeer: check.BroughtNetwork | undefined;
let overseasWest = false;
function joined(azIds: string[]): Record<string, unknown>[] {
  if (!brought || !broughtPeer) return [];
  const subnets = (network: check.BroughtNetwork) => Object.fromEntries(azIds.map((az) => [az, network.subnetIds[az]]));
  return [
    {
      name: 'brought',
      accountId: ACCOUNTS.brought,
      roleArn: roleArn(ACCOUNTS.brought),
      connectivity: 'privatelink',
      network: { vpcId: brought.vpcId, subnetIds: subnets(brought) },
      zoneId: brought.zoneId,
      testInstance: false,
    },
    {
      name: 'brought-peer',
      accountId: ACCOUNTS.broughtPeer,
      roleArn: roleArn(ACCOUNTS.broughtPeer),
      connectivity: 'peering',
      vpcCidr: '10.5.0.0/16',
      network: { vpcId: broughtPeer.vpcId, subnetIds: subnets(broughtPeer), routeTableIds: [broughtPeer.routeTableId] },
      testInstance: false,
    },
    {
      name: 'overseas',
      accountId: ACCOUNTS.overseas,
      roleArn: roleArn(ACCOUNTS.overseas),
      connectivity: 'privatelink',
      region: 'us-east-1',
      azIds: ['use1-az1', 'use1-az2'],
      vpcCidr: '10.6.0.0/16',
      testInstance: false,
    },
    ...(overseasWest
      ? [
          {
            name: 'overseas-west',
            accountId: ACCOUNTS.overseas,
            roleArn: roleArn(ACCOUNTS.overseas),
            connectivity: 'privatelink',
            region: 'us-west-2',
            azIds: ['usw2-az1', 'usw2-az2'],
            vpcCidr: '10.7.0.0/16',
            testInstance: false,
          },
        ]
      : []),
  ];
}
/** Expected endpoint connections: the customer's, the joined consumers' (once they joined), and `more`. */
function connections(more: Record<string, string[]>): Record<string, string[]> {
  return {
    [ACCOUNTS.customer]: ['available'],
    ...(brought ? { [ACCOUNTS.brought]: ['available'], [ACCOUNTS.overseas]: overseasWest ? ['available', 'available'] : ['available'] } : {}),
    ...more,
  };
}
/** The `private-domain` and `lattice` consumers (e2e/transport-drills.ts): they join and leave in one Day-2 step. */
const transports = new TransportConsumers({ lattice: true });
const JOINED = () => (brought ? ['brought', 'brought-peer', 'overseas', ...(overseasWest ? ['overseas-west'] : [])] : []);

function config(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const azIds = (overrides.azIds as string[] | undefined) ?? ['apne1-az1', 'apne1-az4'];
  return {
    azIds,
    service: { roleArn: roleArn(ACCOUNTS.service) },
    customers: [...Object.values(customers), ...joined(azIds), ...transports.customers(azIds)],
    customDomain: { name: DOMAIN, validationZoneId },
    observability: { accessLogs: true, manageAccountLoggingRole: true, throttling: { rateLimit: 50, burstLimit: 100 }, alarms: { email: 'ops@example.com' } },
    ...overrides,
  };
}
const STACKS = ['service', 'customer', 'partner', 'acme'];
/** Every stack deployed now: the first four, and the consumers that joined on Day 2. */
const ALL = () => [...STACKS, ...JOINED()];

/**
 * The release this tree upgrades: the deployment starts from it, and the upgrade must plan exactly the documented
 * changes (README, "Upgrading from the previous release"): one in-place update of each service function (its zip is
 * now packaged in-process and hashed as bytes), the endpoint service's AZ enabler added; nothing else, in no stack.
 */
const PREVIOUS_RELEASE = '9440d95';
const PREVIOUS = path.join(WORK, 'previous');
/**
 * The previous release synthesizes inside its own tree: its NLB targets carry a `local-exec` provisioner running
 * `npm run --silent enable-azs`, which Terraform starts in the stack's folder and npm resolves to the nearest
 * package.json above it, so the release runs its own script, as it does in its own checkout.
 */
const PREVIOUS_OUTDIR = path.join(PREVIOUS, 'cdktf.out');

/** The previous release's tree, with this checkout's node_modules (same pinned packages). */
function checkoutPreviousRelease(): void {
  mkdirSync(PREVIOUS, { recursive: true });
  const archive = spawnSync('git', ['archive', '--format=tar', PREVIOUS_RELEASE], { cwd: PROJECT_ROOT, maxBuffer: 256 << 20 });
  if (archive.status !== 0) {
    throw new Error(`git archive ${PREVIOUS_RELEASE} failed (a clone without that commit cannot prove the upgrade): ${archive.stderr}`);
  }
  const untar = spawnSync('tar', ['-x', '-C', PREVIOUS], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(PREVIOUS, 'node_modules'));
}

/**
 * A local backend keeps each stack's state beside the output folder (`../../../terraform.<stack>.tfstate` from the
 * stack's folder): the previous release's states move to where this tree's stacks read them, as one checkout
 * upgraded in place keeps its states.
 */
function adoptPreviousStates(): void {
  for (const file of readdirSync(PREVIOUS).filter((f) => /^terraform\..+\.tfstate(\.backup)?$/.test(f))) {
    renameSync(path.join(PREVIOUS, file), path.join(WORK, file));
  }
}

/**
 * Seconds per phase (setup, deploy, assert, plan, day2, destroy) and, under `<phase>/<step>`, per step of it:
 * written to .e2e/timings.json to find what to run side by side next.
 */
const timings: Record<string, number> = {};
async function timed<T>(phase: string, fn: () => Promise<T> | T): Promise<T> {
  const start = Date.now();
  try {
    return await fn();
  } finally {
    const seconds = (Date.now() - start) / 1000;
    timings[phase] = (timings[phase] ?? 0) + seconds;
    const top = phase.split('/')[0];
    if (top !== phase) timings[top] = (timings[top] ?? 0) + seconds;
  }
}

let emulator: Emulator | undefined;
let env: NodeJS.ProcessEnv;

interface RunResult {
  readonly status: number;
  readonly output: string;
}

function settle(log: string, command: string, args: string[], okCodes: number[], status: number | null, stdout: string, stderr: string, error?: Error): RunResult {
  const output = `$ ${command} ${args.join(' ')}\n${stdout}\n${stderr}`;
  writeFileSync(path.join(WORK, `${log}.log`), output);
  if (error || !okCodes.includes(status ?? -1)) {
    throw new Error(`${log} failed (exit ${status}): ${error?.message ?? ''}\n${output.slice(-6000)}`);
  }
  return { status: status!, output };
}

/** Runs a command with the e2e environment; the output goes to .e2e/<log>.log and into the error on failure. */
function run(log: string, command: string, args: string[], cwd = PROJECT_ROOT, okCodes = [0], runEnv = env): RunResult {
  const result = spawnSync(command, args, { cwd, env: runEnv, encoding: 'utf8', maxBuffer: 64 << 20 });
  return settle(log, command, args, okCodes, result.status, result.stdout, result.stderr, result.error);
}

/** As `run`, without blocking: for work that touches different stacks (their own folders and states) side by side. */
function runAsync(log: string, command: string, args: string[], cwd = PROJECT_ROOT, okCodes = [0], runEnv = env): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: runEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', (error) => {
      try {
        settle(log, command, args, okCodes, null, Buffer.concat(stdout).toString(), Buffer.concat(stderr).toString(), error);
      } catch (failure) {
        reject(failure);
      }
    });
    child.once('close', (status) => {
      try {
        resolve(settle(log, command, args, okCodes, status, Buffer.concat(stdout).toString(), Buffer.concat(stderr).toString()));
      } catch (failure) {
        reject(failure);
      }
    });
  });
}

/**
 * `cdktf` of this tree (or, with `cwd` = the previous release, of that tree into its own output folder).
 * Stacks without a dependency between them already run side by side: cdktf's `--parallelism` defaults to unbounded.
 */
const cdktf = (log: string, args: string[], okCodes = [0], cwd = PROJECT_ROOT) =>
  run(log, 'npx', ['cdktf', ...args, '--skip-provider-lock', '--output', cwd === PREVIOUS ? PREVIOUS_OUTDIR : OUTDIR], cwd, okCodes);

/** Writes the config the next cdktf command reads. */
function useConfig(value: Record<string, unknown>): void {
  writeFileSync(path.join(WORK, 'config.json'), JSON.stringify(value, null, 2));
}

const terraformBinary = () => env.TERRAFORM_BINARY_NAME ?? 'terraform';
const terraform = (log: string, stack: string, args: string[], okCodes = [0]) => run(log, terraformBinary(), args, path.join(OUTDIR, 'stacks', stack), okCodes);
const terraformAsync = (log: string, stack: string, args: string[], okCodes = [0]) =>
  runAsync(log, terraformBinary(), args, path.join(OUTDIR, 'stacks', stack), okCodes);

interface PlannedChange {
  readonly address: string;
  readonly actions: string[];
}

/** One entry of `terraform show -json`'s `resource_changes`. */
interface ResourceChange {
  readonly address: string;
  readonly change: { actions: string[]; before: Record<string, unknown> | null; after: Record<string, unknown> | null; after_unknown?: Record<string, unknown> };
}

/** `terraform plan` of one synthesized stack, as `terraform show -json` gives its changes (no-op entries left out). */
async function planned(stack: string, log: string): Promise<ResourceChange[]> {
  await terraformAsync(`${log}-init`, stack, ['init', '-input=false', '-no-color']);
  await terraformAsync(log, stack, ['plan', '-input=false', '-lock=false', '-no-color', '-out=e2e.tfplan']);
  const shown = (await terraformAsync(`${log}-show`, stack, ['show', '-json', 'e2e.tfplan'])).output;
  const json = JSON.parse(shown.slice(shown.indexOf('{'), shown.lastIndexOf('}') + 1));
  return (json.resource_changes ?? []).filter((c: ResourceChange) => !(c.change.actions.length === 1 && ['no-op', 'read'].includes(c.change.actions[0])));
}

/** The list of changes `terraform plan` of one synthesized stack would make. */
async function plan(stack: string, log = `plan-${stack}`): Promise<PlannedChange[]> {
  return (await planned(stack, log)).map((c) => ({ address: c.address, actions: c.change.actions }));
}

/**
 * Plans of several stacks side by side (each its own folder, state and Terraform process; `-lock=false`), by stack.
 * Four at a time: on two cores a plan mostly waits on the emulator, and more only queue there.
 */
const PLAN_PARALLELISM = 4;
async function plans(stacks: string[], prefix: string): Promise<Record<string, PlannedChange[]>> {
  const result: Record<string, PlannedChange[]> = {};
  const queue = [...stacks];
  const worker = async () => {
    for (let stack = queue.shift(); stack !== undefined; stack = queue.shift()) result[stack] = await plan(stack, `${prefix}-${stack}`);
  };
  await Promise.all(Array.from({ length: Math.min(PLAN_PARALLELISM, stacks.length) }, worker));
  return Object.fromEntries(stacks.map((stack) => [stack, result[stack]]));
}
/** What `plans` answers when no stack has anything to change. */
const unchanged = (stacks: string[]) => Object.fromEntries(stacks.map((stack) => [stack, []]));

/**
 * The attributes an in-place update sets to a new value (`set`), and those it leaves to AWS to report after the apply
 * (`computed`: unknown in the plan).
 */
function updatedAttributes(change: ResourceChange): { set: string[]; computed: string[] } {
  const before = change.change.before ?? {};
  const after = change.change.after ?? {};
  const unknown = change.change.after_unknown ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return {
    set: keys.filter((k) => k in after && JSON.stringify(before[k]) !== JSON.stringify(after[k])),
    computed: keys.filter((k) => unknown[k] === true),
  };
}

function probePython(): void {
  const python = process.env.PYTHON ?? 'python3';
  const probe = spawnSync(python, ['-c', 'import sys; assert sys.version_info >= (3, 9)'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new ToolchainError(`Python >= 3.9 ("${python}") is needed for the emulator; set PYTHON to its path`);
  }
}

describeEngine('e2e tier: cdktf deploy of a service and three consumers into the moto emulator, then Day-2 drills', () => {
  let service: AccountClients;
  let customer: AccountClients;
  let partner: AccountClients;
  let acme: AccountClients;
  let broughtClients: AccountClients;
  let broughtPeerClients: AccountClients;
  let overseasClients: AccountClients;
  let overseasWestClients: AccountClients;
  let broughtBefore: unknown[];
  let outputs: Record<string, Record<string, any>>;
  let failedFirstApply: RunResult;
  /** acme's own destroy, applied in the background: settles to its error, if any. */
  let acmeTakenDown: Promise<Error | undefined> = Promise.resolve(new Error('the revoke drill did not run'));

  beforeAll(async () => {
    await timed('setup', async () => {
      rmSync(WORK, { recursive: true, force: true });
      mkdirSync(WORK, { recursive: true });
      const terraformEnv = offlineTerraformEnv();
      const starting = startEmulator(ensureVenv(), path.join(WORK, 'moto.log'));
      checkoutPreviousRelease();
      emulator = await starting;
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
      [service, customer, partner, acme, broughtClients, broughtPeerClients] = await Promise.all(
        [ACCOUNTS.service, ACCOUNTS.customer, ACCOUNTS.partner, ACCOUNTS.acme, ACCOUNTS.brought, ACCOUNTS.broughtPeer].map((a) =>
          accountClients(emulator!.url, REGION, roleArn(a)),
        ),
      );
      await transports.connect(emulator!.url);
      overseasClients = await accountClients(emulator!.url, 'us-east-1', roleArn(ACCOUNTS.overseas));
      overseasWestClients = await accountClients(emulator!.url, 'us-west-2', roleArn(ACCOUNTS.overseas));
      // The public zone the service team owns, where the custom domain's certificate is validated.
      const zone = await service.route53.send(new CreateHostedZoneCommand({ Name: 'hoge.co.jp', CallerReference: `e2e-${Date.now()}` }));
      validationZoneId = zone.HostedZone!.Id!.replace('/hostedzone/', '');
    });
    // The running deployment is the previous release's (the upgrade test below plans this tree against it).
    // A typo in the certificate ARN: the service apply fails part-way (API Gateway refuses the domain name).
    useConfig(config({ customDomain: { name: DOMAIN, certificateArn: `arn:aws:acm:${REGION}:${ACCOUNTS.service}:certificate/00000000-0000-0000-0000-000000000000` } }));
    failedFirstApply = await timed('deploy/failing', () => cdktf('deploy-failing', ['deploy', 'service', '--auto-approve'], [1], PREVIOUS));
    // The corrected config: the same single command deploys everything.
    useConfig(config());
    await timed('deploy/previous', () => cdktf('deploy', ['deploy', ...STACKS, '--auto-approve', '--outputs-file', path.join(WORK, 'outputs.json')], [0], PREVIOUS));
    adoptPreviousStates();
    outputs = JSON.parse(readFileSync(path.join(WORK, 'outputs.json'), 'utf8'));
  }, 1_800_000);

  afterAll(async () => {
    await emulator?.stop();
    const report = Object.entries(timings).map(([phase, s]) => `${phase}=${s.toFixed(1)}s`).join(' ');
    writeFileSync(path.join(WORK, 'timings.json'), JSON.stringify(timings, null, 2));
    process.stdout.write(`e2e timings: ${report}\n`);
  }, 60_000);

  const live = (name: string, fn: () => Promise<void>) => it(name, () => timed('assert', fn), 60_000);

  live('a failed apply (a certificate that does not exist) stopped on the domain name and left the rest in state', async () => {
    expect(failedFirstApply.output).toMatch(/aws_api_gateway_domain_name/);
    expect(failedFirstApply.output).toMatch(/certificate/i);
    // The previous release's targets ran its `npm run enable-azs` provisioner to the end (the service it had just
    // created offers its NLB's AZs already), and it did not fail.
    expect(failedFirstApply.output).toMatch(/\(local-exec\): Executing: .*npm run --silent enable-azs/);
    expect(failedFirstApply.output).toMatch(/\(local-exec\): vpce-svc-\w+: already offered in every AZ/);
    expect(failedFirstApply.output).not.toMatch(/local-exec provisioner error/);
  });

  live('the NLB targets are the private IPs of the execute-api endpoint ENIs, one per AZ, no duplicates', async () => {
    const ips = await check.expectTargetsAreEndpointEnis(service, REGION, TARGET_GROUP);
    expect(ips).toHaveLength(2);
    ips.forEach((ip) => expect(ip).toMatch(/^10\.0\.(\d+)\.\d+$/));
  });

  live('the subnets sit in their AZ IDs, each in the /20 numbered like its AZ', async () => {
    expect(await check.subnetsByAz(service, await check.vpcByCidr(service, '10.0.0.0/16'))).toEqual([
      ['apne1-az1', '10.0.16.0/20'],
      ['apne1-az4', '10.0.64.0/20'],
    ]);
  });

  live('the NLB has its security group (443 within the service VPC) and an HTTPS /ping health check', async () => {
    await check.expectNlbSecurity(service, 'privapi-service-nlb', TARGET_GROUP, '10.0.0.0/16');
  });

  live('the endpoint service admits exactly the PrivateLink customer accounts, and both connections are available', async () => {
    await check.expectAllowedPrincipals(service, [ACCOUNTS.customer, ACCOUNTS.acme]);
    expect(await check.connectionStates(service)).toEqual({ [ACCOUNTS.customer]: ['available'], [ACCOUNTS.acme]: ['available'] });
  });

  live('the customer endpoint connects to the service\'s endpoint service (name passed across stacks)', async () => {
    const { name } = await check.endpointServiceName(service);
    const endpoint = await check.findEndpoint(customer, name);
    expect(endpoint.VpcId).toBe(await check.vpcByCidr(customer, '10.1.0.0/16'));
    expect(outputs.service.endpoint_service_name).toBe(name);
    expect(outputs.customer.endpoint_id).toBe(endpoint.VpcEndpointId);
  });

  live('vpce.hoge.co.jp and the custom domain are private aliases to the customer endpoint', async () => {
    const { name } = await check.endpointServiceName(service);
    const endpoint = await check.findEndpoint(customer, name);
    const target = { dnsName: endpoint.DnsEntries![0].DnsName!, hostedZoneId: endpoint.DnsEntries![0].HostedZoneId! };
    const vpcId = await check.vpcByCidr(customer, '10.1.0.0/16');
    await check.expectPrivateAlias(customer, 'hoge.co.jp', 'vpce.hoge.co.jp', vpcId, target);
    await check.expectPrivateAlias(customer, 'hoge.co.jp', DOMAIN, vpcId, target);
  });

  live('the custom domain is PRIVATE with the validated certificate, mapped to the stage and associated with the service endpoint', async () => {
    const endpoint = await check.findEndpoint(service, EXECUTE_API);
    await check.expectPrivateDomain(service, DOMAIN, { apiId: outputs.service.api_id, stage: 'prod', endpointId: endpoint.VpcEndpointId! });
    expect(outputs.service.custom_domain_url).toBe(`https://${DOMAIN}/`);
  });

  live('observability: JSON access logs, metrics and throttling on the stage, the account role, alarms to a topic', async () => {
    await check.expectObservability(service, {
      apiId: outputs.service.api_id,
      stage: 'prod',
      logGroup: '/aws/apigateway/privapi-service-api-access',
      rateLimit: 50,
      burstLimit: 100,
      email: 'ops@example.com',
    });
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
    const endpoint = await check.findEndpoint(service, EXECUTE_API);
    expect(await check.ingressRules(service, endpoint.Groups![0].GroupId!)).toEqual([
      ['tcp', 443, 443, '10.0.0.0/16'],
      ['tcp', 443, 443, '10.2.0.0/16'],
    ]);
  });

  live('peering: the API-named zone and the custom domain zone alias their apex to the service execute-api endpoint', async () => {
    const apiId = outputs.service.api_id;
    const endpoint = await check.findEndpoint(service, EXECUTE_API);
    const target = { dnsName: endpoint.DnsEntries![0].DnsName!, hostedZoneId: endpoint.DnsEntries![0].HostedZoneId! };
    const vpcId = await check.vpcByCidr(partner, '10.2.0.0/16');
    const zone = `${apiId}.execute-api.${REGION}.amazonaws.com`;
    await check.expectPrivateAlias(partner, zone, zone, vpcId, target);
    await check.expectPrivateAlias(partner, DOMAIN, DOMAIN, vpcId, target);
  });

  live('the checks catch a broken link: a wrong NLB target, a dropped principal', async () => {
    const { TargetGroups } = await service.elbv2.send(new DescribeTargetGroupsCommand({ Names: [TARGET_GROUP] }));
    const TargetGroupArn = TargetGroups![0].TargetGroupArn!;
    const bogus = [{ Id: '10.0.99.99', Port: 443 }];
    await service.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn, Targets: bogus }));
    await expect(check.expectTargetsAreEndpointEnis(service, REGION, TARGET_GROUP)).rejects.toThrow();
    await service.elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn, Targets: bogus }));
    await check.expectTargetsAreEndpointEnis(service, REGION, TARGET_GROUP);

    const { id: ServiceId } = await check.endpointServiceName(service);
    const principal = [`arn:aws:iam::${ACCOUNTS.customer}:root`];
    await service.ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId, RemoveAllowedPrincipals: principal }));
    await expect(check.expectAllowedPrincipals(service, [ACCOUNTS.customer, ACCOUNTS.acme])).rejects.toThrow();
    await service.ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId, AddAllowedPrincipals: principal }));
    await check.expectAllowedPrincipals(service, [ACCOUNTS.customer, ACCOUNTS.acme]);
  });

  it('upgrading to this release plans exactly the documented changes: each service function updated in place, the AZ enabler added', async () => {
    await timed('plan/upgrade', async () => {
      cdktf('synth-upgrade', ['synth']);
      const changes = await Promise.all(STACKS.map((stack) => planned(stack, `plan-upgrade-${stack}`)));
      const byStack = Object.fromEntries(STACKS.map((stack, i) => [stack, changes[i]]));
      // New in this release, added beside what runs where a PrivateLink consumer exists: the endpoint service's AZ
      // enabler (log group, role and its policy, function, invocation).
      const isEnabler = (c: ResourceChange) => /^aws_\w+\.EndpointServiceAzEnabler_/.test(c.address);
      expect(byStack.service.filter(isEnabler).map((c) => [c.address.split('.')[0], c.change.actions])).toEqual(
        ['aws_cloudwatch_log_group', 'aws_iam_role', 'aws_iam_role_policy', 'aws_lambda_function', 'aws_lambda_invocation'].map((type) => [type, ['create']]),
      );
      // Each function that ran before: one in-place update of its code's file and hash (the zip is now packaged
      // in-process, deterministically, and hashed as bytes); what AWS reports after the apply is left to it.
      const updated = byStack.service.filter((c) => !isEnabler(c));
      expect(updated.map((c) => ({ address: c.address, actions: c.change.actions }))).toEqual([
        { address: expect.stringMatching(/^aws_lambda_function\.ApiFunction_/), actions: ['update'] },
      ]);
      const { set, computed } = updatedAttributes(updated[0]);
      expect(set).toEqual(['filename', 'source_code_hash']);
      expect(computed.filter((k) => !['code_sha256', 'last_modified', 'qualified_arn', 'qualified_invoke_arn', 'version'].includes(k))).toEqual([]);
      // Every customer stack: no change.
      expect(Object.fromEntries(STACKS.filter((s) => s !== 'service').map((stack) => [stack, byStack[stack]]))).toEqual(unchanged(STACKS.filter((s) => s !== 'service')));

      // The outputs are written again: their curl lines are now quoted shell words (stacks/curl-line.ts).
      cdktf('deploy-upgrade', ['deploy', ...STACKS, '--auto-approve', '--outputs-file', path.join(WORK, 'outputs.json')]);
      outputs = JSON.parse(readFileSync(path.join(WORK, 'outputs.json'), 'utf8'));
    });
  }, 900_000);

  it('after the failed apply, the corrected one and the upgrade, a plan of every stack has no changes', async () => {
    await timed('plan/after-upgrade', async () => {
      expect(await plans(STACKS, 'plan')).toEqual(unchanged(STACKS));
    });
  }, 600_000);

  live('the API is PRIVATE, bound to the service endpoint, with stage prod and the Lambda this release ships', async () => {
    const endpoint = await check.findEndpoint(service, EXECUTE_API);
    const apiId = await check.expectPrivateApi(service, 'privapi-service-api', 'prod', endpoint.VpcEndpointId!);
    const serviceDir = path.join(OUTDIR, 'stacks', 'service');
    const functions = JSON.parse(readFileSync(path.join(serviceDir, 'cdk.tf.json'), 'utf8')).resource.aws_lambda_function as Record<string, { filename: string }>;
    const fn = Object.entries(functions).find(([id]) => id.startsWith('ApiFunction_'))![1];
    await check.expectFunction(service, 'privapi-service-api', path.join(serviceDir, fn.filename));
    expect(outputs.service.api_id).toBe(apiId);
    expect(outputs.service.execute_api_endpoint_id).toBe(endpoint.VpcEndpointId);
  });

  live('the outputs give the exact lines the README tells users to run', async () => {
    const apiId = outputs.service.api_id;
    expect(outputs.service.invoke_url).toBe(`https://${apiId}.execute-api.${REGION}.amazonaws.com/prod`);
    expect(outputs.service.curl_in_service_vpc).toBe(`curl 'https://${apiId}.execute-api.${REGION}.amazonaws.com/prod'`);
    expect(outputs.service.curl_through_nlb).toBe(`curl -k 'https://${outputs.service.nlb_dns_name}/prod' -H 'x-apigw-api-id: ${apiId}'`);
    expect(outputs.customer.curl).toBe(`curl -k 'https://vpce.hoge.co.jp/prod' -H 'x-apigw-api-id: ${apiId}'`);
    expect(outputs.partner.curl).toBe(`curl 'https://${apiId}.execute-api.${REGION}.amazonaws.com/prod'`);
    for (const stack of ['customer', 'partner', 'acme']) expect(outputs[stack].curl_custom_domain).toBe(`curl 'https://${DOMAIN}/'`);
    for (const stack of ['service', 'customer', 'partner']) {
      expect(outputs[stack].ssm_session_command).toBe(`aws ssm start-session --region ${REGION} --target ${outputs[stack].test_instance_id}`);
      expect(outputs[stack].test_instance_id).toMatch(/^i-[0-9a-f]+$/);
    }
    expect(outputs.acme.test_instance_id).toBeUndefined();
  });

  live('npm run verify sends each stack\'s curl lines to that stack\'s test instance (only a real account runs them)', async () => {
    run('verify', 'npm', ['run', 'verify', '--', '--no-wait', '--outputs-file', path.join(WORK, 'outputs.json')]);
    const sent = await check.sentCommands([service, customer, partner]);
    expect(sent).toEqual({
      [outputs.service.test_instance_id]: [outputs.service.curl_in_service_vpc, outputs.service.curl_through_nlb].map(check.urlOf).sort(),
      [outputs.customer.test_instance_id]: [outputs.customer.curl, outputs.customer.curl_custom_domain].map(check.urlOf).sort(),
      [outputs.partner.test_instance_id]: [outputs.partner.curl, outputs.partner.curl_custom_domain].map(check.urlOf).sort(),
    });
  });

  it('Day 2: consumers join on networks they already have (existing VPC, subnets, route table, private zone) and from another region', async () => {
    await timed('day2/joined', async () => {
      [brought, broughtPeer] = await Promise.all([
        check.createBroughtNetwork(broughtClients, '10.4.0.0/16', BROUGHT_AZS, 'hoge.co.jp'),
        check.createBroughtNetwork(broughtPeerClients, '10.5.0.0/16', BROUGHT_AZS),
      ]);
      broughtBefore = [await check.broughtSnapshot(broughtClients, brought), await check.broughtSnapshot(broughtPeerClients, broughtPeer)];

      // A subnet keyed under the wrong AZ ID: the plan stops with the subnet and both AZ IDs named, nothing is created.
      const swapped = config();
      const wrong = (swapped.customers as Record<string, any>[]).find((c) => c.name === 'brought')!;
      wrong.network = { ...wrong.network, subnetIds: { 'apne1-az1': brought.subnetIds['apne1-az4'], 'apne1-az4': brought.subnetIds['apne1-az1'] } };
      useConfig(swapped);
      cdktf('synth-wrong-az', ['synth']);
      terraform('plan-wrong-az-init', 'brought', ['init', '-input=false', '-no-color']);
      const refused = terraform('plan-wrong-az', 'brought', ['plan', '-input=false', '-lock=false', '-no-color'], [1]);
      // Terraform wraps the message: compare with the whitespace folded.
      expect(refused.output.replace(/\s+/g, ' ')).toContain(`subnet ${brought.subnetIds['apne1-az4']} is in AZ apne1-az4, but is given under apne1-az1`);
      expect(existsSync(path.join(WORK, 'terraform.brought.tfstate'))).toBe(false);

      useConfig(config());
      const deployed = cdktf('deploy-joined', ['deploy', 'service', ...JOINED(), '--auto-approve', '--outputs-file', path.join(WORK, 'outputs-joined.json')]);
      expect(deployed.output).not.toMatch(/Error:/);
      const { id: serviceId, name } = await check.endpointServiceName(service);

      // brought (PrivateLink): its endpoint in the given subnets, the records in its own zone beside its own record.
      const endpoint = await check.findEndpoint(broughtClients, name);
      expect(endpoint.VpcId).toBe(brought.vpcId);
      expect([...endpoint.SubnetIds!].sort()).toEqual([brought.subnetIds['apne1-az1'], brought.subnetIds['apne1-az4']].sort());
      expect(await check.zoneRecordNames(broughtClients, brought.zoneId!)).toEqual(['api.hoge.co.jp.', 'db.hoge.co.jp.', 'vpce.hoge.co.jp.']);
      await check.expectPrivateAlias(broughtClients, 'hoge.co.jp', 'vpce.hoge.co.jp', brought.vpcId, {
        dnsName: endpoint.DnsEntries![0].DnsName!,
        hostedZoneId: endpoint.DnsEntries![0].HostedZoneId!,
      });
      expect((await check.leftovers(broughtClients)).vpcs).toEqual([]);

      // brought-peer: the peering's route in the given route table, beside the table's own route.
      const routes = await check.routesOf(broughtPeerClients, broughtPeer.routeTableId);
      expect(routes['0.0.0.0/0']).toMatch(/^igw-/);
      expect(routes['10.0.0.0/16']).toMatch(/^pcx-/);

      // overseas (us-east-1): a cross-region endpoint to the service in ap-northeast-1.
      const { ServiceConfigurations } = await service.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }));
      expect((ServiceConfigurations![0].SupportedRegions ?? []).map((r) => r.Region).sort()).toEqual(['ap-northeast-1', 'us-east-1']);
      const remote = await check.findEndpoint(overseasClients, name);
      expect(remote).toMatchObject({ ServiceRegion: REGION, State: 'available' });
      expect(await check.endpointAzIds(overseasClients, remote)).toEqual(['use1-az1', 'use1-az2']);
      const outputs = JSON.parse(readFileSync(path.join(WORK, 'outputs-joined.json'), 'utf8'));
      expect(outputs.overseas.curl).toBe(`curl -k 'https://vpce.hoge.co.jp/prod' -H 'x-apigw-api-id: ${outputs.service.api_id}'`);
      expect(await check.connectionStates(service)).toEqual({
        [ACCOUNTS.customer]: ['available'],
        [ACCOUNTS.acme]: ['available'],
        [ACCOUNTS.brought]: ['available'],
        [ACCOUNTS.overseas]: ['available'],
      });

      // A second consumer region: the endpoint service gains it in place; nothing is replaced.
      overseasWest = true;
      useConfig(config());
      cdktf('synth-second-region', ['synth']);
      const changes = await plan('service', 'plan-second-region');
      expect(changes).toEqual([{ address: expect.stringMatching(/^aws_vpc_endpoint_service\.EndpointService_/), actions: ['update'] }]);
      cdktf('deploy-second-region', ['deploy', 'service', 'overseas-west', '--auto-approve']);
      const after = await service.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }));
      expect((after.ServiceConfigurations![0].SupportedRegions ?? []).map((r) => r.Region).sort()).toEqual(['ap-northeast-1', 'us-east-1', 'us-west-2']);
      expect((await check.findEndpoint(overseasWestClients, name)).ServiceRegion).toBe(REGION);
      expect(await plans(ALL(), 'plan-joined')).toEqual(unchanged(ALL()));
    });
  }, 1_200_000);

  it('Day 2: reordering azIds changes no stack', async () => {
    await timed('day2/reorder', async () => {
      useConfig(config({ azIds: ['apne1-az4', 'apne1-az1'] }));
      cdktf('synth-reordered', ['synth']);
      expect(await plans(ALL(), 'plan-reordered')).toEqual(unchanged(ALL()));
    });
  }, 600_000);

  it('Day 2: adding an AZ: the service synthesized outside the project applies with plain terraform; the endpoint service offers the AZ, consumers add it, nothing replaced', async () => {
    await timed('day2/add-az', async () => {
      const before = await check.targetIps(service, TARGET_GROUP);
      const { id: serviceIdBefore, name } = await check.endpointServiceName(service);
      const customerEndpointBefore = await check.findEndpoint(customer, name);
      expect(await check.endpointServiceAzIds(service)).toEqual(['apne1-az1', 'apne1-az4']);
      useConfig(config({ azIds: ['apne1-az1', 'apne1-az2', 'apne1-az4'] }));
      cdktf('synth-added-az', ['synth']);
      const consumers = ['customer', 'acme', 'brought'];
      const { service: changes, ...consumerChanges } = await plans(['service', ...consumers], 'plan-added-az');
      // Replaced, and so invoked again: only the AZ enabler's invocation, whose triggers name the NLB's AZs.
      expect(changes.filter((c) => c.actions.includes('delete'))).toEqual([
        { address: expect.stringMatching(/^aws_lambda_invocation\.EndpointServiceAzEnabler_/), actions: ['delete', 'create'] },
      ]);
      const targets = changes.filter((c) => c.address.startsWith('aws_lb_target_group_attachment.'));
      expect(targets).toEqual([{ address: expect.stringMatching(/EndpointTarget-apne1-az2_/), actions: ['create'] }]);
      for (const consumer of consumers) expect({ consumer, replaced: consumerChanges[consumer].filter((c) => c.actions.includes('delete')) }).toEqual({ consumer, replaced: [] });

      // The service stack as a pipeline would apply it: synthesized to a folder outside the project, applied there by
      // plain terraform with neither the config nor this project at hand (the state is the deployment's own, moved
      // in for the apply and back for the consumers, which read it). Nothing in it may name this checkout.
      const outside = mkdtempSync(path.join(tmpdir(), 'privapi-plain-terraform-'));
      run('synth-outside', 'npx', ['cdktf', 'synth', '--output', path.join(outside, 'cdktf.out')]);
      const stackDir = path.join(outside, 'cdktf.out', 'stacks', 'service');
      const synthesized = readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8');
      expect(synthesized).not.toContain(PROJECT_ROOT);
      expect(synthesized).not.toMatch(/"provisioner"/);
      const state = path.join(WORK, 'terraform.service.tfstate');
      const outsideState = path.join(outside, 'terraform.service.tfstate');
      const plainEnv = { ...env, PRIVATE_API_CONFIG: undefined };
      const tf = env.TERRAFORM_BINARY_NAME ?? 'terraform';
      cpSync(state, outsideState);
      rmSync(state);
      let applied: RunResult;
      try {
        run('added-az-init', tf, ['init', '-input=false', '-no-color'], stackDir, [0], plainEnv);
        applied = run('added-az-apply', tf, ['apply', '-auto-approve', '-input=false', '-no-color'], stackDir, [0], plainEnv);
      } finally {
        cpSync(outsideState, state);
      }
      expect(applied.output).toMatch(/aws_lambda_invocation\.EndpointServiceAzEnabler_Invocation_\w+: Creation complete/);
      // What the function answered (the invocation's `result` in state): it enabled the new AZ on the same service.
      const invocation = JSON.parse(readFileSync(state, 'utf8')).resources.find((r: { type: string }) => r.type === 'aws_lambda_invocation');
      const result = JSON.parse(invocation.instances[0].attributes.result);
      expect(result).toMatchObject({ serviceId: serviceIdBefore, modified: true });
      expect(result.availabilityZones).toHaveLength(3);
      expect(result.enabled).toHaveLength(1);
      expect(await check.endpointServiceAzIds(service)).toEqual(['apne1-az1', 'apne1-az2', 'apne1-az4']);
      expect((await check.endpointServiceName(service)).id).toBe(serviceIdBefore);
      rmSync(outside, { recursive: true, force: true });

      // The consumers, which the emulator (like AWS) refuses in the new AZ until the service offers it.
      const deployed = cdktf('deploy-added-az', ['deploy', 'customer', 'acme', 'partner', ...JOINED(), '--auto-approve', '--ignore-missing-stack-dependencies']);
      expect(deployed.output).not.toMatch(/Error:/);
      const customerEndpoint = await check.findEndpoint(customer, name);
      expect(customerEndpoint.VpcEndpointId).toBe(customerEndpointBefore.VpcEndpointId);
      expect(await check.endpointAzIds(customer, customerEndpoint)).toEqual(['apne1-az1', 'apne1-az2', 'apne1-az4']);
      expect(await check.connectionStates(service)).toEqual(connections({ [ACCOUNTS.acme]: ['available'] }));
      const after = await check.expectTargetsAreEndpointEnis(service, REGION, TARGET_GROUP);
      expect(after).toHaveLength(3);
      expect(new Set(after).size).toBe(3);
      for (const ip of before) expect(after).toContain(ip);
      expect(await plans(ALL(), 'plan-after-added-az')).toEqual(unchanged(ALL()));
      // The by-hand and repair path: idempotent, it finds nothing left to enable.
      expect(run('enable-azs-again', 'npm', ['run', 'enable-azs']).output).toMatch(/already offered in every AZ/);
    });
  }, 1_200_000);

  it('Day 2: revoking acme (off the config, then npm run revoke) rejects its connection, keeps the customer\'s, refuses a new one', async () => {
    await timed('day2/revoke', async () => {
      // The consumer's own stack stays with the consumer: keep a copy to destroy it at the end, as acme would.
      cpSync(path.join(OUTDIR, 'stacks', 'acme'), path.join(WORK, 'revoked', 'stacks', 'acme'), { recursive: true });
      const threeAzs = ['apne1-az1', 'apne1-az2', 'apne1-az4'];
      const withoutAcme = config({ azIds: threeAzs, customers: [customers.customer, customers.partner, ...joined(threeAzs)] });
      useConfig(config({ azIds: ['apne1-az1', 'apne1-az2', 'apne1-az4'] }));
      // Still in the config: refused, nothing touched.
      const refused = run('revoke-refused', 'npm', ['run', 'revoke', '--', ACCOUNTS.acme], PROJECT_ROOT, [1, 2]);
      expect(refused.output).toMatch(/customers\[2\]/);
      expect(await check.connectionStates(service)).toEqual(connections({ [ACCOUNTS.acme]: ['available'] }));

      useConfig(withoutAcme);
      run('revoke', 'npm', ['run', 'revoke', '--', ACCOUNTS.acme]);
      expect(await check.connectionStates(service)).toEqual(connections({ [ACCOUNTS.acme]: ['rejected'] }));
      await check.expectAllowedPrincipals(service, [ACCOUNTS.customer, ACCOUNTS.brought, ACCOUNTS.overseas]);
      const { name } = await check.endpointServiceName(service);
      const acmeVpcId = await check.vpcByCidr(acme, '10.3.0.0/16');
      await expect(
        acme.ec2.send(new CreateVpcEndpointCommand({ VpcId: acmeVpcId, ServiceName: name, VpcEndpointType: 'Interface' })),
      ).rejects.toThrow(/does not exist/);

      // Idempotent, and the config now says the same as AWS: the service plan has nothing left to change.
      expect(run('revoke-again', 'npm', ['run', 'revoke', '--', ACCOUNTS.acme]).output).toMatch(/nothing left to do/i);
      cdktf('synth-revoked', ['synth']);
      expect(await plan('service', 'plan-revoked')).toEqual([]);

      // acme takes its own stack down (its connection is rejected; the endpoint can still be deleted). The destroy is
      // planned here, where it reads the service's outputs; its saved plan is applied while the next drill deploys:
      // applying a saved plan reads no data source again and writes acme's state only.
      const revokedDir = path.join(WORK, 'revoked', 'stacks', 'acme');
      run('destroy-acme-init', terraformBinary(), ['init', '-input=false', '-no-color'], revokedDir);
      run('destroy-acme-plan', terraformBinary(), ['plan', '-destroy', '-input=false', '-no-color', '-out=destroy.tfplan'], revokedDir);
      const applying = runAsync('destroy-acme', terraformBinary(), ['apply', '-auto-approve', '-input=false', '-no-color', 'destroy.tfplan'], revokedDir);
      acmeTakenDown = applying.then(
        () => undefined,
        (error: Error) => error,
      );
    });
  }, 900_000);

  it('Day 2: private-domain and lattice consumers join in one deploy, are read back in every account, and leave in place', async () => {
    await timed('day2/transports', async () => {
      const threeAzs = ['apne1-az1', 'apne1-az2', 'apne1-az4'];
      const kit: DrillKit = {
        work: WORK,
        outdir: OUTDIR,
        service,
        domain: DOMAIN,
        cdktf,
        run,
        runAsync,
        terraformBinary,
        useConfig: () => useConfig(config({ azIds: threeAzs, customers: [customers.customer, customers.partner, ...joined(threeAzs), ...transports.customers(threeAzs)] })),
        planned,
        plans,
      };
      await transports.createOutletNetwork(threeAzs);
      // retail (its endpoint stack deployed first), outlet (its own endpoint) and events (lattice): one cdktf deploy.
      transports.join(kit);
      await transports.expectJoined(kit);
      const deployed = ['service', ...transports.stacks()];
      expect(await plans(deployed, 'plan-transports-joined')).toEqual(unchanged(deployed));
      // outlet leaves in place, events is revoked and leaves; then retail, the last private-domain consumer.
      await transports.leaveInPlace(kit);
      await transports.leaveLast(kit);
    });
  }, 1_500_000);

  it('Day 2: the team\'s own APIs (examples/two-apis.json: code with proxy routes, an OpenAPI file) behind the one endpoint service', async () => {
    await timed('day2/apis', async () => {
      const example = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'examples', 'two-apis.json'), 'utf8'));
      const here = (file: string) => path.join(PROJECT_ROOT, 'examples', file);
      const [orders, billing] = example.apis;
      const apis = [
        {
          ...orders,
          function: { ...orders.function, source: here(orders.function.source) },
          customDomain: { name: 'orders.hoge.co.jp', validationZoneId },
          // Who may call: SigV4 on every method, the consumer accounts named in the policy.
          authorization: 'iam',
        },
        { ...billing, openApi: here(billing.openApi), function: { ...billing.function, source: here(billing.function.source) }, customDomain: { name: 'billing.hoge.co.jp', validationZoneId } },
      ];
      const threeAzs = ['apne1-az1', 'apne1-az2', 'apne1-az4'];
      const withApis = (ordersConsumers?: string[]) => {
        const value = config({
          azIds: threeAzs,
          customers: [customers.customer, customers.partner, ...joined(threeAzs)],
          apis: ordersConsumers ? [{ ...apis[0], consumers: ordersConsumers }, apis[1]] : apis,
        });
        delete value.customDomain;
        return value;
      };
      useConfig(withApis());
      const { id: endpointServiceId } = await check.endpointServiceName(service);
      const outputsFile = path.join(WORK, 'outputs-apis.json');
      cdktf('deploy-apis', ['deploy', 'service', 'customer', 'partner', ...JOINED(), '--auto-approve', '--outputs-file', outputsFile]);
      const out = JSON.parse(readFileSync(outputsFile, 'utf8'));

      // One execute-api endpoint, one NLB, the same endpoint service in front of both APIs.
      const endpoint = await check.findEndpoint(service, EXECUTE_API);
      expect((await check.endpointServiceName(service)).id).toBe(endpointServiceId);
      const ordersId = await check.expectPrivateApi(service, 'privapi-service-orders-api', 'prod', endpoint.VpcEndpointId!);
      const billingId = await check.expectPrivateApi(service, 'privapi-service-billing-api', 'v1', endpoint.VpcEndpointId!);
      const serviceTestRole = `arn:aws:iam::${ACCOUNTS.service}:role/privapi-service-test-instance`;
      const everyConsumer = [ACCOUNTS.customer, ACCOUNTS.partner, ACCOUNTS.brought, ACCOUNTS.broughtPeer, ACCOUNTS.overseas].map((a) => `arn:aws:iam::${a}:root`);
      expect(await check.invokePrincipals(service, ordersId)).toEqual([...everyConsumer, serviceTestRole].sort());
      expect(await check.invokePrincipals(service, billingId)).toEqual(['*']);
      // The consumer's side of cross-account IAM: its test instance may invoke orders, and only orders.
      expect(await check.rolePolicyResources(customer, 'privapi-customer-test-instance', 'invoke-private-apis')).toEqual([
        `arn:aws:execute-api:${REGION}:${ACCOUNTS.service}:${ordersId}/*`,
      ]);
      const lambdaUri = (fn: string) => expect.stringMatching(new RegExp(`:function:${fn}/invocations$`));
      expect(await check.apiRoutes(service, ordersId)).toEqual({
        '/': { ANY: ['AWS_IAM', 'AWS_PROXY', lambdaUri('privapi-service-orders-api')] },
        '/{proxy+}': { ANY: ['AWS_IAM', 'AWS_PROXY', lambdaUri('privapi-service-orders-api')] },
      });
      expect(await check.apiRoutes(service, billingId)).toEqual({
        '/invoices': { GET: ['NONE', 'AWS_PROXY', lambdaUri('privapi-service-billing-api')] },
        '/invoices/{invoiceId}': { GET: ['NONE', 'AWS_PROXY', lambdaUri('privapi-service-billing-api')] },
      });
      await check.expectFunctionSettings(service, 'privapi-service-orders-api', { Runtime: 'nodejs22.x', Handler: 'index.handler', MemorySize: 256, Timeout: 10, Architectures: ['arm64'], inVpc: false });
      await check.expectFunctionSettings(service, 'privapi-service-billing-api', { Runtime: 'python3.12', Handler: 'app.handler', MemorySize: 128, Timeout: 5, Architectures: ['x86_64'], inVpc: false });

      // Every consumer reaches both APIs: outputs per API, and each custom domain resolves in its VPC.
      const signed = `eval "$(aws configure export-credentials --format env)" && curl`;
      const sigv4 = `--aws-sigv4 'aws:amz:${REGION}:execute-api' --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-security-token: $AWS_SESSION_TOKEN"`;
      expect(out.customer.curl_orders).toBe(`${signed} -k ${sigv4} 'https://vpce.hoge.co.jp/prod/health' -H 'x-apigw-api-id: ${ordersId}'`);
      expect(out.customer.curl_billing).toBe(`curl -k 'https://vpce.hoge.co.jp/v1/invoices' -H 'x-apigw-api-id: ${billingId}'`);
      expect(out.partner.curl_orders).toBe(`${signed} ${sigv4} 'https://${ordersId}.execute-api.${REGION}.amazonaws.com/prod/health'`);
      expect(out.partner.curl_billing).toBe(`curl 'https://${billingId}.execute-api.${REGION}.amazonaws.com/v1/invoices'`);
      for (const stack of ['customer', 'partner']) {
        expect(out[stack].curl_custom_domain_orders).toBe(`${signed} ${sigv4} 'https://orders.hoge.co.jp/health'`);
        expect(out[stack].curl_custom_domain_billing).toBe("curl 'https://billing.hoge.co.jp/invoices'");
      }
      const customerEndpoint = await check.findEndpoint(customer, (await check.endpointServiceName(service)).name);
      const viaCustomerEndpoint = { dnsName: customerEndpoint.DnsEntries![0].DnsName!, hostedZoneId: customerEndpoint.DnsEntries![0].HostedZoneId! };
      const customerVpc = await check.vpcByCidr(customer, '10.1.0.0/16');
      for (const name of ['vpce.hoge.co.jp', 'orders.hoge.co.jp', 'billing.hoge.co.jp']) {
        await check.expectPrivateAlias(customer, 'hoge.co.jp', name, customerVpc, viaCustomerEndpoint);
      }
      const viaServiceEndpoint = { dnsName: endpoint.DnsEntries![0].DnsName!, hostedZoneId: endpoint.DnsEntries![0].HostedZoneId! };
      const partnerVpc = await check.vpcByCidr(partner, '10.2.0.0/16');
      for (const zone of [`${ordersId}.execute-api.${REGION}.amazonaws.com`, `${billingId}.execute-api.${REGION}.amazonaws.com`, 'orders.hoge.co.jp', 'billing.hoge.co.jp']) {
        await check.expectPrivateAlias(partner, zone, zone, partnerVpc, viaServiceEndpoint);
      }
      const deployedWithApis = ['service', 'customer', 'partner', ...JOINED()];
      expect(await plans(deployedWithApis, 'plan-apis')).toEqual(unchanged(deployedWithApis));

      // verify sends, for the IAM API, each line signed and unsigned (only a real account runs them).
      run('verify-apis', 'npm', ['run', 'verify', '--', '--no-wait', '--outputs-file', outputsFile]);
      const twice = (line: string) => (line.includes('--aws-sigv4') ? [check.urlOf(line), check.urlOf(line)] : [check.urlOf(line)]);
      const sent = await check.sentCommands([customer]);
      const customerLines = ['curl_orders', 'curl_billing', 'curl_custom_domain_orders', 'curl_custom_domain_billing'].map((o) => out.customer[o]);
      const newest = sent[out.customer.test_instance_id].filter((url) => customerLines.some((line) => check.urlOf(line) === url));
      expect(newest.sort()).toEqual(customerLines.flatMap(twice).sort());

      // A consumer taken off the API: its principal is gone after one service deploy, which redeploys the stage.
      const deploymentBefore = await check.stageDeploymentId(service, ordersId, 'prod');
      useConfig(withApis(['customer', 'brought', 'overseas']));
      // The consumers taken off deploy too: their records and zones of that API go.
      cdktf('deploy-apis-fewer', ['deploy', 'service', 'partner', 'brought-peer', 'overseas-west', '--auto-approve']);
      expect(await check.invokePrincipals(service, ordersId)).toEqual(
        [ACCOUNTS.customer, ACCOUNTS.brought, ACCOUNTS.overseas].map((a) => `arn:aws:iam::${a}:root`).concat(serviceTestRole).sort(),
      );
      expect(await check.stageDeploymentId(service, ordersId, 'prod')).not.toBe(deploymentBefore);
      const remaining = ALL().filter((s) => s !== 'acme');
      expect(await plans(remaining, 'plan-apis-fewer')).toEqual(unchanged(remaining));
    });
  }, 1_500_000);

  it('Day 2: acme took its own stack down while the team deployed its APIs: nothing of it is left', async () => {
    await timed('day2/revoke', async () => {
      const failure = await acmeTakenDown;
      if (failure) throw failure;
      expect(await check.leftovers(acme)).toEqual(check.NOTHING);
    });
  }, 600_000);

  it('destroy (cdktf orders it: consumers first) leaves nothing behind', async () => {
    await timed('destroy', () => cdktf('destroy', ['destroy', 'service', 'customer', 'partner', ...JOINED(), ...transports.stacks(), '--auto-approve']));
    // The producer went last: its state emptied after every consumer's.
    const emptiedAt = (stack: string) => statSync(path.join(WORK, `terraform.${stack}.tfstate`)).mtimeMs;
    for (const consumer of ['customer', 'partner']) expect(emptiedAt(consumer)).toBeLessThan(emptiedAt('service'));
    expect(existsSync(path.join(WORK, 'terraform.acme.tfstate'))).toBe(true);
    await service.route53.send(new DeleteHostedZoneCommand({ Id: validationZoneId }));
    for (const clients of [service, customer, partner, acme, broughtPeerClients, overseasClients, overseasWestClients]) {
      expect({ account: clients.accountId, ...(await check.leftovers(clients)) }).toEqual({ account: clients.accountId, ...check.NOTHING });
    }
    // Nothing the consumers brought is lost: their VPC, subnets, route table (its own route), zone and its own record.
    expect(await check.leftovers(broughtClients)).toEqual({ ...check.NOTHING, hostedZones: ['hoge.co.jp.'] });
    expect([await check.broughtSnapshot(broughtClients, brought!), await check.broughtSnapshot(broughtPeerClients, broughtPeer!)]).toEqual(broughtBefore);
    // The private-domain and lattice consumers: nothing of the project left; outlet's own network and endpoint as it brought them.
    await transports.expectNothingLeft();
  }, 900_000);
}, probePython);
