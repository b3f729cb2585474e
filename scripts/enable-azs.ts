/**
 * `npm run enable-azs`: makes the endpoint service offer every AZ its NLB is in, with the service account's
 * credentials, and waits until it does.
 *
 * AWS does not do it when the NLB gains an AZ: "If you enable another Availability Zone for your load balancers …
 * it won't be enabled for the endpoint service … You need to enable the endpoint service for the new Availability
 * Zone", and the way to do it is ModifyVpcEndpointServiceConfiguration with the service id alone ("To enable the
 * endpoint service in an Availability Zone that was recently enabled for the load balancer, simply call the command
 * with the ID of the endpoint service"); "It might take a few minutes for the load balancer's Availability Zone to
 * be ready … we recommend that you add a wait", so the call is repeated until the service lists the AZ.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#associate-load-balancer
 * The provider does neither (hashicorp/terraform-provider-aws#40809). The service stack does the same from inside
 * AWS (lambda/enable-azs/index.py, invoked by Terraform when the NLB's AZs change:
 * modules/endpoint-service-az-enabler.ts); this is the by-hand and repair path, with the same steps.
 */
import {
  DescribeVpcEndpointServiceConfigurationsCommand,
  EC2Client,
  ModifyVpcEndpointServiceConfigurationCommand,
  ServiceConfiguration,
} from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { STSClient } from '@aws-sdk/client-sts';
import { AppConfig, SERVICE_STACK_NAME } from '../config';
import {
  accountForStack,
  clientSettings,
  consoleIo,
  errorText,
  EXIT,
  explainAccountError,
  Io,
  runScript,
  serviceEndpointServices,
  SetupError,
} from './aws-session';

export const USAGE = `Usage: npm run enable-azs [-- --service-id <vpce-svc-…>] [--timeout <seconds>]

Makes the API's endpoint service offer every Availability Zone its network load balancer is in, with the
service account's credentials only (config service.roleArn or service.profile, else the ambient AWS
credentials). AWS does not enable a load balancer's new AZ for its endpoint service by itself; until it is
enabled, a consumer endpoint's subnet there is refused ("does not support the availability zone of the
subnet"). The service stack does the same when an AZ is added (a Lambda function that Terraform invokes);
this is the by-hand and repair path, e.g. after an apply that stopped before the AZ was offered.
Running it again is safe: it says when every AZ is already offered.

Options:
  --service-id <id>    the endpoint service (default: the one tagged with this deployment's Project/Stack)
  --timeout <seconds>  how long to wait for AWS to offer the new AZs (default 600)
  -h, --help           this text

Exit status: 0 every AZ offered, 1 not offered in time or a call failed, 2 bad arguments or setup.`;

export interface EnableAzsArgs {
  readonly help: boolean;
  readonly serviceId?: string;
  readonly timeoutSeconds: number;
}

export function parseEnableAzsArgs(argv: readonly string[]): EnableAzsArgs {
  let serviceId: string | undefined;
  let timeoutSeconds = 600;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return { help: true, timeoutSeconds };
    const value = argv[i + 1];
    if (arg === '--service-id') {
      if (!value || !/^vpce-svc-[0-9a-f]+$/.test(value)) throw new SetupError(`--service-id: expected an endpoint service id like vpce-svc-0123456789abcdef0, received ${JSON.stringify(value ?? null)}`);
      serviceId = value;
    } else if (arg === '--timeout') {
      if (!value || !/^\d+$/.test(value)) throw new SetupError(`--timeout: expected a whole number of seconds, received ${JSON.stringify(value ?? null)}`);
      timeoutSeconds = Number(value);
    } else {
      throw new SetupError(`unknown argument ${JSON.stringify(arg)}`);
    }
    i++;
  }
  return { help: false, serviceId, timeoutSeconds };
}

/** Injected by the tests; by default clients with the service account's credentials and real time. */
export interface EnableAzsOptions {
  readonly ec2?: EC2Client;
  readonly elbv2?: ElasticLoadBalancingV2Client;
  readonly sts?: STSClient;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** Pause between attempts. @default 15 s */
  readonly pollMs?: number;
}

/** The AZs (names, as the service account sees them) that the service's NLBs are in, once every NLB is active. */
async function loadBalancerZones(elbv2: ElasticLoadBalancingV2Client, service: ServiceConfiguration): Promise<{ zones: string[]; active: boolean }> {
  const arns = service.NetworkLoadBalancerArns ?? [];
  if (arns.length === 0) return { zones: [], active: true };
  const { LoadBalancers = [] } = await elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: arns }));
  return {
    zones: [...new Set(LoadBalancers.flatMap((lb) => (lb.AvailabilityZones ?? []).map((z) => z.ZoneName!)))].sort(),
    // A subnet being added leaves the NLB `provisioning`; its AZ cannot be enabled before it is `active`.
    active: LoadBalancers.every((lb) => lb.State?.Code === 'active'),
  };
}

