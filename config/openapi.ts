/**
 * `apis[].openApi`: reads the team's OpenAPI document and refuses, at config time, what API Gateway would refuse
 * (or half-import) at deploy, or what the product owns. Each refusal names the field, the file, where in the
 * document (a JSON pointer, RFC 6901) and the rule.
 */
import * as path from 'node:path';
import { describeReceived, InputError, isPlainObject, readBoundedFile } from './input';

export interface OpenApiDefinition {
  /** As written in the config (relative to the config file). */
  readonly file: string;
  /** Absolute. */
  readonly path: string;
  readonly document: Record<string, unknown>;
}

// "The maximum size of the API definition file is 6MB" (PutRestApi / ImportRestApi `body`; quota table
// https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html). The body sent is this document plus
// the integrations the product adds, so a file at the limit can still be refused; a larger one always is.
export const OPENAPI_MAX_BYTES = 6 * 1024 * 1024;
/** Far deeper than any OpenAPI document; bounds the walks here and the JSON serialisation of the body later. */
export const OPENAPI_MAX_DEPTH = 128;
/** Per document: enough to fix a file in one pass without flooding the terminal. */
const MAX_ISSUES = 10;
/** Unquoted text echoed in a message (a resolved path, a pointer, a path segment) is cut past this length. */
const MAX_ECHO = 120;

function cut(value: string): string {
  return value.length <= MAX_ECHO ? value : `${value.slice(0, MAX_ECHO)}… (${value.length} characters)`;
}

