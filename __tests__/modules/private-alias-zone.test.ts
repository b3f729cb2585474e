import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { PrivateAliasZone } from '../../modules/private-alias-zone';
import { allBlocks, blocksOf, synthModule } from '../synth-module';

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

describe('PrivateAliasZone in an existing zone', () => {
  const { json, parsed } = synthModule((scope, provider) => {
    new PrivateAliasZone(scope, 'Zone', {
      provider,
      name: 'privapi-customer',
      zoneName: 'hoge.co.jp',
      recordName: 'vpce',
      extraRecordNames: ['api'],
      vpcId: 'vpc-0123456789abcdef0',
      targetDnsName: 'vpce-1.vpce-svc-1.ap-northeast-1.vpce.amazonaws.com',
      targetHostedZoneId: 'Z2E726K9Y6RL4W',
      existingZoneId: 'Z0123456789ABCDEFGHIJ',
    });
  });
  const zones = Object.entries(parsed.data.aws_route53_zone as Record<string, any>);
  const given = zones.find(([name]) => name.startsWith('Zone_ExistingZone_'))![1];
  const seen = zones.find(([name]) => name.startsWith('Zone_ZoneSeenByVpc_'))![1];

  it('creates no zone and puts every record into the given zone', () => {
    expect(json).not.toHaveResource(Route53Zone);
    const records = blocksOf(parsed, 'aws_route53_record');
    expect(records.map((r) => r.name).sort()).toEqual(['api.hoge.co.jp', 'vpce.hoge.co.jp']);
    records.forEach((r) => expect(r.zone_id).toMatch(/^\$\{data\.aws_route53_zone\.Zone_ExistingZone_\w+\.zone_id\}$/));
  });

  it('checks at plan that the given zone is private and named zoneName', () => {
    expect(given.zone_id).toBe('Z0123456789ABCDEFGHIJ');
    expect(given.lifecycle.postcondition).toEqual([
      {
        condition: '${self.private_zone && trimsuffix(self.name, ".") == "hoge.co.jp"}',
        error_message: expect.stringContaining('zoneId Z0123456789ABCDEFGHIJ is the ${self.private_zone ? "private" : "PUBLIC"} zone ${self.name}: expected the private zone hoge.co.jp'),
      },
    ]);
  });

  it('checks at plan that the zone the VPC resolves for that name is the given one', () => {
    expect(seen).toMatchObject({ name: 'hoge.co.jp', private_zone: true, vpc_id: 'vpc-0123456789abcdef0' });
    expect(seen.depends_on).toEqual([expect.stringMatching(/^data\.aws_route53_zone\.Zone_ExistingZone_/)]);
    const [check] = seen.lifecycle.postcondition;
    expect(check.condition).toBe('${self.zone_id == "Z0123456789ABCDEFGHIJ"}');
    expect(check.error_message).toContain('VPC vpc-0123456789abcdef0 resolves hoge.co.jp through zone ${self.zone_id}, not through zoneId Z0123456789ABCDEFGHIJ');
    expect(check.error_message).toContain('--hosted-zone-id Z0123456789ABCDEFGHIJ');
  });

  it('reads no zone without existingZoneId', () => {
    expect(synth('hoge.co.jp').parsed.data).toBeUndefined();
  });

  it('uses the given provider on every block', () => {
    allBlocks(parsed).forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });
});