/** Enables the missing AZs of one service; returns true when the service offers all of its NLBs' AZs. */
async function enableService(serviceId: string, clients: Required<Pick<EnableAzsOptions, 'ec2' | 'elbv2'>>, io: Io, deadline: number, options: EnableAzsOptions): Promise<boolean> {
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 15_000;
  let asked = false;
  for (;;) {
    const { ServiceConfigurations = [] } = await clients.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }));
    const service = ServiceConfigurations[0];
    if (!service) throw new SetupError(`${serviceId}: no such endpoint service in this account and region`);
    const { zones, active } = await loadBalancerZones(clients.elbv2, service);
    const offered = new Set(service.AvailabilityZones ?? []);
    const missing = zones.filter((z) => !offered.has(z));
    if (missing.length === 0) {
      io.out(asked ? `${serviceId}: now offered in ${zones.join(', ')}` : `${serviceId}: already offered in every AZ of its load balancer (${zones.join(', ')}): nothing to do`);
      return true;
    }
    if (now() >= deadline) {
      io.out(`${serviceId}: FAILED: still not offered in ${missing.join(', ')} (its load balancer is in ${zones.join(', ')}); run \`npm run enable-azs\` again in a few minutes`);
      return false;
    }
    if (active) {
      await clients.ec2.send(new ModifyVpcEndpointServiceConfigurationCommand({ ServiceId: serviceId }));
      if (!asked) io.out(`${serviceId}: enabling ${missing.join(', ')} (load balancer AZs: ${zones.join(', ')})`);
      asked = true;
      // Read back at once: AWS may take the AZ on the first call; if not, the next round calls again.
      const again = await clients.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }));
      const nowOffered = new Set(again.ServiceConfigurations?.[0]?.AvailabilityZones ?? []);
      if (zones.every((z) => nowOffered.has(z))) {
        io.out(`${serviceId}: now offered in ${zones.join(', ')}`);
        return true;
      }
    }
    await sleep(pollMs);
  }
}

/** Enables every AZ of the deployment's endpoint service(s); returns the exit status. */
export async function enableAzs(args: EnableAzsArgs, config: AppConfig, io: Io = consoleIo, options: EnableAzsOptions = {}): Promise<number> {
  const account = accountForStack(config, SERVICE_STACK_NAME)!;
  const settings = clientSettings(account, config.region, `${config.namePrefix}-enable-azs`);
  const ec2 = options.ec2 ?? new EC2Client(settings);
  const elbv2 = options.elbv2 ?? new ElasticLoadBalancingV2Client(settings);
  const sts = options.sts ?? new STSClient(settings);
  const deadline = (options.now ?? Date.now)() + args.timeoutSeconds * 1000;

  let serviceIds: string[];
  try {
    serviceIds = args.serviceId ? [args.serviceId] : (await serviceEndpointServices(config, ec2, sts)).map((s) => s.ServiceId!);
  } catch (error) {
    const explained = explainAccountError(error, account);
    io.err(`enable-azs: ${explained instanceof SetupError ? explained.message : errorText(explained)}`);
    return explained instanceof SetupError ? EXIT.setup : EXIT.failed;
  }
  if (serviceIds.length === 0) {
    io.out(`No endpoint service tagged Project=${config.namePrefix}, Stack=${SERVICE_STACK_NAME} in account ${config.service.accountId} (${config.region}): nothing to do.`);
    return EXIT.ok;
  }
  let failures = 0;
  for (const serviceId of serviceIds) {
    try {
      if (!(await enableService(serviceId, { ec2, elbv2 }, io, deadline, options))) failures++;
    } catch (error) {
      const explained = explainAccountError(error, account);
      io.out(`${serviceId}: FAILED: ${explained instanceof Error ? explained.message : errorText(explained)}`);
      failures++;
    }
  }
  return failures > 0 ? EXIT.failed : EXIT.ok;
}

/** The CLI: returns the exit status. */
export async function main(argv: readonly string[], io: Io = consoleIo, env: NodeJS.ProcessEnv = process.env, options: EnableAzsOptions = {}): Promise<number> {
  return runScript('enable-azs', USAGE, argv, io, env, parseEnableAzsArgs, (args, config) => enableAzs(args, config, io, options));
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
