import { Fn, Token } from 'cdktf';
import { ApiGatewayDomainNameAccessAssociation } from '@cdktf/provider-aws/lib/api-gateway-domain-name-access-association';
import { DataAwsVpcEndpoint } from '@cdktf/provider-aws/lib/data-aws-vpc-endpoint';
import { RamResourceShareAccepter } from '@cdktf/provider-aws/lib/ram-resource-share-accepter';
import { ConsumerEndpointStack } from '../../stacks/consumer-endpoint-stack';
import { ResourceShare } from '../../modules/resource-share';
import type { CustomerAttachment, ServiceAttachment, TransportConstructs } from '../constructs';
import type { PrivateDomainCustomerConfig } from './definition';

/** The service side: the RAM share consumers accept. */
export interface PrivateDomainServiceAttachment extends ServiceAttachment {
  readonly resourceShareArn: string;
}

/**
 * Private custom domain names shared through AWS RAM (API Gateway developer guide, "Custom domain names for private
 * APIs", tasks of API providers and consumers): the service shares the private domain name of every API such
 * consumers may call and grants their execute-api endpoints in the domain names' and the APIs' policies; each
 * consumer accepts the share, associates its own endpoint with each name (a domain name access association in its
 * account) and resolves the name to that endpoint. No NLB, no endpoint service, no peering.
 */
export const privateDomainConstructs: TransportConstructs<PrivateDomainCustomerConfig, PrivateDomainServiceAttachment> = {
  endpointSources: () => [],

  // Without an endpoint of its own in the config, the consumer's network and endpoint are a stack deployed first.
  prelude: (app, config, customer) =>
    customer.executeApiEndpointId ? undefined : new ConsumerEndpointStack(app, `${customer.name}-endpoint`, { config, customer }),

  consumerEndpointId: (customer, prelude) => customer.executeApiEndpointId ?? prelude?.executeApiEndpoint.endpointId,

  addToService(site, customers) {
    const { scope, provider, name } = site;
    // Every API any of these consumers may call (the config refuses one without a custom domain).
    const calledBy = (api: { readonly consumers?: readonly string[] }) => customers.some((c) => !api.consumers || api.consumers.includes(c.name));
    const share = new ResourceShare(scope, 'PrivateDomainShare', {
      provider,
      name: `${name}-private-domains`,
      resourceArns: Object.fromEntries(site.apis.filter(({ api }) => calledBy(api) && api.customDomainArn).map(({ api }) => [api.key ?? 'default', api.customDomainArn!])),
      principalAccountIds: customers.map((c) => c.accountId),
    });
    return {
      outputs: {
        private_domain_share_arn: { value: share.resourceShareArn, description: 'AWS RAM share of the private custom domain names (private-domain consumers accept it)' },
      },
      resourceShareArn: share.resourceShareArn,
    };
  },

  addToCustomer(site, service): CustomerAttachment {
    const { scope, provider, name, customer, apis, prelude } = site;
    // The endpoint the consumer brought (read for its DNS name), or the one its endpoint stack created.
    const endpoint = prelude
      ? { id: prelude.executeApiEndpoint.endpointId, dnsName: prelude.executeApiEndpoint.dnsName, hostedZoneId: prelude.executeApiEndpoint.dnsHostedZoneId }
      : (() => {
          const found = new DataAwsVpcEndpoint(scope, 'ExecuteApiEndpoint', { provider, id: customer.executeApiEndpointId! });
          // Its first DNS entry is the regional name (zonal names follow): EC2 DescribeVpcEndpoints.
          const regional = Fn.element(found.dnsEntry, 0);
          return {
            id: found.id,
            dnsName: Token.asString(Fn.lookupNested(regional, ['dns_name'])),
            hostedZoneId: Token.asString(Fn.lookupNested(regional, ['hosted_zone_id'])),
          };
        })();
    // Outside one AWS Organization the consumer accepts the invitation (within 12 hours); inside one with RAM
    // sharing enabled AWS accepts it and there is no invitation (README: private-domain consumers).
    const accepter = new RamResourceShareAccepter(scope, 'PrivateDomainShareAccepter', { provider, shareArn: service.resourceShareArn });
    for (const api of apis) {
      if (!api.customDomainArn) continue;
      // Created by the consumer, for its own endpoint, on the name shared with it (API consumer's task).
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains-associate-consumer.html
      new ApiGatewayDomainNameAccessAssociation(scope, api.key ? `DomainAccess-${api.key}` : 'DomainAccess', {
        provider,
        domainNameArn: api.customDomainArn,
        accessAssociationSource: endpoint.id,
        accessAssociationSourceType: 'VPCE',
        tags: { Name: `${name}${api.key ? `-${api.key}` : ''}-domain-access` },
        dependsOn: [accepter],
      });
    }
    return {
      outputs: {
        execute_api_endpoint_id: { value: endpoint.id, description: 'This VPC\'s execute-api endpoint, associated with each shared domain name' },
        private_domain_share_status: { value: accepter.status, description: 'The RAM share of the domain names (expected: ACTIVE)' },
      },
      customDomainTarget: { dnsName: endpoint.dnsName, hostedZoneId: endpoint.hostedZoneId },
      domainsInZone: new Set(),
      testInstanceEgressCidrs: [],
    };
  },
};
