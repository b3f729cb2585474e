import { Construct } from 'constructs';
import { Fn, ITerraformDependable, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { DataAwsVpcEndpointAssociations } from '@cdktf/provider-aws/lib/data-aws-vpc-endpoint-associations';

export interface ResourceEndpointProps {
  readonly provider: AwsProvider;
  /** Prefix of the `Name` tags and of the security group's name. */
  readonly name: string;
  readonly vpcId: string;
  /** One ENI in each subnet. */
  readonly subnetIds: readonly string[];
  /** The resource configuration it connects to (one of this account's, or shared with it and accepted). */
  readonly resourceConfigurationArn: string;
  /** The CIDR allowed to reach the endpoint on TCP 443 (the consumer's VPC); nothing else is open. */
  readonly allowedCidr: { readonly cidr: string; readonly description: string };
  /** What must exist before the endpoint (the accepted share). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A VPC endpoint of type Resource: private access from this VPC to one VPC Lattice resource configuration
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/use-resource-endpoint.html), with its own security group that
 * admits HTTPS from the listed CIDR only.
 *
 * Its DNS name is not on the endpoint (`dns_entry` is filled for interface endpoints only:
 * hashicorp/terraform-provider-aws#41765) but on its association with the configuration
 * (DescribeVpcEndpointAssociations, `dnsEntry`: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpointAssociation.html),
 * read by `aws_vpc_endpoint_associations`. Private DNS stays off: it answers a custom domain name the provider set on
 * the configuration, and this one has none; a private zone names the endpoint instead.
 */
export class ResourceEndpoint extends Construct {
  readonly endpointId: string;
  readonly securityGroupId: string;
  /** The association's DNS name (`…vpc-lattice-rsc.<region>.on.aws`), for alias records. */
  readonly dnsName: string;
  /** Route 53 zone of `dnsName`. */
  readonly dnsHostedZoneId: string;
  /** Whether the configuration is reachable (`AVAILABLE`, else `PENDING` or `FAILED`). */
  readonly accessibility: string;

  constructor(scope: Construct, id: string, props: ResourceEndpointProps) {
    super(scope, id);
    const { provider } = props;

    const securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      provider,
      name: `${props.name}-resource-endpoint`,
      description: 'HTTPS to the VPC Lattice resource endpoint',
      vpcId: props.vpcId,
      tags: { Name: `${props.name}-resource-endpoint` },
      // The endpoint never initiates connections; no egress rule is declared.
    });
    new VpcSecurityGroupIngressRule(this, 'HttpsFrom-vpc', {
      provider,
      securityGroupId: securityGroup.id,
      description: props.allowedCidr.description,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.allowedCidr.cidr,
      tags: { Name: `${props.name}-https-from-vpc` },
    });

    const endpoint = new VpcEndpoint(this, 'Endpoint', {
      provider,
      vpcId: props.vpcId,
      vpcEndpointType: 'Resource',
      resourceConfigurationArn: props.resourceConfigurationArn,
      subnetIds: [...props.subnetIds],
      securityGroupIds: [securityGroup.id],
      privateDnsEnabled: false,
      tags: { Name: `${props.name}-resource-endpoint` },
      dependsOn: props.dependsOn,
    });

    // "A resource endpoint can be associated with only one resource configuration" (use-resource-endpoint.html).
    // After the service revokes the account (`npm run revoke` deletes the association) the provider reads no
    // association at all (`associations` null). The whole configuration is evaluated in the refresh before a destroy
    // (hashicorp/terraform#23886), so the expressions below must not fail then: the consumer must still be able to
    // destroy its stack. The postcondition fails any other plan with the cause, and Terraform does not enforce it in
    // a destroy (checked with Terraform 1.11: a failing data-source postcondition stops `plan`, not `destroy`).
    const associations = new DataAwsVpcEndpointAssociations(this, 'Associations', {
      provider,
      vpcEndpointId: endpoint.id,
      lifecycle: {
        postcondition: [
          {
            condition: `\${length(coalesce(self.associations, [])) == 1}`,
            errorMessage:
              'The resource endpoint is not associated with the service\'s resource configuration (expected exactly one association): the service revoked this account (npm run revoke), or the share is not accepted. Ask the service team, or destroy this stack.',
          },
        ],
      },
    });
    const association = Fn.one(Fn.coalesce([associations.associations, []]));
    const dnsEntry = Fn.one(Fn.lookupNested(association, ['dns_entry']));
    // Each value falls back to a placeholder when there is no association (the postcondition has already failed any
    // plan then): the provider validates the records' alias even in a destroy's refresh, and refuses an empty name or
    // zone id there ("expected length of alias.0.name to be in the range (1 - 1024)"). `.invalid` is reserved (RFC 2606).

    this.endpointId = endpoint.id;
    this.securityGroupId = securityGroup.id;
    this.dnsName = Token.asString(Fn.try([Fn.lookupNested(dnsEntry, ['dns_name']), 'no-association.invalid']));
    this.dnsHostedZoneId = Token.asString(Fn.try([Fn.lookupNested(dnsEntry, ['hosted_zone_id']), 'NONE']));
    this.accessibility = Token.asString(Fn.try([Fn.lookupNested(association, ['associated_resource_accessibility']), 'NONE']));
  }
}
