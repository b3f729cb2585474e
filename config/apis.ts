/** `apis`: the APIs the service publishes (the team's function code, routes or OpenAPI document) and who may call them. */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { checkCustomDomain, CustomDomainConfig, CustomDomainContext, customDomainSchema, KEBAB_NAME, KEBAB_NAME_MESSAGE, stageName, throttlingFields, ThrottlingConfig } from './fields';
import { OpenApiDefinition, readOpenApi } from './openapi';
import { describeReceived } from './input';
import { ApiRoute, HTTP_METHODS, HttpMethod } from '../modules/api-definition';
import { FunctionPackage, FunctionPackageError, packageFunction } from '../modules/function-package';

export type { OpenApiDefinition } from './openapi';

export interface FunctionConfig {
  /** As written in the config (relative to the config file). */
  readonly source: string;
  /** Absolute, for the build; not meant for synthesized output. */
  readonly sourcePath: string;
  readonly sourceType: 'directory' | 'zip';
  /** The zip Lambda receives, built once here so that every refusal comes before anything is written. */
  readonly package: FunctionPackage;
  /** @default "index.handler" */
  readonly handler: string;
  /** @default "python3.12" */
  readonly runtime: string;
  /** MB. @default 128 */
  readonly memorySize: number;
  /** Seconds. @default 5 */
  readonly timeout: number;
  /** @default "x86_64" */
  readonly architecture: 'x86_64' | 'arm64';
  /** @default {} */
  readonly environment: Readonly<Record<string, string>>;
  /** @default true */
  readonly inVpc: boolean;
}

export interface ApiCheck {
  /** @default "/" */
  readonly path: string;
  /** @default 200 */
  readonly status: number;
  /** @default "Hello from Lambda" for the Hello Lambda, none for own code */
  readonly body?: string;
}

export interface ApiConfig {
  readonly name: string;
  /** @default service.stageName */
  readonly stageName: string;
  /** @default the bundled Hello Lambda */
  readonly function?: FunctionConfig;
  /** @default ANY / and ANY /{proxy+} with `function`, GET / without; empty with `openApi` */
  readonly routes: readonly ApiRoute[];
  readonly openApi?: OpenApiDefinition;
  readonly customDomain?: CustomDomainConfig;
  /** @default "none" */
  readonly authorization: 'none' | 'iam';
  /** @default every customer */
  readonly consumers?: readonly string[];
  readonly check: ApiCheck;
  /** @default observability.throttling */
  readonly throttling: ThrottlingConfig;
}

// Supported today and accepted by the pinned provider (hashicorp/aws 5.100.0):
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
export const LAMBDA_RUNTIMES = [
  'nodejs22.x',
  'python3.11',
  'python3.12',
  'python3.13',
  'java17',
  'java21',
  'dotnet8',
  'ruby3.3',
  'ruby3.4',
  'provided.al2023',
] as const;

/** Deprecated by AWS (same page, "Deprecated runtimes"): the current runtime of the same family. */
const DEPRECATED_RUNTIMES: Readonly<Record<string, string>> = {
  'nodejs20.x': 'nodejs22.x',
  'nodejs18.x': 'nodejs22.x',
  'nodejs16.x': 'nodejs22.x',
  'nodejs14.x': 'nodejs22.x',
  'python3.10': 'python3.13',
  'python3.9': 'python3.13',
  'python3.8': 'python3.13',
  'python3.7': 'python3.13',
  'ruby3.2': 'ruby3.4',
  'ruby2.7': 'ruby3.4',
  java11: 'java21',
  java8: 'java21',
  'java8.al2': 'java21',
  dotnet6: 'dotnet8',
  dotnet7: 'dotnet8',
  'dotnetcore3.1': 'dotnet8',
  provided: 'provided.al2023',
  'provided.al2': 'provided.al2023',
  'go1.x': 'provided.al2023',
};

