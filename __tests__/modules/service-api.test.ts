import { buildServiceApi, ServiceApi, ServiceApiProps } from '../../modules/service-api';
import { allBlocks, blocksOf, synthModule } from '../synth-module';

type Options = Partial<Omit<ServiceApiProps, 'provider'>>;

const BASE = {
  name: 'privapi-service-orders',
  region: 'ap-northeast-1',
  sourceVpceId: 'vpce-0123456789abcdef0',
  stageName: 'prod',
  throttlingRateLimit: 100,
  throttlingBurstLimit: 200,
};

function synthItem(options: Options = {}) {
  return synthModule((scope, provider) => {
    new ServiceApi(scope, 'Api-orders', { provider, ...BASE, ...options });
  });
}

describe('ServiceApi (one API of apis)', () => {
  const { parsed } = synthItem({ routes: [{ method: 'GET', path: '/orders' }] });

  it('puts every block under the API\'s construct: addresses Api-<name>_…', () => {
    const blocks = allBlocks(parsed);
    expect(blocks.length).toBeGreaterThan(5);
    blocks.forEach(([type, name]) => expect([type, name]).toEqual([type, expect.stringMatching(/^Api-orders_/)]));
    expect(Object.keys(parsed.resource.aws_api_gateway_rest_api)).toEqual([expect.stringMatching(/^Api-orders_PrivateApi_RestApi_/)]);
    expect(Object.keys(parsed.resource.aws_lambda_function)).toEqual([expect.stringMatching(/^Api-orders_ApiFunction_[0-9A-F]+$/)]);
  });

  it('names the function and the REST API <name>-api and builds the API from its routes, wired to that function', () => {
    const [api] = blocksOf(parsed, 'aws_api_gateway_rest_api');
    const [fn] = blocksOf(parsed, 'aws_lambda_function');
    expect([api.name, fn.function_name]).toEqual(['privapi-service-orders-api', 'privapi-service-orders-api']);
    const body = JSON.parse(api.body);
    expect(body.info.title).toBe('privapi-service-orders-api');
    expect(body.paths['/orders'].get['x-amazon-apigateway-integration'].uri).toMatch(/^\$\{aws_lambda_function\.Api-orders_ApiFunction_[0-9A-F]+\.invoke_arn\}$/);
    expect(body.paths['/orders'].get.security).toBeUndefined();
    expect(JSON.parse(api.policy).Statement[0].Principal).toBe('*');
  });

  it('with iamPrincipals: SigV4 on every operation and the principals in the policy', () => {
    const principals = ['arn:aws:iam::222222222222:root'];
    const [api] = blocksOf(synthItem({ routes: [{ method: 'ANY', path: '/{proxy+}' }], iamPrincipals: principals }).parsed, 'aws_api_gateway_rest_api');
    const body = JSON.parse(api.body);
    expect(body.paths['/{proxy+}']['x-amazon-apigateway-any-method'].security).toEqual([{ sigv4: [] }]);
    expect(JSON.parse(api.policy).Statement[0].Principal).toEqual({ AWS: principals });
  });

  it('without routes or document: the Hello API\'s GET / method, no body', () => {
    const hello = synthItem().parsed;
    expect(blocksOf(hello, 'aws_api_gateway_rest_api')[0].body).toBeUndefined();
    expect(blocksOf(hello, 'aws_api_gateway_method').map((m) => m.http_method)).toEqual(['GET']);
  });

  it('fails with iamPrincipals but neither routes nor a document', () => {
    expect(() => synthItem({ iamPrincipals: ['arn:aws:iam::222222222222:root'] })).toThrow(
      'ServiceApi privapi-service-orders: IAM authorization needs routes or a document (the Hello API\'s GET / is unsigned)',
    );
  });
});

describe('buildServiceApi in a stack (the default API)', () => {
  const { parsed } = synthModule((scope, provider) => {
    buildServiceApi(scope, { provider, ...BASE, name: 'privapi-service' });
  });

  it('keeps the top-level addresses the API always had', () => {
    expect(Object.keys(parsed.resource.aws_api_gateway_rest_api)).toEqual([expect.stringMatching(/^PrivateApi_RestApi_/)]);
    expect(Object.keys(parsed.resource.aws_api_gateway_method)).toEqual([expect.stringMatching(/^PrivateApi_GetRoot_/)]);
    expect(Object.keys(parsed.resource.aws_lambda_function)).toEqual([expect.stringMatching(/^ApiFunction_[0-9A-F]+$/)]);
    allBlocks(parsed).forEach(([type, name]) => expect([type, name]).toEqual([type, expect.not.stringMatching(/^Api-/)]));
  });
});
