/**
 * Why a check failed (the symptom, from curl's answer) and the hint printed under it: the second write-up's
 * troubleshooting list, narrowed to the check's network path. The path-specific parts come from the line's hints
 * (the service's own line here, the rest from the transports: transports/<kind>/verification.ts).
 */
import { AppConfig, CONFIG_ENV_VAR, SERVICE_STACK_NAME } from '../../config';
import { CURL_IN_SERVICE_VPC } from '../../stacks/output-names';
import { LineHints, TROUBLESHOOTING } from '../../transports/verification';
import { ALL_VERIFICATIONS, VERIFICATIONS } from '../../transports/verifications';
import { Check, DEFAULT_EXPECTATION, Expectation } from './check';
import { DEFAULT_OUTPUTS_FILE, outputsCommand } from './outputs';
import type { CurlOutcome } from './shell';

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

// The API's own name (`<api-id>.execute-api.<region>.amazonaws.com`) as opposed to the endpoint's (`vpce-….execute-api.….vpce.amazonaws.com`).
const API_OWN_NAME = /^[a-z0-9]+\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/;

/** The service's line through its own execute-api endpoint, from the service VPC. */
export const serviceVpcLine: LineHints = {
  dns: (host) =>
    API_OWN_NAME.test(host)
      ? "the API's name resolves in the service VPC only through the execute-api endpoint's private DNS (service.privateDns) and the VPC's DNS support/hostnames."
      : // service.privateDns false: the line calls the endpoint's own name, with the header.
        "the execute-api endpoint's own name is public DNS with private addresses: the VPC needs DNS support (Route 53 Resolver) and the name must be the execute_api_endpoint_dns_name output.",
  timeout: "no TCP connection on 443 (timed out or refused): the execute-api endpoint's security group must allow 443 from the service VPC.",
};

/** The service stack's curl outputs (before the `_<api>` suffix) and their hints: its own line and each transport's. */
export const SERVICE_LINES: ReadonlyMap<string, LineHints> = new Map([
  [CURL_IN_SERVICE_VPC, serviceVpcLine],
  ...ALL_VERIFICATIONS.flatMap((v) => Object.entries(v.serviceLines)),
]);

/** The hints of a line: by its output on the service stack (`base`: without the `_<api>` suffix), by its transport on a customer's. */
export function lineHintsFor(config: AppConfig, stack: string, base: string): LineHints {
  if (stack === SERVICE_STACK_NAME) return SERVICE_LINES.get(base) ?? serviceVpcLine;
  return VERIFICATIONS[config.customers.find((c) => c.name === stack)!.connectivity].customerLine;
}

// Every transport's names that are not the API's own: listed in the generic hints, whichever transport the failing
// line took.
const unique = (items: readonly string[]) => [...new Set(items)];
const OTHER_NAMES = ALL_VERIFICATIONS.flatMap((v) => v.otherNames ?? []);
const VIA_OTHER_NAMES = unique(OTHER_NAMES.map((n) => n.via));
const NAMED_OTHER_NAMES = unique(OTHER_NAMES.map((n) => n.named));

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

/** The hint printed under a FAIL: the second write-up's troubleshooting list, narrowed to the check's line. */
export function hintFor(check: Check, symptom: Symptom, status?: string, body?: string, config?: AppConfig): string {
  const { hints, customDomain, curl } = check;
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
        const through = VIA_OTHER_NAMES.length > 0 ? `through ${VIA_OTHER_NAMES.join(' or ')} ` : '';
        return `API Gateway picks the API by name; ${through}send -H 'x-apigw-api-id: <api-id>' (or Host: <api-id>.execute-api.<region>.amazonaws.com).`;
      }
      return (
        `403 Forbidden: the API's resource policy must allow this call's endpoint (aws:SourceVpce = ${hints.policyEndpoint ?? "the service's execute-api endpoint"}), and the stage must be redeployed after a policy change` +
        (customDomain ? "; for the custom domain, the domain name's policy and its access association must name that endpoint" : '') +
        ` (${TROUBLESHOOTING}: resource policy).`
      );
    case 'dns':
      if (customDomain) return `${curl.host} does not resolve here: this VPC needs a private zone holding that name, associated with the VPC and aliased to the endpoint the call goes through.`;
      return hints.dns(curl.host);
    case 'timeout':
      return hints.timeout;
    case 'tls':
      if (customDomain) {
        return (
          `the certificate does not verify for ${curl.host}: customDomain's certificate must cover that name, and the call must reach API Gateway's private custom domain ` +
          `(access association for the endpoint${hints.customDomainPath ? `; ${hints.customDomainPath}` : ''}).`
        );
      }
      return (
        "the certificate is *.execute-api.<region>.amazonaws.com: only the API's own name verifies; other names " +
        `${NAMED_OTHER_NAMES.length > 0 ? `(${NAMED_OTHER_NAMES.join(', ')}) ` : ''}need -k, or a custom domain (customDomain).`
      );
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
