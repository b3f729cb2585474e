/**
 * What `verify` and `revoke` share: which account a stack lives in, how to reach it (the same rules as the stack's
 * provider: assume `roleArn`, else `profile`, else ambient credentials) and errors a person can act on.
 * SDK v3 clients read AWS_ENDPOINT_URL by themselves, so the e2e tier points these scripts at the emulator.
 */
import type { EC2Client, ServiceConfiguration } from '@aws-sdk/client-ec2';
import type { STSClient } from '@aws-sdk/client-sts';
import { AppConfig, CONFIG_ENV_VAR, ConfigError, loadConfig, SERVICE_STACK_NAME } from '../config';

/** The shape SDK v3 clients accept as `credentials` (declared here: `@aws-sdk/types` is not a dependency). */
export interface AwsCredentialIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}
export type AwsCredentialIdentityProvider = () => Promise<AwsCredentialIdentity>;

/** A problem with the setup, not with the deployment: the scripts print it and exit 2. */
export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
  }
}

/** Exit codes shared by the scripts. */
export const EXIT = { ok: 0, failed: 1, setup: 2 } as const;

/** Where the scripts write: injected by the tests. */
export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export const consoleIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** One stack's account as the config describes it; `where` is the config path that names it. */
export interface StackAccount {
  readonly stack: string;
  readonly where: string;
  readonly accountId: string;
  readonly roleArn?: string;
  readonly profile?: string;
  /** Where the stack's resources are: the deployment's region, or the customer's own. */
  readonly region: string;
}

/** `service` → config.service, a customer's name → that customer; undefined for a stack the config does not name. */
export function accountForStack(config: AppConfig, stack: string): StackAccount | undefined {
  if (stack === SERVICE_STACK_NAME) {
    const { accountId, roleArn, profile } = config.service;
    return { stack, where: 'service', accountId, roleArn, profile, region: config.region };
  }
  const index = config.customers.findIndex((c) => c.name === stack);
  if (index < 0) return undefined;
  const { accountId, roleArn, profile, region } = config.customers[index];
  return { stack, where: `customers[${index}]`, accountId, roleArn, profile, region: region ?? config.region };
}

/** Client settings for one account: pass them to any SDK v3 client constructor. */
export interface ClientSettings {
  readonly region: string;
  readonly profile?: string;
  readonly credentials?: AwsCredentialIdentityProvider;
  /** A missing API or a refused call should fail in seconds, not after the SDK's backoff. */
  readonly maxAttempts: number;
}

// Refresh assumed-role credentials this long before they expire (a verify run can wait minutes for SSM).
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * Credentials like the stack's provider gets them: with `roleArn`, AssumeRole using the profile's (or the
 * ambient) credentials as the source, as Terraform's `assume_role` does; otherwise the profile or the default chain.
 */
export function clientSettings(account: StackAccount, region: string, sessionName: string): ClientSettings {
  const { roleArn, profile } = account;
  if (!roleArn) return { region, profile, maxAttempts: 3 };
  let cached: Promise<AwsCredentialIdentity> | undefined;
  const assume = async (): Promise<AwsCredentialIdentity> => {
    // Loaded only when a role is configured: keeps start-up light for ambient credentials.
    const { STSClient, AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    const sts = new STSClient({ region, profile, maxAttempts: 3 });
    let result;
    try {
      result = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName }));
    } catch (error) {
      throw new SetupError(
        `${account.where} (stack ${account.stack}, account ${account.accountId}): cannot assume ${roleArn}: ${errorText(error)}` +
          (isCredentialsError(error) ? `\n${NO_CREDENTIALS_ADVICE}` : ''),
      );
    }
    const c = result.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new SetupError(`AssumeRole ${roleArn} returned no credentials`);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  };
  const credentials: AwsCredentialIdentityProvider = async () => {
    const current = cached ? await cached.catch(() => undefined) : undefined;
    if (!current || (current.expiration && current.expiration.getTime() - Date.now() < REFRESH_MARGIN_MS)) {
      cached = assume();
      cached.catch(() => (cached = undefined));
    }
    return cached!;
  };
  return { region, credentials, maxAttempts: 3 };
}

