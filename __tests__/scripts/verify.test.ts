import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DescribeInstanceInformationCommand, GetCommandInvocationCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { deepMerge, DEFAULT_CONFIG_INPUT, parseConfig } from '../../config';
import { accountForStack, clientSettings, SetupError } from '../../scripts/aws-session';
import { USAGE } from '../../scripts/verify/cli';
import { serviceVpcLine } from '../../scripts/verify/hints';
import { apiOfOutput, planChecks } from '../../scripts/verify/plan';
import { runChecks } from '../../scripts/verify/run';
import { buildShellCommand, parseCommandOutput } from '../../scripts/verify/shell';
import { checkUrl, CURL_FORMS, curlLine, EXPORT_CREDENTIALS as EVAL_EXPORT, parseCurlLine } from '../../stacks/curl-line';
import { VERIFICATIONS } from '../../transports/verifications';
import { scratchDir } from '../scratch';
import {
  API,
  CUSTOMER_I,
  defaultConfig,
  defaultOutputs,
  fakeSsm,
  HELLO,
  HOST,
  NLB,
  PARTNER_I,
  resetAws,
  run,
  SERVICE_I,
  ssm,
  StackOutputs,
  stdout,
  sts,
  twoModes,
  twoModesConfig,
} from './verify-harness';

beforeEach(resetAws);

/** The hints of the service's line through the NLB (a PrivateLink consumer's path). */
const VIA_NLB = VERIFICATIONS.privatelink.serviceLines.curl_through_nlb;

describe('verify: the checks it plans', () => {
  it("privateDns off: the service's line calls the endpoint's own name with the header, and gets the service VPC's hints", async () => {
    const ENDPOINT = 'vpce-0123456789abcdef0-abcdefgh.execute-api.ap-northeast-1.vpce.amazonaws.com';
    fakeSsm((url) => ({ Status: 'Success', StandardOutputContent: url.includes(ENDPOINT) ? stdout(6, '000', '', `curl: (6) Could not resolve host: ${ENDPOINT}`) : HELLO }));
    const outputs: StackOutputs = { service: { test_instance_id: SERVICE_I, curl_in_service_vpc: `curl 'https://${ENDPOINT}/prod' -H 'x-apigw-api-id: ${API}'` } };
    expect(planChecks(outputs, defaultConfig()).checks.map((c) => c.hints)).toEqual([serviceVpcLine]);
    const { code, out } = await run([], { outputs });
    expect(out[1]).toBe(
      "  hint: the execute-api endpoint's own name is public DNS with private addresses: the VPC needs DNS support (Route 53 Resolver) and the name must be the execute_api_endpoint_dns_name output.",
    );
    expect(serviceVpcLine.timeout).toBe("no TCP connection on 443 (timed out or refused): the execute-api endpoint's security group must allow 443 from the service VPC.");
    expect(code).toBe(1);
  });

  it('runs every curl output of every stack with a test instance, with -sS, a time limit and the status written out', () => {
    const { checks } = planChecks(defaultOutputs(), defaultConfig());
    expect(checks.map((c) => [c.stack, c.output, c.instanceId, c.url, c.hints])).toEqual([
      ['service', 'curl_in_service_vpc', SERVICE_I, `https://${HOST}/prod`, serviceVpcLine],
      ['service', 'curl_through_nlb', SERVICE_I, `https://${NLB}/prod`, VIA_NLB],
      ['customer', 'curl', CUSTOMER_I, 'https://vpce.hoge.co.jp/prod', VERIFICATIONS.privatelink.customerLine],
    ]);
    expect(checks[1].command).toContain(
      `curl -sS --max-time 10 -o "$d/body" -w '%{http_code}' -k 'https://${NLB}/prod' -H 'x-apigw-api-id: ${API}' 2>"$d/err"`,
    );
    expect(checks[0].command).not.toContain(' -k ');
  });

  it('skips a stack without a test instance and flags the custom domain line', () => {
    const outputs: StackOutputs = {
      ...defaultOutputs(),
      customer: { curl: `curl -k 'https://vpce.hoge.co.jp/prod' -H 'x-apigw-api-id: ${API}'` },
      partner: { test_instance_id: PARTNER_I, curl: `curl 'https://${HOST}/prod'`, curl_custom_domain: "curl 'https://api.hoge.co.jp/'" },
    };
    const plan = planChecks(outputs, twoModesConfig(), { curlTimeoutSeconds: 5 });
    expect(plan.skipped).toEqual([{ stack: 'customer', reason: 'no test instance (customers[0].testInstance is false, or the outputs predate it)' }]);
    const partner = plan.checks.filter((c) => c.stack === 'partner');
    expect(partner.map((c) => [c.output, c.hints, c.customDomain])).toEqual([
      ['curl', VERIFICATIONS.peering.customerLine, false],
      ['curl_custom_domain', VERIFICATIONS.peering.customerLine, true],
    ]);
    expect(partner[0].command).toContain('--max-time 5');
  });

  it.each([
    "curl 'https://h.example.com/prod'; rm -rf /",
    "curl -k 'https://h.example.com/prod' -H 'x-apigw-api-id: $(id)'",
    "curl -k 'https://h.example.com/prod' -H 'x-other: abc'",
    "curl 'http://h.example.com/prod'",
    "wget 'https://h.example.com/prod'",
    "curl 'https://h.example.com/prod' -H 'x-apigw-api-id: abc' -v",
    "curl 'https://h.example.com/pr od'",
    "curl 'https://h.example.com/prod''x'",
    // The unquoted form: pasted, `&` and `;` in it end the command.
    'curl https://h.example.com/prod',
    "curl -k https://h.example.com/prod -H 'x-apigw-api-id: abc'",
  ])('refuses a line it would not run verbatim: %s', (line) => {
    expect(() => parseCurlLine(line)).toThrow(`expected ${CURL_FORMS}, received ${JSON.stringify(line)}`);
  });

  it('names the output whose line is malformed', () => {
    const outputs = defaultOutputs();
    outputs.customer.curl = "curl 'https://vpce.hoge.co.jp/prod' | sh";
    expect(() => planChecks(outputs, defaultConfig())).toThrow(SetupError);
    expect(() => planChecks(outputs, defaultConfig())).toThrow('customer.curl: expected');
  });

  it('refuses an unquoted line of older outputs, saying how to rewrite them', () => {
    const outputs = defaultOutputs();
    outputs.customer.curl = `curl -k https://vpce.hoge.co.jp/prod -H 'x-apigw-api-id: ${API}'`;
    expect(() => planChecks(outputs, defaultConfig())).toThrow(
      `customer.curl: expected ${CURL_FORMS}, received ${JSON.stringify(outputs.customer.curl)}. ` +
        'Outputs of an older version: cdktf deploy, then write the outputs file again.',
    );
  });
});

