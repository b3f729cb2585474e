import * as path from 'node:path';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { ServicePrincipalRole } from './service-principal-role';
import { FunctionCode } from './function-code';
import { FunctionPackage, packageFunction } from './function-package';

/** The handler shipped with this project: `lambda/hello/index.py`. */
export const DEFAULT_FUNCTION_SOURCE = path.join(__dirname, '..', 'lambda', 'hello');

let defaultPackage: FunctionPackage | undefined;

/** The bundled handler, packaged once per process (every API without code of its own shares it). */
export function defaultFunctionPackage(): FunctionPackage {
  defaultPackage ??= packageFunction({ path: DEFAULT_FUNCTION_SOURCE, type: 'directory' }, { handler: 'index.handler', runtime: 'python3.12' });
  return defaultPackage;
}

/** Runs the function in these subnets (its ENIs) with a group of its own; absent: outside any VPC. */
export interface ApiFunctionVpc {
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
}

export interface ApiFunctionProps {
  readonly provider: AwsProvider;
  /** Prefix of resource names and `Name` tags: the function is `<name>-api`. */
  readonly name: string;
  /**
   * The service VPC, for a function that runs in it (the bundled handler does; it opens no connection). A private
   * API needs no backend in a VPC, and the service VPC has no route out: a function that calls DynamoDB or another
   * API runs outside it (`undefined`).
   * @default outside any VPC
   */
  readonly vpc?: ApiFunctionVpc;
  /**
   * The code, packaged by `packageFunction` (config validation does it for own code, so its refusals come first).
   * @default the bundled handler, DEFAULT_FUNCTION_SOURCE
   */
  readonly package?: FunctionPackage;
  /** @default "index.handler" */
  readonly handler?: string;
  /** @default "python3.12" */
  readonly runtime?: string;
  /** @default 128 */
  readonly memorySize?: number;
  /** Seconds; API Gateway waits at most 29 s for a REST API integration. @default 5 */
  readonly timeout?: number;
  /** @default "x86_64" */
  readonly architecture?: 'x86_64' | 'arm64';
  /** @default none */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default "Backend of the private REST API" */
  readonly description?: string;
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

    const role = new ServicePrincipalRole(this, 'ExecutionRole', {
      provider,
      name: `${props.name}-api-lambda`,
      servicePrincipal: 'lambda.amazonaws.com',
      // The VPC policy only where Lambda creates ENIs: a function outside the VPC has no use for it.
      managedPolicies: {
        BasicExecution: 'service-role/AWSLambdaBasicExecutionRole',
        ...(props.vpc ? { VpcAccessExecution: 'service-role/AWSLambdaVPCAccessExecutionRole' } : {}),
      },
    });

    const logGroup = new CloudwatchLogGroup(this, 'LogGroup', {
      provider,
      name: `/aws/lambda/${functionName}`,
      retentionInDays: props.logRetentionDays ?? 365,
      tags: { Name: functionName },
    });

    // The function only answers; it opens no connection, so its group has no rule at all.
    const securityGroup = props.vpc
      ? new SecurityGroup(this, 'SecurityGroup', {
          provider,
          name: `${props.name}-api-lambda`,
          description: 'API backend Lambda: no inbound, no outbound',
          vpcId: props.vpc.vpcId,
          tags: { Name: `${props.name}-api-lambda` },
        })
      : undefined;

    const code = new FunctionCode(this, 'Code', { package: props.package ?? defaultFunctionPackage() });

    const fn = new LambdaFunction(this, 'Function', {
      provider,
      functionName,
      description: props.description ?? 'Backend of the private REST API',
      role: role.roleArn,
      runtime: props.runtime ?? 'python3.12',
      handler: props.handler ?? 'index.handler',
      filename: code.filename,
      // The hash of the very bytes uploaded: the package is deterministic, so every clone of a commit plans no change.
      sourceCodeHash: code.sourceCodeHash,
      timeout: props.timeout ?? 5,
      memorySize: props.memorySize ?? 128,
      architectures: props.architecture && props.architecture !== 'x86_64' ? [props.architecture] : undefined,
      environment: props.environment && Object.keys(props.environment).length > 0 ? { variables: { ...props.environment } } : undefined,
      vpcConfig: props.vpc && securityGroup ? { subnetIds: [...props.vpc.subnetIds], securityGroupIds: [securityGroup.id] } : undefined,
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
