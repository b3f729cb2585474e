/**
 * What `npm run revoke` needs from a transport (a way for a consumer to connect): why revoking must wait while the
 * account is still its customer in the configuration, and what cutting an account off means for it. One object per
 * transport (transports/<kind>/revocation.ts), chosen from REVOCATIONS (transports/revocations.ts), typed by the
 * connectivity names. The script runs every transport's revocation: once the account is off the configuration,
 * nothing says which transport it used. Loaded before anything else: no cdktf and no AWS SDK at import (a
 * revocation loads its SDK clients when it runs).
 */
import type { AppConfig, CustomerConfig } from '../config';
import type { Io } from '../scripts/aws-session';

/** What the script lends a revocation. */
export interface RevocationContext {
  readonly config: AppConfig;
  /** Lines for the person running it; errors on `err` start with `revoke: `. */
  readonly io: Io;
}

/** Everything `npm run revoke` knows of one transport. */
export interface TransportRevocation {
  /** Its paragraph of the usage, after "<connectivity>: ", lines indented by two spaces and at most ~110 wide. */
  readonly usage: string;
  /**
   * Why revoking `customer` of this transport, still at `path` (`customers[1]`) in the configuration, would not hold
   * and what to do first: the sentences after "<account> is still <path> ("<name>", <connectivity>) in the
   * configuration: ".
   */
  stillConfigured(customer: CustomerConfig, path: string): string;
  /**
   * Cuts `accountId`, no longer a customer in the configuration, off this transport; prints its lines and returns an
   * exit status (EXIT in scripts/aws-session.ts). Running it again is safe.
   */
  revoke(accountId: string, context: RevocationContext): Promise<number>;
}
