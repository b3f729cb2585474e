/**
 * `npm run verify` for `privatelink` consumers (first write-up): the service's line through the NLB and the customer's
 * line through its endpoint and `vpce.<zone>`, their hints, and the health of the NLB's targets, read before the curl
 * lines: only a real account probes them, and a line through the NLB fails while they are not healthy.
 */
import type { LoadBalancer, TargetGroup, TargetHealthDescription } from '@aws-sdk/client-elastic-load-balancing-v2';
import { SERVICE_STACK_NAME } from '../../config';
import { accountForStack, errorText, explainAccountError, SetupError } from '../../scripts/aws-session';
import type { StackOutputs } from '../../stacks/output-names';
import { LineHints, PreCheck, PreCheckContext, PreCheckResult, TransportVerification } from '../verification';

/** The service's curl line through the NLB, with the header that selects the API (before the `_<api>` suffix). */
export const CURL_THROUGH_NLB = 'curl_through_nlb';
/** The service output naming the NLB: there only while a PrivateLink consumer is. */
export const NLB_DNS_NAME = 'nlb_dns_name';

export const nlbServiceLine: LineHints = {
  dns: () => `the NLB's name is public DNS with private addresses: the VPC needs DNS support (Route 53 Resolver) and the name must be the ${NLB_DNS_NAME} output.`,
  timeout:
    "no TCP connection on 443 (timed out or refused): the NLB's targets (the execute-api endpoint's ENI addresses, one per AZ) must be healthy, " +
    "and the endpoint's security group must allow 443 from the service VPC.",
  // TCP listener: the NLB neither ends TLS nor reads the name, so the domain's certificate reaches the caller.
  customDomainPath: 'the NLB passes TLS and SNI through',
};

export const privatelinkCustomerLine: LineHints = {
  dns: (host) => `the private zone of ${host} must be associated with this customer's VPC and hold that record as an alias to the customer's endpoint.`,
  timeout:
    "no TCP connection on 443 (timed out or refused): the customer endpoint's security group must allow 443 from this VPC; the endpoint must be " +
    'available (not pending or rejected: see npm run revoke); its subnets must be in AZs the endpoint service serves (same AZ IDs as the NLB); ' +
    "the NLB's targets must be healthy.",
  customDomainPath: 'the NLB passes TLS and SNI through',
};

/** The label of the target-health lines: the check reads the service account, from the nlb_dns_name output. */
export const TARGET_HEALTH_CHECK = `${SERVICE_STACK_NAME}/nlb_target_health`;

/** The NLB the service outputs name, or undefined (no PrivateLink consumer). */
export function nlbOf(outputs: StackOutputs): string | undefined {
  const name = outputs[SERVICE_STACK_NAME]?.[NLB_DNS_NAME];
  if (name === undefined || name === null || name === '') return undefined;
  if (typeof name !== 'string' || !/^[A-Za-z0-9.-]+$/.test(name)) {
    throw new SetupError(`${SERVICE_STACK_NAME}.${NLB_DNS_NAME}: expected a DNS name, received ${JSON.stringify(name)}`);
  }
  return name;
}

/** One target, or why there is none to show. */
export interface TargetHealthResult {
  readonly outcome: 'pass' | 'fail';
  /** The target group's name; the NLB's DNS name when no target group was found. */
  readonly where: string;
  /** `<id>:<port>` */
  readonly target?: string;
  readonly state?: string;
  readonly reason?: string;
  readonly description?: string;
  /** What went wrong when there is no target state to show. */
  readonly detail?: string;
  readonly hint?: string;
}

const PING_RESERVED = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html';
const REASON_CODES = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/check-target-health.html';

/** `HTTPS GET /ping on port 443, expects 200`: read from the target group, so the hint shows what AWS probes. */
function healthCheckText(group: TargetGroup, target: TargetHealthDescription): string {
  const protocol = group.HealthCheckProtocol ?? 'HTTPS';
  const path = protocol.startsWith('HTTP') ? ` GET ${group.HealthCheckPath ?? '/'}` : '';
  const port = target.HealthCheckPort ?? (group.HealthCheckPort === 'traffic-port' ? target.Target?.Port : group.HealthCheckPort);
  const expects = group.Matcher?.HttpCode ? `, expects ${group.Matcher.HttpCode}` : '';
  return `${protocol}${path}${port ? ` on port ${port}` : ''}${expects}`;
}

