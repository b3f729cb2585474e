import { apiDefinition, SIGV4_SCHEME } from '../../modules/api-definition';

const INVOKE_ARN = 'arn:aws:apigateway:ap-northeast-1:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-northeast-1:111111111111:function:orders/invocations';
const PROXY = { type: 'aws_proxy', httpMethod: 'POST', uri: INVOKE_ARN, passthroughBehavior: 'when_no_match' };

describe('apiDefinition from routes', () => {
  const definition: any = apiDefinition({
    title: 'privapi-service-orders-api',
    routes: [
      { method: 'GET', path: '/orders' },
      { method: 'POST', path: '/orders' },
      { method: 'ANY', path: '/{proxy+}' },
      { method: 'GET', path: '/orders/{orderId}/items/{itemId}' },
    ],
    functionInvokeArn: INVOKE_ARN,
    iam: false,
  });

  it('is an OpenAPI 3 document titled as given, one path per route path and one operation per method', () => {
    expect(definition.openapi).toBe('3.0.1');
    expect(definition.info).toEqual({ title: 'privapi-service-orders-api', version: '1' });
    expect(Object.keys(definition.paths).sort()).toEqual(['/orders', '/orders/{orderId}/items/{itemId}', '/{proxy+}']);
    expect(Object.keys(definition.paths['/orders']).sort()).toEqual(['get', 'post']);
  });

  it('maps ANY to x-amazon-apigateway-any-method', () => {
    expect(Object.keys(definition.paths['/{proxy+}'])).toEqual(['x-amazon-apigateway-any-method']);
  });

  it('declares each path parameter (a greedy one by its name, without the +) as a required string', () => {
    expect(definition.paths['/{proxy+}']['x-amazon-apigateway-any-method'].parameters).toEqual([
      { name: 'proxy', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(definition.paths['/orders/{orderId}/items/{itemId}'].get.parameters.map((p: any) => p.name)).toEqual(['orderId', 'itemId']);
    expect(definition.paths['/orders'].get.parameters).toBeUndefined();
  });

  it('wires every operation to the function as a Lambda proxy (always POST), with no security', () => {
    for (const item of Object.values<any>(definition.paths)) {
      for (const operation of Object.values<any>(item)) {
        expect(operation['x-amazon-apigateway-integration']).toEqual(PROXY);
        expect(operation.security).toBeUndefined();
      }
    }
    expect(definition.components).toBeUndefined();
  });

  it('fails without a document and without routes', () => {
    expect(() => apiDefinition({ title: 'x-api', routes: [], functionInvokeArn: INVOKE_ARN, iam: false })).toThrow(
      'apiDefinition(x-api): expected a document or at least one route',
    );
  });
});

describe('apiDefinition from the team\'s document', () => {
  const MOCK = { type: 'mock', requestTemplates: { 'application/json': '{"statusCode": 200}' } };
  const document = {
    openapi: '3.0.1',
    info: { title: 'billing', version: '2.1' },
    paths: {
      '/invoices': { get: { responses: { '200': { description: 'ok' } } }, post: { 'x-amazon-apigateway-integration': MOCK } },
      '/status': { summary: 'not an operation', parameters: [] },
    },
    components: { securitySchemes: { own: { type: 'apiKey', name: 'x-api-key', in: 'header' } } },
  };
  const input = JSON.parse(JSON.stringify(document));
  const definition: any = apiDefinition({ title: 'privapi-service-billing-api', document: input, functionInvokeArn: INVOKE_ARN, iam: false });

  it('gives operations without an integration the Lambda proxy and keeps their responses', () => {
    expect(definition.paths['/invoices'].get['x-amazon-apigateway-integration']).toEqual(PROXY);
    expect(definition.paths['/invoices'].get.responses).toEqual({ '200': { description: 'ok' } });
  });

  it('keeps an operation\'s own integration and adds empty responses where it has none', () => {
    expect(definition.paths['/invoices'].post['x-amazon-apigateway-integration']).toEqual(MOCK);
    expect(definition.paths['/invoices'].post.responses).toEqual({});
  });

  it('leaves path-item keys that are not operations alone', () => {
    expect(definition.paths['/status']).toEqual({ summary: 'not an operation', parameters: [] });
  });

  it('takes the given title (the REST API name) and keeps the document\'s version and components', () => {
    expect(definition.info).toEqual({ title: 'privapi-service-billing-api', version: '2.1' });
    expect(definition.components).toEqual(document.components);
  });

  it('does not mutate the input document', () => {
    expect(input).toEqual(document);
    apiDefinition({ title: 't', document: input, functionInvokeArn: INVOKE_ARN, iam: true });
    expect(input).toEqual(document);
  });
});

describe('apiDefinition with iam', () => {
  const SIGV4 = { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' };

  it('adds the sigv4 scheme and requires it on every generated operation', () => {
    const definition: any = apiDefinition({
      title: 'orders-api',
      routes: [{ method: 'GET', path: '/' }, { method: 'ANY', path: '/{proxy+}' }],
      functionInvokeArn: INVOKE_ARN,
      iam: true,
    });
    expect(SIGV4_SCHEME).toBe('sigv4');
    expect(definition.components.securitySchemes).toEqual({ sigv4: SIGV4 });
    expect(definition.paths['/'].get.security).toEqual([{ sigv4: [] }]);
    expect(definition.paths['/{proxy+}']['x-amazon-apigateway-any-method'].security).toEqual([{ sigv4: [] }]);
  });

  it('overrides a document\'s own security on every operation and keeps its other schemes', () => {
    const definition: any = apiDefinition({
      title: 'billing-api',
      document: {
        openapi: '3.0.1',
        paths: { '/a': { get: { security: [] }, put: { security: [{ own: [] }], 'x-amazon-apigateway-integration': { type: 'mock' } } } },
        components: { securitySchemes: { own: { type: 'apiKey', name: 'k', in: 'header' } } },
      },
      functionInvokeArn: INVOKE_ARN,
      iam: true,
    });
    expect(definition.paths['/a'].get.security).toEqual([{ sigv4: [] }]);
    expect(definition.paths['/a'].put.security).toEqual([{ sigv4: [] }]);
    expect(Object.keys(definition.components.securitySchemes).sort()).toEqual(['own', 'sigv4']);
    expect(definition.components.securitySchemes.sigv4).toEqual(SIGV4);
  });
});
