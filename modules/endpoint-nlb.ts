import { Construct } from 'constructs';
import { Fn, ITerraformDependable, TerraformLocal, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroupAttachment } from '@cdktf/provider-aws/lib/lb-target-group-attachment';
import { DataAwsNetworkInterface } from '@cdktf/provider-aws/lib/data-aws-network-interface';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';

/** A subnet of the NLB, keyed by its AZ ID, and what must exist before the endpoint's ENI there can be read. */
export interface NlbSubnet {
  readonly azId: string;
  readonly subnetId: string;
  /** The endpoint's subnet association in this AZ (its ENI exists once this does). */
  readonly endpointEniReady: ITerraformDependable;
}

/**
 * Health check of the execute-api endpoint: `GET /ping` over HTTPS answers 200 when API Gateway behind the endpoint
 * is healthy (a TCP check passes whenever the ENI accepts a connection). Two checks 10 s apart mark a target
 * healthy or unhealthy: about 20 s to react either way.
 */
export const ENDPOINT_HEALTH_CHECK = {
  enabled: true,
  protocol: 'HTTPS',
  path: '/ping',
  port: 'traffic-port',
  matcher: '200',
  interval: 10,
  timeout: 6,
  healthyThreshold: 2,
  unhealthyThreshold: 2,
} as const;

export interface EndpointNlbProps {
  readonly provider: AwsProvider;
  /** Prefix of names (NLB and target group names allow 32 characters) and `Name` tags. */
  readonly name: string;
  readonly vpcId: string;
  /** The VPC's CIDR: the only source and destination the NLB's security group admits (TCP 443). */
  readonly vpcCidr: string;
  /** Subnets of the NLB, one per AZ; the execute-api endpoint has one ENI in each, which becomes its target. */
  readonly subnets: readonly NlbSubnet[];
  /** The execute-api interface endpoint whose ENIs are the targets. */
  readonly endpointId: string;
}

/**
 * Internal NLB that forwards TCP 443 to the execute-api endpoint's ENI addresses, so that an endpoint service
 * (which only fronts NLBs) can expose the private API to other accounts.
 *
 * Targets are bound per AZ: for each AZ ID, a `data "aws_network_interface"` finds the endpoint's ENI in that
 * AZ's subnet (by subnet and the description AWS gives endpoint ENIs) and one attachment registers its private
 * IP. Adding an AZ adds one lookup and one attachment; the others' inputs do not change, so they are read at
 * plan time and nothing existing is replaced. Never `for_each` over the endpoint's `network_interface_ids`
 * (unknown at the first plan) nor a position in it (`element(sort(ids), i)` shifts when an id sorts in between).
 */
export class EndpointNlb extends Construct {
  readonly loadBalancerArn: string;
  readonly loadBalancerDnsName: string;
  /** `net/<name>/<id>`: the `LoadBalancer` dimension of AWS/NetworkELB metrics. */
  readonly loadBalancerArnSuffix: string;
  readonly targetGroupArn: string;
  /** `targetgroup/<name>/<id>`: the `TargetGroup` dimension of AWS/NetworkELB metrics. */
  readonly targetGroupArnSuffix: string;
  readonly securityGroupId: string;
  /** The per-AZ target attachments, one created whenever an AZ is added. */
  readonly targetAttachments: LbTargetGroupAttachment[] = [];

