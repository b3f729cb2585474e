import { Construct } from 'constructs';
import { Fn, TerraformCount } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroupAttachment } from '@cdktf/provider-aws/lib/lb-target-group-attachment';
import { DataAwsNetworkInterface } from '@cdktf/provider-aws/lib/data-aws-network-interface';

export interface EndpointNlbProps {
  readonly provider: AwsProvider;
  /** Prefix of names (NLB and target group names allow 32 characters) and `Name` tags. */
  readonly name: string;
  readonly vpcId: string;
  /** Subnets of the NLB; the endpoint has one ENI in each, so their count is the number of targets. */
  readonly subnetIds: readonly string[];
  /** `network_interface_ids` of the execute-api endpoint: unknown until the endpoint exists. */
  readonly endpointNetworkInterfaceIds: string[];
}

/**
 * Internal NLB that forwards TCP 443 to the execute-api endpoint's ENI addresses, so that an endpoint service
 * (which only fronts NLBs) can expose the private API to other accounts.
 *
 * The targets are the endpoint ENIs' private IPs. Their ids are unknown at plan time, so `for_each` over them
 * would fail the first plan; their number is known (one per subnet), so `count` over that number with
 * `element(sort(tolist(ids)), count.index)` plans on the first run and keeps each index stable afterwards.
 */
export class EndpointNlb extends Construct {
  readonly loadBalancerArn: string;
  readonly loadBalancerDnsName: string;
  readonly targetGroupArn: string;

  constructor(scope: Construct, id: string, props: EndpointNlbProps) {
    super(scope, id);
    const { provider } = props;

    const nlb = new Lb(this, 'LoadBalancer', {
      provider,
      name: `${props.name}-nlb`,
      loadBalancerType: 'network',
      internal: true,
      subnets: [...props.subnetIds],
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
      healthCheck: { enabled: true, protocol: 'TCP', port: 'traffic-port', healthyThreshold: 2, unhealthyThreshold: 2, interval: 30 },
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

    const targets = TerraformCount.of(props.subnetIds.length);
    const eni = new DataAwsNetworkInterface(this, 'EndpointEni', {
      provider,
      count: targets,
      id: Fn.element(Fn.sort(Fn.tolist(props.endpointNetworkInterfaceIds)), targets.index),
    });

    new LbTargetGroupAttachment(this, 'EndpointEniTarget', {
      provider,
      count: targets,
      targetGroupArn: targetGroup.arn,
      targetId: Fn.lookupNested(eni, [targets.index, 'private_ip']),
      port: 443,
    });

    this.loadBalancerArn = nlb.arn;
    this.loadBalancerDnsName = nlb.dnsName;
    this.targetGroupArn = targetGroup.arn;
  }
}
