import { TerraformOutput } from 'cdktf';
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

describe('Network on an existing VPC', () => {
  const existing = {
    vpcId: 'vpc-0123456789abcdef0',
    subnetIds: { 'apne1-az4': 'subnet-0bbbbbbbbbbbbbbbb', 'apne1-az1': 'subnet-0aaaaaaaaaaaaaaaa' },
    routeTableIds: ['rtb-0cccccccccccccccc', 'rtb-0dddddddddddddddd'],
  };
  function synthExisting(cidr?: string) {
    let network: Network | undefined;
    const out = synthModule((scope, provider) => {
      network = new Network(scope, 'Network', { provider, name: 'privapi-service', cidr, azIds: ['apne1-az4', 'apne1-az1'], existing });
      new TerraformOutput(scope, 'vpc_id', { value: network.vpcId });
      new TerraformOutput(scope, 'vpc_cidr', { value: network.vpcCidr });
      new TerraformOutput(scope, 'subnet_ids', { value: network.subnetIds });
    });
    return { ...out, network: network! };
  }
  const { parsed, network } = synthExisting('10.0.0.0/16');

  it('creates nothing: no VPC, subnet, route table, association or default security group', () => {
    expect(parsed.resource).toBeUndefined();
  });

  it('reads the VPC and checks at plan that DNS support and DNS hostnames are on, naming the VPC', () => {
    const [vpc] = blocksOf(parsed, 'aws_vpc', 'data');
    expect(vpc.id).toBe('vpc-0123456789abcdef0');
    const [dns] = vpc.lifecycle.postcondition;
    expect(dns.condition).toBe('${self.enable_dns_support && self.enable_dns_hostnames}');
    expect(dns.error_message).toContain('VPC vpc-0123456789abcdef0 has DNS support ${self.enable_dns_support} and DNS hostnames ${self.enable_dns_hostnames}');
    expect(dns.error_message).toContain('--vpc-id vpc-0123456789abcdef0');
  });

  it('checks the VPC CIDR when one is given, and reads it otherwise', () => {
    const [vpc] = blocksOf(parsed, 'aws_vpc', 'data');
    expect(vpc.lifecycle.postcondition[1]).toEqual({
      condition: '${self.cidr_block == "10.0.0.0/16"}',
      error_message: expect.stringContaining('VPC vpc-0123456789abcdef0 has CIDR ${self.cidr_block}; the configuration says vpcCidr 10.0.0.0/16'),
    });
    expect(parsed.output.vpc_cidr.value).toBe('10.0.0.0/16');
    const read = synthExisting();
    const [readVpc] = blocksOf(read.parsed, 'aws_vpc', 'data');
    expect(readVpc.lifecycle.postcondition).toHaveLength(1);
    expect(read.parsed.output.vpc_cidr.value).toMatch(/^\$\{data\.aws_vpc\.Network_ExistingVpc_\w+\.cidr_block\}$/);
  });

  it('reads one subnet per AZ ID, keyed by it, each checked to be in the VPC and in that AZ ID', () => {
    expect(Object.keys(parsed.data.aws_subnet)).toEqual([
      expect.stringMatching(/^Network_ExistingSubnet-apne1-az1_/),
      expect.stringMatching(/^Network_ExistingSubnet-apne1-az4_/),
    ]);
    const [az1, az4] = blocksOf(parsed, 'aws_subnet', 'data');
    expect([az1.id, az4.id]).toEqual(['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb']);
    const [inVpc, inAz] = az4.lifecycle.postcondition;
    expect(inVpc.condition).toBe('${self.vpc_id == "vpc-0123456789abcdef0"}');
    expect(inVpc.error_message).toBe(
      'subnet subnet-0bbbbbbbbbbbbbbbb (subnetIds.apne1-az4) is in VPC ${self.vpc_id}, not in vpc-0123456789abcdef0: expected a subnet of the given VPC',
    );
    expect(inAz.condition).toBe('${self.availability_zone_id == "apne1-az4"}');
    expect(inAz.error_message).toContain('subnet subnet-0bbbbbbbbbbbbbbbb is in AZ ${self.availability_zone_id}, but is given under apne1-az4');
    expect(az1.lifecycle.postcondition[1].condition).toBe('${self.availability_zone_id == "apne1-az1"}');
  });

  it('exposes the given ids, subnets sorted by AZ ID, and the route tables keyed by their id', () => {
    expect(parsed.output.vpc_id.value).toMatch(/^\$\{data\.aws_vpc\.Network_ExistingVpc_\w+\.id\}$/);
    expect(parsed.output.subnet_ids.value).toEqual([
      expect.stringMatching(/^\$\{data\.aws_subnet\.Network_ExistingSubnet-apne1-az1_\w+\.id\}$/),
      expect.stringMatching(/^\$\{data\.aws_subnet\.Network_ExistingSubnet-apne1-az4_\w+\.id\}$/),
    ]);
    expect(network.subnets.map((s) => s.azId)).toEqual(['apne1-az1', 'apne1-az4']);
    expect(network.routeTables).toEqual([
      { key: 'rtb-0cccccccccccccccc', routeTableId: 'rtb-0cccccccccccccccc' },
      { key: 'rtb-0dddddddddddddddd', routeTableId: 'rtb-0dddddddddddddddd' },
    ]);
  });

  it('uses the given provider on every data source', () => {
    allBlocks(parsed).forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });

  it('fails without a cidr for a new VPC', () => {
    expect(() =>
      synthModule((scope, provider) => {
        new Network(scope, 'Network', { provider, name: 'privapi-service', azIds: ['apne1-az1', 'apne1-az4'] });
      }),
    ).toThrow('Network privapi-service: expected a cidr for a new VPC');
  });
});
