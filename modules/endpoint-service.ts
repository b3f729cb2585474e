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
}

/**
 * VPC endpoint service (PrivateLink) on the NLB.
 *
 * `acceptance_required = false`: accepting would need the consumer's endpoint id in this stack, a dependency
 * cycle with the consumer stacks; the allow-list of account roots is the gate instead.
 * Principals are the inline `allowed_principals` (one list, replaced as a whole): removing a customer from the
 * config removes its permission on the next deploy.
 */
export class EndpointService extends Construct {
  readonly endpointServiceId: string;
  readonly endpointServiceName: string;
  readonly allowedPrincipals: string[];

  constructor(scope: Construct, id: string, props: EndpointServiceProps) {
    super(scope, id);
    this.allowedPrincipals = props.allowedAccountIds.map((account) => `arn:aws:iam::${account}:root`);

    const service = new VpcEndpointService(this, 'EndpointService', {
      provider: props.provider,
      networkLoadBalancerArns: [...props.networkLoadBalancerArns],
      acceptanceRequired: false,
      allowedPrincipals: this.allowedPrincipals,
      tags: { Name: `${props.name}-endpoint-service` },
    });

    this.endpointServiceId = service.id;
    this.endpointServiceName = service.serviceName;
  }
}