/** Supported by Lambda but not in the runtime enum of hashicorp/aws 5.100.0 (plan would fail): the closest it accepts. */
const TOO_NEW_RUNTIMES: Readonly<Record<string, string>> = {
  'nodejs24.x': 'nodejs22.x',
  'python3.14': 'python3.13',
  java25: 'java21',
  dotnet10: 'dotnet8',
};

const runtime = z.string({ invalid_type_error: 'expected a Lambda runtime as a string' }).superRefine((value, ctx) => {
  if ((LAMBDA_RUNTIMES as readonly string[]).includes(value)) return;
  const replacement = DEPRECATED_RUNTIMES[value];
  const closest = TOO_NEW_RUNTIMES[value];
  ctx.addIssue({
    code: 'custom',
    message: replacement
      ? `expected a supported runtime: AWS Lambda has deprecated ${value}; use ${replacement}`
      : closest
        ? `expected a runtime the pinned provider (hashicorp/aws 5.100.0) accepts: it rejects ${value}; use ${closest}`
        : `expected one of ${LAMBDA_RUNTIMES.join(', ')}`,
  });
});

// Lambda refuses to set reserved variables (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
const RESERVED_VARIABLES = ['LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR'];

const ENVIRONMENT_MAX_BYTES = 4096;

const environmentName = z.string().superRefine((name, ctx) => {
  if (!/^[a-zA-Z][a-zA-Z0-9_]*$/.test(name)) {
    ctx.addIssue({ code: 'custom', message: 'expected a variable name of letters, digits and _, starting with a letter' });
  } else if (name.startsWith('AWS_') || RESERVED_VARIABLES.includes(name)) {
    ctx.addIssue({ code: 'custom', message: 'expected a name that Lambda does not reserve (AWS_*, LAMBDA_TASK_ROOT, LAMBDA_RUNTIME_DIR)' });
  }
});

const functionSchema = z
  .object({
    source: z
      .string({ invalid_type_error: 'expected a path as a string' })
      .min(1, 'expected a path to a directory of function code or a .zip file'),
    handler: z
      .string({ invalid_type_error: 'expected a handler as a string' })
      .regex(/^\S{1,128}$/, 'expected a handler like index.handler (no spaces, at most 128 characters)')
      .default('index.handler'),
    runtime: runtime.default('python3.12'),
    memorySize: z
      .number({ invalid_type_error: 'expected a number of MB' })
      .int('expected a whole number of MB')
      .min(128, 'expected at least 128 MB (the Lambda minimum)')
      .max(10240, 'expected at most 10240 MB (the Lambda maximum)')
      .default(128),
    timeout: z
      .number({ invalid_type_error: 'expected a number of seconds' })
      .int('expected a whole number of seconds')
      .min(1, 'expected at least 1 second')
      // A longer function would be cut off by API Gateway anyway; 29 s is the default quota, and raising it
      // takes a quota request that lowers the account's throttle (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
      .max(29, "expected at most 29 seconds: 29 s is API Gateway's integration timeout limit for REST APIs")
      .default(5),
    architecture: z
      .enum(['x86_64', 'arm64'], { errorMap: () => ({ message: 'expected one of "x86_64", "arm64"' }) })
      .default('x86_64'),
    environment: z
      .record(environmentName, z.string({ invalid_type_error: 'expected a string value' }), {
        invalid_type_error: 'expected an object of variable names to string values',
      })
      .superRefine((variables, ctx) => {
        // "4 KB, for all environment variables associated with the function, in aggregate" (KB = 1,024 bytes,
        // https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). Lambda measures the variables
        // serialized as a JSON object: its refusal (InvalidParameterValueException) quotes that JSON as the
        // "String measured".
        const measured = Buffer.byteLength(JSON.stringify(variables));
        if (measured > ENVIRONMENT_MAX_BYTES) {
          ctx.addIssue({
            code: 'custom',
            message: `expected at most ${ENVIRONMENT_MAX_BYTES} bytes of variables in total (Lambda's 4 KB limit, measured on the variables as a JSON object); they measure ${measured} bytes`,
          });
        }
      })
      .default({}),
    inVpc: z.boolean({ invalid_type_error: 'expected true or false' }).default(true),
  })
  .strict();

