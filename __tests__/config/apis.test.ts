import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { zipSync } from 'fflate';
import { scratchDir } from '../scratch';
import { ApiConfig, AppConfig, CONFIG_ENV_VAR, ConfigError, DEFAULT_CONFIG_INPUT, deepMerge, loadConfig, parseConfig } from '../../config';

/** A directory with function code, a .zip, and OpenAPI documents; the base of relative paths in these tests. */
const base = scratchDir('apis');
mkdirSync(path.join(base, 'orders'));
writeFileSync(path.join(base, 'orders', 'index.js'), 'exports.handler = async () => ({ statusCode: 200 });');
// The handler's file for every runtime family that has one (the handler check of each is in function-source.test.ts).
writeFileSync(path.join(base, 'orders', 'index.py'), 'def handler(event, context):\n    return {}\n');
writeFileSync(path.join(base, 'orders', 'index.rb'), 'def handler(event:, context:) = {}\n');
writeFileSync(path.join(base, 'orders', 'bootstrap'), '#!/bin/sh\n', { mode: 0o755 });
writeFileSync(path.join(base, 'billing.zip'), zipSync({ 'app.py': new TextEncoder().encode('def handler(event, context):\n    return {}\n') }));
writeFileSync(path.join(base, 'handler.js'), '');

const OPENAPI = { openapi: '3.0.1', info: { title: 'billing', version: '1' }, paths: { '/invoices': { get: {} } } };
const BILLING_YAML = `openapi: 3.0.1
info:
  title: billing
  version: "1"
paths:
  /invoices:
    get:
      x-amazon-apigateway-integration:
        type: mock
`;
writeFileSync(path.join(base, 'billing.yaml'), BILLING_YAML);
writeFileSync(path.join(base, 'billing.json'), JSON.stringify(OPENAPI));

function openApiFile(name: string, content: unknown): string {
  writeFileSync(path.join(base, name), typeof content === 'string' ? content : JSON.stringify(content));
  return `./${name}`;
}

const ownCode = { source: './orders' };

/** The default config with `apis` (and `override`) merged over it, paths relative to `base`. */
function withApis(apis: unknown[], override: Record<string, unknown> = {}): AppConfig {
  return parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, { ...override, apis }), 'test configuration', base);
}

function api(entry: Record<string, unknown>, override: Record<string, unknown> = {}): ApiConfig {
  return withApis([{ name: 'orders', ...entry }], override).apis![0];
}

