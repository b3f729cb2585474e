/**
 * The names of the outputs another program reads back (`npm run verify` reads the cdktf outputs file): the stacks
 * and transports write them through this module and verify reads them through it, so both follow one rule. Pure: no
 * cdktf import. The lines themselves are stacks/curl-line.ts.
 */

/** The cdktf outputs file: `{ "<stack>": { "<output>": value } }` (`cdktf output … --outputs-file`). */
export type StackOutputs = Record<string, Record<string, unknown>>;

/** The stack's SSM-only test instance: where its curl lines run. */
export const TEST_INSTANCE_ID = 'test_instance_id';

/** Every output whose name starts with this holds one curl line (stacks/curl-line.ts), run by verify. */
export const CURL_OUTPUT_PREFIX = 'curl';

/** The service's line through its own execute-api endpoint, whatever the transports. */
export const CURL_IN_SERVICE_VPC = 'curl_in_service_vpc';
/** A customer's line, the way its transport reaches the API. */
export const CURL_CUSTOMER = 'curl';
/** A customer's line to the API's private custom domain name. */
export const CURL_CUSTOM_DOMAIN = 'curl_custom_domain';
/** The curl outputs every deployment may have, before the `_<api>` suffix; each transport may add its own. */
export const GENERIC_CURL_OUTPUTS = [CURL_IN_SERVICE_VPC, CURL_CUSTOMER, CURL_CUSTOM_DOMAIN] as const;

/** An output holds a curl line. */
export function isCurlOutput(name: string): boolean {
  return name.startsWith(CURL_OUTPUT_PREFIX);
}

/** An API's part of an output name: `billing-v2` → `billing_v2`, so that output names stay snake_case. */
export function outputKey(apiName: string): string {
  return apiName.replace(/-/g, '_');
}

/** `_<key>` after an output name for an API of `apis`; nothing for the default API (no `apis`), whose outputs keep their names. */
export function outputSuffix(api: { readonly key?: string }): string {
  return api.key ? `_${outputKey(api.key)}` : '';
}

/** `<base>_<key>` for an API of `apis`, `<base>` for the default API. */
export function outputName(base: string, api: { readonly key?: string }): string {
  return `${base}${outputSuffix(api)}`;
}

/**
 * The API of `apis` an output is named after (`<base>_<key>`) and the output name without that suffix; undefined
 * when no API matches. The longest matching suffix wins, preferring a match that leaves one of `bases` (the curl
 * output names): with APIs `x` and `domain-x`, `curl_custom_domain_x` is `x`'s.
 */
export function splitOutputName<A extends { readonly name: string }>(
  output: string,
  apis: readonly A[],
  bases: readonly string[],
): { api: A; index: number; base: string } | undefined {
  const matches = apis
    .map((api, index) => ({ api, index, base: output.slice(0, -(outputKey(api.name).length + 1)) }))
    .filter(({ api, base }) => output.endsWith(`_${outputKey(api.name)}`) && base.length > 0)
    .sort((a, b) => a.base.length - b.base.length);
  return matches.find((m) => bases.includes(m.base)) ?? matches[0];
}
