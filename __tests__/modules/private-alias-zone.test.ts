import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { PrivateAliasZone } from '../../modules/private-alias-zone';
import { allBlocks, synthModule } from '../synth-module';

function synth(zoneName: string, recordName?: string, extraRecordNames?: string[]) {
  return synthModule((scope, provider) => {
    new PrivateAliasZone(scope, 'Zone', {
      provider,
      name: 'privapi-customer',
      zoneName,
      recordName,
      extraRecordNames,
      vpcId: 'vpc-1',
      targetDnsName: 'vpce-1.vpce-svc-1.ap-northeast-1.vpce.amazonaws.com',
      targetHostedZoneId: 'Z2E726K9Y6RL4W',
    });
  });
}

describe('PrivateAliasZone', () => {
  it('is a private zone visible in the one VPC', () => {
    expect(synth('hoge.co.jp', 'vpce').json).toHaveResourceWithProperties(Route53Zone, { name: 'hoge.co.jp', vpc: [{ vpc_id: 'vpc-1' }] });
  });

  it('aliases <record>.<zone> to the endpoint', () => {
    expect(synth('hoge.co.jp', 'vpce').json).toHaveResourceWithProperties(Route53Record, {
      name: 'vpce.hoge.co.jp',
      type: 'A',
      alias: { name: 'vpce-1.vpce-svc-1.ap-northeast-1.vpce.amazonaws.com', zone_id: 'Z2E726K9Y6RL4W', evaluate_target_health: false },
    });
  });

  it('aliases the apex when no record name is given', () => {
    const zone = 'abc123.execute-api.ap-northeast-1.amazonaws.com';
    expect(synth(zone).json).toHaveResourceWithProperties(Route53Record, { name: zone, type: 'A' });
  });

  it('aliases each extra name in the zone to the same endpoint, one record keyed by that name', () => {
    const { parsed } = synth('hoge.co.jp', 'vpce', ['api', 'v2.api']);
    expect(Object.entries(parsed.resource.aws_route53_record).map(([key, r]: [string, any]) => [/AliasRecord(-[a-z0-9-]+)?/.exec(key)?.[0], r.name, r.alias.name]).sort()).toEqual([
      ['AliasRecord', 'vpce.hoge.co.jp', 'vpce-1.vpce-svc-1.ap-northeast-1.vpce.amazonaws.com'],
      ['AliasRecord-api', 'api.hoge.co.jp', 'vpce-1.vpce-svc-1.ap-northeast-1.vpce.amazonaws.com'],
      ['AliasRecord-v2-api', 'v2.api.hoge.co.jp', 'vpce-1.vpce-svc-1.ap-northeast-1.vpce.amazonaws.com'],
    ]);
  });

  it('uses the given provider on every resource', () => {
    allBlocks(synth('hoge.co.jp').parsed).forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });
});
