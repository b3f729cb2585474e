/**
 * The config keys of a consumer whose endpoint is named in a private zone (`privatelink`, `lattice`), and their rule.
 * Light: the config loads it (transports/named-endpoint.ts is the constructs half).
 */
import { z } from 'zod';
import { dnsName, hostedZoneId, recordName } from '../config/fields';

export const namedEndpointFields = {
  zoneName: dnsName.default('hoge.co.jp'),
  recordName: recordName.default('vpce'),
  /** An existing private zone, associated with the VPC, that gets the records instead of a new zone `zoneName`. */
  zoneId: hostedZoneId.optional(),
};

/** `zoneId` only with `network`: a zone that exists cannot be associated with a VPC the stack creates. */
export function checkNamedEndpoint(
  customer: { readonly zoneId?: string; readonly network?: unknown },
  path: readonly (string | number)[],
  ctx: z.RefinementCtx,
): void {
  if (customer.zoneId && !customer.network) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'zoneId'],
      message: 'expected zoneId only with an existing network: a zone that already exists cannot be associated with the VPC this stack creates',
    });
  }
}
