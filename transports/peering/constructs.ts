import { PeeringLink } from '../../modules/peering-link';
import { PrivateAliasZone } from '../../modules/private-alias-zone';
import { checkUrl, curlLine } from '../../stacks/curl-line';
import { CURL_CUSTOMER, outputName, outputSuffix } from '../../stacks/output-names';
import type { CustomerAttachment, ServiceAttachment, TransportConstructs } from '../constructs';
import type { PeeringCustomerConfig } from './definition';

/**
 * VPC peering (seed 2): no NLB and no endpoint service. The service opens its execute-api endpoint's security group
 * to each consumer's CIDR (always in the config: the service never reads a consumer's account); each consumer stack
 * requests the peering, accepts it with the service account's provider (no stack cycle: the service stack never
 * depends on a consumer), routes both ways, and a private zone named after each API aliased to the service's
 * endpoint, so the API's own URL works with a certificate that verifies.
 */
export const peeringConstructs: TransportConstructs<PeeringCustomerConfig, ServiceAttachment> = {
  endpointSources: (customers) => customers.map((c) => ({ name: `customer-${c.name}`, cidr: c.vpcCidr!, description: `Peered customer ${c.name}` })),

  addToService: () => ({ outputs: {} }),

  addToCustomer(site): CustomerAttachment {
    const { scope, provider, name, config, customer, network, service, apis } = site;
    const peering = new PeeringLink(scope, 'Peering', {
      name,
      region: config.region,
      requester: { provider, accountId: customer.accountId, vpcId: network.vpcId, vpcCidr: network.vpcCidr, routeTables: network.routeTables },
      accepter: {
        provider: site.serviceAccountProvider(),
        accountId: service.accountId,
        vpcId: service.vpcId,
        vpcCidr: service.vpcCidr,
        routeTables: service.routeTables,
      },
    });
    const outputs: CustomerAttachment['outputs'] = {};
    // The execute-api name resolves to the service account's endpoint; requests arrive from this VPC over the
    // peering, pass the endpoint's security group (opened to this CIDR by the service stack) and carry the service
    // endpoint as aws:SourceVpce, which is what the API policy admits. One zone per API, named after its id.
    for (const api of apis) {
      const suffix = outputSuffix(api);
      const apiZone = `${api.restApiId}.execute-api.${config.region}.amazonaws.com`;
      const zone = new PrivateAliasZone(scope, api.key ? `ApiZone-${api.key}` : 'ApiZone', {
        provider,
        name: api.key ? `${name}-${api.key}` : name,
        zoneName: apiZone,
        vpcId: network.vpcId,
        targetDnsName: service.executeApiEndpointDnsName,
        targetHostedZoneId: service.executeApiEndpointHostedZoneId,
      });
      Object.assign(outputs, {
        [`private_zone_id${suffix}`]: { value: zone.zoneId, description: `Private zone named after the API${api.key ? ` ${api.key}` : ''}` },
        [`api_hostname${suffix}`]: { value: zone.recordFqdn, description: 'Name that reaches the API from this VPC' },
        [outputName(CURL_CUSTOMER, api)]: {
          value: curlLine(checkUrl(`https://${apiZone}/${api.stageName}`, api.checkPath), { sigv4Region: api.iam ? config.region : undefined }),
          description: `Run on the test instance: ${api.key ? 'expect what apis[].check names' : 'expect "Hello from Lambda"'} (valid certificate, no header)`,
        },
      });
    }
    outputs.peering_connection_id = { value: peering.peeringConnectionId, description: 'VPC peering to the service VPC' };
    outputs.peering_status = { value: peering.acceptStatus, description: 'Expected: active' };
    return {
      outputs,
      customDomainTarget: { dnsName: service.executeApiEndpointDnsName, hostedZoneId: service.executeApiEndpointHostedZoneId },
      domainsInZone: new Set(),
      testInstanceEgressCidrs: [service.vpcCidr],
    };
  },
};
