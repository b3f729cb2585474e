import * as path from 'node:path';
import { Construct } from 'constructs';
import { AssetType, Fn, TerraformAsset } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { ServiceRole } from './service-role';

/** The handler shipped with this project: `lambda/hello/index.py`. */
export const DEFAULT_FUNCTION_SOURCE = path.join(__dirname, '..', 'lambda', 'hello');

export interface ApiFunctionProps {
  readonly provider: AwsProvider;
  /** Prefix of resource names and `Name` tags. */
  readonly name: string;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  /**
   * Directory packaged as the function's zip by `TerraformAsset`.
   * @default DEFAULT_FUNCTION_SOURCE
   */
  readonly sourceDir?: string;
  /** @default "index.handler" */
  readonly handler?: string;
  /** @default "python3.12" */
  readonly runtime?: string;
  /** @default 365 */
  readonly logRetentionDays?: number;
}

/**
 * The API's backend: a Lambda function in the VPC with an execution role limited to the two AWS managed
 * policies it needs (logs, VPC ENIs) and a log group we own, so retention is set and destroy removes it.
 */
export class ApiFunction extends Construct {
  readonly functionName: string;
  readonly functionArn: string;
  readonly invokeArn: string;
  readonly roleName: string;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    const { provider } = props;
    const functionName = `${props.name}-api`;

    const role = new ServiceRole(this, 'ExecutionRole', {
      provider,
      name: `${props.name}-api-lambda`,
      servicePrincipal: 'lambda.amazonaws.com',
      managedPolicies: {
        BasicExecution: 'service-role/AWSLambdaBasicExecutionRole',
        VpcAccessExecution: 'service-role/AWSLambdaVPCAccessExecutionRole',
      },
    });

    const logGroup = new CloudwatchLogGroup(this, 'LogGroup', {
      provider,
      name: `/aws/lambda/${functionName}`,
      retentionInDays: props.logRetentionDays ?? 365,
      tags: { Name: functionName },
    });

    // The function only answers; it opens no connection, so its group has no rule at all.
    const securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      provider,
      name: `${props.name}-api-lambda`,
      description: 'API backend Lambda: no inbound, no outbound',
      vpcId: props.vpcId,
      tags: { Name: `${props.name}-api-lambda` },
    });

    const asset = new TerraformAsset(this, 'Code', {
      path: props.sourceDir ?? DEFAULT_FUNCTION_SOURCE,
      type: AssetType.ARCHIVE,
    });

    const fn = new LambdaFunction(this, 'Function', {
      provider,
      functionName,
      description: 'Backend of the private REST API',
      role: role.roleArn,
      runtime: props.runtime ?? 'python3.12',
      handler: props.handler ?? 'index.handler',
      filename: asset.path,
      sourceCodeHash: Fn.filebase64sha256(asset.path),
      timeout: 5,
      memorySize: 128,
      vpcConfig: { subnetIds: [...props.subnetIds], securityGroupIds: [securityGroup.id] },
      tags: { Name: functionName },
      // The role must carry its VPC permissions before Lambda creates the ENIs; the log group must exist
      // before the first invocation creates one without retention.
      dependsOn: [...role.attachments, logGroup],
    });

    this.functionName = fn.functionName;
    this.functionArn = fn.arn;
    this.invokeArn = fn.invokeArn;
    this.roleName = role.roleName;
  }
}