// Target states and their reason codes: https://docs.aws.amazon.com/elasticloadbalancing/latest/network/check-target-health.html
// and https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html
/** The hint under a target that is not healthy; `waited` is the time spent waiting (undefined with --no-wait). */
export function targetHintFor(group: TargetGroup, target: TargetHealthDescription, waited?: string): string {
  const check = healthCheckText(group, target);
  switch (target.TargetHealth?.State) {
    case 'initial':
      return waited === undefined
        ? `the NLB is still registering or health-checking this target (${check}); --no-wait looks once: run again without it to wait until the target is healthy or unhealthy.`
        : `the NLB is still registering or health-checking this target (${check}) after ${waited}: registration takes a few minutes after a deploy, ` +
            `then ${group.HealthyThresholdCount ?? 2} checks ${group.HealthCheckIntervalSeconds ?? 10} s apart decide. Run again, or raise --timeout.`;
    case 'unhealthy':
    case 'unhealthy.draining':
      return (
        `the NLB's health check (${check}) fails against this execute-api endpoint ENI` +
        (group.HealthCheckPath === '/ping' ? ` (/ping is reserved by API Gateway for its service health check: ${PING_RESERVED})` : '') +
        ": the endpoint must be available, its security group must allow 443 from the service VPC and the NLB's security group 443 out to it " +
        `(aws ec2 describe-vpc-endpoints, aws ec2 describe-security-group-rules; reason codes: ${REASON_CODES}).`
      );
    case 'unused':
      return `the NLB does not route to this target: it must be an execute-api endpoint ENI address in one of the NLB's AZs (service.azIds) and the target group the listener's; cdktf deploy service registers them (reason codes: ${REASON_CODES}).`;
    case 'draining':
      return `the target is being deregistered (an ENI address that left the endpoint, or an AZ removed): if that was not intended, cdktf deploy service registers the endpoint's addresses again (reason codes: ${REASON_CODES}).`;
    case 'unavailable':
      return `health checks are disabled on the target group (the service stack enables them: ${check}): cdktf deploy service (reason codes: ${REASON_CODES}).`;
  }
  return `see the reason code (${REASON_CODES}).`;
}

/**
 * Finds the NLB by its DNS name (DescribeLoadBalancers), its target groups, and reads each group's target health
 * with the service account's credentials; unless `wait` is false, reads again while a target is `initial`, within
 * the time limit. One result per target.
 */
