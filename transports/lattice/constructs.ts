import { RamResourceShareAccepter } from '@cdktf/provider-aws/lib/ram-resource-share-accepter';
import { ResourceConfiguration } from '../../modules/resource-configuration';
import { ResourceEndpoint } from '../../modules/resource-endpoint';
import { ResourceGateway } from '../../modules/resource-gateway';
import { ResourceShare } from '../../modules/resource-share';
import { nameEndpoint } from '../named-endpoint';
import type { CustomerAttachment, ServiceAttachment, TransportConstructs } from '../constructs';
import type { LatticeCustomerConfig } from './definition';
import { LATTICE_SHARE_STATUS, RESOURCE_ENDPOINT_ACCESSIBILITY } from './verification';

/** The service side of VPC Lattice: the configuration consumers' resource endpoints connect to, and its share. */
export interface LatticeServiceAttachment extends ServiceAttachment {
  readonly resourceConfigurationArn: string;
  readonly resourceShareArn: string;
}

/**
 * Amazon VPC Lattice resources (PrivateLink guide, "Access VPC resources through resource endpoints"): the service's
 * execute-api endpoint, by its regional DNS name on TCP 443, is a resource configuration behind a resource gateway in
 * the service VPC, shared through AWS RAM with every lattice consumer account. Each consumer accepts the share,
 * creates a resource endpoint in its VPC and names it `<recordName>.<zoneName>`; the header (or a custom domain)
 * selects the API. Requests still enter API Gateway through the service's execute-api endpoint, so the APIs' policies
 * (`aws:SourceVpce`) need no change. No NLB, no endpoint service, no peering.
 */
export const latticeConstructs: TransportConstructs<LatticeCustomerConfig, LatticeServiceAttachment> = {
  // The gateway's ENIs are in the service VPC, whose CIDR the execute-api endpoint already admits.
  endpointSources: () => [],

  addToService(site, customers) {
    const { scope, provider, name, network, executeApiEndpoint } = site;
    const gateway = new ResourceGateway(scope, 'LatticeResourceGateway', {
      provider,
      name: `${name}-lattice`,
      vpcId: network.vpcId,
      subnetIds: network.subnets.map((s) => s.subnetId),
      destinationSecurityGroupId: executeApiEndpoint.securityGroupId,
      destinationDescription: 'the execute-api endpoint',
    });
    const configuration = new ResourceConfiguration(scope, 'LatticeResourceConfiguration', {
      provider,
      name: `${name}-execute-api`,
      resourceGatewayId: gateway.resourceGatewayId,
      domainName: executeApiEndpoint.dnsName,
    });
    const share = new ResourceShare(scope, 'LatticeShare', {
      provider,
      name: `${name}-lattice`,
      resourceArns: { 'execute-api': configuration.resourceConfigurationArn },
      principalAccountIds: customers.map((c) => c.accountId),
    });
    return {
      outputs: {
        lattice_resource_configuration_arn: {
          value: configuration.resourceConfigurationArn,
          description: 'VPC Lattice resource configuration of the execute-api endpoint (lattice consumers connect a resource endpoint to it)',
        },
        lattice_resource_gateway_id: { value: gateway.resourceGatewayId, description: 'VPC Lattice resource gateway in the service VPC' },
        lattice_share_arn: { value: share.resourceShareArn, description: 'AWS RAM share of the resource configuration (lattice consumers accept it)' },
      },
      resourceConfigurationArn: configuration.resourceConfigurationArn,
      resourceShareArn: share.resourceShareArn,
    };
  },

  addToCustomer(site, service): CustomerAttachment {
    const { scope, provider, name, customer, network } = site;
    // Outside one AWS Organization the consumer accepts the invitation (within 12 hours); inside one with RAM
    // sharing enabled AWS accepts it and there is no invitation (README: lattice consumers).
    const accepter = new RamResourceShareAccepter(scope, 'LatticeShareAccepter', { provider, shareArn: service.resourceShareArn });
    const endpoint = new ResourceEndpoint(scope, 'ResourceEndpoint', {
      provider,
      name,
      vpcId: network.vpcId,
      subnetIds: network.subnets.map((s) => s.subnetId),
      resourceConfigurationArn: service.resourceConfigurationArn,
      allowedCidr: { cidr: network.vpcCidr, description: `Hosts of ${customer.name}'s VPC` },
      // "If a resource configuration is shared with you from another account, you must review and accept the resource
      // share" before creating the endpoint (use-resource-endpoint.html, prerequisites).
      dependsOn: [accepter],
    });
    // As for PrivateLink: a custom domain under the customer's zone is a record there; any other gets a zone of its
    // own (the stack's custom-domain zones). TCP carries TLS and SNI to the service's execute-api endpoint.
    const named = nameEndpoint(site, endpoint);
    return {
      outputs: {
        endpoint_id: { value: endpoint.endpointId, description: 'VPC Lattice resource endpoint to the service' },
        endpoint_dns_name: { value: endpoint.dnsName, description: "DNS name of that endpoint's association with the resource configuration" },
        [RESOURCE_ENDPOINT_ACCESSIBILITY]: { value: endpoint.accessibility, description: 'Whether the resource configuration is reachable through the endpoint (expected: AVAILABLE)' },
        [LATTICE_SHARE_STATUS]: { value: accepter.status, description: 'The RAM share of the resource configuration (expected: ACTIVE)' },
        ...named.outputs,
      },
      customDomainTarget: named.customDomainTarget,
      domainsInZone: named.domainsInZone,
      testInstanceEgressCidrs: [],
    };
  },
};
