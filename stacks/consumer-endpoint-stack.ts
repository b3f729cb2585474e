import { Construct } from 'constructs';
import { AppConfig, CustomerConfig } from '../config';
import { AccountStack } from './account-stack';
import { Network } from '../modules/network';
import { InterfaceEndpoint } from '../modules/interface-endpoint';
import type { ConsumerPrelude } from '../transports/constructs';

export interface ConsumerEndpointStackProps {
  readonly config: AppConfig;
  readonly customer: CustomerConfig;
}

/**
 * A consumer's network and its own execute-api endpoint, in the consumer's account, in a stack of their own
 * (`<customer>-endpoint`) deployed before the service: the service grants that endpoint in its policies and reads
 * its id from this stack's state (a cross-stack reference), so no id is copied by hand and no stack depends on
 * another both ways. The consumer's stack `<customer>` then uses this network and endpoint.
 */
export class ConsumerEndpointStack extends AccountStack implements ConsumerPrelude {
  readonly stackName: string;
  readonly network: Network;
  readonly executeApiEndpoint: InterfaceEndpoint;

  constructor(scope: Construct, id: string, props: ConsumerEndpointStackProps) {
    super(scope, id, props.config, props.customer, props.customer.region ?? props.config.region);
    const { config, customer } = props;
    const { provider, resourcePrefix: name } = this;
    this.stackName = id;
    this.network = new Network(this, 'Network', { provider, name, cidr: customer.vpcCidr, azIds: customer.azIds ?? config.azIds, existing: customer.network });
    this.executeApiEndpoint = new InterfaceEndpoint(this, 'ExecuteApiEndpoint', {
      provider,
      name: `${name}-execute-api`,
      vpcId: this.network.vpcId,
      subnets: this.network.subnets,
      serviceName: `com.amazonaws.${config.region}.execute-api`,
      // Off: with private DNS on, every *.execute-api name of the Region would resolve to this endpoint in the
      // consumer's VPC, public APIs included. The shared custom domain resolves through its own zone instead.
      privateDnsEnabled: false,
      allowedCidrs: [{ name: 'customer-vpc', cidr: this.network.vpcCidr, description: `Hosts of ${customer.name}'s VPC` }],
    });
    this.declareOutputs({
      execute_api_endpoint_id: { value: this.executeApiEndpoint.endpointId, description: 'This VPC\'s execute-api endpoint, which the service grants in its policies' },
      vpc_id: { value: this.network.vpcId, description: 'The consumer VPC' },
    });
  }
}