export async function checkTargetHealth(nlbDnsName: string, context: PreCheckContext): Promise<TargetHealthResult[]> {
  const { config } = context;
  // Loaded when it runs: --help and bad arguments load no SDK.
  const { DescribeTargetHealthCommand, ElasticLoadBalancingV2Client, paginateDescribeLoadBalancers, paginateDescribeTargetGroups } = await import(
    '@aws-sdk/client-elastic-load-balancing-v2'
  );
  const account = accountForStack(config, SERVICE_STACK_NAME)!;
  const elbv2 = new ElasticLoadBalancingV2Client(context.settingsFor(account));
  const call = async <T>(operation: string, send: () => Promise<T>): Promise<T> => {
    try {
      return await send();
    } catch (error) {
      const explained = explainAccountError(error, account);
      if (explained instanceof SetupError) throw explained;
      throw new Error(`ELBv2 ${operation} for stack ${account.stack} (account ${account.accountId}) failed: ${errorText(error)}`, { cause: error });
    }
  };

  // DescribeLoadBalancers filters by name or ARN only, and the outputs hold the DNS name (the name plus an id AWS
  // picks): match it across the account's load balancers.
  const wanted = nlbDnsName.toLowerCase();
  const nlb = await call('DescribeLoadBalancers', async () => {
    for await (const page of paginateDescribeLoadBalancers({ client: elbv2 }, {})) {
      const found = page.LoadBalancers?.find((lb: LoadBalancer) => lb.DNSName?.toLowerCase() === wanted);
      if (found) return found;
    }
    return undefined;
  });
  if (!nlb?.LoadBalancerArn) {
    return [
      {
        outcome: 'fail',
        where: nlbDnsName,
        detail: `no load balancer has this DNS name in account ${account.accountId} (${config.region})`,
        hint: 'the outputs file is older than the deployment, or the NLB is gone: cdktf deploy service, then write the outputs file again.',
      },
    ];
  }
  const groups = await call('DescribeTargetGroups', async () => {
    const found: TargetGroup[] = [];
    for await (const page of paginateDescribeTargetGroups({ client: elbv2 }, { LoadBalancerArn: nlb.LoadBalancerArn })) {
      found.push(...(page.TargetGroups ?? []));
    }
    return found;
  });
  if (groups.length === 0) {
    return [
      {
        outcome: 'fail',
        where: nlbDnsName,
        detail: 'no target group behind this load balancer',
        hint: "the NLB forwards to nothing: the service stack's listener and target group are missing; cdktf deploy service.",
      },
    ];
  }

  const nameOf = (group: TargetGroup) => group.TargetGroupName ?? group.TargetGroupArn ?? '?';
  const targetOf = (d: TargetHealthDescription) => `${d.Target?.Id ?? '?'}${d.Target?.Port ? `:${d.Target.Port}` : ''}`;
  for (;;) {
    const health: [TargetGroup, TargetHealthDescription[]][] = [];
    for (const group of groups) {
      const answer = await call('DescribeTargetHealth', () => elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn })));
      const targets = [...(answer.TargetHealthDescriptions ?? [])];
      // AWS lists targets in no fixed order; sorted, two runs compare line by line.
      targets.sort((a, b) => targetOf(a).localeCompare(targetOf(b), 'en', { numeric: true }));
      health.push([group, targets]);
    }
    // `initial` (Elb.RegistrationInProgress, Elb.InitialHealthChecking) is the only state that settles by itself.
    const initial = health.flatMap(([, targets]) => targets.filter((d) => d.TargetHealth?.State === 'initial'));
    if (!context.wait || initial.length === 0 || context.expired()) {
      return health.flatMap(([group, targets]): TargetHealthResult[] => {
        if (targets.length === 0) {
          return [
            {
              outcome: 'fail',
              where: nameOf(group),
              detail: 'no target registered',
              hint: "the NLB has nothing to forward to: its targets are the execute-api endpoint's ENI addresses, one per AZ; cdktf deploy service registers them.",
            },
          ];
        }
        return targets.map((d) => {
          const state = d.TargetHealth?.State ?? 'unknown';
          const shown = { where: nameOf(group), target: targetOf(d), state, reason: d.TargetHealth?.Reason, description: d.TargetHealth?.Description };
          return state === 'healthy'
            ? { outcome: 'pass', ...shown }
            : { outcome: 'fail', ...shown, hint: targetHintFor(group, d, context.wait ? context.elapsed() : undefined) };
        });
      });
    }
    context.waiting(`waiting for NLB targets: ${initial.map((d) => `${targetOf(d)} (${d.TargetHealth?.Reason ?? 'initial'})`).join(', ')}`);
    await context.pause();
  }
}

/** `service/nlb_target_health <target group> <id>:<port> <state> [<reason>[: <description>]]`, or `--- <detail>`. */
export function targetHealthLine(result: TargetHealthResult): PreCheckResult {
  const { state, reason, description } = result;
  const why = reason && description ? `${reason}: ${description}` : reason ?? description;
  const what = state ? (why ? `${state} ${why}` : state) : result.detail ?? '';
  return { outcome: result.outcome, check: TARGET_HEALTH_CHECK, text: `${result.where} ${result.target ?? '---'} ${what}`, hint: result.hint };
}

export const targetHealthPreCheck: PreCheck = {
  usage: {
    description:
      `When the service outputs name an NLB (${NLB_DNS_NAME}: PrivateLink customers), it first reads the health of the NLB's targets ` +
      '(DescribeTargetHealth) and prints one line per target: PASS when healthy, else FAIL with its state, reason code and description.',
    waitsFor: 'NLB targets in "initial"',
    once: "read the targets' health once",
    failure: 'a target is not healthy',
    absence: 'no NLB',
  },
  progress: "reading the health of the NLB's targets",
  find(outputs) {
    const nlb = nlbOf(outputs);
    return nlb === undefined ? undefined : { run: async (context) => (await checkTargetHealth(nlb, context)).map(targetHealthLine) };
  },
};

export const privatelinkVerification: TransportVerification = {
  serviceLines: { [CURL_THROUGH_NLB]: nlbServiceLine },
  customerLine: privatelinkCustomerLine,
  otherNames: [
    { via: 'the NLB', named: "the NLB's" },
    { via: 'a vpce name', named: 'vpce.<zone>' },
  ],
  preCheck: targetHealthPreCheck,
};
