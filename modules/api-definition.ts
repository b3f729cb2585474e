/**
 * The OpenAPI 3 definition a REST API is created from (`aws_api_gateway_rest_api.body`): either generated from
 * `METHOD /path` routes or the team's own document, with every operation that has no integration of its own wired
 * to the API's function as a Lambda proxy. The resource policy and the PRIVATE endpoint type are not part of it:
 * the REST API's own arguments set them (and the config refuses a document that sets them).
 */

/** The methods a route may name; `ANY` is API Gateway's catch-all method. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** An HTTP route of an API: `ANY /{proxy+}` is `{ method: 'ANY', path: '/{proxy+}' }`. */
export interface ApiRoute {
  readonly method: HttpMethod;
  readonly path: string;
}

export interface ApiDefinitionProps {
  /** `info.title`; API Gateway names the API after it, so it is the REST API's name. */
  readonly title: string;
  /** The team's OpenAPI 3 document; absent: one generated from `routes`. */
  readonly document?: Readonly<Record<string, unknown>>;
  /** Used without a document. */
  readonly routes?: readonly ApiRoute[];
  /** The function's `invoke_arn`: the URI of every Lambda proxy integration added here. */
  readonly functionInvokeArn: string;
  /** Every operation requires SigV4 (`AWS_IAM`), the document's own settings notwithstanding. */
  readonly iam: boolean;
}

/** OpenAPI operation keys API Gateway imports; `x-amazon-apigateway-any-method` is its ANY method. */
const OPERATION_KEYS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'x-amazon-apigateway-any-method'] as const;
const ANY = 'x-amazon-apigateway-any-method';
/** Name of the SigV4 security scheme added with `iam`. */
export const SIGV4_SCHEME = 'sigv4';

// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
// Lambda proxy integrations are always invoked with POST, whatever the client's method.
function lambdaProxy(uri: string): Record<string, unknown> {
  return { type: 'aws_proxy', httpMethod: 'POST', uri, passthroughBehavior: 'when_no_match' };
}

function pathParameters(path: string): Record<string, unknown>[] {
  return [...path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
}

function fromRoutes(routes: readonly ApiRoute[]): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const key = route.method === 'ANY' ? ANY : route.method.toLowerCase();
    const parameters = pathParameters(route.path);
    (paths[route.path] ??= {})[key] = { ...(parameters.length > 0 ? { parameters } : {}), responses: {} };
  }
  return paths;
}

/** The definition as a plain object (deterministic: the same input gives the same JSON). */
export function apiDefinition(props: ApiDefinitionProps): Record<string, unknown> {
  if (!props.document && !props.routes?.length) throw new Error(`apiDefinition(${props.title}): expected a document or at least one route`);
  // A deep copy: the document object belongs to the config. Its shape is OpenAPI's, checked by the config.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document walked by key
  const base: Record<string, any> = props.document
    ? JSON.parse(JSON.stringify(props.document))
    : { openapi: '3.0.1', paths: fromRoutes(props.routes!) };
  base.info = { ...(base.info ?? {}), title: props.title, version: base.info?.version ?? '1' };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  for (const item of Object.values<Record<string, any>>(base.paths ?? {})) {
    for (const key of OPERATION_KEYS) {
      const operation = item[key];
      if (!operation || typeof operation !== 'object') continue;
      operation['x-amazon-apigateway-integration'] ??= lambdaProxy(props.functionInvokeArn);
      operation.responses ??= {};
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html
      if (props.iam) operation.security = [{ [SIGV4_SCHEME]: [] }];
    }
  }
  if (props.iam) {
    base.components = { ...(base.components ?? {}) };
    base.components.securitySchemes = {
      ...(base.components.securitySchemes ?? {}),
      [SIGV4_SCHEME]: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' },
    };
  }
  return base;
}
