/**
 * What `privatelink` and `lattice` consumers share: an endpoint in their VPC named `<recordName>.<zoneName>` in a
 * private zone (theirs with `zoneId`), each custom domain under that zone a record there, and curl lines that reach
 * the API through that name with the `x-apigw-api-id` header (`-k`: the certificate is execute-api's).
 */
import { PrivateAliasZone } from '../modules/private-alias-zone';
import { checkUrl, curlLine } from '../stacks/curl-line';
import { CURL_CUSTOMER, outputName } from '../stacks/output-names';
import type { CustomerAttachment, CustomerSite } from './constructs';
import type { CustomerConfig } from '../config';

/** A consumer entry of a transport reached through a named endpoint (the keys of `namedEndpointFields`). */
type NamedEndpointCustomer = CustomerConfig & { readonly zoneName: string; readonly recordName: string; readonly zoneId?: string };

export interface NamedEndpoint {
  readonly dnsName: string;
  readonly dnsHostedZoneId: string;
}

/**
 * The private zone and the consumer's curl lines for `endpoint`; the outputs name the zone, its record and the lines.
 * Construct id `PrivateZone`: the same address for every transport that names an endpoint this way.
 */
export function nameEndpoint(site: CustomerSite<NamedEndpointCustomer>, endpoint: NamedEndpoint): Pick<CustomerAttachment, 'outputs' | 'customDomainTarget' | 'domainsInZone'> {
  const { scope, provider, name, config, customer, network, apis } = site;
  // A custom domain under the customer's zone is a record there; any other gets a zone of its own (the stack's
  // custom-domain zones).
  const domainsInZone = new Set(apis.flatMap((api) => (api.customDomainName?.endsWith(`.${customer.zoneName}`) ? [api.customDomainName] : [])));
  const zone = new PrivateAliasZone(scope, 'PrivateZone', {
    provider,
    name,
    zoneName: customer.zoneName,
    recordName: customer.recordName,
    extraRecordNames: [...domainsInZone].map((domain) => domain.slice(0, -customer.zoneName.length - 1)),
    vpcId: network.vpcId,
    targetDnsName: endpoint.dnsName,
    targetHostedZoneId: endpoint.dnsHostedZoneId,
    existingZoneId: customer.zoneId,
  });
  const outputs: CustomerAttachment['outputs'] = {
    private_zone_id: { value: zone.zoneId, description: `Private zone ${customer.zoneName}` },
    api_hostname: { value: zone.recordFqdn, description: 'Name that reaches the API from this VPC' },
  };
  for (const api of apis) {
    outputs[outputName(CURL_CUSTOMER, api)] = {
      value: curlLine(checkUrl(`https://${customer.recordName}.${customer.zoneName}/${api.stageName}`, api.checkPath), {
        insecure: true,
        apiIdHeader: api.restApiId,
        sigv4Region: api.iam ? config.region : undefined,
      }),
      description: `Run on the test instance: ${api.key ? 'expect what apis[].check names' : 'expect "Hello from Lambda"'} (-k: the certificate is execute-api's; the header selects the API)`,
    };
  }
  return { outputs, customDomainTarget: { dnsName: endpoint.dnsName, hostedZoneId: endpoint.dnsHostedZoneId }, domainsInZone };
}
