import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { VpcEndpointService } from '@cdktf/provider-aws/lib/vpc-endpoint-service';

export interface EndpointServiceProps {
  readonly provider: AwsProvider;
  readonly name: string;
  readonly networkLoadBalancerArns: readonly string[];
  /**
   * Accounts whose IAM principals may create endpoints to this service; each becomes `arn:aws:iam::<id>:root`.
   * Never `*`. An empty list leaves the service reachable by nobody.
   */
  readonly allowedAccountIds: readonly string[];
  /**
   * Regions consumers may connect from (PrivateLink cross-Region), the service's own included: always set, so that
   * removing the last consumer of a region removes the region (the argument is Optional+Computed: left out, the
   * last value would stay). Adding one takes `vpce:AllowMultiRegion` on the service side's credentials.
   * https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-share-your-services.html#endpoint-service-cross-region
   */
  readonly supportedRegions: readonly string[];
}

/**
 * VPC endpoint service (PrivateLink) on the NLB.
 *
 * `acceptance_required = false`: accepting would need the consumer's endpoint id in this stack, a dependency
 * cycle with the consumer stacks; the allow-list of account roots is the gate instead.
 * Principals are the inline `allowed_principals` (one set, replaced as a whole): removing a customer from the
 * config refuses its new endpoints from the next deploy on, but AWS keeps connections it already accepted:
 * `npm run revoke` rejects those (scripts/revoke.ts).
 * An AZ the NLB gains is not offered until it is enabled on the service: EndpointServiceAzEnabler does that.
 */
export class EndpointService extends Construct {
  readonly endpointServiceId: string;
  /** `arn:aws:ec2:<region>:<account>:vpc-endpoint-service/<id>`. */
  readonly endpointServiceArn: string;
  readonly endpointServiceName: string;
  readonly allowedPrincipals: string[];

  constructor(scope: Construct, id: string, props: EndpointServiceProps) {
    super(scope, id);
    // Two customers in one account share one principal; AWS keeps a set, a repeated entry would re-plan forever.
    this.allowedPrincipals = [...new Set(props.allowedAccountIds)].sort().map((account) => `arn:aws:iam::${account}:root`);

    const service = new VpcEndpointService(this, 'EndpointService', {
      provider: props.provider,
      networkLoadBalancerArns: [...props.networkLoadBalancerArns],
      acceptanceRequired: false,
      allowedPrincipals: this.allowedPrincipals,
      supportedRegions: [...new Set(props.supportedRegions)].sort(),
      tags: { Name: `${props.name}-endpoint-service` },
    });

    this.endpointServiceId = service.id;
    this.endpointServiceArn = service.arn;
    this.endpointServiceName = service.serviceName;
  }
}
