import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { cidrSubnet } from '../config/cidr';
import { azNumber } from '../config/az';

/** One private subnet, keyed by its AZ ID. */
export interface NetworkSubnet {
  readonly azId: string;
  readonly subnetId: string;
  readonly cidr: string;
}

export interface NetworkProps {
  /** Provider of the account that owns the VPC. */
  readonly provider: AwsProvider;
  /** Prefix of every `Name` tag, e.g. `privapi-service`. */
  readonly name: string;
  /** VPC CIDR, /16 to /24. */
  readonly cidr: string;
  /**
   * Availability zone IDs (`apne1-az1`), one private subnet each. IDs, not names: AZ names are shuffled per
   * account, and an endpoint service only serves the AZs it shares with the consumer. Order does not matter:
   * each subnet is keyed by its AZ ID (construct id) and takes the /+4 block numbered like its AZ (`az4` → #4),
   * so reordering the list changes nothing and adding an AZ leaves the existing subnets as they are.
   */
  readonly azIds: readonly string[];
}

/**
 * A VPC with one private subnet per AZ ID and no internet path at all (no IGW, no NAT): everything here talks
 * to AWS through interface endpoints. The default security group is emptied so nothing lands in it by mistake.
 */
export class Network extends Construct {
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** The private subnets, sorted by AZ ID (never by their place in `azIds`). */
  readonly subnets: readonly NetworkSubnet[];
  /** Subnet ids, sorted by AZ ID. */
  readonly subnetIds: string[];
  /** The private route table every subnet uses (peering routes go here). */
  readonly routeTableId: string;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { provider } = props;

    const vpc = new Vpc(this, 'Vpc', {
      provider,
      cidrBlock: props.cidr,
      // Both are required for interface endpoints with private DNS and for Route 53 private zones.
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: `${props.name}-vpc` },
    });

    // Deny-all: AWS's default group allows all traffic between its members.
    new DefaultSecurityGroup(this, 'DefaultSecurityGroup', {
      provider,
      vpcId: vpc.id,
      tags: { Name: `${props.name}-default-deny` },
    });

    const routeTable = new RouteTable(this, 'PrivateRouteTable', {
      provider,
      vpcId: vpc.id,
      tags: { Name: `${props.name}-private` },
    });

    this.subnets = [...props.azIds].sort().map((azId) => {
      const cidr = cidrSubnet(props.cidr, 4, azNumber(azId));
      const subnet = new Subnet(this, `PrivateSubnet-${azId}`, {
        provider,
        vpcId: vpc.id,
        cidrBlock: cidr,
        availabilityZoneId: azId,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-private-${azId}` },
      });
      new RouteTableAssociation(this, `PrivateRouteTable-${azId}`, {
        provider,
        subnetId: subnet.id,
        routeTableId: routeTable.id,
      });
      return { azId, subnetId: subnet.id, cidr };
    });
    this.subnetIds = this.subnets.map((s) => s.subnetId);

    this.vpcId = vpc.id;
    this.vpcCidr = props.cidr;
    this.routeTableId = routeTable.id;
  }
}
