/** The keys every customer entry has, whatever its transport (each transport adds its own: transports/<kind>/definition.ts). */
import { z } from 'zod';
import { networkSchema } from './network';
import { accountId, azId, profile, region, roleArn, stackName, vpcCidr } from './fields';

export const customerFields = {
  name: stackName,
  accountId,
  roleArn: roleArn.optional(),
  profile: profile.optional(),
  /** Required without `network`, and for a transport that routes to the service VPC (the service stack opens its endpoint to it). */
  vpcCidr: vpcCidr.optional(),
  /** An existing VPC of the customer (see config/network.ts). @default a new VPC */
  network: networkSchema.optional(),
  /** The customer's own region (PrivateLink cross-Region). @default the top-level region */
  region: region.optional(),
  /** AZ IDs of the customer's region; required when `region` differs from the service's. @default the top-level azIds */
  azIds: z
    .array(azId, { invalid_type_error: 'expected a list of availability zone IDs' })
    .min(1, 'expected at least one availability zone ID')
    .max(6, 'expected at most 6 availability zone IDs')
    .refine((ids) => new Set(ids).size === ids.length, { message: 'expected distinct availability zone IDs' })
    .optional(),
  testInstance: z.boolean({ invalid_type_error: 'expected true or false' }).default(true),
  /**
   * IAM roles of this account that may call the APIs with `authorization: "iam"` (their ARNs become principals of
   * the APIs' resource policies). Absent: the account root, i.e. any role the account's own IAM policies allow.
   */
  callers: z
    .array(roleArn, { invalid_type_error: 'expected a list of IAM role ARNs' })
    .min(1, 'expected at least one role ARN (omit callers to admit the account root)')
    .optional(),
};
