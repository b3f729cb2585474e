/**
 * What `npm run verify` needs from a transport (a way for a consumer to connect): the hints for the curl lines it
 * writes, the names it makes callers use, and any check of its own that runs before the curl lines. One object per
 * transport (transports/<kind>/verification.ts), chosen from VERIFICATIONS (transports/verifications.ts), typed by
 * the connectivity names. Loaded by verify before anything else: no cdktf and no AWS SDK at import (a pre-check
 * loads its SDK client when it runs).
 */
import type { AppConfig, CustomerConfig } from '../config';
import type { ClientSettings, StackAccount } from '../scripts/aws-session';
import type { StackOutputs } from '../stacks/output-names';

/** The name of a transport: the values of `customers[].connectivity`. */
export type Connectivity = CustomerConfig['connectivity'];

/**
 * The second write-up's troubleshooting list (DESIGN.md, seeds/003_e8fd75deef52fd93.txt): peering active, routes,
 * the endpoint's security group, the resource policy, the redeploy. Hints cite it by this label.
 */
export const TROUBLESHOOTING = 'write-up 2, troubleshooting';

/** The hints of one kind of curl line, by the symptom that only the network path explains. */
export interface LineHints {
  /** The name in the URL does not resolve where the line runs (curl exit 6). */
  dns(host: string): string;
  /** No TCP connection on 443: timed out or refused (curl exit 7, 28). */
  readonly timeout: string;
  /**
   * What a call to the custom domain relies on along this line's path, beyond the domain's access association
   * ("the NLB passes TLS and SNI through"). @default nothing
   */
  readonly customDomainPath?: string;
  /**
   * The endpoint API Gateway sees this line's call come through, which the API's and the domain name's policies must
   * admit (`aws:SourceVpce`) on a 403. @default the service's execute-api endpoint
   */
  readonly policyEndpoint?: string;
}

/**
 * A name a transport has callers use that is not the API's own: the API's certificate does not cover it and API
 * Gateway cannot tell the API from it (the call needs -k and the x-apigw-api-id header). The generic hints list
 * them all.
 */
export interface OtherName {
  /** As in "through the NLB or a vpce name". */
  readonly via: string;
  /** As in "other names (the NLB's, vpce.<zone>)". */
  readonly named: string;
}

/** One line of a pre-check's report. */
export interface PreCheckResult {
  readonly outcome: 'pass' | 'fail';
  /** `<stack>/<what>`, like a curl check's `<stack>/<output>`. */
  readonly check: string;
  /** The rest of the line. */
  readonly text: string;
  readonly hint?: string;
}

/** What verify lends a pre-check: the config, its clients' settings, and the one time limit of the whole run. */
export interface PreCheckContext {
  readonly config: AppConfig;
  /** false with --no-wait: read once, do not wait for anything to settle. */
  readonly wait: boolean;
  /** Settings for an SDK client of that stack's account; one session per account, shared with the curl checks. */
  settingsFor(account: StackAccount): ClientSettings;
  /** The overall time limit is reached. */
  expired(): boolean;
  /** `<n> s of <limit> s` */
  elapsed(): string;
  /** A waiting line (stderr), printed when it changes and otherwise once every 30 s. */
  waiting(line: string): void;
  /** The pause between two reads. */
  pause(): Promise<void>;
}

/** What the usage says of a pre-check, each part where verify's usage names what it does. */
export interface PreCheckUsage {
  /** Sentences of the description: when it runs and what it prints. */
  readonly description: string;
  /** What --timeout also bounds, as in 'overall limit for NLB targets in "initial", SSM registration …'. */
  readonly waitsFor: string;
  /** What --no-wait does of it, as in "read the targets' health once, send the commands …". */
  readonly once: string;
  /** Its failure, as in "1 a check failed or a target is not healthy". */
  readonly failure: string;
  /** Its absence, as in "nothing could be checked (… no test instance and no NLB …)". */
  readonly absence: string;
}

/** A check of the deployment that is not a curl line, run before them (the same time limit). */
export interface PreCheck {
  readonly usage: PreCheckUsage;
  /** What it does, for the progress line: "running 3 check(s) on 2 instance(s) and <this> in <region>". */
  readonly progress: string;
  /**
   * What to check, from the outputs; undefined when they hold nothing for it (this transport is not deployed).
   * Throws a SetupError for an output it cannot use.
   */
  find(outputs: StackOutputs): { run(context: PreCheckContext): Promise<PreCheckResult[]> } | undefined;
}

/** Everything verify knows of one transport. */
export interface TransportVerification {
  /** The curl outputs this transport adds to the service stack (names before the `_<api>` suffix) and their hints. */
  readonly serviceLines: Readonly<Record<string, LineHints>>;
  /** The hints of a customer's own curl line (`curl`, and the network part of `curl_custom_domain`). */
  readonly customerLine: LineHints;
  /** The names that are not the API's own that this transport has callers use. @default none */
  readonly otherNames?: readonly OtherName[];
  /** A check of its own, before the curl lines. @default none */
  readonly preCheck?: PreCheck;
}
