import { Construct } from 'constructs';
import { Fn, ITerraformDependable, TerraformLocal } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { ACCESS_LOG_FORMAT } from './api-access-log';

/** Execution-log levels of a stage (`logging_level`). */
export type ExecutionLoggingLevel = 'OFF' | 'ERROR' | 'INFO';

export interface PrivateRestApiProps {
  readonly provider: AwsProvider;
  /** API name and `Name` tag prefix. */
  readonly name: string;
  readonly region: string;
  /** The service's interface endpoint: allowed to invoke the API (`aws:SourceVpce`). */
  readonly sourceVpceId: string;
  /**
   * Consumers' own execute-api endpoints also allowed (a private custom domain shared with them through RAM is
   * called through their endpoint: "the API provider must grant the consumer's VPC endpoint in the resource policy
   * of the private API", API Gateway developer guide, private custom domain names across accounts).
   * @default none: the service's endpoint only
   */
  readonly extraSourceVpceIds?: readonly string[];
  /** The Lambda behind the API (`GET /` without a definition; every operation without an integration with one). */
  readonly functionName: string;
  readonly functionInvokeArn: string;
  /**
   * OpenAPI 3 definition the API is built from (`body`, see api-definition.ts), with its integrations. The resource
   * policy and the PRIVATE endpoint type are this construct's arguments, which override the definition's.
   * @default none: one method, `GET /` → the function (the bundled Hello API)
   */
  readonly definition?: Readonly<Record<string, unknown>>;
  /**
   * IAM principals (account roots or role ARNs) allowed to invoke, for an API whose methods use `AWS_IAM` (set in
   * `definition`). Never `*`.
   * @default any principal (`*`) through the endpoint: unsigned calls
   */
  readonly allowedPrincipals?: readonly string[];
  /** @default "prod" */
  readonly stageName?: string;
  /**
   * CloudWatch log group ARN the stage writes access logs to (`access_log_settings`). Needs the account's API
   * Gateway CloudWatch role (`ApiGatewayAccount`): without it the stage update fails.
   * @default no access logs
   */
  readonly accessLogDestinationArn?: string;
  /** @default ACCESS_LOG_FORMAT (JSON, see api-access-log.ts); ignored without `accessLogDestinationArn` */
  readonly accessLogFormat?: string;
  /**
   * Steady-state requests per second for all methods of the stage. API Gateway's account quota (10,000 rps,
   * burst 5,000 by default) is shared by every API of the account and region; a stage limit keeps one flood
   * from starving the others. https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
   * @default 100
   */
  readonly throttlingRateLimit?: number;
  /** Bucket size (requests) for bursts above the rate. @default 200 */
  readonly throttlingBurstLimit?: number;
  /**
   * Detailed CloudWatch metrics per method (`metrics_enabled`), billed as custom metrics. The stage-level
   * metrics (ApiName, Stage) that the 5XX alarm uses are published either way.
   * @default true
   */
  readonly metricsEnabled?: boolean;
  /**
   * Execution logs (`logging_level`). Off by default: like access logs they need the account's CloudWatch role,
   * and INFO logs every request in detail. When on, the group API Gateway writes to
   * (`API-Gateway-Execution-Logs_<api-id>/<stage>`) is created here first, so it has a retention and is removed
   * on destroy instead of being created by API Gateway with none. Request/response bodies (data trace) are never
   * logged.
   * @default "OFF"
   */
  readonly executionLoggingLevel?: ExecutionLoggingLevel;
  /** Retention of the execution log group. @default 365 */
  readonly executionLogRetentionDays?: number;
  /**
   * What the stage and its method settings must wait for: the account's CloudWatch role setting
   * (`ApiGatewayAccount.settings`) when this app manages it and logging is on.
   * @default none
   */
  readonly stageDependsOn?: ITerraformDependable[];
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

function validateThrottling(rate: number, burst: number): void {
  if (!(rate > 0 && rate <= 10000)) {
    throw new Error(`PrivateRestApi: throttlingRateLimit received ${rate}; expected a number of requests per second in (0, 10000]`);
  }
  if (!(Number.isInteger(burst) && burst > 0 && burst <= 5000)) {
    throw new Error(`PrivateRestApi: throttlingBurstLimit received ${burst}; expected a whole number of requests in [1, 5000]`);
  }
}

/**
 * Builds the API's resource policy. Without IAM authorization callers reach a private API unsigned (plain `curl`),
 * so the principal must be `*`; the boundary is the endpoint: Allow only with our `aws:SourceVpce`, and an explicit
 * Deny for every other source so a later broad Allow cannot widen it. With IAM authorization (`allowedPrincipals`)
 * the Allow names the callers, and the Deny on other endpoints stays.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-vpc-endpoint-policies.html
 */
export function privateApiPolicy(sourceVpceId: string, allowedPrincipals?: readonly string[], extraSourceVpceIds: readonly string[] = []): string {
  // One endpoint: a string, as the policy has always been written (a list of one would be a change to a running API).
  const endpoints = extraSourceVpceIds.length > 0 ? [sourceVpceId, ...extraSourceVpceIds] : sourceVpceId;
  if (allowedPrincipals && (allowedPrincipals.length === 0 || allowedPrincipals.includes('*'))) {
    throw new Error(`privateApiPolicy: received principals ${JSON.stringify(allowedPrincipals)}; expected IAM ARNs, never "*" or none`);
  }
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowInvokeFromServiceEndpoint',
        Effect: 'Allow',
        // With IAM authorization the callers are named: signed requests of these principals only (cross-account
        // callers also need an identity policy of their own). https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html
        Principal: allowedPrincipals ? { AWS: [...allowedPrincipals] } : '*',
        Action: 'execute-api:Invoke',
        Resource: 'execute-api:/*',
        Condition: { StringEquals: { 'aws:SourceVpce': endpoints } },
      },
      {
        Sid: 'DenyInvokeFromAnywhereElse',
        Effect: 'Deny',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: 'execute-api:/*',
        // With several values StringNotEquals holds when the key matches none of them.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
        Condition: { StringNotEquals: { 'aws:SourceVpce': endpoints } },
      },
    ],
  });
}

