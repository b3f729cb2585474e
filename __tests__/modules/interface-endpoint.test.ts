import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { InterfaceEndpoint } from '../../modules/interface-endpoint';
import { allBlocks, blocksOf, synthModule } from '../synth-module';

function synth(privateDnsEnabled?: boolean) {
  return synthModule((scope, provider) => {
    new InterfaceEndpoint(scope, 'Endpoint', {
      provider,
      name: 'privapi-service-execute-api',
      vpcId: 'vpc-1',
      subnetIds: ['subnet-a', 'subnet-b'],
      serviceName: 'com.amazonaws.ap-northeast-1.execute-api',
      privateDnsEnabled,
      allowedCidrs: [
        { name: 'service-vpc', cidr: '10.0.0.0/16', description: 'service VPC' },
        { name: 'customer-partner', cidr: '10.2.0.0/16', description: 'peer' },
      ],
    });
  });
}

describe('InterfaceEndpoint', () => {
  const { json, parsed } = synth(true);

  it('creates an Interface endpoint in every subnet with its own security group', () => {
    expect(json).toHaveResourceWithProperties(VpcEndpoint, {
      vpc_endpoint_type: 'Interface',
      service_name: 'com.amazonaws.ap-northeast-1.execute-api',
      subnet_ids: ['subnet-a', 'subnet-b'],
      private_dns_enabled: true,
      security_group_ids: [expect.stringMatching(/^\$\{aws_security_group\.Endpoint_SecurityGroup_\w+\.id\}$/)],
    });
  });

  it('opens TCP 443 only, once per listed source, and nothing else', () => {
    const rules = blocksOf(parsed, 'aws_vpc_security_group_ingress_rule');
    expect(rules.map((r) => [r.ip_protocol, r.from_port, r.to_port, r.cidr_ipv4]).sort()).toEqual([
      ['tcp', 443, 443, '10.0.0.0/16'],
      ['tcp', 443, 443, '10.2.0.0/16'],
    ]);
    expect(Object.keys(parsed.resource.aws_vpc_security_group_ingress_rule).sort()).toEqual([
      expect.stringMatching(/^Endpoint_HttpsFrom-customer-partner_/),
      expect.stringMatching(/^Endpoint_HttpsFrom-service-vpc_/),
    ]);
    expect(parsed.resource.aws_vpc_security_group_egress_rule).toBeUndefined();
    const [group] = blocksOf(parsed, 'aws_security_group');
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
  });

  it('leaves private DNS off unless asked', () => {
    expect(synth().json).toHaveResourceWithProperties(VpcEndpoint, { private_dns_enabled: false });
  });

  it('uses the given provider on every resource', () => {
    allBlocks(parsed).forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });
});
