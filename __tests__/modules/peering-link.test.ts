import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
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