const PATH_SEGMENT = /^([A-Za-z0-9._~-]+|\{[A-Za-z0-9_]+\})$/;
const GREEDY_SEGMENT = /^\{[A-Za-z0-9_]+\+\}$/;

function isRoutePath(text: string): boolean {
  if (text === '/') return true;
  if (!text.startsWith('/') || text.endsWith('/')) return false;
  const segments = text.slice(1).split('/');
  return segments.every((segment, i) => PATH_SEGMENT.test(segment) || (i === segments.length - 1 && GREEDY_SEGMENT.test(segment)));
}

const ROUTE = /^(\S+) (.*)$/;

const route = z
  .string({ invalid_type_error: 'expected a route "METHOD /path" as a string' })
  .superRefine((text, ctx) => {
    const match = ROUTE.exec(text);
    if (!match || !(HTTP_METHODS as readonly string[]).includes(match[1])) {
      ctx.addIssue({ code: 'custom', message: `expected "METHOD /path" with METHOD one of ${HTTP_METHODS.join(', ')}` });
    } else if (!isRoutePath(match[2])) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected a path of /-separated segments: literal (letters, digits, . _ ~ -), {param} or a final {name+}; no trailing slash',
      });
    }
  })
  .transform((text): ApiRoute => {
    const [, method, routePath] = ROUTE.exec(text)!;
    return { method: method as HttpMethod, path: routePath };
  });

// RFC 3986 3.3 (path: "/" and pchar = unreserved, %XX, sub-delims, ":", "@") and 3.4 (query after "?": pchar, "/",
// "?"): https://www.rfc-editor.org/rfc/rfc3986#section-3.3. The curl lines single-quote the URL (stacks/curl-line.ts),
// so sub-delims such as ' ; & $ ( ) reach curl as they are; without "{" and a bare "%", no "${" or "%{" can start a
// Terraform template sequence in the outputs that hold the path.
const CHECK_PATH_CHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/;

/** What is wrong with a check path, the first offending character first; undefined: a path with an optional query. */
function checkPathProblem(checkPath: string): string | undefined {
  if (!checkPath.startsWith('/')) return 'expected a path starting with /';
  const chars = [...checkPath];
  for (const [i, c] of chars.entries()) {
    const at = `${JSON.stringify(c)} at character ${i + 1}`;
    if (/[\s\p{Cc}]/u.test(c)) return `expected no space or control character (percent-encode it, e.g. %20); found ${at}`;
    if (c === '#') return `expected no # (a fragment is never sent to the server; %23 if the path holds one); found ${at}`;
    if (c === '%' && !/^[0-9A-Fa-f]{2}$/.test(chars.slice(i + 1, i + 3).join(''))) {
      return `expected % only in a %XX escape of two hexadecimal digits; found ${at}`;
    }
    if (c !== '%' && !CHECK_PATH_CHAR.test(c)) {
      return (
        "expected a URL path with an optional query (RFC 3986): letters, digits, -._~!$&'()*+,;=:@ and /, " +
        `then optionally ? and a query of the same characters and ?; others percent-encoded (%XX); found ${at}`
      );
    }
  }
  return undefined;
}

