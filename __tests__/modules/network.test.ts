import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Network } from '../../modules/network';
import { allBlocks, blocksOf, synthModule } from '../synth-module';

describe('Network', () => {
  const { json, parsed } = synthModule((scope, provider) => {
    new Network(scope, 'Network', { provider, name: 'privapi-service', cidr: '10.0.0.0/16', azIds: ['apne1-az1', 'apne1-az4'] });
  });

  it('creates a VPC with the DNS settings interface endpoints and private zones need', () => {
    expect(json).toHaveResourceWithProperties(Vpc, {
      cidr_block: '10.0.0.0/16',
      enable_dns_support: true,
      enable_dns_hostnames: true,
    });
  });

  it('places one private subnet per AZ ID (not AZ name), in the /20 numbered like the AZ', () => {
    const subnets = blocksOf(parsed, 'aws_subnet');
    expect(subnets.map((s) => [s.availability_zone_id, s.cidr_block])).toEqual([
      ['apne1-az1', '10.0.16.0/20'],
      ['apne1-az4', '10.0.64.0/20'],
    ]);
    subnets.forEach((s) => {
      expect(s.availability_zone).toBeUndefined();
      expect(s.map_public_ip_on_launch).toBe(false);
    });
    expect(json).toHaveResourceWithProperties(Subnet, { tags: { Name: 'privapi-service-private-apne1-az1' } });
  });

  it('keys every subnet and route table association by AZ ID: reordering azIds changes nothing', () => {
    const reordered = synthModule((scope, provider) => {
      new Network(scope, 'Network', { provider, name: 'privapi-service', cidr: '10.0.0.0/16', azIds: ['apne1-az4', 'apne1-az1'] });
    }).parsed;
    expect(reordered.resource).toEqual(parsed.resource);
    expect(Object.keys(parsed.resource.aws_subnet)).toEqual([
      expect.stringMatching(/^Network_PrivateSubnet-apne1-az1_/),
      expect.stringMatching(/^Network_PrivateSubnet-apne1-az4_/),
    ]);
  });

  it('adding an AZ adds its subnet and leaves the existing ones as they are', () => {
    const grown = synthModule((scope, provider) => {
      new Network(scope, 'Network', { provider, name: 'privapi-service', cidr: '10.0.0.0/16', azIds: ['apne1-az1', 'apne1-az2', 'apne1-az4'] });
    }).parsed;
    for (const [name, body] of Object.entries(parsed.resource.aws_subnet)) expect(grown.resource.aws_subnet[name]).toEqual(body);
    expect(Object.keys(grown.resource.aws_subnet)).toHaveLength(3);
    expect(blocksOf(grown, 'aws_subnet').find((s) => s.availability_zone_id === 'apne1-az2')?.cidr_block).toBe('10.0.32.0/20');
  });

  it('associates every subnet with the private route table', () => {
    expect(blocksOf(parsed, 'aws_route_table_association')).toHaveLength(2);
    expect(json).toHaveResource(RouteTableAssociation);
  });

  it('has no path to the internet', () => {
    for (const type of ['aws_internet_gateway', 'aws_nat_gateway', 'aws_eip', 'aws_route']) {
      expect(parsed.resource[type]).toBeUndefined();
    }
  });

  it('empties the default security group', () => {
    const [group] = blocksOf(parsed, 'aws_default_security_group');
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
    expect(json).toHaveResource(DefaultSecurityGroup);
  });

  it('uses the given provider on every resource', () => {
    allBlocks(parsed).forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });
});
