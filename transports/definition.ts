import type { z } from 'zod';

/**
 * What the config validation knows of a deployment when it checks one customer: the parsed sections a transport's
 * rules read. Structural, so that a transport's definition does not depend on the schema built from it.
 */
export interface ConfigContext {
  readonly region: string;
  readonly azIds: readonly string[];
  readonly service: { readonly accountId: string; readonly vpcCidr?: string; readonly network?: unknown };
  /** The default API's custom domain (no `apis`). */
  readonly customDomain?: { readonly name: string };
  readonly apis?: readonly { readonly name: string; readonly customDomain?: { readonly name: string }; readonly consumers?: readonly string[] }[];
  readonly customers: readonly { readonly name: string }[];
}

/** A customer entry as every transport has it (config/customer.ts), plus its transport's own keys. */
export interface CustomerBase {
  readonly name: string;
  readonly accountId: string;
  readonly connectivity: string;
  readonly vpcCidr?: string;
  readonly network?: { readonly routeTableIds?: readonly string[] };
  readonly region?: string;
  readonly azIds?: readonly string[];
}

/**
 * The light half of a transport (a way for a consumer to connect): its part of the config and the rules only it
 * knows. Loaded by the config, `npm run verify` and `npm run revoke`, so it imports no cdktf and no AWS SDK. The
 * constructs half is `TransportConstructs` (transports/constructs.ts); both are chosen from registries typed by the
 * connectivity names, so a new transport that misses a member does not compile.
 */
export interface TransportDefinition<S extends z.AnyZodObject, C extends CustomerBase = z.infer<S> & CustomerBase> {
  /** The keys of a customer entry of this transport, `connectivity` (a literal) included: a strict zod object. */
  readonly customerSchema: S;
  /**
   * The consumer's VPC and the service VPC share one routing domain (a peering): the CIDR must come from the config
   * (the service stack opens its endpoint to it and never reads the consumer's account), it may overlap no other
   * routed VPC, and an existing network names the route tables that get the route.
   */
  readonly routesToServiceVpc: boolean;
  /**
   * Rules of this transport across sections, reported on `ctx` at `path` (`['customers', i]`): e.g. which Regions a
   * consumer may be in, keys that only make sense together.
   */
  checkCustomer(customer: C, path: readonly (string | number)[], config: ConfigContext, ctx: z.RefinementCtx): void;
  /** DNS names this consumer's VPC already gives its own records (a custom domain must not be one of them). */
  ownNames(customer: C): readonly string[];
}

/**
 * Refuses, at `path.region`, a customer in another Region than the service's, for a transport that only works
 * within one Region; `why` says why for that transport (the message ends by pointing at PrivateLink cross-Region).
 */
export function requireServiceRegion(
  customer: { readonly region?: string; readonly connectivity: string },
  path: readonly (string | number)[],
  config: ConfigContext,
  ctx: z.RefinementCtx,
  why: string,
): void {
  if ((customer.region ?? config.region) !== config.region) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'region'],
      message: `expected the service's region ${config.region} for a ${customer.connectivity} customer: ${why}; use connectivity "privatelink" (cross-Region)`,
    });
  }
}
