import { Construct } from 'constructs';
import { AppConfig, CustomerConfig } from '../config';
import { AccountStack, Outputs } from './account-stack';
import { outputSuffix, PublishedApi, ServiceStack } from './service-stack';
import { checkUrl, curlLine } from './curl-line';
import { Network } from '../modules/network';
import { InterfaceEndpoint } from '../modules/interface-endpoint';
import { PrivateAliasZone } from '../modules/private-alias-zone';
import { PeeringLink } from '../modules/peering-link';

export interface CustomerStackProps {
  readonly config: AppConfig;
  readonly customer: CustomerConfig;
  /**
   * The producer. Its attributes used here (endpoint service name, API id, VPC, …) become outputs of `service`
   * and a `terraform_remote_state` here: cdktf's cross-stack references, no copying by hand.
   */
  readonly service: ServiceStack;
}

/** One consumer account reaching the private API, over PrivateLink or over VPC peering. */
export class CustomerStack extends AccountStack {
  constructor(scope: Construct, id: string, props: CustomerStackProps) {
    super(scope, id, props.config, props.customer, props.customer.region ?? props.config.region);
    const { config, customer, service } = props;
    const { provider, resourcePrefix: name } = this;

    const network = new Network(this, 'Network', { provider, name, cidr: customer.vpcCidr, azIds: customer.azIds ?? config.azIds, existing: customer.network });
    const outputs: Outputs = {};
    let extraHttpsEgressCidrs: string[] = [];
    /** Where a private zone named after a custom domain points, when the name needs a zone of its own. */
    let customDomainTarget: { readonly dnsName: string; readonly hostedZoneId: string } | undefined;
    /** Custom domains that already have a record in this VPC's zone (no zone of their own). */
    const domainsInZone = new Set<string>();
    // The APIs this consumer may call: all, or those whose `consumers` name it.
    const apis = service.apis.filter((api) => !api.consumers || api.consumers.includes(customer.name));
    /** Signing region of an API with IAM authorization (the API's, i.e. the service's). */
    const sigv4 = (api: PublishedApi) => (api.iam ? config.region : undefined);
    const hello = (api: PublishedApi) => (api.key ? 'expect what apis[].check names' : 'expect "Hello from Lambda"');

    if (customer.connectivity === 'privatelink') {
      if (!service.endpointServiceName) throw new Error(`${id}: the service stack has no endpoint service`);
      const endpoint = new InterfaceEndpoint(this, 'ServiceEndpoint', {
        provider,
        name,
        vpcId: network.vpcId,
        subnets: network.subnets,
        serviceName: service.endpointServiceName,
        // A consumer in another region reaches the service across regions (PrivateLink cross-Region).
        serviceRegion: this.region !== config.region ? config.region : undefined,
        // The endpoint service has no verified private DNS name; the zone below names the endpoint instead.
        privateDnsEnabled: false,
        allowedCidrs: [{ name: 'customer-vpc', cidr: network.vpcCidr, description: `Hosts of ${id}'s VPC` }],
      });
      // A custom domain resolves to this VPC's endpoint: a record in the customer's zone when it lies under it,
      // otherwise a zone of its own (below). TLS and SNI pass through the NLB to the service's endpoint.
      const recordsInZone: string[] = [];
      for (const api of apis) {
        const domain = api.customDomainName;
        if (domain?.endsWith(`.${customer.zoneName}`)) {
          recordsInZone.push(domain.slice(0, -customer.zoneName.length - 1));
          domainsInZone.add(domain);
        }
      }
      const zone = new PrivateAliasZone(this, 'PrivateZone', {
        provider,
        name,
        zoneName: customer.zoneName,
        recordName: customer.recordName,
        extraRecordNames: recordsInZone,
        vpcId: network.vpcId,
        targetDnsName: endpoint.dnsName,
        targetHostedZoneId: endpoint.dnsHostedZoneId,
        existingZoneId: customer.zoneId,
      });
      customDomainTarget = { dnsName: endpoint.dnsName, hostedZoneId: endpoint.dnsHostedZoneId };
      Object.assign(outputs, {
        endpoint_id: { value: endpoint.endpointId, description: 'Interface endpoint to the service' },
        endpoint_dns_name: { value: endpoint.dnsName, description: 'Regional DNS name of that endpoint' },
        private_zone_id: { value: zone.zoneId, description: `Private zone ${customer.zoneName}` },
        api_hostname: { value: zone.recordFqdn, description: 'Name that reaches the API from this VPC' },
      });
      for (const api of apis) {
        outputs[`curl${outputSuffix(api)}`] = {
          value: curlLine(checkUrl(`https://${customer.recordName}.${customer.zoneName}/${api.stageName}`, api.checkPath), {
            insecure: true,
            apiIdHeader: api.restApiId,
            sigv4Region: sigv4(api),
          }),
          description: `Run on the test instance: ${hello(api)} (-k: the certificate is execute-api's; the header selects the API)`,
        };
      }
    } else {
      const serviceProvider = this.providerFor('ServiceAccount', 'service', config, config.service);
      const peering = new PeeringLink(this, 'Peering', {
        name,
        region: config.region,
        requester: {
          provider,
          accountId: customer.accountId,
          vpcId: network.vpcId,
          vpcCidr: network.vpcCidr,
          routeTables: network.routeTables,
        },
        accepter: {
          provider: serviceProvider,
          accountId: service.accountId,
          vpcId: service.vpcId,
          vpcCidr: service.vpcCidr,
          routeTables: service.routeTables,
        },
      });
      // The execute-api name resolves to the service account's endpoint; requests arrive from this VPC over the
      // peering, pass the endpoint's security group (opened to this CIDR by the service stack) and carry the
      // service endpoint as aws:SourceVpce, which is what the API policy admits. One zone per API: each is named
      // after its API id.
      for (const api of apis) {
        const suffix = outputSuffix(api);
        const apiZone = `${api.restApiId}.execute-api.${config.region}.amazonaws.com`;
        const zone = new PrivateAliasZone(this, api.key ? `ApiZone-${api.key}` : 'ApiZone', {
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
          [`curl${suffix}`]: {
            value: curlLine(checkUrl(`https://${apiZone}/${api.stageName}`, api.checkPath), { sigv4Region: sigv4(api) }),
            description: `Run on the test instance: ${hello(api)} (valid certificate, no header)`,
          },
        });
      }
      customDomainTarget = { dnsName: service.executeApiEndpointDnsName, hostedZoneId: service.executeApiEndpointHostedZoneId };
      extraHttpsEgressCidrs = [service.vpcCidr];
      Object.assign(outputs, {
        peering_connection_id: { value: peering.peeringConnectionId, description: 'VPC peering to the service VPC' },
        peering_status: { value: peering.acceptStatus, description: 'Expected: active' },
      });
    }

    for (const api of apis) {
      if (!api.customDomainName) continue;
      if (customDomainTarget && !domainsInZone.has(api.customDomainName)) {
        new PrivateAliasZone(this, api.key ? `CustomDomainZone-${api.key}` : 'CustomDomainZone', {
          provider,
          name: api.key ? `${name}-${api.key}-domain` : `${name}-domain`,
          zoneName: api.customDomainName,
          vpcId: network.vpcId,
          targetDnsName: customDomainTarget.dnsName,
          targetHostedZoneId: customDomainTarget.hostedZoneId,
        });
      }
      outputs[`curl_custom_domain${outputSuffix(api)}`] = {
        // Signed for the custom domain's name, the Host the request carries.
        value: curlLine(`https://${api.customDomainName}${api.checkPath}`, { sigv4Region: sigv4(api) }),
        description: `Run on the test instance: ${hello(api)} (custom domain: valid certificate, no header)`,
      };
    }

    if (customer.testInstance) {
      // With IAM authorization the API's policy admits this account; the instance's role still needs its own grant.
      const invokeApiExecutionArns = apis.filter((api) => api.iam).map((api) => api.executionArn);
      Object.assign(outputs, this.addTestInstance(network, { extraHttpsEgressCidrs, invokeApiExecutionArns }).outputs);
    }

    this.declareOutputs(outputs);
  }
}
