import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { DataAwsSubnet } from '@cdktf/provider-aws/lib/data-aws-subnet';
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
  /**
   * VPC CIDR, /16 to /24. With `existing`: what the VPC's CIDR must be (a plan-time check); absent, it is read.
   * Required without `existing`.
   */
  readonly cidr?: string;
  /**
   * A VPC that exists (`vpcId`, one subnet per AZ ID, route tables for a peering): nothing is created in it; its
   * attributes are read and checked at plan (each subnet in this VPC and in the AZ ID it is keyed by; DNS support
   * and DNS hostnames on; the CIDR when `cidr` is given), so a wrong id stops the plan with the id in the message.
   * @default a new VPC
   */
  readonly existing?: {
    readonly vpcId: string;
    readonly subnetIds: Readonly<Record<string, string>>;
    readonly routeTableIds?: readonly string[];
  };
  /**
   * Availability zone IDs (`apne1-az1`), one private subnet each. IDs, not names: AZ names are shuffled per
   * account, and an endpoint service only serves the AZs it shares with the consumer. Order does not matter:
   * each subnet is keyed by its AZ ID (construct id) and takes the /+4 block numbered like its AZ (`az4` → #4),
   * so reordering the list changes nothing and adding an AZ leaves the existing subnets as they are.
   */
  readonly azIds: readonly string[];
}

/** A route table of the network; `key` (its id from the config) names the constructs that route through it. */
export interface NetworkRouteTable {
  /** undefined for the route table this construct creates: constructs that route through it take no key in their ids. */
  readonly key?: string;
  readonly routeTableId: string;
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
  /** Where peering routes go: the private route table every created subnet uses, or the given ones. */
  readonly routeTables: readonly NetworkRouteTable[];

  private readonly props: NetworkProps;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    this.props = props;
    const { provider } = props;

    if (props.existing) {
      const existing = this.readExisting(props.existing, props.cidr, props.azIds);
      this.vpcId = existing.vpcId;
      this.vpcCidr = existing.vpcCidr;
      this.subnets = existing.subnets;
      this.subnetIds = this.subnets.map((s) => s.subnetId);
      this.routeTables = (props.existing.routeTableIds ?? []).map((routeTableId) => ({ key: routeTableId, routeTableId }));
      return;
    }
    if (!props.cidr) throw new Error(`Network ${props.name}: expected a cidr for a new VPC`);
    const cidrBlock = props.cidr;

    const vpc = new Vpc(this, 'Vpc', {
      provider,
      cidrBlock,
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
      const cidr = cidrSubnet(cidrBlock, 4, azNumber(azId));
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
    this.vpcCidr = cidrBlock;
    this.routeTables = [{ routeTableId: routeTable.id }];
  }

  /** Reads the given VPC and subnets, with the checks a wrong id must fail at plan (Terraform postconditions). */
  private readExisting(
    existing: NonNullable<NetworkProps['existing']>,
    cidr: string | undefined,
    azIds: readonly string[],
  ): { vpcId: string; vpcCidr: string; subnets: NetworkSubnet[] } {
    const { provider } = this.props;
    // https://developer.hashicorp.com/terraform/language/expressions/custom-conditions#preconditions-and-postconditions
    const vpc = new DataAwsVpc(this, 'ExistingVpc', {
      provider,
      id: existing.vpcId,
      lifecycle: {
        postcondition: [
          {
            // Private zones resolve only with both; interface endpoints' private DNS needs both too.
            // https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html#vpc-dns-support
            condition: '${self.enable_dns_support && self.enable_dns_hostnames}',
            errorMessage: `VPC ${existing.vpcId} has DNS support \${self.enable_dns_support} and DNS hostnames \${self.enable_dns_hostnames}: expected both on (aws ec2 modify-vpc-attribute --vpc-id ${existing.vpcId} --enable-dns-support / --enable-dns-hostnames): private zones and endpoint DNS need them`,
          },
          ...(cidr
            ? [
                {
                  condition: `\${self.cidr_block == "${cidr}"}`,
                  errorMessage: `VPC ${existing.vpcId} has CIDR \${self.cidr_block}; the configuration says vpcCidr ${cidr}: correct vpcCidr or leave it out (it is then read)`,
                },
              ]
            : []),
        ],
      },
    });
    const subnets = [...azIds].sort().map((azId) => {
      const subnetId = existing.subnetIds[azId];
      const subnet = new DataAwsSubnet(this, `ExistingSubnet-${azId}`, {
        provider,
        id: subnetId,
        lifecycle: {
          postcondition: [
            {
              condition: `\${self.vpc_id == "${existing.vpcId}"}`,
              errorMessage: `subnet ${subnetId} (subnetIds.${azId}) is in VPC \${self.vpc_id}, not in ${existing.vpcId}: expected a subnet of the given VPC`,
            },
            {
              // Keyed by AZ ID: a subnet elsewhere would strand that AZ of the endpoint service later.
              condition: `\${self.availability_zone_id == "${azId}"}`,
              errorMessage: `subnet ${subnetId} is in AZ \${self.availability_zone_id}, but is given under ${azId}: expected the subnet of that AZ ID (aws ec2 describe-subnets --subnet-ids ${subnetId})`,
            },
          ],
        },
      });
      return { azId, subnetId: subnet.id, cidr: subnet.cidrBlock };
    });
    return { vpcId: vpc.id, vpcCidr: cidr ?? vpc.cidrBlock, subnets };
  }
}
