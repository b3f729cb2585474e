/**
 * `npm run verify`: runs the stacks' `curl*` output lines on their test instances through SSM Run Command and
 * says, per check, whether the API answered as expected (HTTP 200 and `Hello from Lambda` without `apis`; with
 * `apis`, the `check` of the API the output is named after), and if not, what to look at. With an NLB
 * (PrivateLink customers), it first reads the health of the NLB's targets, which only a real account probes.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  LoadBalancer,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
  TargetGroup,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  SendCommandCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { ApiConfig, AppConfig, CONFIG_ENV_VAR, ConfigError, loadConfig, SERVICE_STACK_NAME } from '../config';
import {
  accountForStack,
  ClientSettings,
  clientSettings,
  consoleIo,
  errorText,
  EXIT,
  explainAccountError,
  Io,
  SetupError,
  StackAccount,
} from './aws-session';
import { CurlLine, EXPORT_CREDENTIALS, parseCurlLine, shellQuote, sigv4Options } from '../stacks/curl-line';

export const USAGE = `Usage: npm run verify -- [options]

Runs every curl line of the stacks' outputs on that stack's test instance (SSM Run Command) and prints
one line per check: PASS or FAIL, stack/output, with apis the API and what it expects, URL, HTTP status,
first bytes of the body; a hint under each FAIL. Without apis every line must answer 200 and "Hello from
Lambda"; with apis, an output named <name>_<api> (- in the API name as _) must answer that API's
check.status and, when check.body is set, contain it. An API with authorization "iam" has signed lines
(SigV4 with the test instance role's credentials): each is checked twice, signed (the API's check) and
unsigned (must answer 403, proof that authorization is on). When the service outputs name an NLB
(nlb_dns_name: PrivateLink customers), it first reads the health of the NLB's targets
(DescribeTargetHealth) and prints one line per target: PASS when healthy, else FAIL with its state,
reason code and description. Credentials: per stack, the account's roleArn (assumed) or profile from
the config (${CONFIG_ENV_VAR}), else the ambient AWS credentials.

Options:
  --outputs-file <file>  cdktf outputs file (default: outputs.json in the project root), written by
                         npx cdktf output service customer --outputs-file outputs.json
  --timeout <seconds>    overall limit for NLB targets in "initial", SSM registration and command
                         completion (default: 300)
  --curl-timeout <s>     curl --max-time on the instance (default: 10)
  --no-wait              read the targets' health once, send the commands, print their ids and exit
                         without waiting for results
  -h, --help             this text

Exit status: 0 every check passed (or sent, with --no-wait), 1 a check failed or a target is not
healthy, 2 nothing could be checked (no outputs file, no test instance and no NLB, no credentials, bad
arguments).`;

/** What the Lambda answers (lambda/hello/index.py). */
export const EXPECTED_BODY = 'Hello from Lambda';

/** What a check's answer must be. */
export interface Expectation {
  /** The HTTP status. */
  readonly status: number;
  /** Text the body must contain; undefined: any body. */
  readonly body?: string;
  /** The API of `apis` the output belongs to; undefined for the default Hello API (no `apis`). */
  readonly api?: ApiConfig;
  /** Where the config holds that API (`apis[1]`). */
  readonly field?: string;
}

/** Without `apis`: the bundled Hello API. */
export const DEFAULT_EXPECTATION: Expectation = { status: 200, body: EXPECTED_BODY };

/** The curl outputs the stacks write, before the `_<api>` suffix that `apis` adds. */
export const CURL_OUTPUTS = ['curl_in_service_vpc', 'curl_through_nlb', 'curl', 'curl_custom_domain'] as const;

/** An API's part of an output name: `billing-v2` → `billing_v2` (stacks/service-stack.ts outputSuffix). */
export function outputKey(apiName: string): string {
  return apiName.replace(/-/g, '_');
}

/**
 * The API of `apis` an output is named after (`<output>_<key>`) and the output name without that suffix;
 * undefined when no API matches. The longest matching suffix wins, preferring a match that leaves one of the
 * stacks' curl output names (CURL_OUTPUTS): with APIs `x` and `domain-x`, `curl_custom_domain_x` is `x`'s.
 */
export function apiOfOutput(output: string, apis: readonly ApiConfig[]): { api: ApiConfig; index: number; base: string } | undefined {
  const matches = apis
    .map((api, index) => ({ api, index, base: output.slice(0, -(outputKey(api.name).length + 1)) }))
    .filter(({ api, base }) => output.endsWith(`_${outputKey(api.name)}`) && base.length > 0)
    .sort((a, b) => a.base.length - b.base.length);
  return matches.find((m) => (CURL_OUTPUTS as readonly string[]).includes(m.base)) ?? matches[0];
}

/** `expects 200 and "ok"`, `expects 401`. */
export function expectationText(expect: Expectation): string {
  return `expects ${expect.status}${expect.body === undefined ? '' : ` and ${JSON.stringify(expect.body)}`}`;
}
/** Marks the one line of a command's output that carries the result, whatever else the shell printed. */
export const RESULT_MARK = 'privapi-verify';
const BODY_BYTES = 200;
const ERR_BYTES = 300;
const SHOWN_BODY_CHARS = 60;

export const DEFAULT_OUTPUTS_FILE = 'outputs.json';
const PROJECT_ROOT = path.resolve(__dirname, '..');

export type StackOutputs = Record<string, Record<string, unknown>>;