  constructor(scope: Construct, id: string, props: EndpointNlbProps) {
    super(scope, id);
    const { provider } = props;

    // An NLB gets security groups only at creation (none can be added to one created without).
    const securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      provider,
      name: `${props.name}-nlb`,
      description: 'Endpoint NLB: HTTPS in from and out to the service VPC only',
      vpcId: props.vpcId,
      tags: { Name: `${props.name}-nlb` },
    });
    new VpcSecurityGroupIngressRule(this, 'HttpsFromVpc', {
      provider,
      securityGroupId: securityGroup.id,
      description: 'Hosts of the service VPC (the test instance); PrivateLink traffic is not evaluated',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidr,
      tags: { Name: `${props.name}-nlb-https-in` },
    });
    new VpcSecurityGroupEgressRule(this, 'HttpsToTargets', {
      provider,
      securityGroupId: securityGroup.id,
      description: 'Traffic and health checks to the execute-api endpoint ENIs',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidr,
      tags: { Name: `${props.name}-nlb-https-out` },
    });

    const subnets = [...props.subnets].sort((a, b) => a.azId.localeCompare(b.azId));
    const nlb = new Lb(this, 'LoadBalancer', {
      provider,
      name: `${props.name}-nlb`,
      loadBalancerType: 'network',
      internal: true,
      subnets: subnets.map((s) => s.subnetId),
      securityGroups: [securityGroup.id],
      // "off": with "on", PrivateLink traffic is checked against the rules with the *consumer's* client address as
      // source, which lies in customer VPCs we do not control (and may overlap ours). Who may connect through
      // PrivateLink is decided by the endpoint service's allowed principals; the group guards the service VPC.
      // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
      enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: 'off',
      enableCrossZoneLoadBalancing: true,
      tags: { Name: `${props.name}-nlb` },
    });

    const targetGroup = new LbTargetGroup(this, 'TargetGroup', {
      provider,
      name: `${props.name}-execute-api`,
      vpcId: props.vpcId,
      port: 443,
      protocol: 'TCP',
      targetType: 'ip',
      healthCheck: { ...ENDPOINT_HEALTH_CHECK },
      tags: { Name: `${props.name}-execute-api` },
    });

    new LbListener(this, 'Listener', {
      provider,
      loadBalancerArn: nlb.arn,
      port: 443,
      protocol: 'TCP',
      defaultAction: [{ type: 'forward', targetGroupArn: targetGroup.arn }],
      tags: { Name: `${props.name}-https` },
    });

    // The lookups read the endpoint and subnet ids through a local: Terraform defers a data source that
    // references a managed resource with any pending change (even a tag), which would make every target unknown
    // at plan and replace it. Through a local, only the AZ's own association (depends_on) can defer its lookup.
    // https://developer.hashicorp.com/terraform/language/data-sources#data-resource-dependencies
    const lookup = new TerraformLocal(this, 'EndpointEniLookup', {
      // AWS's description of an interface endpoint's ENI is "VPC Endpoint Interface vpce-…" (some older ENIs
      // carry a colon after "Interface"); the wildcard matches both.
      // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/requester-managed-eni.html
      description: `VPC Endpoint Interface*${props.endpointId}`,
      subnets: Object.fromEntries(subnets.map((s) => [s.azId, s.subnetId])),
    });
    for (const subnet of subnets) {
      const eni = new DataAwsNetworkInterface(this, `EndpointEni-${subnet.azId}`, {
        provider,
        filter: [
          { name: 'subnet-id', values: [Token.asString(Fn.lookupNested(lookup.asAnyMap, ['subnets', subnet.azId]))] },
          { name: 'description', values: [Token.asString(Fn.lookupNested(lookup.asAnyMap, ['description']))] },
        ],
        dependsOn: [subnet.endpointEniReady],
      });
      this.targetAttachments.push(
        new LbTargetGroupAttachment(this, `EndpointTarget-${subnet.azId}`, {
          provider,
          targetGroupArn: targetGroup.arn,
          targetId: eni.privateIp,
          port: 443,
        }),
      );
    }

    this.loadBalancerArn = nlb.arn;
    this.loadBalancerDnsName = nlb.dnsName;
    this.loadBalancerArnSuffix = nlb.arnSuffix;
    this.targetGroupArn = targetGroup.arn;
    this.targetGroupArnSuffix = targetGroup.arnSuffix;
    this.securityGroupId = securityGroup.id;
  }
}
