/** What one check is: a curl line, where it runs, the hints of its network path and the answer it must get. */
import type { ApiConfig } from '../../config';
import type { CurlLine } from '../../stacks/curl-line';
import type { LineHints } from '../../transports/verification';

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

export interface Check {
  readonly stack: string;
  /** Output the curl line came from (`curl_in_service_vpc`, `curl`, `curl_custom_domain`, a transport's, with `apis` + `_<api>`). */
  readonly output: string;
  readonly instanceId: string;
  readonly url: string;
  readonly curl: CurlLine;
  /** The hints of the way the call reaches the API: the service's own line, a transport's service line, or the customer's transport. */
  readonly hints: LineHints;
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
