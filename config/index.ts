import * as path from 'node:path';
import { ZodIssue } from 'zod';
import { resolveApis } from './apis';
import { describeReceived, formatPath, InputError, isPlainObject, MAX_CONFIG_BYTES, readBoundedFile, structuralIssues } from './input';
import { AppConfig, configSchema } from './schema';

export * from './schema';
export * from './apis';
export * from './network';
export * from './regions';

/** Environment variable naming a JSON file that replaces the embedded default (deep-merged over it). */
export const CONFIG_ENV_VAR = 'PRIVATE_API_CONFIG';

/** The embedded default: the two seed write-ups, one service account and one PrivateLink customer. */
export const DEFAULT_CONFIG_INPUT = {
  region: 'ap-northeast-1',
  namePrefix: 'privapi',
  azIds: ['apne1-az1', 'apne1-az4'],
  service: { accountId: '111111111111', vpcCidr: '10.0.0.0/16', stageName: 'prod', testInstance: true, privateDns: true },
  customers: [
    {
      name: 'customer',
      accountId: '222222222222',
      vpcCidr: '10.1.0.0/16',
      connectivity: 'privatelink',
      zoneName: 'hoge.co.jp',
      recordName: 'vpce',
      testInstance: true,
    },
  ],
  backend: { type: 'local' },
} as const;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Objects merge key by key; arrays and scalars from `override` replace the default. */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = key in base ? deepMerge(base[key], value) : value;
  }
  return merged;
}

function valueAt(input: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>(
    (node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
    input,
  );
}

function formatIssue(issue: ZodIssue, input: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map((key) => `${formatPath([...issue.path, key.length > 64 ? `${key.slice(0, 64)}… (${key.length} characters)` : key])}: unknown key; remove it or check its spelling`)
      .join('\n  - ');
  }
  const field = formatPath(issue.path) || '(top level)';
  if (issue.code === 'invalid_type' && issue.received === 'undefined') {
    return `${field}: missing; this field is required (expected a ${issue.expected})`;
  }
  return `${field}: received ${describeReceived(valueAt(input, issue.path))}; ${issue.message}`;
}

/**
 * Validates raw input (already merged over the default); throws ConfigError naming every bad field.
 * `baseDir`: what the paths in `apis` (function.source, openApi) are relative to, the config file's directory.
 */
export function parseConfig(input: unknown, source = 'configuration', baseDir = process.cwd()): AppConfig {
  const structural = structuralIssues(input);
  if (structural.length > 0) throw new ConfigError(`Invalid ${source}:\n${structural.map((line) => `  - ${line}`).join('\n')}`);
  const result = configSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${formatIssue(issue, input)}`);
    throw new ConfigError(`Invalid ${source}:\n${lines.join('\n')}`);
  }
  // Files are looked at only once the document itself is valid, so they never hide a schema error.
  const { apis, issues } = resolveApis(result.data, baseDir);
  if (issues.length > 0) throw new ConfigError(`Invalid ${source}:\n${issues.map((line) => `  - ${line}`).join('\n')}`);
  const config: AppConfig = { ...result.data, apis };
  // Without `apis` the result has no `apis` key at all (not `apis: undefined`): it holds the keys its input holds.
  if (!apis) delete config.apis;
  return config;
}

/**
 * The embedded default that `override` (a config file) is merged over. `service.vpcCidr` (10.0.0.0/16) is the CIDR of
 * a VPC the product creates: with an existing `service.network` the CIDR is read from AWS and checked against any
 * `vpcCidr` the file gives, so the default does not apply there.
 */
function defaultsUnder(override: Record<string, unknown>): unknown {
  if (!isPlainObject(override.service) || override.service.network === undefined) return DEFAULT_CONFIG_INPUT;
  const service = Object.fromEntries(Object.entries(DEFAULT_CONFIG_INPUT.service).filter(([key]) => key !== 'vpcCidr'));
  return { ...DEFAULT_CONFIG_INPUT, service };
}

/**
 * Reads `PRIVATE_API_CONFIG` if set, deep-merges it over the embedded default and validates the result; paths in it
 * are relative to the file's directory (to the working directory for the embedded default).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const file = env[CONFIG_ENV_VAR];
  if (!file) return parseConfig(DEFAULT_CONFIG_INPUT, 'embedded default configuration');
  let text: string;
  try {
    text = readBoundedFile(file, MAX_CONFIG_BYTES);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const reason = {
      unreadable: `cannot read the file (${error.detail})`,
      'not-regular': `expected a regular file (JSON); found ${error.detail}`,
      'too-large': `expected a file of at most ${MAX_CONFIG_BYTES} bytes; it has ${error.detail}`,
    }[error.reason];
    throw new ConfigError(`${CONFIG_ENV_VAR}=${file}: ${reason}`);
  }
  let override: unknown;
  try {
    override = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${CONFIG_ENV_VAR}=${file}: not valid JSON (${(error as Error).message})`);
  }
  if (!isPlainObject(override)) {
    throw new ConfigError(`${CONFIG_ENV_VAR}=${file}: expected a JSON object at the top level`);
  }
  // Before the merge: merging assigns `__proto__` as a prototype, and recursing into a deep file overflows the stack.
  const structural = structuralIssues(override);
  if (structural.length > 0) throw new ConfigError(`Invalid configuration in ${file}:\n${structural.map((line) => `  - ${line}`).join('\n')}`);
  return parseConfig(deepMerge(defaultsUnder(override), override), `configuration in ${file}`, path.dirname(path.resolve(file)));
}
