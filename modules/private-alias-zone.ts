import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';

export interface PrivateAliasZoneProps {
  readonly provider: AwsProvider;
  /** Zone name, e.g. `hoge.co.jp` or `<api-id>.execute-api.<region>.amazonaws.com`. */
  readonly zoneName: string;
  /**
   * Label of the alias record inside the zone; empty for the zone apex.
   * @default "" (apex)
   */
  readonly recordName?: string;
  /**
   * More names in the zone aliased to the same target, relative to the zone (`api` → `api.hoge.co.jp`), each its
   * own record keyed by that name, e.g. a custom domain name that lies under the zone.
   * @default []
   */
  readonly extraRecordNames?: readonly string[];
  /** The only VPC that resolves the zone. */
  readonly vpcId: string;
  /** Alias target: an interface endpoint's regional DNS name and its hosted zone. */
  readonly targetDnsName: string;
  readonly targetHostedZoneId: string;
  readonly name: string;
}

/** A Route 53 private hosted zone visible in one VPC, with an A alias to an interface endpoint. */
export class PrivateAliasZone extends Construct {
  readonly zoneId: string;
  /** FQDN of the alias record (`vpce.hoge.co.jp`, or the zone name for an apex record). */
  readonly recordFqdn: string;

  constructor(scope: Construct, id: string, props: PrivateAliasZoneProps) {
    super(scope, id);
    const { provider } = props;

    const zone = new Route53Zone(this, 'Zone', {
      provider,
      name: props.zoneName,
      comment: `Private zone of ${props.name}`,
      vpc: [{ vpcId: props.vpcId }],
      tags: { Name: `${props.name}-zone` },
    });

    const alias = { name: props.targetDnsName, zoneId: props.targetHostedZoneId, evaluateTargetHealth: false };
    const record = new Route53Record(this, 'AliasRecord', {
      provider,
      zoneId: zone.zoneId,
      name: props.recordName ? `${props.recordName}.${props.zoneName}` : props.zoneName,
      type: 'A',
      alias,
    });
    for (const extra of props.extraRecordNames ?? []) {
      new Route53Record(this, `AliasRecord-${extra.replace(/\./g, '-')}`, {
        provider,
        zoneId: zone.zoneId,
        name: `${extra}.${props.zoneName}`,
        type: 'A',
        alias,
      });
    }

    this.zoneId = zone.zoneId;
    this.recordFqdn = record.fqdn;
  }
}