/** Reads cdktf's outputs file (`{ "<stack>": { "<output>": value } }`); a missing or empty one says how to make it. */
export function readOutputs(file: string, config: AppConfig, env: NodeJS.ProcessEnv = process.env, shownAs = file): StackOutputs {
  const make = outputsCommand(config, shownAs, env);
  if (!existsSync(file)) {
    throw new SetupError(`No outputs file at ${shownAs}. After \`cdktf deploy\`, write it with:\n  ${make}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SetupError(`${shownAs} is not valid JSON (${(error as Error).message}). Write it again with:\n  ${make}`);
  }
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(parsed) || !Object.values(parsed).some((stack) => isObject(stack) && Object.keys(stack).length > 0)) {
    throw new SetupError(`${shownAs} holds no outputs yet: deploy the stacks, then write it with:\n  ${make}`);
  }
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => isObject(v))) as StackOutputs;
}

/** The exact command that writes the outputs file for this config. */
export function outputsCommand(config: AppConfig, file: string, env: NodeJS.ProcessEnv = process.env): string {
  const stacks = [SERVICE_STACK_NAME, ...config.customers.map((c) => c.name)].join(' ');
  const prefix = env[CONFIG_ENV_VAR] ? `${CONFIG_ENV_VAR}=${env[CONFIG_ENV_VAR]} ` : '';
  return `${prefix}npx cdktf output ${stacks} --outputs-file ${file}`;
}

/** The way a check reaches the API, which decides the hints. */
export type Route = 'service-vpc' | 'service-nlb' | 'privatelink' | 'peering';

export interface Check {
  readonly stack: string;
  /** Output the curl line came from (`curl_in_service_vpc`, `curl_through_nlb`, `curl`, `curl_custom_domain`, with `apis` + `_<api>`). */
  readonly output: string;
  readonly instanceId: string;
  readonly url: string;
  readonly curl: CurlLine;
  readonly route: Route;
  /** The call goes to the private custom domain name (`customDomain`). */
  readonly customDomain: boolean;
  /** Shell line sent to the instance (AWS-RunShellScript `commands`). */
  readonly command: string;
  /**
   * With IAM authorization each line is checked twice: `signed` (the line as it is, expects the API's check) and
   * `unsigned` (the same request without the signature, expects 403: proof that authorization is on). Also
   * `signed` for a signed line of an API without it. Undefined: a plain line, checked once as it is.
   */
  readonly signing?: 'signed' | 'unsigned';
  /**
   * What the answer must be: DEFAULT_EXPECTATION without `apis`, else the check of the API the output is named
   * after. Undefined when `apis` is set and no API matches the output: the check FAILs without being sent.
   */
  readonly expect?: Expectation;
}

export interface Plan {
  readonly checks: Check[];
  /** Stacks in the outputs without a test instance, with the reason. */
  readonly skipped: { readonly stack: string; readonly reason: string }[];
}

export interface PlanOptions {
  /** curl --max-time on the instance. @default 10 */
  readonly curlTimeoutSeconds?: number;
  /** Something else is checked (the NLB's targets), so no curl line is no reason to stop. @default false */
  readonly allowNone?: boolean;
}

/** The checks to run: one per `curl*` output of every stack that has a `test_instance_id`. */
export function planChecks(outputs: StackOutputs, config: AppConfig, options: PlanOptions = {}): Plan {
  const maxTime = options.curlTimeoutSeconds ?? 10;
  const order = [SERVICE_STACK_NAME, ...config.customers.map((c) => c.name)];
  const unknown = Object.keys(outputs).filter((stack) => !order.includes(stack));
  if (unknown.length > 0) {
    throw new SetupError(
      `The outputs name stack(s) ${unknown.map((s) => `"${s}"`).join(', ')} that the configuration does not: ` +
        `run with the configuration they were deployed with (${CONFIG_ENV_VAR}=<file>).`,
    );
  }
  const checks: Check[] = [];
  const skipped: Plan['skipped'] = [];
  for (const stack of order.filter((s) => outputs[s])) {
    const values = outputs[stack];
    const lines = Object.entries(values).filter(([name]) => name.startsWith('curl'));
    const instanceId = values.test_instance_id;
    if (instanceId === undefined || instanceId === null || instanceId === '') {
      const where = accountForStack(config, stack)!.where;
      skipped.push({ stack, reason: `no test instance (${where}.testInstance is false, or the outputs predate it)` });
      continue;
    }
    if (typeof instanceId !== 'string' || !/^(i|mi)-[0-9a-f]{8,17}$/.test(instanceId)) {
      throw new SetupError(`${stack}.test_instance_id: expected an instance id like i-0123456789abcdef0, received ${JSON.stringify(instanceId)}`);
    }
    for (const [output, line] of lines) {
      let curl: CurlLine;
      try {
        curl = parseCurlLine(String(line));
      } catch (error) {
        // Lines written before the URL was quoted are refused too: a deploy rewrites the outputs, nothing else.
        throw new SetupError(
          `${stack}.${output}: ${(error as Error).message}. Outputs of an older version: cdktf deploy, then write the outputs file again.`,
        );
      }
      const match = config.apis ? apiOfOutput(output, config.apis) : undefined;
      const base = match?.base ?? output;
      const expect: Expectation | undefined = !config.apis
        ? DEFAULT_EXPECTATION
        : match && { status: match.api.check.status, body: match.api.check.body, api: match.api, field: `apis[${match.index}]` };
      const check = {
        stack,
        output,
        instanceId,
        url: curl.url,
        curl,
        route: routeOf(config, stack, base, curl),
        customDomain:
          base === 'curl_custom_domain' || curl.host === config.customDomain?.name || (match !== undefined && curl.host === match.api.customDomain?.name),
        expect,
      };
      if (match?.api.authorization === 'iam') {
        // The signed call must get the API's answer, the unsigned one API Gateway's 403: both, or authorization is not shown to be on.
        // An unsigned line (outputs older than authorization "iam") has no signed call to send: that one FAILs unsent (runChecks).
        checks.push(
          { ...check, signing: 'signed', command: buildShellCommand(curl, maxTime) },
          { ...check, signing: 'unsigned', command: buildShellCommand(curl, maxTime, { unsigned: true }), expect: { status: 403, api: match.api, field: expect!.field } },
        );
      } else {
        checks.push({ ...check, signing: curl.sigv4Region ? 'signed' : undefined, command: buildShellCommand(curl, maxTime) });
      }
    }
  }
  if (checks.length === 0 && !options.allowNone) {
    const stacks = skipped.map((s) => s.stack).join(', ') || Object.keys(outputs).join(', ');
    throw new SetupError(
      `Nothing to check: no stack in the outputs has a test instance with curl lines (${stacks}). ` +
        'Set service.testInstance / customers[i].testInstance to true, deploy, and write the outputs file again.',
    );
  }
  return { checks, skipped };
}

/** `output`: the output name without the `_<api>` suffix. */
function routeOf(config: AppConfig, stack: string, output: string, curl: CurlLine): Route {
  if (stack === SERVICE_STACK_NAME) return output === 'curl_through_nlb' || curl.header ? 'service-nlb' : 'service-vpc';
  return config.customers.find((c) => c.name === stack)!.connectivity;
}

/**
 * The line run on the instance: the output's curl with `-sS --max-time N -o <body> -w '%{http_code}'`, then one
 * result line (curl's exit code, status, body and stderr heads in base64) so nothing the body holds can break it.
 * Built from the parsed parts with the output's own quoting (stacks/curl-line.ts): the URL and the header in '…'
 * (e2e/assertions.ts sentCommands finds the URL there), the signing options and the credentials export as the
 * output writes them; `unsigned: true` sends the same request without them.
 */
export function buildShellCommand(curl: CurlLine, maxTimeSeconds: number, options: { readonly unsigned?: boolean } = {}): string {
  const signed = curl.sigv4Region !== undefined && !options.unsigned;
  const args = ['curl', '-sS', '--max-time', String(maxTimeSeconds), '-o', '"$d/body"', '-w', "'%{http_code}'"];
  if (curl.insecure) args.push('-k');
  if (signed) args.push(...sigv4Options(curl.sigv4Region!));
  args.push(shellQuote(curl.url));
  if (curl.header) args.push('-H', shellQuote(`${curl.header.name}: ${curl.header.value}`));
  return (
    `d=$(mktemp -d); ${signed ? `${EXPORT_CREDENTIALS} && ` : ''}code=$(${args.join(' ')} 2>"$d/err"); rc=$?; ` +
    `echo "${RESULT_MARK} rc=$rc status=$code body=$(head -c ${BODY_BYTES} "$d/body" 2>/dev/null | base64 -w0) ` +
    `err=$(head -c ${ERR_BYTES} "$d/err" | base64 -w0)"; rm -rf "$d"`
  );
}

/** What curl reported on the instance. */
export interface CurlOutcome {
  readonly exitCode: number;
  /** `000` when no HTTP answer came. */
  readonly httpStatus: string;
  readonly body: string;
  readonly stderr: string;
}

export function parseCommandOutput(stdout: string): CurlOutcome | undefined {
  const match = new RegExp(`^${RESULT_MARK} rc=(\\d+) status=(\\d*) body=([A-Za-z0-9+/=]*) err=([A-Za-z0-9+/=]*)$`, 'm').exec(stdout);
  if (!match) return undefined;
  const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
  return { exitCode: Number(match[1]), httpStatus: match[2] || '000', body: decode(match[3]), stderr: decode(match[4]).trim() };
}

/** Why a check failed; each has a hint (see hintFor). */
export type Symptom =
  | 'forbidden'
  | 'dns'
  | 'timeout'
  | 'tls'
  | 'http-status'
  | 'body'
  | 'curl-error'
  | 'not-registered'
  | 'command-failed'
  | 'no-result'
  | 'no-api'
  | 'not-signed';

export interface CheckResult {
  readonly check: Check;
  readonly outcome: 'pass' | 'fail' | 'sent';
  readonly commandId?: string;
  readonly curl?: CurlOutcome;
  readonly symptom?: Symptom;
  /** What went wrong, when curl's own answer does not say it (SSM states, timeouts). */
  readonly detail?: string;
  readonly hint?: string;
}

// curl's exit codes: https://everything.curl.dev/cmdline/exitcode (6 could not resolve host, 7 failed to connect,
// 28 operation timeout, 35 TLS handshake failed, 51 peer certificate name mismatch in curl < 7.62, 60 peer
// certificate not verified, which includes "no alternative certificate subject name matches target host name").
export function symptomOf(outcome: CurlOutcome, expect: Expectation = DEFAULT_EXPECTATION): Symptom | undefined {
  switch (outcome.exitCode) {
    case 0:
      if (outcome.httpStatus === String(expect.status)) return expect.body === undefined || outcome.body.includes(expect.body) ? undefined : 'body';
      return outcome.httpStatus === '403' ? 'forbidden' : 'http-status';
    case 6:
      return 'dns';
    case 7:
    case 28:
      return 'timeout';
    case 35:
    case 51:
    case 60:
      return 'tls';
    default:
      return 'curl-error';
  }
}

const W2 = 'write-up 2, troubleshooting';

/** The hint printed under a FAIL: the second write-up's troubleshooting list, narrowed to the route of the check. */
export function hintFor(check: Check, symptom: Symptom, status?: string, body?: string, config?: AppConfig): string {
  const { route, customDomain, curl } = check;
  const viaHeader = Boolean(curl.header);
  const expect = check.expect ?? DEFAULT_EXPECTATION;
  const api = expect.api;
  switch (symptom) {
    case 'forbidden':
      if (check.signing === 'signed') return signedForbiddenHint(check, config, body);
      if (api && body?.includes('Missing Authentication Token')) {
        return (
          `403 Missing Authentication Token: API Gateway answers it for a path that is no route of API ${api.name} ` +
          `(the URL must be the stage /${api.stageName} plus a route: ${expect.field}.check.path).`
        );
      }
      if (!viaHeader && !customDomain && !curl.host.includes('.execute-api.')) {
        return "API Gateway picks the API by name; through the NLB or a vpce name send -H 'x-apigw-api-id: <api-id>' (or Host: <api-id>.execute-api.<region>.amazonaws.com).";
      }
      return (
        "403 Forbidden: the API's resource policy must allow this call's endpoint (aws:SourceVpce = the service's execute-api endpoint), and the stage must be redeployed after a policy change" +
        (customDomain ? "; for the custom domain, the domain name's policy and its access association must name that endpoint" : '') +
        ` (${W2}: resource policy).`
      );
    case 'dns':
      if (customDomain) return `${curl.host} does not resolve here: this VPC needs a private zone holding that name, associated with the VPC and aliased to the endpoint the call goes through.`;
      switch (route) {
        case 'service-vpc':
          return "the API's name resolves in the service VPC only through the execute-api endpoint's private DNS (service.privateDns) and the VPC's DNS support/hostnames.";
        case 'service-nlb':
          return "the NLB's name is public DNS with private addresses: the VPC needs DNS support (Route 53 Resolver) and the name must be the nlb_dns_name output.";
        case 'privatelink':
          return `the private zone of ${curl.host} must be associated with this customer's VPC and hold that record as an alias to the customer's endpoint.`;
        case 'peering':
          return `the private zone ${curl.host} must be associated with this customer's VPC, with an apex alias to the service's execute-api endpoint (${W2}: private hosted zone).`;
      }
      break;
    case 'timeout':
      switch (route) {
        case 'service-vpc':
          return "no TCP connection on 443 (timed out or refused): the execute-api endpoint's security group must allow 443 from the service VPC.";
        case 'service-nlb':
          return "no TCP connection on 443 (timed out or refused): the NLB's targets (the execute-api endpoint's ENI addresses, one per AZ) must be healthy, and the endpoint's security group must allow 443 from the service VPC.";
        case 'privatelink':
          return "no TCP connection on 443 (timed out or refused): the customer endpoint's security group must allow 443 from this VPC; the endpoint must be available (not pending or rejected: see npm run revoke); its subnets must be in AZs the endpoint service serves (same AZ IDs as the NLB); the NLB's targets must be healthy.";
        case 'peering':
          return `no TCP connection on 443 (timed out or refused): the peering connection must be active, with routes both ways, and the service's execute-api endpoint security group must allow 443 from this VPC's CIDR (${W2}: VPC peering, routing, security group).`;
      }
      break;
    case 'tls':
      if (customDomain) {
        return `the certificate does not verify for ${curl.host}: customDomain's certificate must cover that name, and the call must reach API Gateway's private custom domain (access association for the endpoint; the NLB passes TLS and SNI through).`;
      }
      return "the certificate is *.execute-api.<region>.amazonaws.com: only the API's own name verifies; other names (the NLB's, vpce.<zone>) need -k, or a custom domain (customDomain).";
    case 'http-status':
      if (check.signing === 'unsigned' && (status?.startsWith('2') || status?.startsWith('5'))) {
        return (
          `the unsigned call got ${status}, not API Gateway's 403: authorization is off on API ${api?.name ?? '?'} (its methods are not AWS_IAM, ` +
          `though ${expect.field}.authorization is "iam"), so any caller through the endpoint is admitted: redeploy the service stack (cdktf deploy ${SERVICE_STACK_NAME}).`
        );
      }
      if (check.signing === 'unsigned') {
        return (
          `the unsigned call got ${status ?? 'an unexpected status'}, not the 403 API Gateway answers an unsigned call to an AWS_IAM method: another API or server answered ` +
          `(check the x-apigw-api-id header and the name the call resolves to), or authorization is off on API ${api?.name ?? '?'}: redeploy the service stack (cdktf deploy ${SERVICE_STACK_NAME}).`
        );
      }
      if (status === '404') {
        return api
          ? `the path must start with the deployed stage (${api.stageName}), and ${expect.field}.check.path must be a route of API ${api.name}.`
          : 'the path must start with the deployed stage (service.stageName), and GET / must be a method of the API.';
      }
      if (status?.startsWith('5')) return 'API Gateway answered but the integration failed: the Lambda function, its invoke permission and its VPC access (CloudWatch logs of the function).';
      return api
        ? `API ${api.name} answered ${status ?? 'an unexpected status'}, not ${expect.status} (${expect.field}.check.status): compare with what its function returns for ${expect.field}.check.path.`
        : 'API Gateway answered with an unexpected status: compare with the README "Checking that it works".';
    case 'body':
      return `status ${expect.status} but not "${expect.body ?? ''}": another API or server answered; check the x-apigw-api-id header and the name the call resolves to${api ? `, or ${expect.field}.check.body` : ''}.`;
    case 'curl-error':
      return (
        'curl failed on the instance before an HTTP answer: see the error shown' +
        (check.signing === 'signed' ? " (a signed call needs curl ≥ 7.75 for --aws-sigv4 and the AWS CLI v2 to export the instance role's credentials: aws configure export-credentials)." : '.')
      );
    case 'not-registered':
      return "the instance is not online in Systems Manager: a new instance takes a few minutes; it needs the ssm and ssmmessages endpoints (443 from the instance) and the AmazonSSMManagedInstanceCore policy. Run again, or raise --timeout.";
    case 'command-failed':
      return 'the SSM command did not run to the end on the instance: see the status shown (agent, shell or curl missing).';
    case 'no-result':
      return 'the command did not finish within the time limit: raise --timeout, or check the instance in Systems Manager > Run Command.';
    case 'no-api':
      return `with apis, each curl output is named <output>_<api> (- in the API name as _): run with the configuration the stacks were deployed with (${CONFIG_ENV_VAR}=<file>), or deploy this one and write the outputs file again.`;
    case 'not-signed':
      return (
        `${expect.field}.authorization is "iam" but the output's curl line is unsigned: the outputs predate it (or the stacks were deployed with another configuration): ` +
        `cdktf deploy, then write the outputs file again (${config ? outputsCommand(config, DEFAULT_OUTPUTS_FILE) : 'npx cdktf output … --outputs-file outputs.json'}).`
      );
  }
  return '';
}

/** A signed call refused with 403: what IAM authorization needs of the caller, narrowed to what the check knows. */
function signedForbiddenHint(check: Check, config: AppConfig | undefined, body?: string): string {
  const { curl, expect } = check;
  const api = expect?.api;
  const region = curl.sigv4Region ?? '?';
  const apiId = curl.header?.name.toLowerCase() === 'x-apigw-api-id' ? curl.header.value : /^([a-z0-9]+)\.execute-api\./.exec(curl.host)?.[1] ?? '<api-id>';
  const account = config?.service.accountId ?? '<service-account>';
  const customerIndex = config?.customers.findIndex((c) => c.name === check.stack) ?? -1;
  const customer = customerIndex >= 0 ? config!.customers[customerIndex] : undefined;
  const parts: string[] = [
    `the signed call was refused (403${body?.includes('Missing Authentication Token') ? ' Missing Authentication Token: no signature arrived, or the path is no route of the API' : ''}): ` +
      `the caller's role (the test instance's of ${check.stack}) needs an identity policy allowing execute-api:Invoke on arn:aws:execute-api:${config?.region ?? region}:${account}:${apiId}/*` +
      (check.stack === SERVICE_STACK_NAME ? '' : " (cross-account: both the API's resource policy and the caller's identity policy must allow it)"),
    config && region !== config.region
      ? `the signature's region must be the API's: the line signs for ${region}, the API is in ${config.region}`
      : `the signature's region (${region}) must be the API's region`,
    'the signed Host must be the name in the URL (do not override Host)',
  ];
  // The service's own test instance is a principal of the API's policy; a customer's is admitted as its account root or, with callers, by name.
  if (customer) {
    parts.push(
      customer.callers
        ? `customers[${customerIndex}].callers is set: the test instance's role must be listed there to be admitted`
        : `with customers[${customerIndex}].callers, the test instance's role must be listed there to be admitted`,
    );
  }
  return `${parts.join('; ')}${api ? ` (API ${api.name}, authorization "iam")` : ''}.`;
}

/** Dependencies the tests replace: time, and the SSM client of each stack's account. */
export interface RunOptions {
  /** false: send the commands and return their ids without waiting (the emulator records, it does not run). @default true */
  readonly wait?: boolean;
  /** Overall limit for SSM registration and command completion. @default 300000 */
  readonly timeoutMs?: number;
  /** Between two polls. @default 3000 */
  readonly pollMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** Progress lines (stderr in the CLI). */
  readonly progress?: (line: string) => void;
  /** One SSM client per stack. @default a client with the account's credentials (clientSettings) */
  readonly ssmFor?: (account: StackAccount) => SSMClient;
  /** The ELBv2 client of the service account. @default a client with the account's credentials (clientSettings) */
  readonly elbv2For?: (account: StackAccount) => ElasticLoadBalancingV2Client;
  /** When the overall limit began: the target-health wait and the SSM checks share one. @default now */
  readonly startedAt?: number;
}

const PROGRESS_EVERY_MS = 30_000;

interface Timing {
  readonly wait: boolean;
  readonly timeoutMs: number;
  readonly pollMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  readonly progress: (line: string) => void;
  readonly deadline: number;
  /** `<n> s of <limit> s` */
  readonly elapsed: () => string;
}

function timing(options: RunOptions): Timing {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 300_000;
  const start = options.startedAt ?? now();
  return {
    wait: options.wait ?? true,
    timeoutMs,
    pollMs: options.pollMs ?? 3000,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    now,
    progress: options.progress ?? (() => undefined),
    deadline: start + timeoutMs,
    elapsed: () => `${Math.round((now() - start) / 1000)} s of ${Math.round(timeoutMs / 1000)} s`,
  };
}

/** A waiting line, printed when it changes and otherwise once every 30 s, so a long wait stays quiet. */
function waitingReporter(t: Timing): (line: string) => void {
  let lastLine = '';
  let lastAt = -Infinity;
  return (line) => {
    if (line !== lastLine || t.now() - lastAt >= PROGRESS_EVERY_MS) {
      t.progress(`${line} · ${t.elapsed()}`);
      lastLine = line;
      lastAt = t.now();
    }
  };
}

// GetCommandInvocation statuses: Pending, InProgress, Delayed (still coming); Success, Cancelled, TimedOut, Failed,
// Cancelling (done). https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetCommandInvocation.html
const RUNNING = new Set(['Pending', 'InProgress', 'Delayed']);

/**
 * Waits until each instance is Online in Systems Manager, sends one command per check (AWS-RunShellScript) and,
 * unless `wait: false`, polls each invocation until it is done or the time limit is reached.
 */
export async function runChecks(checks: readonly Check[], config: AppConfig, options: RunOptions = {}): Promise<CheckResult[]> {
  const t = timing(options);
  const { wait, pollMs, sleep, now, progress, deadline, elapsed } = t;

  const stacks = [...new Set(checks.filter((c) => c.expect).map((c) => c.stack))];
  const accounts = new Map(stacks.map((stack) => [stack, accountForStack(config, stack)!]));
  const ssm = new Map(
    stacks.map((stack) => {
      const account = accounts.get(stack)!;
      return [stack, options.ssmFor ? options.ssmFor(account) : new SSMClient(clientSettings(account, account.region, `${config.namePrefix}-verify`))];
    }),
  );
  const call = async <T>(stack: string, operation: string, send: () => Promise<T>): Promise<T> => {
    try {
      return await send();
    } catch (error) {
      const account = accounts.get(stack)!;
      const explained = explainAccountError(error, account);
      if (explained instanceof SetupError || (error as { name?: string }).name === 'InvocationDoesNotExist') throw explained;
      // Name the call: an emulator without the API, or a missing permission, must be recognisable as such.
      throw new Error(`SSM ${operation} for stack ${stack} (account ${account.accountId}) failed: ${errorText(error)}`, { cause: error });
    }
  };

  const results = new Map<Check, CheckResult>();
  const fail = (check: Check, symptom: Symptom, detail?: string, extra: Partial<CheckResult> = {}) =>
    results.set(check, { check, outcome: 'fail', symptom, detail, hint: hintFor(check, symptom, undefined, undefined, config), ...extra });

  // 0. An output no API of the config is named after: nothing to compare its answer with, so it is not sent.
  for (const check of checks) {
    if (!check.expect) fail(check, 'no-api', `no API of the config matches output ${check.output}`);
    // 0b. The signed call of an API with IAM authorization whose line is unsigned: there is no signature to send.
    else if (check.signing === 'signed' && !check.curl.sigv4Region) fail(check, 'not-signed', `the curl line of ${check.output} is unsigned`);
  }
  const toRun = checks.filter((c) => !results.has(c));

  // 1. SSM can only run a command on an instance whose agent is Online (PingStatus Online | ConnectionLost |
  //    Inactive; an unregistered instance is simply absent from DescribeInstanceInformation).
  //    https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_InstanceInformation.html
  const instances = [...new Map(toRun.map((c) => [`${c.stack} ${c.instanceId}`, c])).values()];
  const online = new Set<string>();
  if (wait && instances.length > 0) {
    const report = waitingReporter(t);
    for (;;) {
      const states = new Map<string, string>();
      for (const stack of stacks) {
        const ids = instances.filter((c) => c.stack === stack).map((c) => c.instanceId);
        const answer = await call(stack, 'DescribeInstanceInformation', () =>
          ssm.get(stack)!.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: ids }] })),
        );
        for (const info of answer.InstanceInformationList ?? []) {
          if (info.InstanceId) states.set(`${stack} ${info.InstanceId}`, info.PingStatus ?? 'unknown');
        }
      }
      for (const [key, state] of states) if (state === 'Online') online.add(key);
      const waiting = instances.filter((c) => !online.has(`${c.stack} ${c.instanceId}`));
      if (waiting.length === 0 || now() >= deadline) {
        for (const c of waiting) {
          const state = states.get(`${c.stack} ${c.instanceId}`) ?? 'not registered';
          for (const check of toRun.filter((k) => k.stack === c.stack && k.instanceId === c.instanceId)) {
            fail(check, 'not-registered', `${c.instanceId} is ${state} in Systems Manager after ${elapsed()}`);
          }
        }
        break;
      }
      report(`waiting for SSM: ${waiting.map((c) => `${c.stack} ${c.instanceId} (${states.get(`${c.stack} ${c.instanceId}`) ?? 'not registered'})`).join(', ')}`);
      await sleep(pollMs);
    }
  }

  // 2. One command per check, so each invocation's output belongs to exactly one URL.
  const pending = new Map<Check, string>();
  for (const check of checks) {
    if (results.has(check)) continue;
    const sent = await call(check.stack, 'SendCommand', () =>
      ssm.get(check.stack)!.send(
        new SendCommandCommand({
          DocumentName: 'AWS-RunShellScript',
          InstanceIds: [check.instanceId],
          Parameters: { commands: [check.command] },
          // Delivery timeout (minimum 30 s): the agent was Online a moment ago.
          TimeoutSeconds: 60,
          Comment: `${config.namePrefix} verify ${check.stack}/${check.output}${check.signing ? ` ${check.signing}` : ''}`.slice(0, 100),
        }),
      ),
    );
    const commandId = sent.Command?.CommandId;
    if (!commandId) {
      fail(check, 'command-failed', 'SendCommand returned no command id');
    } else if (!wait) {
      results.set(check, { check, outcome: 'sent', commandId });
    } else {
      pending.set(check, commandId);
    }
  }

  // 3. Poll. Right after SendCommand, GetCommandInvocation may answer InvocationDoesNotExist: Run Command is
  //    eventually consistent, and the SDK's own waiter (waitUntilCommandExecuted) retries on it too.
  //    https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetCommandInvocation.html
  let lastAt = now();
  while (pending.size > 0) {
    for (const [check, commandId] of [...pending]) {
      let invocation;
      try {
        invocation = await call(check.stack, 'GetCommandInvocation', () =>
          ssm.get(check.stack)!.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: check.instanceId })),
        );
      } catch (error) {
        if ((error as { name?: string }).name === 'InvocationDoesNotExist') continue;
        throw error;
      }
      const status = invocation.Status ?? 'Pending';
      if (RUNNING.has(status)) continue;
      pending.delete(check);
      if (status !== 'Success') {
        const stderr = invocation.StandardErrorContent?.trim();
        fail(check, 'command-failed', `SSM command ${commandId} ended ${invocation.StatusDetails ?? status}${stderr ? `: ${stderr.slice(0, 200)}` : ''}`, { commandId });
        continue;
      }
      const outcome = parseCommandOutput(invocation.StandardOutputContent ?? '');
      if (!outcome) {
        fail(check, 'command-failed', `SSM command ${commandId} printed no result line (is curl installed?)`, { commandId });
        continue;
      }
      const symptom = symptomOf(outcome, check.expect);
      results.set(
        check,
        symptom
          ? { check, outcome: 'fail', commandId, curl: outcome, symptom, hint: hintFor(check, symptom, outcome.httpStatus, outcome.body, config) }
          : { check, outcome: 'pass', commandId, curl: outcome },
      );
    }
    if (pending.size === 0) break;
    if (now() >= deadline) {
      for (const [check, commandId] of pending) fail(check, 'no-result', `no result from SSM command ${commandId} after ${elapsed()}`, { commandId });
      break;
    }
    if (now() - lastAt >= PROGRESS_EVERY_MS) {
      progress(`waiting for ${pending.size} command(s) to finish · ${elapsed()}`);
      lastAt = now();
    }
    await sleep(pollMs);
  }

  return checks.map((check) => results.get(check)!);
}

