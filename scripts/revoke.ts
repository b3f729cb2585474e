/**
 * `npm run revoke -- <account-id>`: cuts one consumer account off, with the service account's credentials only.
 * Once the account is off the configuration nothing says which transport it used, so every transport's revocation
 * runs (transports/revocations.ts); while it is still a customer there, the next `cdktf deploy service` would undo
 * the revocation, so this refuses first, before calling AWS.
 */
import { AppConfig, CONFIG_ENV_VAR, SERVICE_STACK_NAME } from '../config';
import type { Connectivity } from '../config';
import type { TransportRevocation } from '../transports/revocation';
import { REVOCATIONS } from '../transports/revocations';
import { consoleIo, EXIT, Io, runScript, SetupError } from './aws-session';

const transports = Object.entries(REVOCATIONS) as [Connectivity, TransportRevocation][];

export const USAGE = `Usage: npm run revoke -- <account-id>

Cuts one consumer account off the API, using the service account's credentials only (config service.roleArn
or service.profile, else the ambient AWS credentials). The configuration no longer says which transport the
account used, so this does what each transport needs:
${transports.map(([kind, revocation]) => `${kind}: ${revocation.usage}`).join('\n')}
Remove the account from the configuration (${CONFIG_ENV_VAR}) first: while it is a customer there, this
refuses, because the next \`cdktf deploy ${SERVICE_STACK_NAME}\` would admit it again.
Running it again is safe: it says when there is nothing left to do.

Arguments:
  <account-id>   the consumer's 12-digit AWS account id
  -h, --help     this text

Exit status: 0 revoked (or nothing left to do), 1 a step failed on AWS, 2 refused or bad arguments.`;

export type RevokeArgs = { readonly help: true } | { readonly help: false; readonly accountId: string };

export function parseRevokeArgs(argv: readonly string[]): RevokeArgs {
  if (argv.some((a) => a === '-h' || a === '--help')) return { help: true };
  if (argv.length !== 1) throw new SetupError(`expected exactly one account id, received ${argv.length === 0 ? 'none' : argv.map((a) => JSON.stringify(a)).join(' ')}`);
  const [accountId] = argv;
  if (!/^\d{12}$/.test(accountId)) throw new SetupError(`expected a 12-digit AWS account id, received ${JSON.stringify(accountId)}`);
  return { help: false, accountId };
}

/** Why revoking this account now would not hold, or undefined when it may go ahead. */
export function refusal(config: AppConfig, accountId: string): string | undefined {
  if (accountId === config.service.accountId) {
    return `${accountId} is the service account (service.accountId): it owns the endpoint service and is no consumer.`;
  }
  const index = config.customers.findIndex((c) => c.accountId === accountId);
  if (index < 0) return undefined;
  const customer = config.customers[index];
  const path = `customers[${index}]`;
  return (
    `${accountId} is still ${path} ("${customer.name}", ${customer.connectivity}) in the configuration: ` +
    REVOCATIONS[customer.connectivity].stillConfigured(customer, path)
  );
}

/**
 * Revokes `accountId` on every transport, in registry order; returns the worst exit status (EXIT: 2 over 1 over 0).
 * Each transport prints its own lines.
 */
export async function revoke(accountId: string, config: AppConfig, io: Io = consoleIo): Promise<number> {
  const refused = refusal(config, accountId);
  if (refused) {
    io.err(`revoke: refused: ${refused}`);
    return EXIT.setup;
  }
  let status: number = EXIT.ok;
  for (const [, revocation] of transports) {
    status = Math.max(status, await revocation.revoke(accountId, { config, io }));
  }
  return status;
}

/** The CLI: returns the exit status. */
export async function main(argv: readonly string[], io: Io = consoleIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return runScript('revoke', USAGE, argv, io, env, parseRevokeArgs, (args, config) =>
    args.help ? Promise.resolve(EXIT.ok) : revoke(args.accountId, config, io),
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
