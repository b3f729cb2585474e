import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { VpclatticeResourceConfiguration } from '@cdktf/provider-aws/lib/vpclattice-resource-configuration';

export interface ResourceConfigurationProps {
  readonly provider: AwsProvider;
  /** The configuration's name: lower-case letters, digits and single hyphens, unique in the account. */
  readonly name: string;
  /** The resource gateway it receives its traffic through. */
  readonly resourceGatewayId: string;
  /**
   * A publicly resolvable DNS name of the resource (which may resolve to private addresses in the gateway's VPC),
   * e.g. an interface endpoint's regional name.
   */
  readonly domainName: string;
  /** TCP ports consumers may reach it on. @default [443] */
  readonly ports?: readonly number[];
}

/**
 * An Amazon VPC Lattice resource configuration of type SINGLE defined by a DNS name, on TCP, behind one resource
 * gateway: what a resource share offers and a resource endpoint connects to.
 *
 * A DNS definition, not an IP one: "Domain name - Any domain name that is publicly resolvable"; "IP address - … only
 * IP addresses in the VPC" (https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_ResourceConfigurationDefinition.html).
 * An interface endpoint's regional name is public DNS answering its ENIs' private addresses, one per AZ, which AWS
 * may change; an IP definition would name one ENI address, known only after apply.
 */
export class ResourceConfiguration extends Construct {
  readonly resourceConfigurationId: string;
  readonly resourceConfigurationArn: string;

  constructor(scope: Construct, id: string, props: ResourceConfigurationProps) {
    super(scope, id);
    const configuration = new VpclatticeResourceConfiguration(this, 'Configuration', {
      provider: props.provider,
      name: props.name,
      type: 'SINGLE',
      // TCP is the protocol a resource configuration carries: the caller's TLS (and its SNI) reaches the resource.
      protocol: 'TCP',
      portRanges: (props.ports ?? [443]).map(String),
      resourceGatewayIdentifier: props.resourceGatewayId,
      resourceConfigurationDefinition: [{ dnsResource: [{ domainName: props.domainName, ipAddressType: 'IPV4' }] }],
      tags: { Name: props.name },
    });
    this.resourceConfigurationId = configuration.id;
    this.resourceConfigurationArn = configuration.arn;
  }
}