function shownBody(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > SHOWN_BODY_CHARS ? `${flat.slice(0, SHOWN_BODY_CHARS)}…` : flat);
}

/**
 * The lines printed for one result: `PASS|FAIL|SENT <stack>/<output>[ (API <name>: expects <status>[ and "<body>"])]
 * <url> <status> <body or error>` (+ hint). The API part only with `apis`; with IAM authorization `(API <name>, signed:
 * expects …)` and `(API <name>, unsigned: expects 403)`, one line each.
 */
export function formatResult(result: CheckResult): string[] {
  const { check, outcome, curl } = result;
  const signing = check.signing ? `${check.signing}: ` : '';
  const api = check.expect?.api
    ? ` (API ${check.expect.api.name}${signing ? `, ${signing}` : ': '}${expectationText(check.expect)})`
    : check.expect && signing
      ? ` (${signing}${expectationText(check.expect)})`
      : '';
  const head = `${outcome.toUpperCase()} ${check.stack}/${check.output}${api} ${check.url}`;
  if (outcome === 'sent') return [`${head} sent: command ${result.commandId} on ${check.instanceId}`];
  const status = curl?.httpStatus ?? '---';
  const what = curl
    ? curl.exitCode === 0
      ? shownBody(curl.body)
      : `curl exit ${curl.exitCode}: ${curl.stderr.split('\n')[0] || '(no message)'}`
    : result.detail ?? '';
  const lines = [`${head} ${status} ${what}`];
  if (result.hint) lines.push(`  hint: ${result.hint}`);
  return lines;
}

