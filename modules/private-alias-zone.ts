import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';

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
  /**
   * A private zone that exists (named `zoneName`, associated with `vpcId`): the records go into it and no zone is
   * created; destroy removes only these records. Both facts are checked at plan (postconditions).
   * @default a new zone
   */
  readonly existingZoneId?: string;
}

/** A Route 53 private hosted zone visible in one VPC, with an A alias to an interface endpoint. */
export class PrivateAliasZone extends Construct {
  readonly zoneId: string;
  /** FQDN of the alias record (`vpce.hoge.co.jp`, or the zone name for an apex record). */
  readonly recordFqdn: string;

  constructor(scope: Construct, id: string, props: PrivateAliasZoneProps) {
    super(scope, id);
    const { provider } = props;

    let zoneId: string;
    if (props.existingZoneId) {
      const given = props.existingZoneId;
      const zone = new DataAwsRoute53Zone(this, 'ExistingZone', {
        provider,
        zoneId: given,
        lifecycle: {
          postcondition: [
            {
              condition: `\${self.private_zone && trimsuffix(self.name, ".") == "${props.zoneName}"}`,
              errorMessage: `zoneId ${given} is the \${self.private_zone ? "private" : "PUBLIC"} zone \${self.name}: expected the private zone ${props.zoneName} (zoneName) of this VPC`,
            },
          ],
        },
      });
      // The private zone of that name that this VPC resolves: it must be the given one (associated with the VPC).
      // Without any, the provider stops the plan with "no matching Route 53 Hosted Zone found".
      new DataAwsRoute53Zone(this, 'ZoneSeenByVpc', {
        provider,
        name: props.zoneName,
        privateZone: true,
        vpcId: props.vpcId,
        dependsOn: [zone],
        lifecycle: {
          postcondition: [
            {
              condition: `\${self.zone_id == "${given}"}`,
              errorMessage: `VPC ${props.vpcId} resolves ${props.zoneName} through zone \${self.zone_id}, not through zoneId ${given}: associate ${given} with the VPC (aws route53 associate-vpc-with-hosted-zone --hosted-zone-id ${given} --vpc VPCRegion=<region>,VPCId=${props.vpcId})`,
            },
          ],
        },
      });
      zoneId = zone.zoneId;
    } else {
      zoneId = new Route53Zone(this, 'Zone', {
        provider,
        name: props.zoneName,
        comment: `Private zone of ${props.name}`,
        vpc: [{ vpcId: props.vpcId }],
        tags: { Name: `${props.name}-zone` },
      }).zoneId;
    }

    const alias = { name: props.targetDnsName, zoneId: props.targetHostedZoneId, evaluateTargetHealth: false };
    const record = new Route53Record(this, 'AliasRecord', {
      provider,
      zoneId,
      name: props.recordName ? `${props.recordName}.${props.zoneName}` : props.zoneName,
      type: 'A',
      alias,
    });
    for (const extra of props.extraRecordNames ?? []) {
      new Route53Record(this, `AliasRecord-${extra.replace(/\./g, '-')}`, {
        provider,
        zoneId,
        name: `${extra}.${props.zoneName}`,
        type: 'A',
        alias,
      });
    }

    this.zoneId = zoneId;
    this.recordFqdn = record.fqdn;
  }
}
