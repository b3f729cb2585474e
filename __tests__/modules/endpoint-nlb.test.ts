import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { EndpointNlb } from '../../modules/endpoint-nlb';
import { allBlocks, blocksOf, synthModule } from '../synth-module';

describe('EndpointNlb', () => {
  const { json, parsed } = synthModule((scope, provider) => {
    const endpoint = new VpcEndpoint(scope, 'api', { provider, vpcId: 'vpc-1', serviceName: 'com.amazonaws.ap-northeast-1.execute-api' });
    new EndpointNlb(scope, 'EndpointNlb', {
      provider,
      name: 'privapi-service',
      vpcId: 'vpc-1',
      subnetIds: ['subnet-a', 'subnet-b', 'subnet-c'],
      endpointNetworkInterfaceIds: endpoint.networkInterfaceIds,
    });
  });

  it('is an internal network load balancer listening on TCP 443', () => {
    expect(json).toHaveResourceWithProperties(Lb, { load_balancer_type: 'network', internal: true, subnets: ['subnet-a', 'subnet-b', 'subnet-c'] });
    expect(json).toHaveResourceWithProperties(LbListener, { port: 443, protocol: 'TCP' });
  });

  it('forwards to an IP target group on 443 with a TCP health check', () => {
    expect(json).toHaveResourceWithProperties(LbTargetGroup, {
      target_type: 'ip',
      protocol: 'TCP',
      port: 443,
      health_check: expect.objectContaining({ protocol: 'TCP', enabled: true }),
    });
  });

  it('reads each endpoint ENI with a data source, count = number of subnets, sorted index', () => {
    const [eni] = blocksOf(parsed, 'aws_network_interface', 'data');
    expect(eni.count).toBe(3);
    expect(eni.id).toBe('${element(sort(tolist(tolist(aws_vpc_endpoint.api.network_interface_ids))), count.index)}');
    expect(eni.for_each).toBeUndefined();
  });

  it('registers the private IP of each ENI as a target', () => {
    const [attachment] = blocksOf(parsed, 'aws_lb_target_group_attachment');
    const [eniName] = Object.keys(parsed.data.aws_network_interface);
    expect(attachment.count).toBe(3);
    expect(attachment.target_id).toBe(`\${data.aws_network_interface.${eniName}[count.index].private_ip}`);
    expect(attachment.port).toBe(443);
    expect(attachment.for_each).toBeUndefined();
  });

  it('uses the given provider on every resource and data source', () => {
    allBlocks(parsed).forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });
});