/** The label of the target-health lines: the check reads the service account, from the `nlb_dns_name` output. */
export const TARGET_HEALTH_CHECK = `${SERVICE_STACK_NAME}/nlb_target_health`;

/** The NLB the service outputs name (`nlb_dns_name`, there only with PrivateLink customers), or undefined. */
export function nlbOf(outputs: StackOutputs): string | undefined {
  const name = outputs[SERVICE_STACK_NAME]?.nlb_dns_name;
  if (name === undefined || name === null || name === '') return undefined;
  if (typeof name !== 'string' || !/^[A-Za-z0-9.-]+$/.test(name)) {
    throw new SetupError(`${SERVICE_STACK_NAME}.nlb_dns_name: expected a DNS name, received ${JSON.stringify(name)}`);
  }
  return name;
}

/** One line of the target-health check: a target, or why there is none to show. */
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
 * with the service account's credentials; unless `wait: false`, reads again while a target is `initial`, within
 * the time limit. One result per target.
 */
export async function checkTargetHealth(nlbDnsName: string, config: AppConfig, options: RunOptions = {}): Promise<TargetHealthResult[]> {
  const t = timing(options);
  const account = accountForStack(config, SERVICE_STACK_NAME)!;
  const elbv2 = options.elbv2For
    ? options.elbv2For(account)
    : new ElasticLoadBalancingV2Client(clientSettings(account, config.region, `${config.namePrefix}-verify`));
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
  const report = waitingReporter(t);
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
    if (!t.wait || initial.length === 0 || t.now() >= t.deadline) {
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
            : { outcome: 'fail', ...shown, hint: targetHintFor(group, d, t.wait ? t.elapsed() : undefined) };
        });
      });
    }
    report(`waiting for NLB targets: ${initial.map((d) => `${targetOf(d)} (${d.TargetHealth?.Reason ?? 'initial'})`).join(', ')}`);
    await t.sleep(t.pollMs);
  }
}

