import { TerraformOutput } from 'cdktf';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcEndpointSubnetAssociation } from '@cdktf/provider-aws/lib/vpc-endpoint-subnet-association';
import { InterfaceEndpoint } from '../../modules/interface-endpoint';
import { allBlocks, blocksOf, synthModule } from '../synth-module';

const SUBNETS = [
  { azId: 'apne1-az1', subnetId: 'subnet-a' },
  { azId: 'apne1-az4', subnetId: 'subnet-b' },
];

function synth(privateDnsEnabled?: boolean, associateSubnetsSeparately?: boolean) {
  return synthModule((scope, provider) => {
    const endpoint = new InterfaceEndpoint(scope, 'Endpoint', {
      provider,
      name: 'privapi-service-execute-api',
      vpcId: 'vpc-1',
      subnets: SUBNETS,
      associateSubnetsSeparately,
      serviceName: 'com.amazonaws.ap-northeast-1.execute-api',
      privateDnsEnabled,
      allowedCidrs: [
        { name: 'service-vpc', cidr: '10.0.0.0/16', description: 'service VPC' },
        { name: 'customer-partner', cidr: '10.2.0.0/16', description: 'peer' },
      ],
    });
    new TerraformOutput(scope, 'dns_name', { value: endpoint.dnsName });
    new TerraformOutput(scope, 'zone', { value: endpoint.dnsHostedZoneId });
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

  it('can attach each subnet with its own association keyed by AZ ID, leaving subnet_ids to them', () => {
    const { json: separate, parsed: separateParsed } = synth(true, true);
    const [endpoint] = blocksOf(separateParsed, 'aws_vpc_endpoint');
    expect(endpoint.subnet_ids).toBeUndefined();
    expect(separate).toHaveResourceWithProperties(VpcEndpointSubnetAssociation, { subnet_id: 'subnet-a' });
    expect(Object.keys(separateParsed.resource.aws_vpc_endpoint_subnet_association)).toEqual([
      expect.stringMatching(/^Endpoint_Subnet-apne1-az1_/),
      expect.stringMatching(/^Endpoint_Subnet-apne1-az4_/),
    ]);
    expect(parsed.resource.aws_vpc_endpoint_subnet_association).toBeUndefined();
  });

  it('selects the regional DNS entry by its shape, not by its position in dns_entry', () => {
    for (const [output, attribute] of [['dns_name', 'dns_name'], ['zone', 'hosted_zone_id']]) {
      const value: string = parsed.output[output].value;
      expect(value).toMatch(/^\$\{one\(\[ for key, val in toset\(aws_vpc_endpoint\.Endpoint_\w+\.dns_entry\): val if can\(regex\(/);
      expect(value.endsWith(`]).${attribute}}`)).toBe(true);
      expect(value).not.toContain('dns_entry[0]');
    }
  });

  it('leaves private DNS off unless asked', () => {
    expect(synth().json).toHaveResourceWithProperties(VpcEndpoint, { private_dns_enabled: false });
  });

  it('uses the given provider on every resource', () => {
    allBlocks(parsed).forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });
});

describe('InterfaceEndpoint to a service in another region', () => {
  function synthTo(serviceRegion?: string) {
    return synthModule((scope, provider) => {
      new InterfaceEndpoint(scope, 'Endpoint', {
        provider,
        name: 'privapi-remote',
        vpcId: 'vpc-1',
        subnets: [{ azId: 'use1-az1', subnetId: 'subnet-a' }],
        serviceName: 'com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0',
        serviceRegion,
        allowedCidrs: [],
      });
    }).parsed;
  }

  it('names the service\'s region (service_region)', () => {
    expect(blocksOf(synthTo('ap-northeast-1'), 'aws_vpc_endpoint')[0].service_region).toBe('ap-northeast-1');
  });

  it('leaves service_region out for a service of its own region', () => {
    expect(blocksOf(synthTo(), 'aws_vpc_endpoint')[0].service_region).toBeUndefined();
  });
});
