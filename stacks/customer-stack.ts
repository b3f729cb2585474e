import { Construct } from 'constructs';
import { AppConfig, CustomerConfig } from '../config';
import { AccountStack, Outputs } from './account-stack';
import { ServiceStack } from './service-stack';
import { curlLine } from './curl-line';
import { CURL_CUSTOM_DOMAIN, outputName } from './output-names';
import { Network } from '../modules/network';
import { PrivateAliasZone } from '../modules/private-alias-zone';
import { ConsumerPrelude, constructsOf } from '../transports/constructs';

export interface CustomerStackProps {
  readonly config: AppConfig;
  readonly customer: CustomerConfig;
  /**
   * The producer. Its attributes used here (endpoint service name, API id, VPC, …) become outputs of `service`
   * and a `terraform_remote_state` here: cdktf's cross-stack references, no copying by hand.
   */
  readonly service: ServiceStack;
  /** The consumer's stack deployed before the service, when its transport has one: its network is used here. */
  readonly prelude?: ConsumerPrelude;
}

/** One consumer account reaching the private APIs the way its transport connects (transports/<kind>/constructs.ts). */
export class CustomerStack extends AccountStack {
  constructor(scope: Construct, id: string, props: CustomerStackProps) {
    super(scope, id, props.config, props.customer, props.customer.region ?? props.config.region);
    const { config, customer, service } = props;
    const { provider, resourcePrefix: name } = this;

    const { prelude } = props;
    const network =
      prelude?.network ?? new Network(this, 'Network', { provider, name, cidr: customer.vpcCidr, azIds: customer.azIds ?? config.azIds, existing: customer.network });
    // The APIs this consumer may call: all, or those whose `consumers` name it.
    const apis = service.apis.filter((api) => !api.consumers || api.consumers.includes(customer.name));
    const transport = constructsOf(customer);
    const attached = transport.addToCustomer(
      {
        scope: this,
        provider,
        serviceAccountProvider: () => this.providerFor('ServiceAccount', 'service', config, config.service),
        name,
        config,
        customer,
        region: this.region,
        network,
        prelude,
        service,
        apis,
      },
      service.attachments[customer.connectivity]!,
    );
    const outputs: Outputs = { ...attached.outputs };

    // A custom domain the transport does not already resolve gets a private zone of its own, aliased where the
    // transport reaches the service.
    for (const api of apis) {
      if (!api.customDomainName) continue;
      if (!attached.domainsInZone.has(api.customDomainName)) {
        new PrivateAliasZone(this, api.key ? `CustomDomainZone-${api.key}` : 'CustomDomainZone', {
          provider,
          name: api.key ? `${name}-${api.key}-domain` : `${name}-domain`,
          zoneName: api.customDomainName,
          vpcId: network.vpcId,
          targetDnsName: attached.customDomainTarget.dnsName,
          targetHostedZoneId: attached.customDomainTarget.hostedZoneId,
        });
      }
      outputs[outputName(CURL_CUSTOM_DOMAIN, api)] = {
        // Signed for the custom domain's name, the Host the request carries.
        value: curlLine(`https://${api.customDomainName}${api.checkPath}`, { sigv4Region: api.iam ? config.region : undefined }),
        description: `Run on the test instance: ${api.key ? 'expect what apis[].check names' : 'expect "Hello from Lambda"'} (custom domain: valid certificate, no header)`,
      };
    }

    if (customer.testInstance) {
      // With IAM authorization the API's policy admits this account; the instance's role still needs its own grant.
      const invokeApiExecutionArns = apis.filter((api) => api.iam).map((api) => api.executionArn);
      Object.assign(outputs, this.addTestInstance(network, { extraHttpsEgressCidrs: [...attached.testInstanceEgressCidrs], invokeApiExecutionArns }).outputs);
    }

    this.declareOutputs(outputs);
  }
}