/** `PASS|FAIL service/nlb_target_health <target group> <id>:<port> <state> [<reason>[: <description>]]` (+ hint). */
export function formatTargetResult(result: TargetHealthResult): string[] {
  const head = `${result.outcome.toUpperCase()} ${TARGET_HEALTH_CHECK} ${result.where}`;
  const { state, reason, description } = result;
  const why = reason && description ? `${reason}: ${description}` : reason ?? description;
  const what = state ? (why ? `${state} ${why}` : state) : result.detail ?? '';
  const lines = [`${head} ${result.target ?? '---'} ${what}`];
  if (result.hint) lines.push(`  hint: ${result.hint}`);
  return lines;
}

export interface VerifyArgs {
  readonly help: boolean;
  readonly outputsFile?: string;
  readonly timeoutSeconds: number;
  readonly curlTimeoutSeconds: number;
  readonly wait: boolean;
}

export function parseVerifyArgs(argv: readonly string[]): VerifyArgs {
  let outputsFile: string | undefined;
  let timeoutSeconds = 300;
  let curlTimeoutSeconds = 10;
  let wait = true;
  let help = false;
  const seconds = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (!value || !Number.isInteger(n) || n < 1) throw new SetupError(`${flag}: expected a whole number of seconds ≥ 1, received ${JSON.stringify(value ?? '')}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '--no-wait') wait = false;
    else if (arg === '--outputs-file') {
      outputsFile = argv[++i];
      if (!outputsFile) throw new SetupError('--outputs-file: expected a file name');
    } else if (arg === '--timeout') timeoutSeconds = seconds(arg, argv[++i]);
    else if (arg === '--curl-timeout') curlTimeoutSeconds = seconds(arg, argv[++i]);
    else throw new SetupError(`unknown argument ${JSON.stringify(arg)}`);
  }
  return { help, outputsFile, timeoutSeconds, curlTimeoutSeconds, wait };
}

/** The CLI: returns the exit status. */
export async function main(argv: readonly string[], io: Io = consoleIo, env: NodeJS.ProcessEnv = process.env, runOptions: RunOptions = {}): Promise<number> {
  let args: VerifyArgs;
  try {
    args = parseVerifyArgs(argv);
  } catch (error) {
    io.err(`verify: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT.setup;
  }
  if (args.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  try {
    const config = loadConfig(env);
    const shownAs = args.outputsFile ?? DEFAULT_OUTPUTS_FILE;
    const file = args.outputsFile ?? path.join(PROJECT_ROOT, DEFAULT_OUTPUTS_FILE);
    const outputs = readOutputs(file, config, env, shownAs);
    const nlb = nlbOf(outputs);
    const plan = planChecks(outputs, config, { curlTimeoutSeconds: args.curlTimeoutSeconds, allowNone: nlb !== undefined });
    for (const s of plan.skipped) io.err(`skip ${s.stack}: ${s.reason}`);
    const missing = config.customers.map((c) => c.name).filter((name) => !outputs[name]);
    if (missing.length > 0) io.err(`note: no outputs for ${missing.join(', ')} in ${shownAs} (not deployed yet, or the file is older)`);
    io.err(
      `${args.wait ? 'running' : 'sending'} ${plan.checks.length} check(s) on ${new Set(plan.checks.map((c) => c.instanceId)).size} instance(s)` +
        `${nlb ? " and reading the health of the NLB's targets" : ''} in ${config.region}`,
    );
    // One session per account: with a roleArn, SSM and ELBv2 of the service share one AssumeRole.
    const sessions = new Map<string, ClientSettings>();
    const session = (account: StackAccount): ClientSettings => {
      if (!sessions.has(account.stack)) sessions.set(account.stack, clientSettings(account, account.region, `${config.namePrefix}-verify`));
      return sessions.get(account.stack)!;
    };
    const options: RunOptions = {
      wait: args.wait,
      timeoutMs: args.timeoutSeconds * 1000,
      progress: io.err,
      ssmFor: (account) => new SSMClient(session(account)),
      elbv2For: (account) => new ElasticLoadBalancingV2Client(session(account)),
      ...runOptions,
    };
    // The targets first: on a first deploy they settle while the test instances register with SSM, so waiting
    // for them costs little, and the curl through the NLB then meets targets that have been checked. One time
    // limit for both.
    const startedAt = runOptions.startedAt ?? (options.now ?? Date.now)();
    const targets = nlb ? await checkTargetHealth(nlb, config, { ...options, startedAt }) : [];
    const results = plan.checks.length > 0 ? await runChecks(plan.checks, config, { ...options, startedAt }) : [];
    for (const target of targets) formatTargetResult(target).forEach((line) => io.out(line));
    for (const result of results) formatResult(result).forEach((line) => io.out(line));
    const all = [...targets, ...results];
    const count = (outcome: string) => all.filter((r) => r.outcome === outcome).length;
    const failed = count('fail');
    if (!args.wait) {
      io.out(`${count('sent')} sent, ${targets.length > 0 ? `${count('pass')} passed, ` : ''}${failed} failed`);
    } else {
      io.out(`${count('pass')} passed, ${failed} failed`);
    }
    return failed > 0 ? EXIT.failed : EXIT.ok;
  } catch (error) {
    if (error instanceof SetupError || error instanceof ConfigError) {
      io.err(`verify: ${error.message}`);
      return EXIT.setup;
    }
    io.err(`verify: ${errorText(error)}`);
    return EXIT.failed;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