describe('verify: outcomes and hints', () => {
  it('PASS: waits for SSM registration and for the invocation (InvocationDoesNotExist first), prints one line per check, exits 0', async () => {
    let polls = 0;
    ssm.on(DescribeInstanceInformationCommand).callsFake((input) => ({
      // The customer host registers on the second poll; the service host is Online at once.
      InstanceInformationList: input.Filters[0].Values.includes(CUSTOMER_I)
        ? polls++ === 0 ? [] : [{ InstanceId: CUSTOMER_I, PingStatus: 'Online' }]
        : [{ InstanceId: SERVICE_I, PingStatus: 'Online' }],
    }));
    ssm.on(SendCommandCommand).callsFake((input) => ({ Command: { CommandId: `cmd-${input.Comment.split('/')[1]}` } }));
    const notYet = Object.assign(new Error('not yet'), { name: 'InvocationDoesNotExist' });
    ssm
      .on(GetCommandInvocationCommand)
      .rejectsOnce(notYet)
      .resolvesOnce({ Status: 'InProgress' })
      .resolves({ Status: 'Success', StandardOutputContent: HELLO });

    const { code, out, err } = await run([]);

    expect(out).toEqual([
      `PASS service/curl_in_service_vpc https://${HOST}/prod 200 "Hello from Lambda"`,
      `PASS service/curl_through_nlb https://${NLB}/prod 200 "Hello from Lambda"`,
      'PASS customer/curl https://vpce.hoge.co.jp/prod 200 "Hello from Lambda"',
      '3 passed, 0 failed',
    ]);
    expect(code).toBe(0);
    expect(err).toContain(`waiting for SSM: customer ${CUSTOMER_I} (not registered) · 0 s of 300 s`);
    const sent = ssm.commandCalls(SendCommandCommand).map((c) => c.args[0].input);
    expect(sent.map((s) => [s.InstanceIds, s.DocumentName, s.Comment])).toEqual([
      [[SERVICE_I], 'AWS-RunShellScript', 'privapi verify service/curl_in_service_vpc'],
      [[SERVICE_I], 'AWS-RunShellScript', 'privapi verify service/curl_through_nlb'],
      [[CUSTOMER_I], 'AWS-RunShellScript', 'privapi verify customer/curl'],
    ]);
    expect(sent[2].Parameters!.commands[0]).toContain(`-k 'https://vpce.hoge.co.jp/prod' -H 'x-apigw-api-id: ${API}'`);
  });

  it('403 Forbidden without the header: hints at x-apigw-api-id', async () => {
    fakeSsm((url) => ({ Status: 'Success', StandardOutputContent: url.includes('vpce.hoge') ? stdout(0, '403', '{"message":"Forbidden"}') : HELLO }));
    const outputs = defaultOutputs();
    outputs.customer.curl = "curl -k 'https://vpce.hoge.co.jp/prod'";
    const { code, out } = await run([], { outputs });
    expect(out).toContain('FAIL customer/curl https://vpce.hoge.co.jp/prod 403 "{\\"message\\":\\"Forbidden\\"}"');
    expect(out).toContain("  hint: API Gateway picks the API by name; through the NLB or a vpce name send -H 'x-apigw-api-id: <api-id>' (or Host: <api-id>.execute-api.<region>.amazonaws.com).");
    expect(out[out.length - 1]).toBe('2 passed, 1 failed');
    expect(code).toBe(1);
  });

  it('403 Forbidden with the header: hints at the resource policy and the redeploy', async () => {
    fakeSsm((url) => ({ Status: 'Success', StandardOutputContent: url.includes(NLB) ? stdout(0, '403', '{"message":"Forbidden"}') : HELLO }));
    const { code, out } = await run([]);
    expect(out.join('\n')).toMatch(/FAIL service\/curl_through_nlb .* 403 .*\n {2}hint: 403 Forbidden: the API's resource policy must allow this call's endpoint \(aws:SourceVpce.*redeployed after a policy change/);
    expect(code).toBe(1);
  });

  it('name does not resolve (curl exit 6): hints at the zone association, per route', async () => {
    fakeSsm((url) => ({
      Status: 'Success',
      StandardOutputContent: url.includes('vpce.hoge') || url.includes(HOST) ? stdout(6, '000', '', `curl: (6) Could not resolve host: ${new URL(url).host}`) : HELLO,
    }));
    const { code, out } = await run([]);
    const text = out.join('\n');
    expect(text).toContain(`FAIL service/curl_in_service_vpc https://${HOST}/prod 000 curl exit 6: curl: (6) Could not resolve host: ${HOST}`);
    expect(text).toContain("hint: the API's name resolves in the service VPC only through the execute-api endpoint's private DNS (service.privateDns)");
    expect(code).toBe(1);
  });

  it.each([60, 51])('TLS name mismatch (curl exit %i): hints at -k / the custom domain certificate', async (rc) => {
    const mismatch = "curl: (60) SSL: no alternative certificate subject name matches target host name 'api.hoge.co.jp'";
    fakeSsm((url) => ({ Status: 'Success', StandardOutputContent: stdout(rc, '000', '', url.includes('api.hoge') ? mismatch : 'curl: (60) SSL certificate problem: self-signed certificate\nMore details here: https://curl.se/docs/sslcerts.html') }));
    const outputs: StackOutputs = {
      customer: { test_instance_id: CUSTOMER_I, curl: "curl 'https://vpce.hoge.co.jp/prod'", curl_custom_domain: "curl 'https://api.hoge.co.jp/'" },
    };
    const { code, out } = await run([], { outputs, config: twoModes });
    const text = out.join('\n');
    expect(text).toContain(`FAIL customer/curl_custom_domain https://api.hoge.co.jp/ 000 curl exit ${rc}: ${mismatch}`);
    // Only curl's first line: the rest is its advice to read sslcerts.html.
    expect(out).toContain(`FAIL customer/curl https://vpce.hoge.co.jp/prod 000 curl exit ${rc}: curl: (60) SSL certificate problem: self-signed certificate`);
    expect(text).toContain("hint: the certificate does not verify for api.hoge.co.jp: customDomain's certificate must cover that name");
    expect(text).toContain("hint: the certificate is *.execute-api.<region>.amazonaws.com: only the API's own name verifies; other names (the NLB's, vpce.<zone>) need -k");
    expect(code).toBe(1);
  });

  it.each([
    ['502', '{"message": "Internal server error"}', 'API Gateway answered but the integration failed'],
    ['404', '{"message":"Not Found"}', 'the path must start with the deployed stage (service.stageName)'],
    ['200', 'Welcome to nginx', 'status 200 but not "Hello from Lambda"'],
  ])('HTTP %s: FAIL with its hint', async (status, body, hint) => {
    fakeSsm((url) => ({ Status: 'Success', StandardOutputContent: url.includes(NLB) ? stdout(0, status, body) : HELLO }));
    const { code, out } = await run([]);
    expect(out).toContain(`FAIL service/curl_through_nlb https://${NLB}/prod ${status} ${JSON.stringify(body)}`);
    expect(out.find((l) => l.startsWith('  hint:'))).toContain(hint);
    expect(code).toBe(1);
  });

  it('SSM never registers the instance within the limit: FAIL for its checks without sending anything to it', async () => {
    ssm.on(DescribeInstanceInformationCommand).callsFake((input) => ({
      InstanceInformationList: input.Filters[0].Values.includes(CUSTOMER_I)
        ? [{ InstanceId: CUSTOMER_I, PingStatus: 'ConnectionLost' }]
        : [{ InstanceId: SERVICE_I, PingStatus: 'Online' }],
    }));
    ssm.on(SendCommandCommand).callsFake((input) => ({ Command: { CommandId: `cmd-${input.Comment.split('/')[1]}` } }));
    ssm.on(GetCommandInvocationCommand).resolves({ Status: 'Success', StandardOutputContent: HELLO });
    const { code, out, err } = await run(['--timeout', '60']);
    expect(out).toContain(`FAIL customer/curl https://vpce.hoge.co.jp/prod --- ${CUSTOMER_I} is ConnectionLost in Systems Manager after 60 s of 60 s`);
    expect(out).toContain('  hint: the instance is not online in Systems Manager: a new instance takes a few minutes; it needs the ssm and ssmmessages endpoints (443 from the instance) and the AmazonSSMManagedInstanceCore policy. Run again, or raise --timeout.');
    expect(ssm.commandCalls(SendCommandCommand).map((c) => c.args[0].input.InstanceIds)).toEqual([[SERVICE_I], [SERVICE_I]]);
    // One progress line, then one every 30 s of waiting.
    expect(err.filter((l) => l.startsWith('waiting for SSM'))).toEqual([
      `waiting for SSM: customer ${CUSTOMER_I} (ConnectionLost) · 0 s of 60 s`,
      `waiting for SSM: customer ${CUSTOMER_I} (ConnectionLost) · 30 s of 60 s`,
    ]);
    expect(code).toBe(1);
  });

  it('command failure: FAIL with the SSM status and its error', async () => {
    fakeSsm((url) =>
      url.includes(NLB) ? { Status: 'Failed', StatusDetails: 'Failed', StandardErrorContent: 'sh: curl: command not found' } : { Status: 'Success', StandardOutputContent: HELLO },
    );
    const { code, out } = await run([]);
    expect(out).toContain(`FAIL service/curl_through_nlb https://${NLB}/prod --- SSM command cmd-${SERVICE_I}-1 ended Failed: sh: curl: command not found`);
    expect(out).toContain('  hint: the SSM command did not run to the end on the instance: see the status shown (agent, shell or curl missing).');
    expect(code).toBe(1);
  });

  it('no result within the limit: FAIL naming the command', async () => {
    fakeSsm((url) => (url.includes(NLB) ? { Status: 'InProgress' } : { Status: 'Success', StandardOutputContent: HELLO }));
    const { code, out, err } = await run(['--timeout', '45']);
    expect(out).toContain(`FAIL service/curl_through_nlb https://${NLB}/prod --- no result from SSM command cmd-${SERVICE_I}-1 after 45 s of 45 s`);
    expect(err).toContain('waiting for 1 command(s) to finish · 30 s of 45 s');
    expect(code).toBe(1);
  });

  it('--no-wait sends the commands and prints their ids, without polling (the emulator cannot run curl)', async () => {
    fakeSsm(() => ({ Status: 'Success' }));
    const { code, out } = await run(['--no-wait']);
    expect(out).toEqual([
      `SENT service/curl_in_service_vpc https://${HOST}/prod sent: command cmd-${SERVICE_I}-0 on ${SERVICE_I}`,
      `SENT service/curl_through_nlb https://${NLB}/prod sent: command cmd-${SERVICE_I}-1 on ${SERVICE_I}`,
      `SENT customer/curl https://vpce.hoge.co.jp/prod sent: command cmd-${CUSTOMER_I}-2 on ${CUSTOMER_I}`,
      '3 sent, 0 failed',
    ]);
    expect(ssm.commandCalls(DescribeInstanceInformationCommand)).toHaveLength(0);
    expect(ssm.commandCalls(GetCommandInvocationCommand)).toHaveLength(0);
    expect(code).toBe(0);
  });

  it('runChecks returns the command ids for a caller that checks ListCommands itself', async () => {
    fakeSsm(() => ({ Status: 'Success' }));
    const { checks } = planChecks(defaultOutputs(), defaultConfig());
    const results = await runChecks(checks, defaultConfig(), { wait: false });
    expect(results.map((r) => [r.outcome, r.commandId, r.check.instanceId])).toEqual([
      ['sent', `cmd-${SERVICE_I}-0`, SERVICE_I],
      ['sent', `cmd-${SERVICE_I}-1`, SERVICE_I],
      ['sent', `cmd-${CUSTOMER_I}-2`, CUSTOMER_I],
    ]);
  });
});

describe('verify: with apis, each line against its API\'s check', () => {
  const ORDERS = 'o1o2o3o4o5';
  const BILLING = 'b1b2b3b4b5';
  const ORDERS_HOST = `${ORDERS}.execute-api.ap-northeast-1.amazonaws.com`;
  const BILLING_HOST = `${BILLING}.execute-api.ap-northeast-1.amazonaws.com`;
  const twoApis = {
    apis: [
      { name: 'orders', check: { path: '/health', body: 'ok' } },
      { name: 'billing-v2', check: { status: 204 } },
    ],
  };
  const twoApisConfig = () => parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, twoApis));
  const apiOutputs = (): StackOutputs => ({
    service: {
      api_id_orders: ORDERS,
      test_instance_id: SERVICE_I,
      curl_in_service_vpc_orders: `curl 'https://${ORDERS_HOST}/prod/health'`,
      curl_through_nlb_orders: `curl -k 'https://${NLB}/prod/health' -H 'x-apigw-api-id: ${ORDERS}'`,
      curl_in_service_vpc_billing_v2: `curl 'https://${BILLING_HOST}/prod'`,
      curl_through_nlb_billing_v2: `curl -k 'https://${NLB}/prod' -H 'x-apigw-api-id: ${BILLING}'`,
    },
    customer: {
      test_instance_id: CUSTOMER_I,
      curl_orders: `curl -k 'https://vpce.hoge.co.jp/prod/health' -H 'x-apigw-api-id: ${ORDERS}'`,
      curl_billing_v2: `curl -k 'https://vpce.hoge.co.jp/prod' -H 'x-apigw-api-id: ${BILLING}'`,
    },
  });
  /** What each URL + header answers when every API is right. */
  const answers = (overrides: Record<string, string> = {}) => {
    const right: Record<string, string> = {
      [`https://${ORDERS_HOST}/prod/health`]: stdout(0, '200', '{"status":"ok"}'),
      [`https://${NLB}/prod/health`]: stdout(0, '200', '{"status":"ok"}'),
      'https://vpce.hoge.co.jp/prod/health': stdout(0, '200', '{"status":"ok"}'),
      [`https://${BILLING_HOST}/prod`]: stdout(0, '204'),
      [`https://${NLB}/prod`]: stdout(0, '204'),
      'https://vpce.hoge.co.jp/prod': stdout(0, '204'),
      ...overrides,
    };
    fakeSsm((url) => ({ Status: 'Success', StandardOutputContent: right[url] }));
  };

  it("plans each line with the check of the API its output is named after, the URL as the line has it", () => {
    const { checks } = planChecks(apiOutputs(), twoApisConfig());
    expect(checks.map((c) => [c.stack, c.output, c.url, c.hints, c.expect?.api?.name, c.expect?.status, c.expect?.body, c.expect?.field])).toEqual([
      ['service', 'curl_in_service_vpc_orders', `https://${ORDERS_HOST}/prod/health`, serviceVpcLine, 'orders', 200, 'ok', 'apis[0]'],
      ['service', 'curl_through_nlb_orders', `https://${NLB}/prod/health`, VIA_NLB, 'orders', 200, 'ok', 'apis[0]'],
      ['service', 'curl_in_service_vpc_billing_v2', `https://${BILLING_HOST}/prod`, serviceVpcLine, 'billing-v2', 204, undefined, 'apis[1]'],
      ['service', 'curl_through_nlb_billing_v2', `https://${NLB}/prod`, VIA_NLB, 'billing-v2', 204, undefined, 'apis[1]'],
      ['customer', 'curl_orders', 'https://vpce.hoge.co.jp/prod/health', VERIFICATIONS.privatelink.customerLine, 'orders', 200, 'ok', 'apis[0]'],
      ['customer', 'curl_billing_v2', 'https://vpce.hoge.co.jp/prod', VERIFICATIONS.privatelink.customerLine, 'billing-v2', 204, undefined, 'apis[1]'],
    ]);
    // The command keeps the URL in '…' (e2e/assertions.ts sentCommands) and writes the status out.
    expect(checks[1].command).toContain(
      `curl -sS --max-time 10 -o "$d/body" -w '%{http_code}' -k 'https://${NLB}/prod/health' -H 'x-apigw-api-id: ${ORDERS}' 2>"$d/err"`,
    );
  });

  it('the longest matching suffix wins, preferring one that leaves a curl output name', () => {
    const apis = parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, { apis: [{ name: 'v2' }, { name: 'billing-v2' }, { name: 'x' }, { name: 'domain-x' }] })).apis!;
    const of = (output: string) => {
      const match = apiOfOutput(output, apis);
      return match && [match.api.name, match.base];
    };
    expect(of('curl_billing_v2')).toEqual(['billing-v2', 'curl']);
    expect(of('curl_through_nlb_v2')).toEqual(['v2', 'curl_through_nlb']);
    expect(of('curl_custom_domain_x')).toEqual(['x', 'curl_custom_domain']);
    expect(of('curl_domain_x')).toEqual(['domain-x', 'curl']);
    expect(of('curl_orders')).toBeUndefined();
    expect(of('curl')).toBeUndefined();
  });

  it("PASS when every line answers its API's status (and body): the line names the API and what it expects", async () => {
    answers();
    const { code, out } = await run([], { outputs: apiOutputs(), config: twoApis });
    expect(out).toEqual([
      `PASS service/curl_in_service_vpc_orders (API orders: expects 200 and "ok") https://${ORDERS_HOST}/prod/health 200 "{\\"status\\":\\"ok\\"}"`,
      `PASS service/curl_through_nlb_orders (API orders: expects 200 and "ok") https://${NLB}/prod/health 200 "{\\"status\\":\\"ok\\"}"`,
      `PASS service/curl_in_service_vpc_billing_v2 (API billing-v2: expects 204) https://${BILLING_HOST}/prod 204 ""`,
      `PASS service/curl_through_nlb_billing_v2 (API billing-v2: expects 204) https://${NLB}/prod 204 ""`,
      'PASS customer/curl_orders (API orders: expects 200 and "ok") https://vpce.hoge.co.jp/prod/health 200 "{\\"status\\":\\"ok\\"}"',
      'PASS customer/curl_billing_v2 (API billing-v2: expects 204) https://vpce.hoge.co.jp/prod 204 ""',
      '6 passed, 0 failed',
    ]);
    expect(code).toBe(0);
  });

  it("a status other than the API's check.status FAILs, showing the status and the start of the body", async () => {
    answers({ [`https://${BILLING_HOST}/prod`]: stdout(0, '200', 'Hello from Lambda') });
    const { code, out } = await run([], { outputs: apiOutputs(), config: twoApis });
    expect(out).toContain(`FAIL service/curl_in_service_vpc_billing_v2 (API billing-v2: expects 204) https://${BILLING_HOST}/prod 200 "Hello from Lambda"`);
    expect(out[out.indexOf(`FAIL service/curl_in_service_vpc_billing_v2 (API billing-v2: expects 204) https://${BILLING_HOST}/prod 200 "Hello from Lambda"`) + 1]).toBe(
      '  hint: API billing-v2 answered 200, not 204 (apis[1].check.status): compare with what its function returns for apis[1].check.path.',
    );
    expect(out[out.length - 1]).toBe('5 passed, 1 failed');
    expect(code).toBe(1);
  });

  it("a body without the API's check.body FAILs", async () => {
    answers({ 'https://vpce.hoge.co.jp/prod/health': stdout(0, '200', 'Hello from Lambda') });
    const { code, out } = await run([], { outputs: apiOutputs(), config: twoApis });
    expect(out).toContain('FAIL customer/curl_orders (API orders: expects 200 and "ok") https://vpce.hoge.co.jp/prod/health 200 "Hello from Lambda"');
    expect(out).toContain(
      '  hint: status 200 but not "ok": another API or server answered; check the x-apigw-api-id header and the name the call resolves to, or apis[0].check.body.',
    );
    expect(out[out.length - 1]).toBe('5 passed, 1 failed');
    expect(code).toBe(1);
  });

  it('403 keeps its hints: the resource policy, or a path that is no route (Missing Authentication Token)', async () => {
    answers({
      [`https://${NLB}/prod/health`]: stdout(0, '403', '{"message":"Forbidden"}'),
      'https://vpce.hoge.co.jp/prod/health': stdout(0, '403', '{"message":"Missing Authentication Token"}'),
    });
    const { code, out } = await run([], { outputs: apiOutputs(), config: twoApis });
    expect(out.join('\n')).toMatch(
      /FAIL service\/curl_through_nlb_orders \(API orders: expects 200 and "ok"\) .* 403 .*\n {2}hint: 403 Forbidden: the API's resource policy must allow this call's endpoint/,
    );
    expect(out).toContain(
      '  hint: 403 Missing Authentication Token: API Gateway answers it for a path that is no route of API orders (the URL must be the stage /prod plus a route: apis[0].check.path).',
    );
    expect(code).toBe(1);
  });

  it('an API whose check expects 403 passes on 403', async () => {
    const config = { apis: [{ name: 'orders', check: { status: 403, body: 'Forbidden' } }] };
    fakeSsm(() => ({ Status: 'Success', StandardOutputContent: stdout(0, '403', '{"message":"Forbidden"}') }));
    const outputs: StackOutputs = { customer: { test_instance_id: CUSTOMER_I, curl_orders: `curl -k 'https://vpce.hoge.co.jp/prod' -H 'x-apigw-api-id: ${ORDERS}'` } };
    const { code, out } = await run([], { outputs, config });
    expect(out).toEqual([
      'PASS customer/curl_orders (API orders: expects 403 and "Forbidden") https://vpce.hoge.co.jp/prod 403 "{\\"message\\":\\"Forbidden\\"}"',
      '1 passed, 0 failed',
    ]);
    expect(code).toBe(0);
  });

  it('an output no API of the config is named after FAILs without being sent', async () => {
    answers();
    const outputs = apiOutputs();
    outputs.customer.curl = `curl -k 'https://vpce.hoge.co.jp/prod' -H 'x-apigw-api-id: ${API}'`;
    const { code, out } = await run([], { outputs, config: twoApis });
    expect(out).toContain('FAIL customer/curl https://vpce.hoge.co.jp/prod --- no API of the config matches output curl');
    expect(out[out.indexOf('FAIL customer/curl https://vpce.hoge.co.jp/prod --- no API of the config matches output curl') + 1]).toMatch(
      /^ {2}hint: with apis, each curl output is named <output>_<api> \(- in the API name as _\): run with the configuration the stacks were deployed with \(PRIVATE_API_CONFIG=<file>\)/,
    );
    expect(ssm.commandCalls(SendCommandCommand).map((c) => c.args[0].input.Comment)).not.toContain('privapi verify customer/curl');
    expect(ssm.commandCalls(SendCommandCommand)).toHaveLength(6);
    expect(out[out.length - 1]).toBe('6 passed, 1 failed');
    expect(code).toBe(1);
  });

  it('with --no-wait too, and without waiting for SSM when nothing else is left to send', async () => {
    fakeSsm(() => ({ Status: 'Success' }));
    const outputs: StackOutputs = { customer: { test_instance_id: CUSTOMER_I, curl_legacy: "curl -k 'https://vpce.hoge.co.jp/prod'" } };
    const sent = await run(['--no-wait'], { outputs, config: twoApis });
    expect(sent.out).toEqual(['FAIL customer/curl_legacy https://vpce.hoge.co.jp/prod --- no API of the config matches output curl_legacy', expect.stringMatching(/^ {2}hint: /), '0 sent, 1 failed']);
    expect(sent.code).toBe(1);
    const waited = await run([], { outputs, config: twoApis });
    expect(waited.out[waited.out.length - 1]).toBe('0 passed, 1 failed');
    expect(ssm.calls()).toHaveLength(0);
  });
});