const checkSchema = z
  .object({
    path: z
      .string({ invalid_type_error: 'expected a path as a string' })
      .superRefine((checkPath, ctx) => {
        const problem = checkPathProblem(checkPath);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .default('/'),
    status: z
      .number({ invalid_type_error: 'expected an HTTP status code' })
      .int('expected a whole number')
      .min(100, 'expected an HTTP status code from 100 to 599')
      .max(599, 'expected an HTTP status code from 100 to 599')
      .default(200),
    body: z.string({ invalid_type_error: 'expected a string' }).min(1, 'expected a non-empty string (omit body to accept any)').optional(),
  })
  .strict();

// IAM role names (64) hold <namePrefix>-service-<api>-api-lambda: 12 + 9 + 20 + 11.
const API_NAME_MAX = 20;

const apiSchema = z
  .object({
    name: z
      .string({ invalid_type_error: 'expected an API name as a string' })
      .regex(KEBAB_NAME, KEBAB_NAME_MESSAGE.replace('customer or acme-prod', 'orders or billing-v2'))
      .max(API_NAME_MAX, `expected at most ${API_NAME_MAX} characters (IAM role names <namePrefix>-service-<api>-api-lambda are limited to 64)`),
    stageName: stageName.optional(),
    function: functionSchema.optional(),
    routes: z
      .array(route, { invalid_type_error: 'expected a list of routes like "GET /orders"' })
      .min(1, 'expected at least one route (omit routes for the default)')
      .superRefine((routes, ctx) => {
        routes.forEach((r, i) => {
          const first = routes.findIndex((other) => other.method === r.method && other.path === r.path);
          if (first < i) ctx.addIssue({ code: 'custom', path: [i], message: `expected a unique route; routes[${first}] is the same` });
        });
      })
      .optional(),
    openApi: z.string({ invalid_type_error: 'expected a path as a string' }).min(1, 'expected a path to an OpenAPI 3 file').optional(),
    customDomain: customDomainSchema.optional(),
    authorization: z.enum(['none', 'iam'], { errorMap: () => ({ message: 'expected one of "none", "iam"' }) }).default('none'),
    consumers: z
      .array(z.string({ invalid_type_error: 'expected a customer name as a string' }), { invalid_type_error: 'expected a list of customer names' })
      .min(1, 'expected at least one customer name (omit consumers to allow every customer)')
      .superRefine((names, ctx) => {
        names.forEach((name, i) => {
          const first = names.indexOf(name);
          if (first < i) ctx.addIssue({ code: 'custom', path: [i], message: `expected a unique name; consumers[${first}] already names it` });
        });
      })
      .optional(),
    check: checkSchema.optional(),
    throttling: z.object({ rateLimit: throttlingFields.rateLimit.optional(), burstLimit: throttlingFields.burstLimit.optional() }).strict().optional(),
  })
  .strict()
  .superRefine((api, ctx) => {
    if (api.routes && api.openApi !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['routes'], message: 'expected routes or openApi, not both: openApi replaces routes' });
    }
    if (api.consumers && api.authorization === 'none') {
      ctx.addIssue({
        code: 'custom',
        path: ['consumers'],
        message:
          'expected no consumers with authorization "none": a restriction to some consumers cannot be enforced without authorization "iam": over PrivateLink every consumer\'s traffic arrives through the same endpoint',
      });
    }
  });

export const apisSchema = z
  .array(apiSchema, { invalid_type_error: 'expected a list of APIs' })
  .min(1, 'expected at least one API (omit apis for the bundled Hello API)')
  .max(10, 'expected at most 10 APIs');

type ParsedApi = z.infer<typeof apiSchema>;

/** The parts of the parsed config the `apis` checks and defaults depend on. */
interface ApisContext extends CustomDomainContext {
  readonly apis?: readonly ParsedApi[];
  readonly customDomain?: unknown;
  readonly customers: readonly { readonly name: string }[];
  readonly service: { readonly accountId: string; readonly stageName: string };
  readonly observability: { readonly throttling: ThrottlingConfig };
}

/** Cross-section checks, run in the top-level superRefine. */
export function checkApis(config: ApisContext, ctx: z.RefinementCtx): void {
  const apis = config.apis;
  if (!apis) return;
  if (config.customDomain !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['customDomain'], message: 'expected no top-level customDomain: with apis, each API names its own customDomain' });
  }
  const customerNames = config.customers.map((c) => c.name);
  apis.forEach((api, i) => {
    const first = apis.findIndex((other) => other.name === api.name);
    if (first < i) ctx.addIssue({ code: 'custom', path: ['apis', i, 'name'], message: `expected a unique name; apis[${first}] already uses it` });

    if (api.customDomain) {
      const domain = api.customDomain.name;
      const owner = apis.findIndex((other) => other.customDomain?.name === domain);
      if (owner < i) {
        ctx.addIssue({ code: 'custom', path: ['apis', i, 'customDomain', 'name'], message: `expected a unique name; apis[${owner}].customDomain already uses it` });
      }
      checkCustomDomain(api.customDomain, ['apis', i, 'customDomain'], config, ctx);
    }

    api.consumers?.forEach((name, j) => {
      if (!customerNames.includes(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['apis', i, 'consumers', j],
          message: `expected the name of a customer (one of ${customerNames.map((n) => `"${n}"`).join(', ')}); no customer is named "${name}"`,
        });
      }
    });
  });
}

