import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpclatticeResourceGateway } from '@cdktf/provider-aws/lib/vpclattice-resource-gateway';

export interface ResourceGatewayProps {
  readonly provider: AwsProvider;
  /** The gateway's name (3–40 characters, unique in the account) and the prefix of its security group's. */
  readonly name: string;
  readonly vpcId: string;
  /** The gateway's subnets, one per AZ: its ENIs, where the traffic it forwards leaves from. */
  readonly subnetIds: readonly string[];
  /**
   * The only destination the gateway may open connections to: a security group (the execute-api endpoint's), on TCP
   * `port`. Nothing else leaves the gateway.
   */
  readonly destinationSecurityGroupId: string;
  readonly destinationDescription: string;
  /** @default 443 */
  readonly port?: number;
}

/**
 * An Amazon VPC Lattice resource gateway: the point where traffic of the resource configurations behind it enters
 * this VPC, with a security group whose egress is the gateway's only permission (its rules "control outbound traffic
 * from the resource gateway to the resource": https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-gateway.html).
 *
 * Its subnets are fixed at creation: UpdateResourceGateway changes only the security groups
 * (https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_UpdateResourceGateway.html) and the provider
 * replaces the gateway when `subnet_ids` changes (internal/service/vpclattice/resource_gateway.go: RequiresReplace).
 * A replaced gateway has a new id, which replaces every resource configuration on it
 * (`resource_gateway_identifier`: RequiresReplaceIfConfigured) and, through the new configuration ARN, every
 * consumer's resource endpoint (`resource_configuration_arn`: ForceNew). So a subnet added to the VPC later (a new AZ)
 * is left out of the gateway (`ignore_changes`): existing consumers keep their endpoints, and the gateway keeps
 * serving from the AZs it was created in. Spreading it to a new AZ is a deliberate replacement (README, lattice).
 */
export class ResourceGateway extends Construct {
  readonly resourceGatewayId: string;
  readonly resourceGatewayArn: string;
  readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: ResourceGatewayProps) {
    super(scope, id);
    const { provider } = props;
    const port = props.port ?? 443;

    // Terraform removes the default allow-all egress rule of a new group: only the rule below remains.
    const securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      provider,
      name: `${props.name}-gateway`,
      description: `VPC Lattice resource gateway ${props.name}: TCP ${port} to ${props.destinationDescription} only`,
      vpcId: props.vpcId,
      tags: { Name: `${props.name}-gateway` },
    });
    new VpcSecurityGroupEgressRule(this, `TcpTo-${port}`, {
      provider,
      securityGroupId: securityGroup.id,
      description: `TCP ${port} to ${props.destinationDescription}`,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: props.destinationSecurityGroupId,
      tags: { Name: `${props.name}-gateway-to-${port}` },
    });

    const gateway = new VpclatticeResourceGateway(this, 'Gateway', {
      provider,
      name: props.name,
      vpcId: props.vpcId,
      subnetIds: [...props.subnetIds],
      securityGroupIds: [securityGroup.id],
      ipAddressType: 'IPV4',
      tags: { Name: props.name },
      lifecycle: { ignoreChanges: ['subnet_ids'] },
    });

    this.resourceGatewayId = gateway.id;
    this.resourceGatewayArn = gateway.arn;
    this.securityGroupId = securityGroup.id;
  }
}
