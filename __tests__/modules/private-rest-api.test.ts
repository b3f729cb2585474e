import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { PrivateRestApi } from '../../modules/private-rest-api';
import { allBlocks, blocksOf, synthModule } from '../synth-module';

function synth(stageName?: string) {
  return synthModule((scope, provider) => {
    new PrivateRestApi(scope, 'PrivateApi', {
      provider,
      name: 'privapi-service-api',
      region: 'ap-northeast-1',
      sourceVpceId: 'vpce-0123456789abcdef0',
      functionName: 'privapi-service-api',
      functionInvokeArn: 'arn:aws:apigateway:ap-northeast-1:lambda:path/fn',
      stageName,
    });
  });
}

describe('PrivateRestApi', () => {
  const { json, parsed } = synth();
  const [api] = blocksOf(parsed, 'aws_api_gateway_rest_api');

  it('is a PRIVATE API', () => {
    expect(json).toHaveResourceWithProperties(ApiGatewayRestApi, { endpoint_configuration: { types: ['PRIVATE'] } });
  });

  it('allows execute-api:Invoke only through our endpoint and denies every other source', () => {
    const policy = JSON.parse(api.policy);
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'execute-api:Invoke',
        Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } },
      }),
      expect.objectContaining({
        Effect: 'Deny',
        Action: 'execute-api:Invoke',
        Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } },
      }),
    ]);
  });

  it('routes GET / to the Lambda through a proxy integration', () => {
    expect(json).toHaveResourceWithProperties(ApiGatewayMethod, { http_method: 'GET', authorization: 'NONE' });
    expect(json).toHaveResourceWithProperties(ApiGatewayIntegration, {
      type: 'AWS_PROXY',
      integration_http_method: 'POST',
      uri: 'arn:aws:apigateway:ap-northeast-1:lambda:path/fn',
    });
    const [method] = blocksOf(parsed, 'aws_api_gateway_method');
    expect(method.resource_id).toMatch(/aws_api_gateway_rest_api\.\w+\.root_resource_id/);
  });

  it('redeploys when the policy or the route changes, creating the new deployment first', () => {
    const [deployment] = blocksOf(parsed, 'aws_api_gateway_deployment');
    expect(deployment.triggers.redeployment).toMatch(/^\$\{sha1\(jsonencode\(\[aws_api_gateway_rest_api\.\w+\.policy, /);
    expect(deployment.triggers.redeployment).toContain('aws_api_gateway_integration.');
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
  });

  it('deploys stage "prod" by default and the configured name otherwise', () => {
    expect(json).toHaveResourceWithProperties(ApiGatewayStage, { stage_name: 'prod' });
    expect(synth('v1').json).toHaveResourceWithProperties(ApiGatewayStage, { stage_name: 'v1' });
  });

  it('lets only this API\'s GET / invoke the function', () => {
    expect(json).toHaveResourceWithProperties(LambdaPermission, {
      action: 'lambda:InvokeFunction',
      principal: 'apigateway.amazonaws.com',
      function_name: 'privapi-service-api',
      source_arn: expect.stringMatching(/^\$\{aws_api_gateway_rest_api\.\w+\.execution_arn\}\/\*\/GET\/$/),
    });
  });

  it('uses the given provider on every resource', () => {
    allBlocks(parsed).forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });
});