describe('verify: an API with authorization "iam", signed and unsigned', () => {
  const ORDERS = 'o1o2o3o4o5';
  const ORDERS_HOST = `${ORDERS}.execute-api.ap-northeast-1.amazonaws.com`;
  const SIGN = 'eval "$(aws configure export-credentials --format env)" && curl';
  const SIGV4 =
    `--aws-sigv4 'aws:amz:ap-northeast-1:execute-api' --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-security-token: $AWS_SESSION_TOKEN"`;
  const iamApi = { apis: [{ name: 'orders', authorization: 'iam', check: { path: '/health', body: 'ok' } }] };
  const withCallers = {
    ...iamApi,
    customers: [
      {
        name: 'customer',
        accountId: '222222222222',
        vpcCidr: '10.1.0.0/16',
        connectivity: 'privatelink',
        callers: ['arn:aws:iam::222222222222:role/orders-client'],
      },
    ],
  };
  const iamOutputs = (): StackOutputs => ({
    service: {
      api_id_orders: ORDERS,
      test_instance_id: SERVICE_I,
      curl_in_service_vpc_orders: `${SIGN} ${SIGV4} 'https://${ORDERS_HOST}/prod/health'`,
    },
    customer: {
      test_instance_id: CUSTOMER_I,
      curl_orders: `${SIGN} -k ${SIGV4} 'https://vpce.hoge.co.jp/prod/health' -H 'x-apigw-api-id: ${ORDERS}'`,
    },
  });
  const OK = stdout(0, '200', '{"status":"ok"}');
  const REFUSED = stdout(0, '403', '{"message":"Missing Authentication Token"}');
  /** Answers by URL and by whether the command signs; `sent` collects the commands. */
  function fakeSigningSsm(answer: (url: string, signed: boolean) => string) {
    ssm.on(DescribeInstanceInformationCommand).callsFake((input) => ({
      InstanceInformationList: input.Filters[0].Values.map((id: string) => ({ InstanceId: id, PingStatus: 'Online' })),
    }));
    const commands = new Map<string, string>();
    let n = 0;
    ssm.on(SendCommandCommand).callsFake((input) => {
      const id = `cmd-${n++}`;
      commands.set(id, input.Parameters.commands[0]);
      return { Command: { CommandId: id } };
    });
    ssm.on(GetCommandInvocationCommand).callsFake((input) => {
      const command = commands.get(input.CommandId)!;
      return { Status: 'Success', StandardOutputContent: answer(/'(https:\/\/[^']+)'/.exec(command)![1], command.includes('--aws-sigv4')) };
    });
  }
  const sentCommands = () => ssm.commandCalls(SendCommandCommand).map((c) => c.args[0].input.Parameters!.commands![0]);

  it('parses the signed line: the URL, -k, the header and the signing region', () => {
    expect(parseCurlLine(iamOutputs().customer.curl_orders as string)).toEqual({
      insecure: true,
      url: 'https://vpce.hoge.co.jp/prod/health',
      host: 'vpce.hoge.co.jp',
      header: { name: 'x-apigw-api-id', value: ORDERS },
      sigv4Region: 'ap-northeast-1',
    });
    expect(parseCurlLine(`${SIGN} ${SIGV4} 'https://${ORDERS_HOST}/prod'`).sigv4Region).toBe('ap-northeast-1');
    expect(parseCurlLine(`curl 'https://${ORDERS_HOST}/prod'`).sigv4Region).toBeUndefined();
  });

  it.each([
    `${SIGN} ${SIGV4} 'https://${ORDERS_HOST}/prod'; id`,
    `${SIGN} ${SIGV4.replace('ap-northeast-1', '$(id)')} 'https://${ORDERS_HOST}/prod'`,
    `${SIGN} ${SIGV4.replace('--user', '-u')} 'https://${ORDERS_HOST}/prod'`,
    `${SIGN} ${SIGV4.replace("'aws:amz:ap-northeast-1:execute-api'", '"aws:amz:ap-northeast-1:execute-api"')} 'https://${ORDERS_HOST}/prod'`,
    `eval "$(id)" && curl ${SIGV4} 'https://${ORDERS_HOST}/prod'`,
    `${SIGV4} 'https://${ORDERS_HOST}/prod'`,
    `curl ${SIGV4} 'https://${ORDERS_HOST}/prod'`,
    `${SIGN} 'https://${ORDERS_HOST}/prod'`,
  ])('refuses a signed line it would not run verbatim: %s', (line) => {
    expect(() => parseCurlLine(line)).toThrow(`expected ${CURL_FORMS}`);
  });

  it('plans two checks per line: signed (the API\'s check) and unsigned (403), each command with the URL in \'…\'', () => {
    const { checks } = planChecks(iamOutputs(), parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, iamApi)));
    expect(checks.map((c) => [c.stack, c.output, c.url, c.signing, c.expect?.status, c.expect?.body, c.expect?.field])).toEqual([
      ['service', 'curl_in_service_vpc_orders', `https://${ORDERS_HOST}/prod/health`, 'signed', 200, 'ok', 'apis[0]'],
      ['service', 'curl_in_service_vpc_orders', `https://${ORDERS_HOST}/prod/health`, 'unsigned', 403, undefined, 'apis[0]'],
      ['customer', 'curl_orders', 'https://vpce.hoge.co.jp/prod/health', 'signed', 200, 'ok', 'apis[0]'],
      ['customer', 'curl_orders', 'https://vpce.hoge.co.jp/prod/health', 'unsigned', 403, undefined, 'apis[0]'],
    ]);
    const [, , signed, unsigned] = checks;
    expect(signed.command).toContain(
      `eval "$(aws configure export-credentials --format env)" && code=$(curl -sS --max-time 10 -o "$d/body" -w '%{http_code}' -k ${SIGV4} ` +
        `'https://vpce.hoge.co.jp/prod/health' -H 'x-apigw-api-id: ${ORDERS}' 2>"$d/err"); rc=$?;`,
    );
    expect(unsigned.command).toContain(
      `code=$(curl -sS --max-time 10 -o "$d/body" -w '%{http_code}' -k 'https://vpce.hoge.co.jp/prod/health' -H 'x-apigw-api-id: ${ORDERS}' 2>"$d/err")`,
    );
    for (const text of ['--aws-sigv4', '--user', 'x-amz-security-token', 'export-credentials', 'eval']) expect(unsigned.command).not.toContain(text);
    // e2e/assertions.ts sentCommands: the first '…' https URL of each command.
    expect(checks.map((c) => /'(https:\/\/[^']+)'/.exec(c.command)![1])).toEqual(checks.map((c) => c.url));
  });

  it('PASS twice when the signed call gets the API\'s answer and the unsigned one 403', async () => {
    fakeSigningSsm((_url, signed) => (signed ? OK : REFUSED));
    const { code, out } = await run([], { outputs: iamOutputs(), config: iamApi });
    expect(out).toEqual([
      `PASS service/curl_in_service_vpc_orders (API orders, signed: expects 200 and "ok") https://${ORDERS_HOST}/prod/health 200 "{\\"status\\":\\"ok\\"}"`,
      `PASS service/curl_in_service_vpc_orders (API orders, unsigned: expects 403) https://${ORDERS_HOST}/prod/health 403 "{\\"message\\":\\"Missing Authentication Token\\"}"`,
      'PASS customer/curl_orders (API orders, signed: expects 200 and "ok") https://vpce.hoge.co.jp/prod/health 200 "{\\"status\\":\\"ok\\"}"',
      'PASS customer/curl_orders (API orders, unsigned: expects 403) https://vpce.hoge.co.jp/prod/health 403 "{\\"message\\":\\"Missing Authentication Token\\"}"',
      '4 passed, 0 failed',
    ]);
    expect(code).toBe(0);
    const commands = sentCommands();
    expect(commands).toHaveLength(4);
    expect(commands.filter((c) => c.includes(`${EVAL_EXPORT} && code=$(curl `) && c.includes(SIGV4))).toHaveLength(2);
    expect(commands.filter((c) => !c.includes('--aws-sigv4'))).toHaveLength(2);
    expect(ssm.commandCalls(SendCommandCommand).map((c) => c.args[0].input.Comment)).toEqual([
      'privapi verify service/curl_in_service_vpc_orders signed',
      'privapi verify service/curl_in_service_vpc_orders unsigned',
      'privapi verify customer/curl_orders signed',
      'privapi verify customer/curl_orders unsigned',
    ]);
  });

  it('FAILs the unsigned check that gets 200: authorization is off', async () => {
    fakeSigningSsm(() => OK);
    const { code, out } = await run([], { outputs: iamOutputs(), config: iamApi });
    const line = 'FAIL customer/curl_orders (API orders, unsigned: expects 403) https://vpce.hoge.co.jp/prod/health 200 "{\\"status\\":\\"ok\\"}"';
    expect(out).toContain(line);
    expect(out[out.indexOf(line) + 1]).toBe(
      '  hint: the unsigned call got 200, not API Gateway\'s 403: authorization is off on API orders (its methods are not AWS_IAM, though apis[0].authorization is "iam"), ' +
        'so any caller through the endpoint is admitted: redeploy the service stack (cdktf deploy service).',
    );
    expect(out).toContain('PASS customer/curl_orders (API orders, signed: expects 200 and "ok") https://vpce.hoge.co.jp/prod/health 200 "{\\"status\\":\\"ok\\"}"');
    expect(out[out.length - 1]).toBe('2 passed, 2 failed');
    expect(code).toBe(1);
  });

  it('FAILs the signed check that gets 403 with what IAM authorization needs of the caller', async () => {
    fakeSigningSsm(() => stdout(0, '403', '{"Message":"User: arn:aws:sts::222222222222:assumed-role/x/i is not authorized to perform: execute-api:Invoke"}'));
    const { code, out } = await run([], { outputs: iamOutputs(), config: withCallers });
    const line = 'FAIL customer/curl_orders (API orders, signed: expects 200 and "ok") https://vpce.hoge.co.jp/prod/health 403 ';
    const at = out.findIndex((l) => l.startsWith(line));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(out[at + 1]).toBe(
      "  hint: the signed call was refused (403): the caller's role (the test instance's of customer) needs an identity policy allowing execute-api:Invoke on " +
        `arn:aws:execute-api:ap-northeast-1:111111111111:${ORDERS}/* (cross-account: both the API's resource policy and the caller's identity policy must allow it); ` +
        "the signature's region (ap-northeast-1) must be the API's region; the signed Host must be the name in the URL (do not override Host); " +
        'customers[0].callers is set: the test instance\'s role must be listed there to be admitted (API orders, authorization "iam").',
    );
    expect(out).toContain('PASS customer/curl_orders (API orders, unsigned: expects 403) https://vpce.hoge.co.jp/prod/health 403 "{\\"Message\\":\\"User: arn:aws:sts::222222222222:assumed-role/x/i…"');
    const service = out.findIndex((l) => l.startsWith('FAIL service/curl_in_service_vpc_orders (API orders, signed'));
    expect(out[service + 1]).toMatch(new RegExp(`^ {2}hint: the signed call was refused \\(403\\): .* on arn:aws:execute-api:ap-northeast-1:111111111111:${ORDERS}/\\*; the signature's region \\(ap-northeast-1\\) must be the API's region; the signed Host must be the name in the URL \\(do not override Host\\) \\(API orders, authorization "iam"\\)\\.$`));
    expect(out[out.length - 1]).toBe('2 passed, 2 failed');
    expect(code).toBe(1);
  });

  it('names a signing region that is not the API\'s', async () => {
    fakeSigningSsm(() => REFUSED);
    const outputs: StackOutputs = {
      customer: { test_instance_id: CUSTOMER_I, curl_orders: `${SIGN} -k ${SIGV4.replace('ap-northeast-1', 'us-east-1')} 'https://vpce.hoge.co.jp/prod/health' -H 'x-apigw-api-id: ${ORDERS}'` },
    };
    const { out } = await run([], { outputs, config: iamApi });
    expect(out[1]).toContain("the signature's region must be the API's: the line signs for us-east-1, the API is in ap-northeast-1");
    expect(out[1]).toContain('no signature arrived, or the path is no route of the API');
  });

  it('an unsigned line of an API with authorization "iam": the unsigned check runs, the signed one FAILs unsent', async () => {
    fakeSigningSsm(() => REFUSED);
    const outputs: StackOutputs = { customer: { test_instance_id: CUSTOMER_I, curl_orders: `curl -k 'https://vpce.hoge.co.jp/prod/health' -H 'x-apigw-api-id: ${ORDERS}'` } };
    const { code, out } = await run([], { outputs, config: iamApi });
    expect(out[0]).toBe('FAIL customer/curl_orders (API orders, signed: expects 200 and "ok") https://vpce.hoge.co.jp/prod/health --- the curl line of curl_orders is unsigned');
    expect(out[1]).toMatch(/^ {2}hint: apis\[0\]\.authorization is "iam" but the output's curl line is unsigned: the outputs predate it/);
    expect(out[2]).toBe('PASS customer/curl_orders (API orders, unsigned: expects 403) https://vpce.hoge.co.jp/prod/health 403 "{\\"message\\":\\"Missing Authentication Token\\"}"');
    expect(sentCommands()).toHaveLength(1);
    expect(code).toBe(1);
  });

  it('an API without it keeps one check per line, as before', async () => {
    fakeSigningSsm(() => OK);
    const config = { apis: [{ name: 'orders', check: { path: '/health', body: 'ok' } }] };
    const outputs: StackOutputs = { customer: { test_instance_id: CUSTOMER_I, curl_orders: `curl -k 'https://vpce.hoge.co.jp/prod/health' -H 'x-apigw-api-id: ${ORDERS}'` } };
    const { code, out } = await run([], { outputs, config });
    expect(out).toEqual(['PASS customer/curl_orders (API orders: expects 200 and "ok") https://vpce.hoge.co.jp/prod/health 200 "{\\"status\\":\\"ok\\"}"', '1 passed, 0 failed']);
    expect(code).toBe(0);
    expect(sentCommands()).toHaveLength(1);
  });
});


