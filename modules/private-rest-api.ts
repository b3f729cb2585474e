import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';

export interface PrivateRestApiProps {
  readonly provider: AwsProvider;
  /** API name and `Name` tag prefix. */
  readonly name: string;
  readonly region: string;
  /** The only interface endpoint allowed to invoke the API (`aws:SourceVpce`). */
  readonly sourceVpceId: string;
  /** Lambda proxied by `GET /`. */
  readonly functionName: string;
  readonly functionInvokeArn: string;
  /** @default "prod" */
  readonly stageName?: string;
}

/**
 * Builds the API's resource policy. Callers reach a private API unsigned (plain `curl`), so the principal must
 * be `*`; the boundary is the endpoint: Allow only with our `aws:SourceVpce`, and an explicit Deny for every
 * other source so a later broad Allow cannot widen it.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-vpc-endpoint-policies.html
 */
export function privateApiPolicy(sourceVpceId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowInvokeFromServiceEndpoint',
        Effect: 'Allow',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: 'execute-api:/*',
        Condition: { StringEquals: { 'aws:SourceVpce': sourceVpceId } },
      },
      {
        Sid: 'DenyInvokeFromAnywhereElse',
        Effect: 'Deny',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: 'execute-api:/*',
        Condition: { StringNotEquals: { 'aws:SourceVpce': sourceVpceId } },
      },
    ],
  });
}

/** A PRIVATE REST API: resource policy bound to one endpoint, `GET /` → Lambda proxy, one deployed stage. */
export class PrivateRestApi extends Construct {
  readonly restApiId: string;
  readonly executionArn: string;
  readonly stageName: string;
  /** `https://<api-id>.execute-api.<region>.amazonaws.com/<stage>`: resolves inside VPCs with private DNS. */
  readonly invokeUrl: string;

  constructor(scope: Construct, id: string, props: PrivateRestApiProps) {
    super(scope, id);
    const { provider } = props;
    const stageName = props.stageName ?? 'prod';

    const api = new ApiGatewayRestApi(this, 'RestApi', {
      provider,
      name: props.name,
      description: 'Private REST API shared with other AWS accounts',
      endpointConfiguration: { types: ['PRIVATE'] },
      policy: privateApiPolicy(props.sourceVpceId),
      tags: { Name: props.name },
    });

    const method = new ApiGatewayMethod(this, 'GetRoot', {
      provider,
      restApiId: api.id,
      resourceId: api.rootResourceId,
      httpMethod: 'GET',
      // Access control is the resource policy (source endpoint) on a PRIVATE API, not a caller identity.
      authorization: 'NONE',
    });

    const integration = new ApiGatewayIntegration(this, 'GetRootLambda', {
      provider,
      restApiId: api.id,
      resourceId: api.rootResourceId,
      httpMethod: method.httpMethod,
      type: 'AWS_PROXY',
      integrationHttpMethod: 'POST',
      uri: props.functionInvokeArn,
    });

    const deployment = new ApiGatewayDeployment(this, 'Deployment', {
      provider,
      restApiId: api.id,
      description: 'Managed by cdktf; replaced whenever the policy or a route changes',
      // A private API serves the policy of its last deployment: a policy change is invisible until redeployed.
      triggers: {
        redeployment: Fn.sha1(
          Fn.jsonencode([api.policy, method.id, method.authorization, integration.id, integration.uri]),
        ),
      },
      lifecycle: { createBeforeDestroy: true },
      dependsOn: [method, integration],
    });

    const stage = new ApiGatewayStage(this, 'Stage', {
      provider,
      restApiId: api.id,
      deploymentId: deployment.id,
      stageName,
      tags: { Name: `${props.name}-${stageName}` },
    });

    new LambdaPermission(this, 'InvokePermission', {
      provider,
      statementId: 'AllowPrivateApiGetRoot',
      action: 'lambda:InvokeFunction',
      functionName: props.functionName,
      principal: 'apigateway.amazonaws.com',
      // Only this API's GET / (any stage, so the console's test-invoke works too).
      sourceArn: `${api.executionArn}/*/GET/`,
    });

    this.restApiId = api.id;
    this.executionArn = api.executionArn;
    this.stageName = stage.stageName;
    this.invokeUrl = `https://${api.id}.execute-api.${props.region}.amazonaws.com/${stage.stageName}`;
  }
}
