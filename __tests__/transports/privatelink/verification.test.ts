import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  TargetGroup,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { planChecks } from '../../../scripts/verify/plan';
import { nlbServiceLine, privatelinkCustomerLine, privatelinkVerification, targetHintFor } from '../../../transports/privatelink/verification';
import { VERIFICATIONS } from '../../../transports/verifications';
import { API, CUSTOMER_I, defaultConfig, defaultOutputs, elb, fakeSsm, HELLO, HOST, NLB, resetAws, run, ssm, StackOutputs, stdout, timeoutButCustomDomain, twoModes } from '../../scripts/verify-harness';

beforeEach(resetAws);

describe('privatelink verification: the lines and their hints', () => {
  it('is the registry entry for privatelink, with the line through the NLB on the service stack', () => {
    expect(VERIFICATIONS.privatelink).toBe(privatelinkVerification);
    expect(privatelinkVerification.serviceLines).toEqual({ curl_through_nlb: nlbServiceLine });
    const { checks } = planChecks(defaultOutputs(), defaultConfig());
    expect(checks.map((c) => [c.output, c.hints === nlbServiceLine, c.hints === privatelinkCustomerLine])).toEqual([
      ['curl_in_service_vpc', false, false],
      ['curl_through_nlb', true, false],
      ['curl', false, true],
    ]);
  });

  it('name does not resolve (curl exit 6): hints at the zone association of the customer\'s record', async () => {
    fakeSsm((url) => ({
      Status: 'Success',
      StandardOutputContent: url.includes('vpce.hoge') || url.includes(HOST) ? stdout(6, '000', '', `curl: (6) Could not resolve host: ${new URL(url).host}`) : HELLO,
    }));
    const { code, out } = await run([]);
    const text = out.join('\n');
    expect(text).toContain('FAIL customer/curl https://vpce.hoge.co.jp/prod 000 curl exit 6: curl: (6) Could not resolve host: vpce.hoge.co.jp');
    expect(text).toContain("hint: the private zone of vpce.hoge.co.jp must be associated with this customer's VPC");
    expect(code).toBe(1);
  });

  it('timeout (curl exit 28): hints at the customer endpoint: security group 443, its state, endpoint-service AZs', async () => {
    const outputs = timeoutButCustomDomain();
    const { code, out } = await run([], { outputs, config: twoModes });
    const text = out.join('\n');
    expect(text).toContain('FAIL customer/curl https://vpce.hoge.co.jp/prod 000 curl exit 28: curl: (28) Connection timed out after 10001 milliseconds');
    expect(text).toContain("security group must allow 443 from this VPC; the endpoint must be available (not pending or rejected: see npm run revoke); its subnets must be in AZs the endpoint service serves");
    expect(code).toBe(1);
  });

  it("names its own names and the NLB's TLS pass-through in the generic hints", async () => {
    const mismatch = "curl: (60) SSL: no alternative certificate subject name matches target host name 'api.hoge.co.jp'";
    fakeSsm(() => ({ Status: 'Success', StandardOutputContent: stdout(60, '000', '', mismatch) }));
    const outputs: StackOutputs = { customer: { test_instance_id: CUSTOMER_I, curl_custom_domain: "curl 'https://api.hoge.co.jp/'" } };
    const { out } = await run([], { outputs, config: twoModes });
    expect(out[1]).toBe(
      "  hint: the certificate does not verify for api.hoge.co.jp: customDomain's certificate must cover that name, and the call must reach API Gateway's private custom domain " +
        '(access association for the endpoint; the NLB passes TLS and SNI through).',
    );
    expect(privatelinkVerification.otherNames).toEqual([
      { via: 'the NLB', named: "the NLB's" },
      { via: 'a vpce name', named: 'vpce.<zone>' },
    ]);
  });
});

