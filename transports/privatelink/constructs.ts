import { EndpointNlb } from '../../modules/endpoint-nlb';
import { EndpointService } from '../../modules/endpoint-service';
import { EndpointServiceAzEnabler } from '../../modules/endpoint-service-az-enabler';
import { InterfaceEndpoint } from '../../modules/interface-endpoint';
import { checkUrl, curlLine } from '../../stacks/curl-line';
import { nameEndpoint } from '../named-endpoint';
import { outputName } from '../../stacks/output-names';
import type { CustomerAttachment, ServiceAttachment, TransportConstructs } from '../constructs';
import type { PrivatelinkCustomerConfig } from './definition';
import { CURL_THROUGH_NLB, NLB_DNS_NAME } from './verification';

/** The service side of PrivateLink: the endpoint service's name is what each consumer's endpoint connects to. */
export interface PrivatelinkServiceAttachment extends ServiceAttachment {
  readonly endpointServiceName: string;
}

/**
 * PrivateLink (seed 1): an internal NLB whose targets are the service execute-api endpoint's ENI addresses (one
 * lookup and one attachment per AZ ID), an endpoint service on it that admits the consumers' account roots, and the
 * enabler that offers every NLB AZ on the service. Each consumer: an interface endpoint to that service, a private
 * zone with `<recordName>.<zoneName>` aliased to it; the header (or a custom domain) selects the API.
 */
export const privatelinkConstructs: TransportConstructs<PrivatelinkCustomerConfig, PrivatelinkServiceAttachment> = {
  // PrivateLink traffic reaches the endpoint from the NLB's addresses, inside the service VPC.
  endpointSources: () => [],

  addToService(site, customers) {
    const { scope, provider, name, config, network, executeApiEndpoint } = site;
    const nlb = new EndpointNlb(scope, 'EndpointNlb', {
      provider,
      name,
      vpcId: network.vpcId,
      vpcCidr: network.vpcCidr,
      subnets: network.subnets.map(({ azId, subnetId }) => ({
        azId,
        subnetId,
        endpointEniReady: executeApiEndpoint.subnetAssociations.get(azId)!,
      })),
      endpointId: executeApiEndpoint.endpointId,
    });
    const endpointService = new EndpointService(scope, 'EndpointService', {
      provider,
      name,
      networkLoadBalancerArns: [nlb.loadBalancerArn],
      allowedAccountIds: customers.map((c) => c.accountId),
      supportedRegions: [config.region, ...customers.map((c) => c.region ?? config.region)],
    });
    new EndpointServiceAzEnabler(scope, 'EndpointServiceAzEnabler', {
      provider,
      name,
      serviceId: endpointService.endpointServiceId,
      serviceArn: endpointService.endpointServiceArn,
      loadBalancerArn: nlb.loadBalancerArn,
      zones: network.subnets.map(({ azId, subnetId }) => ({ azId, subnetId })),
      dependsOn: nlb.targetAttachments,
    });
    const outputs: ServiceAttachment['outputs'] = {
      endpoint_service_name: { value: endpointService.endpointServiceName, description: 'PrivateLink service name consumers create their endpoint against' },
      endpoint_service_allowed_principals: { value: endpointService.allowedPrincipals, description: 'Account roots allowed to connect to the endpoint service' },
      [NLB_DNS_NAME]: { value: nlb.loadBalancerDnsName, description: 'Internal NLB in front of the endpoint ENIs' },
    };
    for (const { api, deployedStageName } of site.apis) {
      outputs[outputName(CURL_THROUGH_NLB, api)] = {
        value: curlLine(checkUrl(`https://${nlb.loadBalancerDnsName}/${deployedStageName}`, api.checkPath), {
          insecure: true,
          apiIdHeader: api.restApiId,
          sigv4Region: api.iam ? config.region : undefined,
        }),
        description: `Run on the service test instance: the path consumers take (the header selects the API${api.key ? ` ${api.key}` : ''})`,
      };
    }
    return {
      outputs,
      endpointServiceName: endpointService.endpointServiceName,
      alarms: {
        loadBalancerArnSuffix: nlb.loadBalancerArnSuffix,
        targetGroupArnSuffix: nlb.targetGroupArnSuffix,
        endpointServiceId: endpointService.endpointServiceId,
      },
    };
  },

  addToCustomer(site, service): CustomerAttachment {
    const { scope, provider, name, config, customer, network } = site;
    const endpoint = new InterfaceEndpoint(scope, 'ServiceEndpoint', {
      provider,
      name,
      vpcId: network.vpcId,
      subnets: network.subnets,
      serviceName: service.endpointServiceName,
      // A consumer in another region reaches the service across regions (PrivateLink cross-Region).
      serviceRegion: site.region !== config.region ? config.region : undefined,
      // The endpoint service has no verified private DNS name; the zone below names the endpoint instead.
      privateDnsEnabled: false,
      allowedCidrs: [{ name: 'customer-vpc', cidr: network.vpcCidr, description: `Hosts of ${customer.name}'s VPC` }],
    });
    const named = nameEndpoint(site, endpoint);
    return {
      outputs: {
        endpoint_id: { value: endpoint.endpointId, description: 'Interface endpoint to the service' },
        endpoint_dns_name: { value: endpoint.dnsName, description: 'Regional DNS name of that endpoint' },
        ...named.outputs,
      },
      customDomainTarget: named.customDomainTarget,
      domainsInZone: named.domainsInZone,
      testInstanceEgressCidrs: [],
    };
  },
};
