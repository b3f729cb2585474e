import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpcEndpoint, VpcEndpointDnsEntryList } from '@cdktf/provider-aws/lib/vpc-endpoint';

export interface InterfaceEndpointProps {
  readonly provider: AwsProvider;
  /** Prefix of the `Name` tags. */
  readonly name: string;
  readonly vpcId: string;
  /** One ENI is created in each subnet. */
  readonly subnetIds: readonly string[];
  /** Full service name: `com.amazonaws.<region>.execute-api`, or an endpoint service's `com.amazonaws.vpce.…`. */
  readonly serviceName: string;
  /**
   * Answer the service's own DNS name (e.g. `<api-id>.execute-api.<region>.amazonaws.com`) inside the VPC.
   * Only AWS services and endpoint services with a verified private DNS name support it.
   * @default false
   */
  readonly privateDnsEnabled?: boolean;
  /**
   * Source CIDRs allowed to reach the endpoint on TCP 443, one rule each, keyed by `name` (part of the rule's
   * construct id, so adding or removing one source leaves the others' rules untouched). Nothing else is open:
   * no other port, no egress.
   */
  readonly allowedCidrs: readonly { readonly name: string; readonly cidr: string; readonly description: string }[];
}

/** An interface VPC endpoint with its own security group that admits HTTPS from the listed sources only. */
export class InterfaceEndpoint extends Construct {
  readonly endpointId: string;
  readonly networkInterfaceIds: string[];
  readonly securityGroupId: string;
  /** Regional DNS name (`vpce-….<service>.<region>.vpce.amazonaws.com`), first entry of `dns_entry`. */
  readonly dnsName: string;
  /** Route 53 zone of `dnsName`, for alias records. */
  readonly dnsHostedZoneId: string;
  /** Every DNS entry of the endpoint (regional, zonal), as Terraform reports them. */
  readonly dnsEntries: VpcEndpointDnsEntryList;

  constructor(scope: Construct, id: string, props: InterfaceEndpointProps) {
    super(scope, id);
    const { provider } = props;

    const securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      provider,
      name: `${props.name}-endpoint`,
      description: `HTTPS to the ${props.serviceName} endpoint`,
      vpcId: props.vpcId,
      tags: { Name: `${props.name}-endpoint` },
      // An interface endpoint never initiates connections; no egress rule is declared.
    });

    props.allowedCidrs.forEach((source) => {
      new VpcSecurityGroupIngressRule(this, `HttpsFrom-${source.name}`, {
        provider,
        securityGroupId: securityGroup.id,
        description: source.description,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: source.cidr,
        tags: { Name: `${props.name}-https-from-${source.name}` },
      });
    });

    const endpoint = new VpcEndpoint(this, 'Endpoint', {
      provider,
      vpcId: props.vpcId,
      serviceName: props.serviceName,
      vpcEndpointType: 'Interface',
      subnetIds: [...props.subnetIds],
      securityGroupIds: [securityGroup.id],
      privateDnsEnabled: props.privateDnsEnabled ?? false,
      tags: { Name: `${props.name}-endpoint` },
    });

    this.endpointId = endpoint.id;
    this.networkInterfaceIds = endpoint.networkInterfaceIds;
    this.securityGroupId = securityGroup.id;
    this.dnsName = endpoint.dnsEntry.get(0).dnsName;
    this.dnsHostedZoneId = endpoint.dnsEntry.get(0).hostedZoneId;
    this.dnsEntries = endpoint.dnsEntry;
  }
}
