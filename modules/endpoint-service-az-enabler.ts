import * as path from 'node:path';
import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import { packageFunction } from './function-package';
import { FunctionCode } from './function-code';

/** The function's code: `lambda/enable-azs/index.py` (Python 3.12, boto3 from the runtime). */
export const AZ_ENABLER_SOURCE = path.join(__dirname, '..', 'lambda', 'enable-azs');

/** A subnet of the NLB, keyed by its AZ ID. */
export interface AzEnablerZone {
  readonly azId: string;
  readonly subnetId: string;
}

export interface EndpointServiceAzEnablerProps {
  readonly provider: AwsProvider;
  /** Prefix of names and `Name` tags: the function and its role are `<name>-enable-azs`. */
  readonly name: string;
  /** The endpoint service whose AZs follow its NLB. */
  readonly serviceId: string;
  /** `arn:aws:ec2:<region>:<account>:vpc-endpoint-service/<id>`: the only resource the function may modify. */
  readonly serviceArn: string;
  /** The NLB in front of the service: the invocation waits for its changes (a subnet being added). */
  readonly loadBalancerArn: string;
  /** The NLB's subnets by AZ ID: the function runs again whenever this set changes (order does not matter). */
  readonly zones: readonly AzEnablerZone[];
  /**
   * What must be in place before the AZs are enabled, e.g. the per-AZ NLB target attachments, so that a consumer
   * admitted in a new AZ reaches a target there.
   * @default nothing beyond the service and the NLB
   */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** Seconds the function waits for AWS to offer the AZs (Lambda allows 900). @default 600 */
  readonly timeoutSeconds?: number;
  /** @default 365 */
  readonly logRetentionDays?: number;
}

/**
 * Keeps an endpoint service offering every AZ of its NLB, from inside AWS: a Lambda function in the service account
 * calls ModifyVpcEndpointServiceConfiguration with the service id alone, which is what enables an NLB's new AZ for
 * the service (AWS does not do it by itself, and the provider calls that API only when one of the service's own
 * arguments changes: vpc_endpoint_service.go `resourceVPCEndpointServiceUpdate`, hashicorp/terraform-provider-aws#40809),
 * then waits until the service lists the AZ.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#associate-load-balancer
 *
 * Terraform invokes it (`aws_lambda_invocation`, RequestResponse) at create and whenever `triggers` change, never on
 * a plan without change; a FunctionError fails the apply with the function's message. Nothing runs on the machine
 * that applies, so the synthesized JSON applies with plain Terraform anywhere (Terraform Cloud included).
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/lambda_invocation
 * The function runs outside any VPC: the service VPC has no route to the EC2 and ELB APIs.
 */
export class EndpointServiceAzEnabler extends Construct {
  readonly functionName: string;
  readonly roleArn: string;
  /** The function's answer (JSON) from its last invocation. */
  readonly result: string;

  constructor(scope: Construct, id: string, props: EndpointServiceAzEnablerProps) {
    super(scope, id);
    const { provider } = props;
    const functionName = `${props.name}-enable-azs`;

    const logGroup = new CloudwatchLogGroup(this, 'LogGroup', {
      provider,
      name: `/aws/lambda/${functionName}`,
      retentionInDays: props.logRetentionDays ?? 365,
      tags: { Name: functionName },
    });

    const role = new IamRole(this, 'Role', {
      provider,
      name: functionName,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
      tags: { Name: functionName },
    });
    const policy = new IamRolePolicy(this, 'Policy', {
      provider,
      name: 'enable-endpoint-service-azs',
      role: role.name,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            // The one write, on this service only: the action takes the vpc-endpoint-service resource type,
            // arn:${Partition}:ec2:${Region}:${Account}:vpc-endpoint-service/${VpcEndpointServiceId}.
            // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
            Sid: 'EnableAzsOfThisService',
            Effect: 'Allow',
            Action: 'ec2:ModifyVpcEndpointServiceConfiguration',
            Resource: props.serviceArn,
          },
          {
            // Read-only, and neither action supports resource-level permissions: "*" is the only Resource they take.
            // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
            // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awselasticloadbalancingv2.html
            Sid: 'ReadServiceAndLoadBalancer',
            Effect: 'Allow',
            Action: ['ec2:DescribeVpcEndpointServiceConfigurations', 'elasticloadbalancing:DescribeLoadBalancers'],
            Resource: '*',
          },
          {
            // Its own log group only, instead of AWSLambdaBasicExecutionRole's "*"; the group exists (below).
            // https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html
            Sid: 'WriteOwnLogs',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: `${logGroup.arn}:*`,
          },
        ],
      }),
    });

    const code = new FunctionCode(this, 'Code', { package: packageFunction({ path: AZ_ENABLER_SOURCE, type: 'directory' }) });
    const fn = new LambdaFunction(this, 'Function', {
      provider,
      functionName,
      description: 'Enables every AZ of the NLB on its endpoint service (ModifyVpcEndpointServiceConfiguration)',
      role: role.arn,
      runtime: 'python3.12',
      handler: 'index.handler',
      filename: code.filename,
      sourceCodeHash: code.sourceCodeHash,
      timeout: props.timeoutSeconds ?? 600,
      memorySize: 128,
      tags: { Name: functionName },
      // Its grants before its first call; the log group before a first call creates one without retention.
      dependsOn: [policy, logGroup],
    });

    const zones = [...props.zones].sort((a, b) => (a.azId < b.azId ? -1 : a.azId > b.azId ? 1 : 0));
    const invocation = new LambdaInvocation(this, 'Invocation', {
      provider,
      functionName: fn.functionName,
      input: JSON.stringify({ service_id: props.serviceId }),
      // Replaced (so invoked again) when, and only when, the NLB's AZs or subnets, the NLB or the service change:
      // each value is known at plan unless that thing changes, and the AZ IDs are sorted, so a reordered `azIds`
      // plans nothing. The default lifecycle_scope (CREATE_ONLY) invokes on create only, never on destroy.
      triggers: {
        service_id: props.serviceId,
        load_balancer_arn: props.loadBalancerArn,
        az_ids: zones.map((z) => z.azId).join(','),
        subnet_ids: zones.map((z) => z.subnetId).join(','),
      },
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });

    this.functionName = fn.functionName;
    this.roleArn = role.arn;
    this.result = invocation.result;
  }
}