function errorFor(apis: unknown[], override: Record<string, unknown> = {}): string {
  try {
    withApis(apis, override);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(apis)} to be rejected`);
}

const apiError = (entry: Record<string, unknown>, override: Record<string, unknown> = {}): string =>
  errorFor([{ name: 'orders', ...entry }], override);

describe('apis: compliant', () => {
  it('leaves a config without apis exactly as before', () => {
    const config = parseConfig(DEFAULT_CONFIG_INPUT);
    expect('apis' in config).toBe(false);
    expect(config).toStrictEqual({
      region: 'ap-northeast-1',
      namePrefix: 'privapi',
      azIds: ['apne1-az1', 'apne1-az4'],
      service: { accountId: '111111111111', vpcCidr: '10.0.0.0/16', stageName: 'prod', testInstance: true, privateDns: true },
      customers: [{ ...DEFAULT_CONFIG_INPUT.customers[0] }],
      backend: { type: 'local' },
      observability: { accessLogs: false, manageAccountLoggingRole: false, throttling: { rateLimit: 100, burstLimit: 200 } },
    });
  });

  it('fills the defaults for own code: proxy routes, function defaults, check without body, inherited stage and throttling', () => {
    const config = withApis([{ name: 'orders', function: ownCode }], {
      service: { stageName: 'v1' },
      observability: { throttling: { rateLimit: 50, burstLimit: 80 } },
    });
    expect(config.apis).toStrictEqual([
      {
        name: 'orders',
        stageName: 'v1',
        function: {
          source: './orders',
          sourcePath: path.join(base, 'orders'),
          sourceType: 'directory',
          package: expect.objectContaining({ files: ['bootstrap', 'index.js', 'index.py', 'index.rb'] }),
          handler: 'index.handler',
          runtime: 'python3.12',
          memorySize: 128,
          timeout: 5,
          architecture: 'x86_64',
          environment: {},
          inVpc: true,
        },
        routes: [
          { method: 'ANY', path: '/' },
          { method: 'ANY', path: '/{proxy+}' },
        ],
        authorization: 'none',
        check: { path: '/', status: 200 },
        throttling: { rateLimit: 50, burstLimit: 80 },
      },
    ]);
  });

  it('fills the defaults for the Hello Lambda: GET / and its greeting as the check', () => {
    expect(api({})).toStrictEqual({
      name: 'orders',
      stageName: 'prod',
      routes: [{ method: 'GET', path: '/' }],
      authorization: 'none',
      check: { path: '/', status: 200, body: 'Hello from Lambda' },
      throttling: { rateLimit: 100, burstLimit: 200 },
    });
  });

  it('parses the contract example', () => {
    const config = withApis([
      {
        name: 'orders',
        stageName: 'prod',
        function: {
          source: './orders',
          handler: 'index.handler',
          runtime: 'nodejs22.x',
          memorySize: 256,
          timeout: 10,
          architecture: 'arm64',
          environment: { TABLE: 'orders' },
          inVpc: false,
        },
        routes: ['ANY /', 'ANY /{proxy+}'],
        customDomain: { name: 'orders.hoge.co.jp', validationZoneId: 'Z0123456789ABCDEFGHIJ' },
        authorization: 'iam',
        consumers: ['customer'],
        check: { path: '/health', status: 200, body: 'ok' },
        throttling: { rateLimit: 100, burstLimit: 200 },
      },
      { name: 'billing', openApi: './billing.yaml', function: { source: './billing.zip', handler: 'app.handler', runtime: 'python3.12' } },
    ]);
    const [orders, billing] = config.apis!;
    expect(orders).toMatchObject({
      function: { runtime: 'nodejs22.x', memorySize: 256, timeout: 10, architecture: 'arm64', environment: { TABLE: 'orders' }, inVpc: false },
      customDomain: { name: 'orders.hoge.co.jp', validationZoneId: 'Z0123456789ABCDEFGHIJ' },
      authorization: 'iam',
      consumers: ['customer'],
      check: { path: '/health', status: 200, body: 'ok' },
    });
    expect(billing.function).toMatchObject({ source: './billing.zip', sourcePath: path.join(base, 'billing.zip'), sourceType: 'zip', handler: 'app.handler' });
    expect(billing.routes).toEqual([]);
    expect(billing.openApi).toEqual({ file: './billing.yaml', path: path.join(base, 'billing.yaml'), document: expect.objectContaining({ openapi: '3.0.1' }) });
  });

  it('parses OpenAPI in YAML and in JSON, by extension or by content', () => {
    const yamlDoc = api({ openApi: './billing.yaml' }).openApi!.document;
    expect(yamlDoc).toEqual({ ...OPENAPI, paths: { '/invoices': { get: { 'x-amazon-apigateway-integration': { type: 'mock' } } } } });
    expect(api({ openApi: './billing.json' }).openApi!.document).toEqual(OPENAPI);
    expect(api({ openApi: openApiFile('billing.openapi', OPENAPI) }).openApi!.document).toEqual(OPENAPI);
    expect(api({ openApi: openApiFile('billing-yaml.openapi', BILLING_YAML) }).openApi!.document).toEqual(yamlDoc);
  });

  it('loads the YAML parser only for a YAML file', () => {
    jest.doMock('yaml', () => {
      throw new Error('the YAML parser was loaded');
    });
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const isolated = require('../../config') as typeof import('../../config');
        const parse = (openApi: string) => isolated.parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, { apis: [{ name: 'b', openApi }] }), 'test configuration', base);
        expect(() => isolated.loadConfig({})).not.toThrow();
        expect(() => parse('./billing.json')).not.toThrow();
        expect(() => parse('./billing.yaml')).toThrow('the YAML parser was loaded');
      });
    } finally {
      jest.dontMock('yaml');
    }
  });

  it('accepts any integration type in an operation', () => {
    const doc = { ...OPENAPI, paths: { '/x': { post: { 'x-amazon-apigateway-integration': { type: 'aws', uri: 'arn:aws:apigateway:…' } } } } };
    expect(() => api({ openApi: openApiFile('aws-integration.json', doc) })).not.toThrow();
  });

  it('resolves paths relative to the config file, not the working directory', () => {
    const file = path.join(base, 'config.json');
    writeFileSync(file, JSON.stringify({ apis: [{ name: 'orders', function: ownCode, openApi: './billing.json' }] }));
    const cwd = process.cwd();
    process.chdir(scratchDir('elsewhere'));
    try {
      const [orders] = loadConfig({ [CONFIG_ENV_VAR]: file }).apis!;
      expect(orders.function).toMatchObject({ source: './orders', sourcePath: path.join(base, 'orders') });
      expect(orders.openApi!.path).toBe(path.join(base, 'billing.json'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('parses routes into method and path, literal, {param} and a final greedy segment', () => {
    expect(api({ routes: ['GET /orders', 'POST /orders/{id}/items', 'OPTIONS /files/{path+}', 'HEAD /v1.2/a_b~c-d'] }).routes).toEqual([
      { method: 'GET', path: '/orders' },
      { method: 'POST', path: '/orders/{id}/items' },
      { method: 'OPTIONS', path: '/files/{path+}' },
      { method: 'HEAD', path: '/v1.2/a_b~c-d' },
    ]);
  });

  it('merges a partial throttling over observability.throttling and a partial check over its field defaults', () => {
    expect(api({ throttling: { rateLimit: 10 }, check: { path: '/health' } }, { observability: { throttling: { burstLimit: 20 } } })).toMatchObject({
      throttling: { rateLimit: 10, burstLimit: 20 },
      check: { path: '/health', status: 200 },
    });
  });
});

describe('apis: validation', () => {
  it('fails on an empty list', () => {
    expect(errorFor([])).toContain('apis: received []; expected at least one API (omit apis for the bundled Hello API)');
  });

  it('fails on more than 10 APIs', () => {
    const apis = Array.from({ length: 11 }, (_, i) => ({ name: `api${i}` }));
    expect(errorFor(apis)).toContain('apis: received [');
    expect(errorFor(apis)).toContain('expected at most 10 APIs');
  });

  it('fails on a name that is not lower-case kebab', () => {
    expect(errorFor([{ name: 'Orders_API' }])).toContain('apis[0].name: received "Orders_API"; expected a lower-case kebab-case name like orders or billing-v2');
  });

  it('fails on a name too long for IAM role names', () => {
    expect(errorFor([{ name: 'a'.repeat(21) }])).toContain(`apis[0].name: received "${'a'.repeat(21)}"; expected at most 20 characters (IAM role names`);
  });

  it('fails on a duplicate name, naming the earlier entry', () => {
    expect(errorFor([{ name: 'orders' }, { name: 'billing' }, { name: 'orders' }])).toContain(
      'apis[2].name: received "orders"; expected a unique name; apis[0] already uses it',
    );
  });

  it('fails on a bad stage name', () => {
    expect(apiError({ stageName: 'v 1' })).toContain('apis[0].stageName: received "v 1"; expected a stage name of letters, digits, - and _');
  });

  it('fails on an unknown key in an API, its function, check and throttling', () => {
    const message = apiError({ function: { ...ownCode, memory: 1 }, check: { code: 200 }, throttling: { rate: 1 }, route: [] });
    expect(message).toContain('apis[0].route: unknown key');
    expect(message).toContain('apis[0].function.memory: unknown key');
    expect(message).toContain('apis[0].check.code: unknown key');
    expect(message).toContain('apis[0].throttling.rate: unknown key');
  });

  describe('function', () => {
    const fn = (extra: Record<string, unknown>): string => apiError({ function: { ...ownCode, ...extra } });

    it('fails without a source', () => {
      expect(apiError({ function: { handler: 'index.handler' } })).toContain('apis[0].function.source: missing; this field is required (expected a string)');
    });

    it('fails on a missing source path, naming the resolved path', () => {
      expect(fn({ source: './nowhere' })).toContain(
        `apis[0].function.source: received "./nowhere" (resolved to ${path.join(base, 'nowhere')}); expected an existing directory of function code or a .zip file`,
      );
    });

    it('fails on a source that is a file but not a .zip', () => {
      expect(fn({ source: './handler.js' })).toContain(
        `apis[0].function.source: received "./handler.js" (resolved to ${path.join(base, 'handler.js')}); expected an existing directory of function code or a .zip file`,
      );
    });

    it('fails on a handler with spaces', () => {
      expect(fn({ handler: 'index handler' })).toContain('apis[0].function.handler: received "index handler"; expected a handler like index.handler');
    });

    it('fails on a deprecated runtime, naming its replacement', () => {
      expect(fn({ runtime: 'nodejs20.x' })).toContain('apis[0].function.runtime: received "nodejs20.x"; expected a supported runtime: AWS Lambda has deprecated nodejs20.x; use nodejs22.x');
      expect(fn({ runtime: 'python3.9' })).toContain('use python3.13');
      expect(fn({ runtime: 'go1.x' })).toContain('use provided.al2023');
      expect(fn({ runtime: 'java8.al2' })).toContain('use java21');
      expect(fn({ runtime: 'dotnet6' })).toContain('use dotnet8');
      expect(fn({ runtime: 'ruby3.2' })).toContain('use ruby3.4');
    });

    it('fails on a runtime the pinned provider does not know yet, naming the closest accepted one', () => {
      expect(fn({ runtime: 'nodejs24.x' })).toContain(
        'apis[0].function.runtime: received "nodejs24.x"; expected a runtime the pinned provider (hashicorp/aws 5.100.0) accepts: it rejects nodejs24.x; use nodejs22.x',
      );
      expect(fn({ runtime: 'python3.14' })).toContain('use python3.13');
      expect(fn({ runtime: 'java25' })).toContain('use java21');
      expect(fn({ runtime: 'dotnet10' })).toContain('use dotnet8');
    });

    it('fails on an unknown runtime, listing the accepted ones', () => {
      expect(fn({ runtime: 'cobol85' })).toContain(
        'apis[0].function.runtime: received "cobol85"; expected one of nodejs22.x, python3.11, python3.12, python3.13, java17, java21, dotnet8, ruby3.3, ruby3.4, provided.al2023',
      );
    });

    it('accepts every supported runtime', () => {
      for (const runtime of ['nodejs22.x', 'python3.11', 'python3.13', 'java17', 'java21', 'dotnet8', 'ruby3.3', 'ruby3.4', 'provided.al2023']) {
        expect(api({ function: { ...ownCode, runtime } }).function!.runtime).toBe(runtime);
      }
    });

    it('fails on a memory size outside 128..10240 MB or not whole', () => {
      expect(fn({ memorySize: 64 })).toContain('apis[0].function.memorySize: received 64; expected at least 128 MB');
      expect(fn({ memorySize: 20000 })).toContain('apis[0].function.memorySize: received 20000; expected at most 10240 MB');
      expect(fn({ memorySize: 256.5 })).toContain('apis[0].function.memorySize: received 256.5; expected a whole number of MB');
    });

    it("fails on a timeout above API Gateway's 29 s integration limit", () => {
      expect(fn({ timeout: 30 })).toContain(
        "apis[0].function.timeout: received 30; expected at most 29 seconds: 29 s is API Gateway's integration timeout limit for REST APIs",
      );
    });

    it('fails on a timeout below 1 s or not whole', () => {
      expect(fn({ timeout: 0 })).toContain('apis[0].function.timeout: received 0; expected at least 1 second');
      expect(fn({ timeout: 1.5 })).toContain('apis[0].function.timeout: received 1.5; expected a whole number of seconds');
    });

    it('fails on an unknown architecture', () => {
      expect(fn({ architecture: 'arm' })).toContain('apis[0].function.architecture: received "arm"; expected one of "x86_64", "arm64"');
    });

    it('fails on an environment variable name that is not an identifier', () => {
      expect(fn({ environment: { 'TABLE-NAME': 'orders' } })).toContain(
        'apis[0].function.environment.TABLE-NAME: received "orders"; expected a variable name of letters, digits and _, starting with a letter',
      );
    });

    it('fails on an environment variable reserved by Lambda', () => {
      expect(fn({ environment: { AWS_REGION: 'us-east-1' } })).toContain(
        'apis[0].function.environment.AWS_REGION: received "us-east-1"; expected a name that Lambda does not reserve (AWS_*',
      );
    });

    it('fails on an environment value that is not a string', () => {
      expect(fn({ environment: { PORT: 8080 } })).toContain('apis[0].function.environment.PORT: received 8080; expected a string value');
    });

    it('fails on a non-boolean inVpc', () => {
      expect(fn({ inVpc: 'no' })).toContain('apis[0].function.inVpc: received "no"; expected true or false');
    });
  });

  describe('routes', () => {
    it('fails on an unknown method', () => {
      expect(apiError({ routes: ['FETCH /'] })).toContain(
        'apis[0].routes[0]: received "FETCH /"; expected "METHOD /path" with METHOD one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY',
      );
    });

    it('fails on a route without a method', () => {
      expect(apiError({ routes: ['/orders'] })).toContain('apis[0].routes[0]: received "/orders"; expected "METHOD /path"');
    });

    it('fails on a bad path: trailing slash, no leading slash, empty segment, bad characters, greedy segment not last', () => {
      for (const bad of ['GET /orders/', 'GET orders', 'GET //x', 'GET /a b', 'GET /a?b', 'GET /{proxy+}/x', 'GET /{a-b}']) {
        expect(apiError({ routes: [bad] })).toContain(
          `apis[0].routes[0]: received ${JSON.stringify(bad)}; expected a path of /-separated segments: literal (letters, digits, . _ ~ -), {param} or a final {name+}; no trailing slash`,
        );
      }
    });

    it('fails on a duplicate route', () => {
      expect(apiError({ routes: ['GET /', 'POST /', 'GET /'] })).toContain('apis[0].routes[2]: received "GET /"; expected a unique route; routes[0] is the same');
    });

    it('fails on routes together with openApi', () => {
      expect(apiError({ routes: ['GET /'], openApi: './billing.json' })).toContain(
        'apis[0].routes: received ["GET /"]; expected routes or openApi, not both: openApi replaces routes',
      );
    });
  });

  describe('openApi', () => {
    it('fails on a missing file, naming the resolved path', () => {
      expect(apiError({ openApi: './missing.yaml' })).toContain(
        `apis[0].openApi: received "./missing.yaml" (resolved to ${path.join(base, 'missing.yaml')}); expected a readable OpenAPI 3 file, JSON or YAML (ENOENT)`,
      );
    });

    it('fails on a file that does not parse, with the parser message', () => {
      const json = openApiFile('broken.json', '{ "openapi": ');
      expect(apiError({ openApi: json })).toContain(
        `apis[0].openApi: received "./broken.json" (resolved to ${path.join(base, 'broken.json')}); expected an OpenAPI 3 document in JSON or YAML; it does not parse (`,
      );
      expect(apiError({ openApi: json })).toMatch(/does not parse \(.*JSON/);
      const yaml = openApiFile('broken.yaml', 'openapi: 3.0.1\npaths: [unclosed\n');
      expect(apiError({ openApi: yaml })).toMatch(/apis\[0\]\.openApi: received "\.\/broken\.yaml" .*it does not parse \(.+\)/);
    });

    it('fails on a document that is not OpenAPI 3', () => {
      expect(apiError({ openApi: openApiFile('swagger.json', { swagger: '2.0', paths: {} }) })).toContain(
        `apis[0].openApi: received "./swagger.json" (resolved to ${path.join(base, 'swagger.json')}); expected an OpenAPI 3 document ("openapi": "3.x"); found no "openapi" key`,
      );
      expect(apiError({ openApi: openApiFile('v3-number.yaml', 'openapi: 3.0\npaths: {}\n') })).toContain('found "openapi": 3');
      expect(apiError({ openApi: openApiFile('list.json', []) })).toContain('expected an OpenAPI 3 document (an object at the top level)');
    });

    it('fails on a document without paths', () => {
      expect(apiError({ openApi: openApiFile('no-paths.json', { openapi: '3.0.1', info: {} }) })).toContain(
        'apis[0].openApi: received "./no-paths.json" (resolved to',
      );
      expect(apiError({ openApi: openApiFile('no-paths.json', { openapi: '3.0.1', info: {} }) })).toContain('expected an OpenAPI 3 document with "paths"');
    });

    it('fails on a document that sets the resource policy', () => {
      expect(apiError({ openApi: openApiFile('policy.json', { ...OPENAPI, 'x-amazon-apigateway-policy': {} }) })).toContain(
        "apis[0].openApi: received \"./policy.json\" (resolved to " +
          `${path.join(base, 'policy.json')}); expected no top-level x-amazon-apigateway-policy: the product owns the resource policy that binds the API to the service's endpoint`,
      );
    });

    it('fails on a document that sets the endpoint configuration', () => {
      expect(apiError({ openApi: openApiFile('endpoint.json', { ...OPENAPI, 'x-amazon-apigateway-endpoint-configuration': { types: ['REGIONAL'] } }) })).toContain(
        'expected no top-level x-amazon-apigateway-endpoint-configuration: the product makes the API PRIVATE',
      );
    });
  });

  describe('customDomain', () => {
    const domain = (name: string) => ({ name, validationZoneId: 'Z0123456789ABCDEFGHIJ' });

    it('fails on the top-level customDomain together with apis', () => {
      expect(errorFor([{ name: 'orders' }], { customDomain: domain('api.hoge.co.jp') })).toContain(
        'customDomain: received {"name":"api.hoge.co.jp","validationZoneId":"Z0123456789ABCDEFGHIJ"}; expected no top-level customDomain: with apis, each API names its own customDomain',
      );
    });

    it('fails on the same domain for two APIs, at the second', () => {
      expect(errorFor([{ name: 'orders', customDomain: domain('api.hoge.co.jp') }, { name: 'billing', customDomain: domain('api.hoge.co.jp') }])).toContain(
        'apis[1].customDomain.name: received "api.hoge.co.jp"; expected a unique name; apis[0].customDomain already uses it',
      );
    });

    it("fails on the name a PrivateLink customer's endpoint record already uses", () => {
      expect(apiError({ customDomain: domain('vpce.hoge.co.jp') })).toContain(
        "apis[0].customDomain.name: received \"vpce.hoge.co.jp\"; expected a name other than customers[0]'s record vpce.hoge.co.jp",
      );
    });

    it('fails on a certificate of another region, like the top-level customDomain', () => {
      const certificateArn = 'arn:aws:acm:us-east-1:111111111111:certificate/0f0e0d0c-1111-2222-3333-444455556666';
      expect(apiError({ customDomain: { name: 'api.hoge.co.jp', certificateArn } })).toContain(
        `apis[0].customDomain.certificateArn: received "${certificateArn}"; expected a certificate in the API's region ap-northeast-1`,
      );
    });

    it('fails on a field of the customDomain schema', () => {
      expect(apiError({ customDomain: { name: '*.hoge.co.jp', validationZoneId: 'Z0123456789' } })).toContain(
        'apis[0].customDomain.name: received "*.hoge.co.jp"; expected a name without a wildcard',
      );
    });
  });

  describe('authorization and consumers', () => {
    it('fails on an unknown authorization', () => {
      expect(apiError({ authorization: 'cognito' })).toContain('apis[0].authorization: received "cognito"; expected one of "none", "iam"');
    });

    it('fails on consumers without authorization "iam"', () => {
      expect(apiError({ consumers: ['customer'] })).toContain(
        'apis[0].consumers: received ["customer"]; expected no consumers with authorization "none": a restriction to some consumers cannot be enforced without authorization "iam": over PrivateLink every consumer\'s traffic arrives through the same endpoint',
      );
    });

    it('fails on a consumer that is not a customer, listing the known ones', () => {
      expect(apiError({ authorization: 'iam', consumers: ['customer', 'acme'] })).toContain(
        'apis[0].consumers[1]: received "acme"; expected the name of a customer (one of "customer"); no customer is named "acme"',
      );
    });

    it('fails on a duplicate consumer', () => {
      expect(apiError({ authorization: 'iam', consumers: ['customer', 'customer'] })).toContain(
        'apis[0].consumers[1]: received "customer"; expected a unique name; consumers[0] already names it',
      );
    });

    it('fails on an empty consumers list', () => {
      expect(apiError({ authorization: 'iam', consumers: [] })).toContain('apis[0].consumers: received []; expected at least one customer name (omit consumers to allow every customer)');
    });
  });

  describe('check', () => {
    it('fails on a path that does not start with /', () => {
      expect(apiError({ check: { path: 'health' } })).toContain('apis[0].check.path: received "health"; expected a path starting with /');
    });

    it('fails on a status outside 100..599', () => {
      expect(apiError({ check: { status: 99 } })).toContain('apis[0].check.status: received 99; expected an HTTP status code from 100 to 599');
      expect(apiError({ check: { status: 600 } })).toContain('apis[0].check.status: received 600; expected an HTTP status code from 100 to 599');
    });

    it('fails on an empty body', () => {
      expect(apiError({ check: { body: '' } })).toContain('apis[0].check.body: received ""; expected a non-empty string');
    });
  });

  describe('throttling', () => {
    it('fails on limits outside the bounds of observability.throttling', () => {
      expect(apiError({ throttling: { rateLimit: 0 } })).toContain('apis[0].throttling.rateLimit: received 0; expected a positive number of requests per second');
      expect(apiError({ throttling: { burstLimit: 6000 } })).toContain('apis[0].throttling.burstLimit: received 6000; expected at most 5000');
    });
  });

  it('checks files only once the document is valid, reporting every bad file at once', () => {
    const message = errorFor([
      { name: 'a', function: { source: './nowhere' } },
      { name: 'b', openApi: './missing.json' },
    ]);
    expect(message).toContain('apis[0].function.source: received "./nowhere"');
    expect(message).toContain('apis[1].openApi: received "./missing.json"');
    expect(errorFor([{ name: 'a', function: { source: './nowhere' } }, { name: 'B' }])).not.toContain('function.source');
  });
});