const NO_CREDENTIALS_ADVICE =
  'Give the scripts credentials the way cdktf gets them: AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY ' +
  '(or `aws sso login`), or set the account\'s roleArn/profile in the config ' +
  `(${CONFIG_ENV_VAR} names the file).`;

/** The SDK's default chain found nothing (CredentialsProviderError) or a profile is missing or broken. */
export function isCredentialsError(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'CredentialsProviderError' || name === 'ProviderError' || name === 'TokenProviderError';
}

/** `Code: message` of an SDK error, or the message of anything else. */
export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
    return `${code}${error.message}`;
  }
  return String(error);
}

/** Turns a failed first call to an account into a message that says what to fix; other errors pass through. */
export function explainAccountError(error: unknown, account: StackAccount): unknown {
  if (error instanceof SetupError) return error;
  if (isCredentialsError(error)) {
    return new SetupError(
      `No AWS credentials for ${account.where} (stack ${account.stack}, account ${account.accountId}): ${errorText(error)}\n${NO_CREDENTIALS_ADVICE}`,
    );
  }
  const name = (error as { name?: string } | undefined)?.name ?? '';
  if (/^(AccessDenied|UnauthorizedOperation|ExpiredToken|InvalidClientTokenId|UnrecognizedClientException|AuthFailure)/.test(name)) {
    return new SetupError(
      `${account.where} (stack ${account.stack}, account ${account.accountId}): the credentials were refused or lack a permission: ${errorText(error)}`,
    );
  }
  return error;
}

/** Every page of a paginated AWS call. */
export async function allPages<T>(fetch: (token?: string) => Promise<{ items?: T[]; next?: string }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    items.push(...(page.items ?? []));
    token = page.next;
  } while (token);
  return items;
}

/** Throws a SetupError unless `sts`'s credentials are the service account's: another account's would find nothing. */
export async function requireServiceAccount(config: AppConfig, sts: STSClient): Promise<void> {
  // Loaded here, not at the top: the command is a value, and verify does not need it.
  const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  if (identity.Account !== config.service.accountId) {
    throw new SetupError(
      `the credentials are for account ${identity.Account}, not the service account ${config.service.accountId} (service.accountId): ` +
        'set service.roleArn or service.profile in the configuration, or AWS_PROFILE.',
    );
  }
}

/**
 * The endpoint services of this deployment (tagged Project/Stack by the service stack's provider), after checking
 * that the credentials are the service account's: with another account's, the lookup would find nothing and a
 * script would report success.
 */
export async function serviceEndpointServices(config: AppConfig, ec2: EC2Client, sts: STSClient): Promise<ServiceConfiguration[]> {
  // Loaded here, not at the top: the commands are values, and verify does not need them.
  const { DescribeVpcEndpointServiceConfigurationsCommand } = await import('@aws-sdk/client-ec2');
  await requireServiceAccount(config, sts);
  return allPages((NextToken) =>
    ec2
      .send(
        new DescribeVpcEndpointServiceConfigurationsCommand({
          Filters: [
            { Name: 'tag:Project', Values: [config.namePrefix] },
            { Name: 'tag:Stack', Values: [SERVICE_STACK_NAME] },
          ],
          NextToken,
        }),
      )
      .then((r) => ({ items: r.ServiceConfigurations, next: r.NextToken })),
  );
}

/**
 * The CLI shell of a script that acts on the configured deployment: parse the arguments (a bad one prints the usage,
 * exit 2), `--help`, load the config (an invalid one exits 2), then `run`; returns the exit status.
 */
export async function runScript<A extends { readonly help: boolean }>(
  name: string,
  usage: string,
  argv: readonly string[],
  io: Io,
  env: NodeJS.ProcessEnv,
  parse: (argv: readonly string[]) => A,
  run: (args: A, config: AppConfig) => Promise<number>,
): Promise<number> {
  let args: A;
  try {
    args = parse(argv);
  } catch (error) {
    io.err(`${name}: ${(error as Error).message}\n\n${usage}`);
    return EXIT.setup;
  }
  if (args.help) {
    io.out(usage);
    return EXIT.ok;
  }
  let config: AppConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    io.err(`${name}: ${error instanceof ConfigError ? error.message : errorText(error)}`);
    return EXIT.setup;
  }
  return run(args, config);
}