/**
 * A PRIVATE REST API: resource policy bound to one endpoint, its routes (`GET /`, or an OpenAPI definition) to a
 * Lambda proxy, one deployed stage.
 */
export class PrivateRestApi extends Construct {
  readonly restApiId: string;
  /** The API's name: the `ApiName` dimension of its AWS/ApiGateway metrics. */
  readonly restApiName: string;
  readonly executionArn: string;
  /** The stage's name: the `Stage` dimension of its AWS/ApiGateway metrics. */
  readonly stageName: string;
  readonly stageArn: string;
  /** `https://<api-id>.execute-api.<region>.amazonaws.com/<stage>`: resolves inside VPCs with private DNS. */
  readonly invokeUrl: string;

  constructor(scope: Construct, id: string, props: PrivateRestApiProps) {
    super(scope, id);
    const { provider } = props;
    const stageName = props.stageName ?? 'prod';
    const rateLimit = props.throttlingRateLimit ?? 100;
    const burstLimit = props.throttlingBurstLimit ?? 200;
    validateThrottling(rateLimit, burstLimit);
    const loggingLevel = props.executionLoggingLevel ?? 'OFF';

    const policy = privateApiPolicy(props.sourceVpceId, props.allowedPrincipals, props.extraSourceVpceIds);
    const body = props.definition ? JSON.stringify(props.definition) : undefined;
    const api = new ApiGatewayRestApi(this, 'RestApi', {
      provider,
      name: props.name,
      description: 'Private REST API shared with other AWS accounts',
      endpointConfiguration: { types: ['PRIVATE'] },
      policy,
      body,
      tags: { Name: props.name },
    });

    // Without a definition: the bundled Hello API's one method, `GET /` → the function, as resources of their own, not
    // a `body`: every default deployment has them at these addresses, and a body would replace them.
    const method = props.definition
      ? undefined
      : new ApiGatewayMethod(this, 'GetRoot', {
          provider,
          restApiId: api.id,
          resourceId: api.rootResourceId,
          httpMethod: 'GET',
          // Access control is the resource policy (source endpoint) on a PRIVATE API, not a caller identity.
          authorization: 'NONE',
        });

    const integration = method
      ? new ApiGatewayIntegration(this, 'GetRootLambda', {
          provider,
          restApiId: api.id,
          resourceId: api.rootResourceId,
          httpMethod: method.httpMethod,
          type: 'AWS_PROXY',
          integrationHttpMethod: 'POST',
          uri: props.functionInvokeArn,
        })
      : undefined;

    const deployment = new ApiGatewayDeployment(this, 'Deployment', {
      provider,
      restApiId: api.id,
      description: 'Managed by cdktf; replaced whenever the policy or a route changes',
      // A private API serves the policy of its last deployment: a policy change is invisible until redeployed.
      // With a definition, its text holds every route and integration: editing the file redeploys the stage.
      // With a definition, the hash is of what is sent (policy and body as configured), not of the API's attributes:
      // the provider reads the policy back normalized after an in-place update, so a trigger on `api.policy` would
      // differ between plan and apply ("Provider produced inconsistent final plan"). Through a local: cdktf does not
      // escape the quotes of a JSON string passed straight into a function call.
      // Without a definition and with consumers' endpoints in the policy (private-domain), the configured policy is
      // hashed too: that policy changes as consumers come and go. Without them the trigger keeps the form running
      // deployments were created with, so upgrading plans no redeployment.
      triggers: {
        redeployment: Fn.sha1(
          Fn.jsonencode(
            method && integration
              ? (props.extraSourceVpceIds ?? []).length > 0
                ? new TerraformLocal(this, 'DeploymentInputs', [policy, method.id, method.authorization, integration.id, integration.uri]).expression
                : [api.policy, method.id, method.authorization, integration.id, integration.uri]
              : new TerraformLocal(this, 'DeploymentInputs', [policy, body]).expression,
          ),
        ),
      },
      lifecycle: { createBeforeDestroy: true },
      dependsOn: method && integration ? [method, integration] : undefined,
    });

    const stage = new ApiGatewayStage(this, 'Stage', {
      provider,
      restApiId: api.id,
      deploymentId: deployment.id,
      stageName,
      accessLogSettings: props.accessLogDestinationArn
        ? { destinationArn: props.accessLogDestinationArn, format: props.accessLogFormat ?? ACCESS_LOG_FORMAT }
        : undefined,
      tags: { Name: `${props.name}-${stageName}` },
      dependsOn: nonEmpty(props.stageDependsOn ?? []),
    });

    const executionLogGroup =
      loggingLevel === 'OFF'
        ? undefined
        : new CloudwatchLogGroup(this, 'ExecutionLogGroup', {
            provider,
            // The name API Gateway writes to; ours must exist before logging is switched on, or API Gateway
            // creates it (no retention) and ours then fails with ResourceAlreadyExistsException.
            // https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
            name: `API-Gateway-Execution-Logs_${api.id}/${stageName}`,
            retentionInDays: props.executionLogRetentionDays ?? 365,
            tags: { Name: `${props.name}-${stageName}-execution` },
          });

    // `*/*`: every method of the stage. The stage itself has no throttling argument; these are the stage's
    // default method settings. (provider docs, resource aws_api_gateway_method_settings)
    new ApiGatewayMethodSettings(this, 'AllMethods', {
      provider,
      restApiId: api.id,
      stageName: stage.stageName,
      methodPath: '*/*',
      settings: {
        metricsEnabled: props.metricsEnabled ?? true,
        loggingLevel,
        dataTraceEnabled: false,
        throttlingRateLimit: rateLimit,
        throttlingBurstLimit: burstLimit,
        cachingEnabled: false,
      },
      dependsOn: nonEmpty([...(props.stageDependsOn ?? []), ...(executionLogGroup ? [executionLogGroup] : [])]),
    });

    new LambdaPermission(this, 'InvokePermission', {
      provider,
      statementId: props.definition ? 'AllowPrivateApi' : 'AllowPrivateApiGetRoot',
      action: 'lambda:InvokeFunction',
      functionName: props.functionName,
      principal: 'apigateway.amazonaws.com',
      // Only this API (any stage, so the console's test-invoke works too): its GET /, or any of its routes.
      sourceArn: props.definition ? `${api.executionArn}/*/*` : `${api.executionArn}/*/GET/`,
    });

    this.restApiId = api.id;
    this.restApiName = api.name;
    this.executionArn = api.executionArn;
    this.stageName = stage.stageName;
    this.stageArn = stage.arn;
    this.invokeUrl = `https://${api.id}.execute-api.${props.region}.amazonaws.com/${stage.stageName}`;
  }
}