const PROXY_ROUTES: readonly ApiRoute[] = [
  { method: 'ANY', path: '/' },
  { method: 'ANY', path: '/{proxy+}' },
];
const HELLO_ROUTES: readonly ApiRoute[] = [{ method: 'GET', path: '/' }];
const HELLO_BODY = 'Hello from Lambda';

function issue(field: string, received: string, resolved: string, expected: string): string {
  return `${field}: received ${describeReceived(received)} (resolved to ${resolved}); ${expected}`;
}

type ParsedFunction = NonNullable<ParsedApi['function']>;

/** Resolves `function.source` and packages it, so that every refusal of `packageFunction` is a config error. */
function resolveSource(fn: ParsedFunction, baseDir: string, field: string, issues: string[]): Pick<FunctionConfig, 'sourcePath' | 'sourceType' | 'package'> | undefined {
  const sourcePath = path.resolve(baseDir, fn.source);
  const stat = statSync(sourcePath, { throwIfNoEntry: false });
  const sourceType = stat?.isDirectory() ? 'directory' : stat?.isFile() && sourcePath.toLowerCase().endsWith('.zip') ? 'zip' : undefined;
  if (!sourceType) {
    issues.push(issue(`${field}.source`, fn.source, sourcePath, 'expected an existing directory of function code or a .zip file'));
    return undefined;
  }
  try {
    return { sourcePath, sourceType, package: packageFunction({ path: sourcePath, type: sourceType }, { handler: fn.handler, runtime: fn.runtime }) };
  } catch (error) {
    if (!(error instanceof FunctionPackageError)) throw error;
    issues.push(
      error.field === 'handler'
        ? `${field}.handler: received ${describeReceived(fn.handler)} (source resolved to ${sourcePath}); ${error.message}`
        : issue(`${field}.source`, fn.source, sourcePath, error.message),
    );
    return undefined;
  }
}

/**
 * Fills the defaults that depend on other sections (stageName, throttling), the routes and check defaults, and
 * resolves `function.source` and `openApi` against `baseDir` (the config file's directory). Runs after the schema
 * parse; `issues` are formatted like the schema's ("field: received …; expected …").
 */
export function resolveApis(config: Omit<ApisContext, 'customerOwnNames'>, baseDir: string): { apis?: ApiConfig[]; issues: string[] } {
  if (!config.apis) return { issues: [] };
  const issues: string[] = [];
  const apis = config.apis.map((api, i): ApiConfig => {
    const field = `apis[${i}]`;
    const code = api.function && resolveSource(api.function, baseDir, `${field}.function`, issues);
    // With a refused source `issues` is not empty, and the config is never returned.
    const fn: FunctionConfig | undefined = api.function && code && { ...api.function, ...code };
    const openApi = api.openApi === undefined ? undefined : readOpenApi(api.openApi, baseDir, `${field}.openApi`, issues);
    return {
      name: api.name,
      stageName: api.stageName ?? config.service.stageName,
      ...(fn && { function: fn }),
      routes: api.routes ?? (api.openApi !== undefined ? [] : fn ? PROXY_ROUTES : HELLO_ROUTES),
      ...(openApi && { openApi }),
      ...(api.customDomain && { customDomain: api.customDomain }),
      authorization: api.authorization,
      ...(api.consumers && { consumers: api.consumers }),
      check: api.check ?? (fn ? { path: '/', status: 200 } : { path: '/', status: 200, body: HELLO_BODY }),
      throttling: { ...config.observability.throttling, ...api.throttling },
    };
  });
  return { apis, issues };
}
