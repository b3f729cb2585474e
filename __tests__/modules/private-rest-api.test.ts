import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { PrivateRestApi, PrivateRestApiProps } from '../../modules/private-rest-api';
import { ACCESS_LOG_FORMAT, ApiAccessLog } from '../../modules/api-access-log';
import { ApiGatewayAccount } from '../../modules/api-gateway-account';
import { allBlocks, blocksOf, synthModule } from '../synth-module';

type Options = Partial<Omit<PrivateRestApiProps, 'provider'>>;

/** The API's own inputs, the same in every case below. */
const API = {
  name: 'privapi-service-api',
  region: 'ap-northeast-1',
  sourceVpceId: 'vpce-0123456789abcdef0',
  functionName: 'privapi-service-api',
  functionInvokeArn: 'arn:aws:apigateway:ap-northeast-1:lambda:path/fn',
};

function synth(stageName?: string, options: Options = {}) {
  return synthModule((scope, provider) => {
    new PrivateRestApi(scope, 'PrivateApi', {
      provider,
      ...API,
      stageName,
      ...options,
    });
  });
}

/** The API with everything on: access logs to an ApiAccessLog group, execution logs, the account role managed. */
function synthObserved() {
  return synthModule((scope, provider) => {
    const account = new ApiGatewayAccount(scope, 'ApiGatewayAccount', { provider, name: 'privapi-apigw-cloudwatch' });
    const accessLog = new ApiAccessLog(scope, 'AccessLog', { provider, name: 'privapi-service-api' });
    new PrivateRestApi(scope, 'PrivateApi', {
      provider,
      ...API,
      accessLogDestinationArn: accessLog.logGroupArn,
      accessLogFormat: accessLog.format,
      executionLoggingLevel: 'ERROR',
      throttlingRateLimit: 50,
      throttlingBurstLimit: 80,
      stageDependsOn: [account.settings],
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
    allBlocks(synthObserved().parsed).forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });

  describe('observability defaults', () => {
    it('throttles every method at 100 rps, burst 200, with metrics on, execution logs and data trace off, no cache', () => {
      expect(json).toHaveResourceWithProperties(ApiGatewayMethodSettings, {
        method_path: '*/*',
        settings: {
          metrics_enabled: true,
          logging_level: 'OFF',
          data_trace_enabled: false,
          throttling_rate_limit: 100,
          throttling_burst_limit: 200,
          caching_enabled: false,
        },
      });
      const [settings] = blocksOf(parsed, 'aws_api_gateway_method_settings');
      expect(settings.stage_name).toMatch(/^\$\{aws_api_gateway_stage\.\w+\.stage_name\}$/);
    });

    it('writes no access log, creates no log group and waits for nothing', () => {
      const [stage] = blocksOf(parsed, 'aws_api_gateway_stage');
      expect(stage.access_log_settings).toBeUndefined();
      expect(stage.depends_on).toBeUndefined();
      expect(json).not.toHaveResource(CloudwatchLogGroup);
    });
  });

  describe('observability options', () => {
    const observed = synthObserved();

    it('sends access logs in the JSON format to the access log group', () => {
      const [stage] = blocksOf(observed.parsed, 'aws_api_gateway_stage');
      expect(stage.access_log_settings).toEqual({
        destination_arn: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.\w+\.arn\}$/),
        format: ACCESS_LOG_FORMAT,
      });
    });

    it('uses the default JSON format when given only a destination', () => {
      const onlyDestination = synth(undefined, { accessLogDestinationArn: 'arn:aws:logs:ap-northeast-1:111111111111:log-group:x' });
      expect(onlyDestination.json).toHaveResourceWithProperties(ApiGatewayStage, {
        access_log_settings: { destination_arn: 'arn:aws:logs:ap-northeast-1:111111111111:log-group:x', format: ACCESS_LOG_FORMAT },
      });
    });

    it('applies the configured throttling and execution log level', () => {
      const [settings] = blocksOf(observed.parsed, 'aws_api_gateway_method_settings');
      expect(settings.settings).toMatchObject({
        logging_level: 'ERROR',
        data_trace_enabled: false,
        metrics_enabled: true,
        throttling_rate_limit: 50,
        throttling_burst_limit: 80,
      });
    });

    it('creates the execution log group API Gateway writes to, with 365 days, before logging starts', () => {
      expect(observed.json).toHaveResourceWithProperties(CloudwatchLogGroup, {
        name: expect.stringMatching(/^API-Gateway-Execution-Logs_\$\{aws_api_gateway_rest_api\.\w+\.id\}\/prod$/),
        retention_in_days: 365,
      });
      const [settings] = blocksOf(observed.parsed, 'aws_api_gateway_method_settings');
      expect(settings.depends_on).toEqual(
        expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\.privateapi_executionloggroup/i)]),
      );
    });

    it('makes the stage and its method settings wait for the account CloudWatch role setting', () => {
      const [stage] = blocksOf(observed.parsed, 'aws_api_gateway_stage');
      const [settings] = blocksOf(observed.parsed, 'aws_api_gateway_method_settings');
      expect(stage.depends_on).toEqual([expect.stringMatching(/^aws_api_gateway_account\./)]);
      expect(settings.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_api_gateway_account\./)]));
    });

    it('can turn detailed metrics off', () => {
      const [settings] = blocksOf(synth(undefined, { metricsEnabled: false }).parsed, 'aws_api_gateway_method_settings');
      expect(settings.settings.metrics_enabled).toBe(false);
    });

    it('fails on throttling values API Gateway would refuse or that exceed the account quota', () => {
      expect(() => synth(undefined, { throttlingRateLimit: 0 })).toThrow(
        'PrivateRestApi: throttlingRateLimit received 0; expected a number of requests per second in (0, 10000]',
      );
      expect(() => synth(undefined, { throttlingBurstLimit: 2.5 })).toThrow(
        'PrivateRestApi: throttlingBurstLimit received 2.5; expected a whole number of requests in [1, 5000]',
      );
      expect(() => synth(undefined, { throttlingBurstLimit: 5001 })).toThrow('throttlingBurstLimit received 5001');
    });
  });
});

