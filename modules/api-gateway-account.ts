import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ApiGatewayAccount as ApiGatewayAccountSettings } from '@cdktf/provider-aws/lib/api-gateway-account';
import { ServicePrincipalRole } from './service-principal-role';

export interface ApiGatewayAccountProps {
  readonly provider: AwsProvider;
  /** Name of the role API Gateway assumes to write logs (also its `Name` tag). */
  readonly name: string;
  /**
   * Clear the account's CloudWatch role setting when this resource is destroyed (the role goes with it, so a
   * setting left behind would name a role that no longer exists). aws 5.x marks `reset_on_delete` deprecated
   * (validate warns) because 6.x always resets; without it, destroy only forgets the setting.
   * @default true
   */
  readonly resetOnDestroy?: boolean;
}

/**
 * The API Gateway CloudWatch Logs role of an account and region: every stage of every REST API there that
 * writes access or execution logs uses it. It is ONE setting per account and region, not per API: create this
 * in exactly one stack of that account/region, and only when no one else manages it (it overwrites theirs).
 *
 * Destroy: aws 5.100.0's `aws_api_gateway_account` Delete resets `cloudwatchRoleArn` only when
 * `reset_on_delete` is true; otherwise it warns "only been removed from Terraform state" and leaves the account
 * pointing at the role (internal/service/apigateway/account.go, resourceAccount.Delete / ModifyPlan).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 */
export class ApiGatewayAccount extends Construct {
  readonly roleName: string;
  readonly roleArn: string;
  /** The account setting: stages that log must depend on it, or their update fails until it exists. */
  readonly settings: ITerraformDependable;

  constructor(scope: Construct, id: string, props: ApiGatewayAccountProps) {
    super(scope, id);
    const role = new ServicePrincipalRole(this, 'CloudWatchRole', {
      provider: props.provider,
      name: props.name,
      servicePrincipal: 'apigateway.amazonaws.com',
      managedPolicies: { PushToCloudWatchLogs: 'service-role/AmazonAPIGatewayPushToCloudWatchLogs' },
    });

    this.settings = new ApiGatewayAccountSettings(this, 'Settings', {
      provider: props.provider,
      cloudwatchRoleArn: role.roleArn,
      resetOnDelete: props.resetOnDestroy ?? true,
      // UpdateAccount checks that the role can write to CloudWatch Logs: attach the policy first (the provider
      // only retries that error for IAM propagation).
      dependsOn: role.attachments,
    });
    this.roleName = role.roleName;
    this.roleArn = role.roleArn;
  }
}
