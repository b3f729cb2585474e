/**
 * `network` (service or customer): the VPC, subnets and route tables a team already has, which the product uses
 * instead of creating its own.
 */
import { z } from 'zod';

export const vpcId = z
  .string({ invalid_type_error: 'expected a VPC id as a string' })
  .regex(/^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/, 'expected a VPC id like vpc-0123456789abcdef0');

const subnetId = z
  .string({ invalid_type_error: 'expected a subnet id as a string' })
  .regex(/^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/, 'expected a subnet id like subnet-0123456789abcdef0');

const routeTableId = z
  .string({ invalid_type_error: 'expected a route table id as a string' })
  .regex(/^rtb-[0-9a-f]{8}([0-9a-f]{9})?$/, 'expected a route table id like rtb-0123456789abcdef0');

/**
 * An existing VPC: one existing subnet per AZ ID (keys = that stack's `azIds`, so everything stays keyed by AZ ID)
 * and, for peering, the route tables that get the route to the other side. The product creates no VPC, subnet,
 * route table or gateway there.
 */
export const networkSchema = z
  .object({
    vpcId,
    subnetIds: z.record(z.string(), subnetId, { invalid_type_error: 'expected an object of AZ ID → subnet id, like { "apne1-az1": "subnet-…" }' }),
    routeTableIds: z
      .array(routeTableId, { invalid_type_error: 'expected a list of route table ids' })
      .min(1, 'expected at least one route table id')
      .refine((ids) => new Set(ids).size === ids.length, { message: 'expected distinct route table ids' })
      .optional(),
  })
  .strict();

export type NetworkConfig = z.infer<typeof networkSchema>;

/** Checks of one `network` against the stack's AZ IDs and mode; `path` is where it sits (`service.network`). */
export function checkNetwork(
  network: NetworkConfig,
  path: (string | number)[],
  azIds: readonly string[],
  needsRouteTables: string | undefined,
  ctx: z.RefinementCtx,
): void {
  const keys = Object.keys(network.subnetIds);
  for (const key of keys) {
    if (!azIds.includes(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'subnetIds', key],
        message: `expected keys that are this stack's azIds (${azIds.join(', ')}): one existing subnet per AZ ID`,
      });
    }
  }
  for (const azId of azIds) {
    if (!keys.includes(azId)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'subnetIds'],
        message: `expected a subnet for every AZ ID of azIds; ${azId} has none`,
      });
    }
  }
  const ids = Object.values(network.subnetIds);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) < i) {
      ctx.addIssue({ code: 'custom', path: [...path, 'subnetIds', keys[i]], message: `expected one subnet per AZ; ${id} is already under ${keys[ids.indexOf(id)]}` });
    }
  });
  if (needsRouteTables && !network.routeTableIds) {
    ctx.addIssue({ code: 'custom', path: [...path, 'routeTableIds'], message: `expected the route tables that must route to the peered VPC (${needsRouteTables})` });
  }
  if (!needsRouteTables && network.routeTableIds) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'routeTableIds'],
      message: 'expected no route tables: only a peering needs routes (PrivateLink reaches the service through the endpoint)',
    });
  }
}