describe('verify: nothing to check', () => {
  it('no test instances: exits 2 and says how to get them', async () => {
    const outputs: StackOutputs = { service: { api_id: API, curl_in_service_vpc: `curl 'https://${HOST}/prod'` }, customer: { curl: "curl 'https://vpce.hoge.co.jp/prod'" } };
    const { code, err, out } = await run([], { outputs });
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toContain(
      'verify: Nothing to check: no stack in the outputs has a test instance with curl lines (service, customer). Set service.testInstance / customers[i].testInstance to true, deploy, and write the outputs file again.',
    );
    expect(ssm.calls()).toHaveLength(0);
  });

  it('no outputs file: exits 2 with the exact command that writes it', async () => {
    const { code, err } = await run([], { outputs: null, config: twoModes });
    expect(code).toBe(2);
    expect(err[0]).toMatch(/^verify: No outputs file at .*outputs\.json\. After `cdktf deploy`, write it with:\n {2}PRIVATE_API_CONFIG=.*config\.json npx cdktf output service customer partner --outputs-file .*outputs\.json$/);
  });

  it('an outputs file without outputs yet: exits 2', async () => {
    const { code, err } = await run([], { outputs: '{"service": {}}' });
    expect(code).toBe(2);
    expect(err[0]).toMatch(/holds no outputs yet: deploy the stacks, then write it with:\n {2}npx cdktf output service customer --outputs-file /);
  });

  it('no credentials: exits 2 naming the stack, the account and what to set', async () => {
    ssm.on(DescribeInstanceInformationCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    const { code, err } = await run([]);
    expect(code).toBe(2);
    expect(err.join('\n')).toContain(
      'verify: No AWS credentials for service (stack service, account 111111111111): CredentialsProviderError: Could not load credentials from any providers\nGive the scripts credentials the way cdktf gets them: AWS_PROFILE',
    );
    expect(ssm.commandCalls(SendCommandCommand)).toHaveLength(0);
  });

  it('a refused call is a setup error; any other AWS error names the call and exits 1', async () => {
    ssm.on(DescribeInstanceInformationCommand).rejects(Object.assign(new Error('not authorized to perform: ssm:DescribeInstanceInformation'), { name: 'AccessDeniedException' }));
    const refused = await run([]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      'verify: service (stack service, account 111111111111): the credentials were refused or lack a permission: AccessDeniedException: not authorized to perform: ssm:DescribeInstanceInformation',
    );
    ssm.reset();
    ssm.on(DescribeInstanceInformationCommand).rejects(Object.assign(new Error('Unexpected token'), { name: 'SyntaxError' }));
    const broken = await run([]);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('verify: SSM DescribeInstanceInformation for stack service (account 111111111111) failed: SyntaxError: Unexpected token');
  });

  it('--help prints the usage; a bad argument prints it on stderr and exits 2', async () => {
    expect(await run(['--help'])).toEqual({ code: 0, out: [USAGE], err: [] });
    const bad = await run(['--timeout', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toBe(`verify: --timeout: expected a whole number of seconds ≥ 1, received "soon"\n\n${USAGE}`);
  });
});

describe('scripts/aws-session', () => {
  it("assumes the account's roleArn, once, with the deployment's session name", async () => {
    sts.on(AssumeRoleCommand).resolves({
      Credentials: { AccessKeyId: 'AKIA', SecretAccessKey: 'secret', SessionToken: 'token', Expiration: new Date(Date.now() + 3_600_000) },
    });
    const config = parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, { service: { roleArn: 'arn:aws:iam::111111111111:role/deploy' } }));
    const settings = clientSettings(accountForStack(config, 'service')!, config.region, 'privapi-verify');
    await expect(settings.credentials!()).resolves.toMatchObject({ accessKeyId: 'AKIA', sessionToken: 'token' });
    await settings.credentials!();
    expect(sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input)).toEqual([
      { RoleArn: 'arn:aws:iam::111111111111:role/deploy', RoleSessionName: 'privapi-verify' },
    ]);
  });

  it('a role it cannot assume is a setup error naming the config field', async () => {
    sts.on(AssumeRoleCommand).rejects(Object.assign(new Error('not authorized to perform sts:AssumeRole'), { name: 'AccessDenied' }));
    const config = parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, { service: { roleArn: 'arn:aws:iam::111111111111:role/deploy' } }));
    const settings = clientSettings(accountForStack(config, 'service')!, config.region, 'privapi-verify');
    await expect(settings.credentials!()).rejects.toThrow(
      'service (stack service, account 111111111111): cannot assume arn:aws:iam::111111111111:role/deploy: AccessDenied: not authorized to perform sts:AssumeRole',
    );
  });

  it('uses the profile, or the ambient credentials, when there is no role', () => {
    const config = parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, { service: { profile: 'svc' } }));
    expect(clientSettings(accountForStack(config, 'service')!, config.region, 'x')).toEqual({ region: 'ap-northeast-1', profile: 'svc', maxAttempts: 3 });
    expect(accountForStack(config, 'customer')).toMatchObject({ where: 'customers[0]', accountId: '222222222222' });
    expect(accountForStack(config, 'nobody')).toBeUndefined();
  });
});