describe('PrivateRestApi from a definition', () => {
  const definition = {
    openapi: '3.0.1',
    info: { title: 'privapi-service-orders-api', version: '1' },
    paths: { '/orders': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: API.functionInvokeArn } } } },
  };
  const { json, parsed } = synth(undefined, { definition });
  const [api] = blocksOf(parsed, 'aws_api_gateway_rest_api');

  it('creates the API from the definition as its body, still PRIVATE and bound to the endpoint', () => {
    expect(JSON.parse(api.body)).toEqual(definition);
    expect(api.endpoint_configuration).toEqual({ types: ['PRIVATE'] });
    expect(JSON.parse(api.policy).Statement[0].Condition).toEqual({ StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } });
  });

  it('declares no method or integration resources of its own (the body holds them)', () => {
    expect(json).not.toHaveResource(ApiGatewayMethod);
    expect(json).not.toHaveResource(ApiGatewayIntegration);
    const [deployment] = blocksOf(parsed, 'aws_api_gateway_deployment');
    expect(deployment.depends_on).toBeUndefined();
  });

  it('redeploys when the policy or the body changes', () => {
    const [deployment] = blocksOf(parsed, 'aws_api_gateway_deployment');
    // The hash of what is sent (a local holding the policy and the body), not of the API's read-back attributes.
    const local = /^\$\{sha1\(jsonencode\(local\.(\w+)\)\)\}$/.exec(deployment.triggers.redeployment);
    expect(local).not.toBeNull();
    const [policy, body] = parsed.locals[local![1]];
    expect(JSON.parse(policy).Statement[0].Condition).toEqual({ StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } });
    expect(JSON.parse(body).paths['/orders'].get['x-amazon-apigateway-integration'].type).toBe('aws_proxy');
  });

  it('lets any route of this API (any stage, any method) invoke the function', () => {
    expect(json).toHaveResourceWithProperties(LambdaPermission, {
      statement_id: 'AllowPrivateApi',
      function_name: 'privapi-service-api',
      principal: 'apigateway.amazonaws.com',
      source_arn: expect.stringMatching(/^\$\{aws_api_gateway_rest_api\.\w+\.execution_arn\}\/\*\/\*$/),
    });
  });

  it('leaves the legacy mode without a body: GET / unsigned, permission on GET / only', () => {
    const legacy = synth().parsed;
    expect(blocksOf(legacy, 'aws_api_gateway_rest_api')[0].body).toBeUndefined();
    expect(blocksOf(legacy, 'aws_api_gateway_method').map((m) => [m.http_method, m.authorization])).toEqual([['GET', 'NONE']]);
    expect(blocksOf(legacy, 'aws_lambda_permission')[0].statement_id).toBe('AllowPrivateApiGetRoot');
  });
});

describe('PrivateRestApi with allowedPrincipals', () => {
  const principals = ['arn:aws:iam::222222222222:root', 'arn:aws:iam::111111111111:role/privapi-service-test-instance'];
  const [api] = blocksOf(synth(undefined, { allowedPrincipals: principals, definition: { openapi: '3.0.1', paths: {} } }).parsed, 'aws_api_gateway_rest_api');
  const [allow, deny] = JSON.parse(api.policy).Statement;

  it('allows only the named principals, through our endpoint', () => {
    expect(allow).toEqual({
      Sid: 'AllowInvokeFromServiceEndpoint',
      Effect: 'Allow',
      Principal: { AWS: principals },
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*',
      Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } },
    });
  });

  it('keeps the Deny for every other source endpoint, whoever the caller', () => {
    expect(deny).toEqual({
      Sid: 'DenyInvokeFromAnywhereElse',
      Effect: 'Deny',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*',
      Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } },
    });
  });

  it('admits any principal through the endpoint without it', () => {
    expect(JSON.parse(blocksOf(synth().parsed, 'aws_api_gateway_rest_api')[0].policy).Statement[0].Principal).toBe('*');
  });

  it('fails on "*" among the principals or on none', () => {
    expect(() => synth(undefined, { allowedPrincipals: ['arn:aws:iam::222222222222:root', '*'] })).toThrow(
      'privateApiPolicy: received principals ["arn:aws:iam::222222222222:root","*"]; expected IAM ARNs, never "*" or none',
    );
    expect(() => synth(undefined, { allowedPrincipals: [] })).toThrow('privateApiPolicy: received principals []; expected IAM ARNs, never "*" or none');
  });
});