/** RFC 6901: `~` and `/` inside a key are escaped, so `/paths/~1orders~1{id}` is the path item `/orders/{id}`. */
function pointer(...tokens: readonly (string | number)[]): string {
  return tokens.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function readBounded(filePath: string): { text: string } | { expected: string } {
  try {
    return { text: readBoundedFile(filePath, OPENAPI_MAX_BYTES) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return {
      expected: {
        unreadable: `expected a readable OpenAPI 3 file, JSON or YAML (${error.detail})`,
        'not-regular': `expected a regular file, JSON or YAML; found ${error.detail}`,
        'too-large': `expected an OpenAPI file of at most ${OPENAPI_MAX_BYTES} bytes (6 MB, API Gateway's limit for an API definition); it has ${error.detail}`,
      }[error.reason],
    };
  }
}

function parseDocument(file: string, text: string): unknown {
  const extension = path.extname(file).toLowerCase();
  const isJson = extension === '.json' || (extension !== '.yaml' && extension !== '.yml' && /^\s*[{[]/.test(text));
  if (isJson) return JSON.parse(text);
  // Loaded only for a YAML file: configs without one never pay for the parser. Its alias limit (maxAliasCount)
  // refuses "billion laughs" expansions.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require('yaml') as typeof import('yaml');
  return yaml.parse(text);
}

/**
 * One walk over every node: an external `$ref`, a cycle (a YAML alias inside its own anchor: the body is sent as
 * JSON, which has none), and nesting past OPENAPI_MAX_DEPTH. Iterative, so a deep document cannot overflow the stack.
 */
function checkNodes(document: Record<string, unknown>, report: (expected: string, at: string) => void): void {
  const onPath = new Set<object>();
  const done = new Set<object>();
  type Frame = { value: object; at: string; depth: number; leave?: true };
  const stack: Frame[] = [{ value: document, at: '', depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.leave) {
      onPath.delete(frame.value);
      done.add(frame.value);
      continue;
    }
    if (frame.depth > OPENAPI_MAX_DEPTH) {
      report(`expected at most ${OPENAPI_MAX_DEPTH} levels of nesting`, frame.at);
      return;
    }
    onPath.add(frame.value);
    stack.push({ ...frame, leave: true });
    const entries: [string | number, unknown][] = Array.isArray(frame.value) ? frame.value.map((v, i) => [i, v]) : Object.entries(frame.value);
    for (const [key, child] of entries.reverse()) {
      const at = `${frame.at}${pointer(key)}`;
      if (key === '$ref' && typeof child === 'string' && !child.startsWith('#')) {
        // API Gateway reads one document (the `body`); it does not fetch another file or a URL. Refused rather than
        // inlined: resolving files here would need a confined, cycle- and size-bounded resolver for a case an
        // OpenAPI bundler (e.g. `redocly bundle`) already covers before the file reaches this config.
        report(
          `expected only local $ref values ("#/components/…"): API Gateway does not fetch another file or a URL; inline the definition it points to (found ${describeReceived(child)})`,
          at,
        );
        continue;
      }
      if (child === null || typeof child !== 'object' || done.has(child)) continue;
      if (onPath.has(child)) {
        report('expected no cycle (a YAML alias inside its own anchor): the definition is sent to API Gateway as JSON', at);
        continue;
      }
      stack.push({ value: child, at, depth: frame.depth + 1 });
    }
  }
}

/**
 * Path rules of API Gateway's resource tree, where each path segment is a resource under its parent.
 */
function checkPaths(paths: Record<string, unknown>, report: (expected: string, at: string) => void): void {
  /** Parent resource path → its variable child (`{id}`) and the first path that made it. */
  const variableChild = new Map<string, { segment: string; path: string }>();
  for (const key of Object.keys(paths)) {
    if (key.startsWith('x-')) continue; // Paths Object extensions, not paths.
    const at = pointer('paths', key);
    const segments = key.split('/').slice(1);
    segments.forEach((segment, i) => {
      const isVariable = /^\{[^{}]+\}$/.test(segment);
      if (!isVariable) return;
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-set-up-lambda-proxy-integration-on-proxy-resource.html
      // "The greedy path parameter must be at the end of the API resource path."
      if (segment.endsWith('+}') && i < segments.length - 1) {
        report(`expected a greedy path variable (${cut(segment)}) only as the last segment of a path: it matches the whole rest of the path (in ${describeReceived(key)})`, at);
      }
      // A resource has at most one variable child: API Gateway answers BadRequest "A sibling ({id}) of this resource
      // already has a variable path part -- only one is allowed" (AWS's own importer, by design:
      // https://github.com/amazon-archives/aws-apigateway-importer/issues/202).
      const parent = `/${segments.slice(0, i).join('/')}`;
      const first = variableChild.get(parent);
      if (!first) variableChild.set(parent, { segment, path: key });
      else if (first.segment !== segment) {
        report(
          `expected one variable path part under ${describeReceived(parent)}, as API Gateway allows one variable child per resource ("only one is allowed"); found ${cut(segment)} in ${describeReceived(key)} and ${cut(first.segment)} in ${describeReceived(first.path)}: use one name`,
          at,
        );
      }
    });
  }
}

/**
 * Reads `file` (relative to `baseDir`) and checks it; pushes one issue per broken rule ("field: received …
 * (resolved to …); expected … at <pointer>") and returns undefined when there is any.
 */
export function readOpenApi(file: string, baseDir: string, field: string, issues: string[]): OpenApiDefinition | undefined {
  const filePath = path.resolve(baseDir, file);
  const prefix = `${field}: received ${describeReceived(file)} (resolved to ${cut(filePath)}); `;
  const fail = (expected: string): undefined => {
    issues.push(prefix + expected);
    return undefined;
  };
  const read = readBounded(filePath);
  if ('expected' in read) return fail(read.expected);
  let document: unknown;
  try {
    document = parseDocument(filePath, read.text);
  } catch (error) {
    return fail(`expected an OpenAPI 3 document in JSON or YAML; it does not parse (${cut((error as Error).message.split('\n')[0])})`);
  }
  if (!isPlainObject(document)) return fail('expected an OpenAPI 3 document (an object at the top level)');
  if (typeof document.openapi !== 'string' || !/^3\.\d+(\.\d+)?$/.test(document.openapi)) {
    const found = document.openapi === undefined ? 'no "openapi" key' : `"openapi": ${describeReceived(document.openapi)}`;
    return fail(`expected an OpenAPI 3 document ("openapi": "3.x"); found ${found} at /openapi`);
  }
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api.html: "API Gateway supports
  // OpenAPI v2.0 and OpenAPI v3.0 definition files"; 3.1 is not imported.
  if (!/^3\.0(\.\d+)?$/.test(document.openapi)) {
    return fail(`expected "openapi": "3.0.x" (API Gateway imports OpenAPI 2.0 and 3.0, not 3.1 or later); found ${describeReceived(document.openapi)} at /openapi`);
  }
  if (!isPlainObject(document.paths)) return fail('expected an OpenAPI 3 document with "paths" at /paths');

  const found: string[] = [];
  const report = (expected: string, at: string): void => {
    found.push(`${expected} at ${cut(at)}`);
  };
  if ('x-amazon-apigateway-policy' in document) {
    report("expected no top-level x-amazon-apigateway-policy: the product owns the resource policy that binds the API to the service's endpoint", '/x-amazon-apigateway-policy');
  }
  if ('x-amazon-apigateway-endpoint-configuration' in document) {
    report('expected no top-level x-amazon-apigateway-endpoint-configuration: the product makes the API PRIVATE', '/x-amazon-apigateway-endpoint-configuration');
  }
  // OpenAPI 3's place for the endpoint configuration is the Server object:
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-endpoint-configuration.html
  if (Array.isArray(document.servers)) {
    document.servers.forEach((server, i) => {
      if (isPlainObject(server) && 'x-amazon-apigateway-endpoint-configuration' in server) {
        report(
          'expected no x-amazon-apigateway-endpoint-configuration in servers: the product makes the API PRIVATE',
          pointer('servers', i, 'x-amazon-apigateway-endpoint-configuration'),
        );
      }
    });
  }
  checkPaths(document.paths, report);
  checkNodes(document, report);
  if (found.length === 0) return { file, path: filePath, document };
  found.slice(0, MAX_ISSUES).forEach((expected) => issues.push(prefix + expected));
  if (found.length > MAX_ISSUES) issues.push(`${prefix}${found.length - MAX_ISSUES} more like these in the same document`);
  return undefined;
}
