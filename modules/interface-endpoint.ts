import { Construct } from 'constructs';
import { Fn, TerraformIterator, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpcEndpoint, VpcEndpointDnsEntryList } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcEndpointSubnetAssociation } from '@cdktf/provider-aws/lib/vpc-endpoint-subnet-association';

/** A subnet the endpoint gets an ENI in, keyed by its AZ ID. */
export interface EndpointSubnet {
  readonly azId: string;
  readonly subnetId: string;
}

export interface InterfaceEndpointProps {
  readonly provider: AwsProvider;
  /** Prefix of the `Name` tags. */
  readonly name: string;
  readonly vpcId: string;
  /** One ENI is created in each subnet. */
  readonly subnets: readonly EndpointSubnet[];
  /**
   * Attach each subnet with its own `aws_vpc_endpoint_subnet_association` (keyed by AZ ID) instead of the
   * endpoint's `subnet_ids`. Adding an AZ then creates one association and changes nothing else, so whatever
   * reads an existing AZ's ENI (the NLB targets) sees no pending change and is not replaced.
   * @default false
   */
  readonly associateSubnetsSeparately?: boolean;
  /** Full service name: `com.amazonaws.<region>.execute-api`, or an endpoint service's `com.amazonaws.vpce.…`. */
  readonly serviceName: string;
  /**
   * Region of an endpoint service in another region (PrivateLink cross-Region: `service_region`, provider 5.83+).
   * @default the endpoint's own region
   */
  readonly serviceRegion?: string;
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
  readonly securityGroupId: string;
  /**
   * The per-AZ subnet associations by AZ ID (only with `associateSubnetsSeparately`): depend on one before
   * reading that AZ's ENI.
   */
  readonly subnetAssociations: ReadonlyMap<string, VpcEndpointSubnetAssociation>;
  /**
   * Regional DNS name (`vpce-<id>-<suffix>.<service>.<region>.vpce.amazonaws.com`), selected from `dns_entry` by its
   * shape rather than its position: zonal names carry an AZ name after the suffix, private DNS names no `vpce-`.
   */
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

    const separate = props.associateSubnetsSeparately ?? false;
    const endpoint = new VpcEndpoint(this, 'Endpoint', {
      provider,
      vpcId: props.vpcId,
      serviceName: props.serviceName,
      serviceRegion: props.serviceRegion,
      vpcEndpointType: 'Interface',
      // subnet_ids is Optional+Computed: left unset, it reads back whatever the associations added, with no diff.
      subnetIds: separate ? undefined : props.subnets.map((s) => s.subnetId),
      securityGroupIds: [securityGroup.id],
      privateDnsEnabled: props.privateDnsEnabled ?? false,
      tags: { Name: `${props.name}-endpoint` },
    });

    const associations = new Map<string, VpcEndpointSubnetAssociation>();
    if (separate) {
      for (const { azId, subnetId } of props.subnets) {
        associations.set(
          azId,
          new VpcEndpointSubnetAssociation(this, `Subnet-${azId}`, { provider, vpcEndpointId: endpoint.id, subnetId }),
        );
      }
    }

    const regional = Fn.one(
      TerraformIterator.fromList(endpoint.dnsEntry).forExpressionForList(
        'val if can(regex("^vpce-[0-9a-z]+-[0-9a-z]+$", split(".", val.dns_name)[0]))',
      ),
    );

    this.endpointId = endpoint.id;
    this.securityGroupId = securityGroup.id;
    this.subnetAssociations = associations;
    this.dnsName = Token.asString(Fn.lookupNested(regional, ['dns_name']));
    this.dnsHostedZoneId = Token.asString(Fn.lookupNested(regional, ['hosted_zone_id']));
    this.dnsEntries = endpoint.dnsEntry;
  }
}
