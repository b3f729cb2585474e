import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { PeeringLink } from '../../modules/peering-link';
import { blocksOf, synthModule } from '../synth-module';

describe('PeeringLink', () => {
  const { json, parsed } = synthModule((scope, provider) => {
    const serviceProvider = new AwsProvider(scope, 'service', { region: 'ap-northeast-1', alias: 'service' });
    new PeeringLink(scope, 'Peering', {
      name: 'privapi-partner',
      region: 'ap-northeast-1',
      requester: { provider, accountId: '333333333333', vpcId: 'vpc-customer', vpcCidr: '10.2.0.0/16', routeTables: [{ routeTableId: 'rtb-customer' }] },
      accepter: { provider: serviceProvider, accountId: '111111111111', vpcId: 'vpc-service', vpcCidr: '10.0.0.0/16', routeTables: [{ routeTableId: 'rtb-service' }] },
    });
  });

  it('requests peering to the other account\'s VPC from the requester account', () => {
    expect(json).toHaveResourceWithProperties(VpcPeeringConnection, {
      provider: 'aws.test',
      vpc_id: 'vpc-customer',
      peer_vpc_id: 'vpc-service',
      peer_owner_id: '111111111111',
      auto_accept: false,
    });
  });

  it('accepts it in the accepter account', () => {
    const [accepter] = blocksOf(parsed, 'aws_vpc_peering_connection_accepter');
    expect(accepter.provider).toBe('aws.service');
    expect(accepter.auto_accept).toBe(true);
    expect(accepter.vpc_peering_connection_id).toMatch(/aws_vpc_peering_connection\.\w+\.id/);
  });

  it('routes each VPC to the other through the accepted connection, each with its own account', () => {
    const routes = blocksOf(parsed, 'aws_route').map((r) => [r.provider, r.route_table_id, r.destination_cidr_block]);
    expect(routes.sort()).toEqual([
      ['aws.service', 'rtb-service', '10.2.0.0/16'],
      ['aws.test', 'rtb-customer', '10.0.0.0/16'],
    ]);
    blocksOf(parsed, 'aws_route').forEach((r) =>
      expect(r.vpc_peering_connection_id).toMatch(/aws_vpc_peering_connection_accepter\.\w+\.vpc_peering_connection_id/),
    );
  });
});

describe('PeeringLink with given route tables and CIDRs read from AWS', () => {
  const TABLES = [
    { key: 'rtb-0aaaaaaaaaaaaaaaa', routeTableId: 'rtb-0aaaaaaaaaaaaaaaa' },
    { key: 'rtb-0bbbbbbbbbbbbbbbb', routeTableId: 'rtb-0bbbbbbbbbbbbbbbb' },
  ];
  /** `readCidr`: the requester's CIDR is a data source attribute (a token), as for an existing network without vpcCidr. */
  function synthLink(readCidr: boolean, requesterCidr = '10.2.0.0/16') {
    return synthModule((scope, provider) => {
      const serviceProvider = new AwsProvider(scope, 'service', { region: 'ap-northeast-1', alias: 'service' });
      const cidr = readCidr ? new DataAwsVpc(scope, 'ExistingVpc', { provider, id: 'vpc-customer' }).cidrBlock : requesterCidr;
      new PeeringLink(scope, 'Peering', {
        name: 'privapi-partner',
        region: 'ap-northeast-1',
        requester: { provider, accountId: '333333333333', vpcId: 'vpc-customer', vpcCidr: cidr, routeTables: TABLES },
        accepter: { provider: serviceProvider, accountId: '111111111111', vpcId: 'vpc-service', vpcCidr: '10.0.0.0/16', routeTables: [{ routeTableId: 'rtb-service' }] },
      });
    }).parsed;
  }
  const parsed = synthLink(true);
  const READ_CIDR = '${data.aws_vpc.ExistingVpc.cidr_block}';

  it('adds one route per given table, keyed by its id; the unkeyed table keeps the old id', () => {
    const routes = Object.entries(parsed.resource.aws_route as Record<string, any>).map(([name, r]) => [name.replace(/_[0-9A-F]+$/, ''), r.route_table_id, r.destination_cidr_block]);
    expect(routes.sort()).toEqual([
      ['Peering_AccepterToRequester', 'rtb-service', READ_CIDR],
      ['Peering_RequesterToAccepter-rtb-0aaaaaaaaaaaaaaaa', 'rtb-0aaaaaaaaaaaaaaaa', '10.0.0.0/16'],
      ['Peering_RequesterToAccepter-rtb-0bbbbbbbbbbbbbbbb', 'rtb-0bbbbbbbbbbbbbbbb', '10.0.0.0/16'],
    ]);
  });

  it('checks before requesting that the CIDRs do not overlap when one is known only at plan', () => {
    const [request] = blocksOf(parsed, 'aws_vpc_peering_connection');
    const [check] = request.lifecycle.precondition;
    expect(check.condition).toMatch(/^\$\{!\(/);
    expect(check.condition).toContain('data.aws_vpc.ExistingVpc.cidr_block');
    expect(check.condition).toContain('"10.0.0.0/16"');
    expect(check.error_message).toBe(`VPC vpc-customer (${READ_CIDR}) and VPC vpc-service (10.0.0.0/16) overlap: peered VPCs need disjoint CIDRs`);
  });

  it('has no such check when both CIDRs are literals the config already compared', () => {
    const [request] = blocksOf(synthLink(false), 'aws_vpc_peering_connection');
    expect(request.lifecycle).toBeUndefined();
  });

  it('keeps the check for literals that overlap', () => {
    const [request] = blocksOf(synthLink(false, '10.0.128.0/17'), 'aws_vpc_peering_connection');
    expect(request.lifecycle.precondition).toHaveLength(1);
  });
});
