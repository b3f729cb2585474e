import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcEndpointSubnetAssociation } from '@cdktf/provider-aws/lib/vpc-endpoint-subnet-association';
import { EndpointNlb } from '../../modules/endpoint-nlb';
import { allBlocks, blocksOf, synthModule, TerraformJson } from '../synth-module';

function synth(azIds: string[]): { json: string; parsed: TerraformJson } {
  return synthModule((scope, provider) => {
    const endpoint = new VpcEndpoint(scope, 'api', { provider, vpcId: 'vpc-1', serviceName: 'com.amazonaws.ap-northeast-1.execute-api' });
    new EndpointNlb(scope, 'EndpointNlb', {
      provider,
      name: 'privapi-service',
      vpcId: 'vpc-1',
      vpcCidr: '10.0.0.0/16',
      endpointId: endpoint.id,
      subnets: azIds.map((azId) => ({
        azId,
        subnetId: `subnet-${azId}`,
        endpointEniReady: new VpcEndpointSubnetAssociation(scope, `assoc-${azId}`, { provider, vpcEndpointId: endpoint.id, subnetId: `subnet-${azId}` }),
      })),
    });
  });
}

describe('EndpointNlb', () => {
  // Given out of order: the module keys and sorts by AZ ID.
  const { json, parsed } = synth(['apne1-az4', 'apne1-az1']);

  it('is an internal network load balancer listening on TCP 443, in every subnet', () => {
    expect(json).toHaveResourceWithProperties(Lb, {
      load_balancer_type: 'network',
      internal: true,
      subnets: ['subnet-apne1-az1', 'subnet-apne1-az4'],
    });
    expect(json).toHaveResourceWithProperties(LbListener, { port: 443, protocol: 'TCP' });
  });

  it('is created with a security group (AWS cannot add one later) that admits and sends TCP 443 within the VPC only', () => {
    const [nlb] = blocksOf(parsed, 'aws_lb');
    expect(nlb.security_groups).toEqual([expect.stringMatching(/^\$\{aws_security_group\.EndpointNlb_SecurityGroup_\w+\.id\}$/)]);
    // PrivateLink traffic would be checked with the consumer's address as source: allowed principals gate it instead.
    expect(nlb.enforce_security_group_inbound_rules_on_private_link_traffic).toBe('off');
    const rule = (r: TerraformJson) => [r.ip_protocol, r.from_port, r.to_port, r.cidr_ipv4];
    expect(blocksOf(parsed, 'aws_vpc_security_group_ingress_rule').map(rule)).toEqual([['tcp', 443, 443, '10.0.0.0/16']]);
    expect(blocksOf(parsed, 'aws_vpc_security_group_egress_rule').map(rule)).toEqual([['tcp', 443, 443, '10.0.0.0/16']]);
    const [group] = blocksOf(parsed, 'aws_security_group');
    expect([group.ingress, group.egress]).toEqual([undefined, undefined]);
  });

  it('forwards to an IP target group on 443 whose health check asks execute-api over HTTPS (GET /ping → 200)', () => {
    expect(json).toHaveResourceWithProperties(LbTargetGroup, {
      target_type: 'ip',
      protocol: 'TCP',
      port: 443,
      health_check: expect.objectContaining({ enabled: true, protocol: 'HTTPS', path: '/ping', matcher: '200', healthy_threshold: 2, unhealthy_threshold: 2 }),
    });
  });

  it('reads the endpoint ENI of each AZ with a data source: that subnet, the endpoint\'s description, after that AZ\'s association', () => {
    const enis = parsed.data.aws_network_interface;
    expect(Object.keys(enis)).toEqual([
      expect.stringMatching(/^EndpointNlb_EndpointEni-apne1-az1_/),
      expect.stringMatching(/^EndpointNlb_EndpointEni-apne1-az4_/),
    ]);
    const [localName] = Object.keys(parsed.locals);
    expect(parsed.locals[localName]).toEqual({
      description: 'VPC Endpoint Interface*${aws_vpc_endpoint.api.id}',
      subnets: { 'apne1-az1': 'subnet-apne1-az1', 'apne1-az4': 'subnet-apne1-az4' },
    });
    const az1 = Object.values(enis)[0] as TerraformJson;
    // Through the local, not the resources: a pending change to the endpoint (a tag) must not defer the read.
    expect(az1.filter).toEqual([
      { name: 'subnet-id', values: [`\${local.${localName}.subnets["apne1-az1"]}`] },
      { name: 'description', values: [`\${local.${localName}.description}`] },
    ]);
    expect(az1.depends_on).toEqual(['aws_vpc_endpoint_subnet_association.assoc-apne1-az1']);
    for (const eni of Object.values(enis) as TerraformJson[]) {
      expect([eni.count, eni.for_each, eni.id]).toEqual([undefined, undefined, undefined]);
    }
  });

  it('registers the private IP of each AZ\'s ENI as that AZ\'s target, by AZ ID, never by position', () => {
    const attachments = parsed.resource.aws_lb_target_group_attachment;
    expect(Object.entries(attachments).map(([name, a]) => [name.split('_')[1], (a as TerraformJson).target_id, (a as TerraformJson).port])).toEqual([
      ['EndpointTarget-apne1-az1', expect.stringMatching(/^\$\{data\.aws_network_interface\.EndpointNlb_EndpointEni-apne1-az1_\w+\.private_ip\}$/), 443],
      ['EndpointTarget-apne1-az4', expect.stringMatching(/^\$\{data\.aws_network_interface\.EndpointNlb_EndpointEni-apne1-az4_\w+\.private_ip\}$/), 443],
    ]);
    expect(JSON.stringify(parsed)).not.toMatch(/element\(|count\.index|network_interface_ids/);
  });

  it('adding an AZ adds one lookup and one target and changes none of the existing ones', () => {
    const two = synth(['apne1-az1', 'apne1-az4']).parsed;
    const three = synth(['apne1-az1', 'apne1-az2', 'apne1-az4']).parsed;
    expect(Object.keys(three.locals)).toEqual(Object.keys(two.locals));
    for (const [kind, type] of [['data', 'aws_network_interface'], ['resource', 'aws_lb_target_group_attachment']]) {
      const before = two[kind][type];
      const after = three[kind][type];
      expect(Object.keys(after)).toHaveLength(3);
      for (const [name, body] of Object.entries(before)) expect(after[name]).toEqual(body);
    }
  });

  it('uses the given provider on every resource and data source', () => {
    allBlocks(parsed).forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });
});