describe('privatelink verification: NLB target health, before the curl lines', () => {
  const LB_ARN = 'arn:aws:elasticloadbalancing:ap-northeast-1:111111111111:loadbalancer/net/privapi-service-nlb/0123456789abcdef';
  const TG = 'privapi-service-execute-api';
  const TG_ARN = `arn:aws:elasticloadbalancing:ap-northeast-1:111111111111:targetgroup/${TG}/0123456789abcdef`;
  const GROUP: TargetGroup = { TargetGroupName: TG, TargetGroupArn: TG_ARN, HealthCheckProtocol: 'HTTPS', HealthCheckPath: '/ping', HealthCheckPort: 'traffic-port', Matcher: { HttpCode: '200' } };
  const withNlb = (): StackOutputs => {
    const outputs = defaultOutputs();
    return { ...outputs, service: { ...outputs.service, nlb_dns_name: NLB } };
  };
  const target = (ip: string, State: string, Reason?: string, Description?: string): TargetHealthDescription => ({
    Target: { Id: ip, Port: 443 },
    HealthCheckPort: '443',
    TargetHealth: { State, Reason, Description } as TargetHealthDescription['TargetHealth'],
  });
  const HEALTHY = [target('10.0.2.10', 'healthy'), target('10.0.1.10', 'healthy')];
  const INITIAL = [target('10.0.2.10', 'initial', 'Elb.InitialHealthChecking', 'Initial health checks in progress'), target('10.0.1.10', 'healthy')];

  /** The NLB on the second page of DescribeLoadBalancers, one target group; DescribeTargetHealth answers in turn. */
  function fakeElb(...answers: TargetHealthDescription[][]) {
    elb
      .on(DescribeLoadBalancersCommand)
      .resolvesOnce({ LoadBalancers: [{ DNSName: 'other-nlb-1.elb.ap-northeast-1.amazonaws.com', LoadBalancerArn: 'arn:other' }], NextMarker: 'page-2' })
      .resolves({ LoadBalancers: [{ DNSName: NLB, LoadBalancerArn: LB_ARN }] });
    elb.on(DescribeTargetGroupsCommand, { LoadBalancerArn: LB_ARN }).resolves({ TargetGroups: [GROUP] });
    const health = elb.on(DescribeTargetHealthCommand, { TargetGroupArn: TG_ARN });
    for (const answer of answers.slice(0, -1)) health.resolvesOnce({ TargetHealthDescriptions: answer });
    health.resolves({ TargetHealthDescriptions: answers[answers.length - 1] });
  }
  const helloEverywhere = () => fakeSsm(() => ({ Status: 'Success', StandardOutputContent: HELLO }));

  it('every target healthy: one PASS line per target, found by the NLB DNS name, counted in the summary, exits 0', async () => {
    fakeElb(HEALTHY);
    helloEverywhere();
    const { code, out, err } = await run([], { outputs: withNlb() });
    expect(out).toEqual([
      `PASS service/nlb_target_health ${TG} 10.0.1.10:443 healthy`,
      `PASS service/nlb_target_health ${TG} 10.0.2.10:443 healthy`,
      `PASS service/curl_in_service_vpc https://${HOST}/prod 200 "Hello from Lambda"`,
      `PASS service/curl_through_nlb https://${NLB}/prod 200 "Hello from Lambda"`,
      'PASS customer/curl https://vpce.hoge.co.jp/prod 200 "Hello from Lambda"',
      '5 passed, 0 failed',
    ]);
    expect(code).toBe(0);
    expect(err).toContain("running 3 check(s) on 2 instance(s) and reading the health of the NLB's targets in ap-northeast-1");
    // Two pages (the paginator reuses one input object, so only the last Marker is visible in the recorded calls).
    const pages = elb.commandCalls(DescribeLoadBalancersCommand);
    expect(pages).toHaveLength(2);
    expect(pages[1].args[0].input).toEqual({ Marker: 'page-2' });
    expect(elb.commandCalls(DescribeTargetGroupsCommand).map((c) => c.args[0].input)).toEqual([{ LoadBalancerArn: LB_ARN }]);
    expect(elb.commandCalls(DescribeTargetHealthCommand).map((c) => c.args[0].input)).toEqual([{ TargetGroupArn: TG_ARN }]);
  });

  it('an unhealthy target: FAIL naming target, port, state, reason code and description, with the /ping hint; exits 1', async () => {
    fakeElb([target('10.0.1.10', 'healthy'), target('10.0.2.10', 'unhealthy', 'Target.FailedHealthChecks', 'Health checks failed')]);
    helloEverywhere();
    const { code, out } = await run([], { outputs: withNlb() });
    expect(out.slice(0, 3)).toEqual([
      `PASS service/nlb_target_health ${TG} 10.0.1.10:443 healthy`,
      `FAIL service/nlb_target_health ${TG} 10.0.2.10:443 unhealthy Target.FailedHealthChecks: Health checks failed`,
      "  hint: the NLB's health check (HTTPS GET /ping on port 443, expects 200) fails against this execute-api endpoint ENI " +
        '(/ping is reserved by API Gateway for its service health check: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html): ' +
        "the endpoint must be available, its security group must allow 443 from the service VPC and the NLB's security group 443 out to it " +
        '(aws ec2 describe-vpc-endpoints, aws ec2 describe-security-group-rules; reason codes: https://docs.aws.amazon.com/elasticloadbalancing/latest/network/check-target-health.html).',
    ]);
    expect(out[out.length - 1]).toBe('4 passed, 1 failed');
    expect(code).toBe(1);
  });

  it('a target in "initial" is waited for, like an instance registering with SSM, within the same time limit', async () => {
    fakeElb(INITIAL, INITIAL, HEALTHY);
    helloEverywhere();
    const { code, out, err } = await run([], { outputs: withNlb() });
    expect(out.filter((l) => l.includes('nlb_target_health'))).toEqual([
      `PASS service/nlb_target_health ${TG} 10.0.1.10:443 healthy`,
      `PASS service/nlb_target_health ${TG} 10.0.2.10:443 healthy`,
    ]);
    expect(err.filter((l) => l.startsWith('waiting for NLB'))).toEqual(['waiting for NLB targets: 10.0.2.10:443 (Elb.InitialHealthChecking) · 0 s of 300 s']);
    expect(elb.commandCalls(DescribeTargetHealthCommand)).toHaveLength(3);
    expect(code).toBe(0);
  });

  it('still "initial" at the limit: FAIL with the time waited; the curl checks still run', async () => {
    fakeElb(INITIAL);
    helloEverywhere();
    const { code, out, err } = await run(['--timeout', '45'], { outputs: withNlb() });
    expect(out).toContain(`FAIL service/nlb_target_health ${TG} 10.0.2.10:443 initial Elb.InitialHealthChecking: Initial health checks in progress`);
    expect(out).toContain(
      '  hint: the NLB is still registering or health-checking this target (HTTPS GET /ping on port 443, expects 200) after 45 s of 45 s: registration takes a few minutes after a deploy, then 2 checks 10 s apart decide. Run again, or raise --timeout.',
    );
    expect(err.filter((l) => l.startsWith('waiting for NLB'))).toEqual([
      'waiting for NLB targets: 10.0.2.10:443 (Elb.InitialHealthChecking) · 0 s of 45 s',
      'waiting for NLB targets: 10.0.2.10:443 (Elb.InitialHealthChecking) · 30 s of 45 s',
    ]);
    expect(out).toContain(`PASS service/curl_through_nlb https://${NLB}/prod 200 "Hello from Lambda"`);
    expect(out[out.length - 1]).toBe('4 passed, 1 failed');
    expect(code).toBe(1);
  });

  it('--no-wait reads the target health once and reports it', async () => {
    fakeElb(INITIAL, HEALTHY);
    fakeSsm(() => ({ Status: 'Success' }));
    const { code, out } = await run(['--no-wait'], { outputs: withNlb() });
    expect(out.slice(0, 3)).toEqual([
      `PASS service/nlb_target_health ${TG} 10.0.1.10:443 healthy`,
      `FAIL service/nlb_target_health ${TG} 10.0.2.10:443 initial Elb.InitialHealthChecking: Initial health checks in progress`,
      '  hint: the NLB is still registering or health-checking this target (HTTPS GET /ping on port 443, expects 200); --no-wait looks once: run again without it to wait until the target is healthy or unhealthy.',
    ]);
    expect(out[out.length - 1]).toBe('3 sent, 1 passed, 1 failed');
    expect(elb.commandCalls(DescribeTargetHealthCommand)).toHaveLength(1);
    expect(code).toBe(1);
  });

  it('no NLB in the outputs (no PrivateLink customer): no target-health line, no ELBv2 call', async () => {
    helloEverywhere();
    const { code, out } = await run([]);
    expect(out.filter((l) => l.includes('nlb_target_health'))).toEqual([]);
    expect(out[out.length - 1]).toBe('3 passed, 0 failed');
    expect(elb.calls()).toHaveLength(0);
    expect(code).toBe(0);
  });

  it('an NLB but no test instance: the targets are still something to check', async () => {
    fakeElb(HEALTHY);
    const outputs: StackOutputs = { service: { api_id: API, nlb_dns_name: NLB, curl_through_nlb: `curl -k 'https://${NLB}/prod' -H 'x-apigw-api-id: ${API}'` } };
    const { code, out, err } = await run([], { outputs });
    expect(out).toEqual([
      `PASS service/nlb_target_health ${TG} 10.0.1.10:443 healthy`,
      `PASS service/nlb_target_health ${TG} 10.0.2.10:443 healthy`,
      '2 passed, 0 failed',
    ]);
    expect(err).toContain('skip service: no test instance (service.testInstance is false, or the outputs predate it)');
    expect(ssm.calls()).toHaveLength(0);
    expect(code).toBe(0);
  });

  it('no load balancer with that DNS name, or no target: FAIL saying so', async () => {
    elb.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [{ DNSName: 'other-nlb-1.elb.ap-northeast-1.amazonaws.com', LoadBalancerArn: 'arn:other' }] });
    helloEverywhere();
    const gone = await run([], { outputs: withNlb() });
    expect(gone.out.slice(0, 2)).toEqual([
      `FAIL service/nlb_target_health ${NLB} --- no load balancer has this DNS name in account 111111111111 (ap-northeast-1)`,
      '  hint: the outputs file is older than the deployment, or the NLB is gone: cdktf deploy service, then write the outputs file again.',
    ]);
    expect(gone.code).toBe(1);
    expect(elb.commandCalls(DescribeTargetGroupsCommand)).toHaveLength(0);

    elb.reset();
    fakeElb([]);
    const empty = await run([], { outputs: withNlb() });
    expect(empty.out[0]).toBe(`FAIL service/nlb_target_health ${TG} --- no target registered`);
    expect(empty.code).toBe(1);
  });

  it('a refused ELBv2 call is a setup error naming the service account', async () => {
    elb.on(DescribeLoadBalancersCommand).rejects(Object.assign(new Error('not authorized to perform: elasticloadbalancing:DescribeLoadBalancers'), { name: 'AccessDenied' }));
    const { code, err } = await run([], { outputs: withNlb() });
    expect(code).toBe(2);
    expect(err).toContain(
      'verify: service (stack service, account 111111111111): the credentials were refused or lack a permission: AccessDenied: not authorized to perform: elasticloadbalancing:DescribeLoadBalancers',
    );
    expect(ssm.calls()).toHaveLength(0);
  });

  it.each([
    ['unused', 'Target.NotInUse', "it must be an execute-api endpoint ENI address in one of the NLB's AZs (service.azIds)"],
    ['draining', 'Target.DeregistrationInProgress', 'the target is being deregistered'],
    ['unavailable', 'Target.HealthCheckDisabled', 'health checks are disabled on the target group'],
  ])('a target %s (%s) gets its own hint', (state, reason, hint) => {
    expect(targetHintFor(GROUP, target('10.0.1.10', state, reason))).toContain(hint);
  });
});
