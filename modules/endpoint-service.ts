import { Construct } from 'constructs';
import { TerraformResource } from 'cdktf';
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
   * Resources created once per AZ of the NLB (its per-AZ target attachments). When one is created (an AZ is added,
   * or on the first deploy) its creation-time provisioner runs `npm run enable-azs` for this service: AWS does not
   * enable an NLB's new AZ for its endpoint service by itself, and the provider does not either
   * (hashicorp/terraform-provider-aws#40809), so without it a consumer subnet in the new AZ is refused. A
   * provisioner adds no resource and no state: a running deployment plans no change for it. It runs `npm` where
   * Terraform runs, which this project's runs have and a Terraform Cloud run does not (leave this empty there and
   * run `npm run enable-azs` after the service apply).
   * @default none: the service keeps the AZs it was created with
   */
  readonly enableZonesOnCreateOf?: readonly TerraformResource[];
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
 */
export class EndpointService extends Construct {
  readonly endpointServiceId: string;
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

    for (const resource of props.enableZonesOnCreateOf ?? []) {
      // Terraform runs in cdktf.out/stacks/<stack>; npm finds the project's package.json above it. The script
      // reads the same config (PRIVATE_API_CONFIG) for the service account's credentials, and waits as AWS
      // recommends. https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#associate-load-balancer
      resource.provisioners = [
        { type: 'local-exec', command: `npm run --silent enable-azs -- --service-id ${service.id}` },
      ];
    }

    this.endpointServiceId = service.id;
    this.endpointServiceName = service.serviceName;
  }
}
