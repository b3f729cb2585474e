import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';

export interface ServicePrincipalRoleProps {
  readonly provider: AwsProvider;
  /** Role name (also its `Name` tag). */
  readonly name: string;
  /** The one AWS service that may assume the role, e.g. `lambda.amazonaws.com`. */
  readonly servicePrincipal: string;
  /** AWS managed policies by construct id, e.g. `{ BasicExecution: 'service-role/AWSLambdaBasicExecutionRole' }`. */
  readonly managedPolicies: Readonly<Record<string, string>>;
}

/** An IAM role that exactly one AWS service can assume, with AWS managed policies only (no inline grants). */
export class ServicePrincipalRole extends Construct {
  readonly roleName: string;
  readonly roleArn: string;
  /** The attachments: depend on them before using the role's permissions. */
  readonly attachments: IamRolePolicyAttachment[];

  constructor(scope: Construct, id: string, props: ServicePrincipalRoleProps) {
    super(scope, id);
    const role = new IamRole(this, 'Role', {
      provider: props.provider,
      name: props.name,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: props.servicePrincipal }, Action: 'sts:AssumeRole' }],
      }),
      tags: { Name: props.name },
    });
    this.attachments = Object.entries(props.managedPolicies).map(
      ([policyId, policyName]) =>
        new IamRolePolicyAttachment(this, policyId, {
          provider: props.provider,
          role: role.name,
          policyArn: `arn:aws:iam::aws:policy/${policyName}`,
        }),
    );
    this.roleName = role.name;
    this.roleArn = role.arn;
  }
}