describe('verify: the command it sends is a shell line built from the parsed parts', () => {
  // curl and aws replaced by shell functions: curl writes the words it received to a file, one a line, and
  // answers 200; aws prints what `aws configure export-credentials --format env` prints.
  const FAKES =
    `curl() { printf '%s\\n' "$@" > "$ARGV_FILE"; printf 200; }; ` +
    `aws() { printf 'export AWS_ACCESS_KEY_ID=AKID\\nexport AWS_SECRET_ACCESS_KEY=SECRET\\nexport AWS_SESSION_TOKEN=TOKEN\\n'; }; `;
  const BASE = `https://${HOST}/prod`;
  const PATHS = ['/search?q=a&limit=5', '/x;id', "/it's", "/x;touch$IFS'pwned';$(touch$IFS'pwned2')&id"];
  const cases = PATHS.flatMap((p) => [
    [p, 'plain', curlLine(checkUrl(BASE, p))],
    [p, 'signed, with header', curlLine(checkUrl(BASE, p), { insecure: true, apiIdHeader: API, sigv4Region: 'ap-northeast-1' })],
  ]);

  /** Runs the command in bash in an empty directory; no rc files, as in __tests__/stacks/curl-line.test.ts runInBash. */
  function runCommand(command: string) {
    const dir = scratchDir('verify-shell');
    const [cwd, tmp] = ['cwd', 'tmp'].map((name) => path.join(dir, name));
    [cwd, tmp].forEach((d) => mkdirSync(d));
    const argvFile = path.join(dir, 'argv');
    const run = spawnSync('bash', ['--norc', '--noprofile', '-c', FAKES + command], {
      cwd,
      env: { PATH: process.env.PATH, TMPDIR: tmp, ARGV_FILE: argvFile },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 10_000,
    });
    return { run, argv: readFileSync(argvFile, 'utf8').split('\n').slice(0, -1), files: readdirSync(cwd), left: readdirSync(tmp) };
  }

  it.each(cases)('%s, %s', (checkPath, _variant, line) => {
    const curl = parseCurlLine(line);
    for (const unsigned of curl.sigv4Region ? [false, true] : [false]) {
      const { run, argv, files, left } = runCommand(buildShellCommand(curl, 10, { unsigned }));
      expect({ status: run.status, stderr: run.stderr, result: parseCommandOutput(run.stdout) }).toEqual({
        status: 0,
        stderr: '',
        result: { exitCode: 0, httpStatus: '200', body: '', stderr: '' },
      });
      const [sS, maxTime, ten, o, body, w, format, ...rest] = argv;
      expect([sS, maxTime, ten, o, w, format]).toEqual(['-sS', '--max-time', '10', '-o', '-w', '%{http_code}']);
      expect(body).toMatch(/\/body$/);
      const signing = curl.sigv4Region && !unsigned ? ['--aws-sigv4', 'aws:amz:ap-northeast-1:execute-api', '--user', 'AKID:SECRET', '-H', 'x-amz-security-token: TOKEN'] : [];
      const header = curl.header ? ['-H', `x-apigw-api-id: ${API}`] : [];
      expect(rest).toEqual([...(curl.insecure ? ['-k'] : []), ...signing, `${BASE}${checkPath}`, ...header]);
      // Nothing else ran: no file where the command ran, its temporary directory removed.
      expect({ files, left }).toEqual({ files: [], left: [] });
    }
  });
});
