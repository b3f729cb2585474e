import { z } from 'zod';
import { checkNetwork, networkSchema } from './network';
import { NO_REMOTE_ACCESS_AZ_IDS } from './regions';
import { CONNECTIVITIES, CustomerConfig, customerUnion, DEFAULT_CONNECTIVITY, definitionOf, TRANSPORT_DEFINITIONS } from '../transports/definitions';
import { cidrsOverlap } from './cidr';
import { ApiConfig, apisSchema, checkApis } from './apis';
import {
  accountId,
  AZ_ID,
  azId,
  checkCustomDomain,
  customDomainSchema,
  profile,
  region,
  roleArn,
  stageName,
  throttlingFields,
  vpcCidr,
} from './fields';

export type { CustomDomainConfig } from './fields';

export { SERVICE_STACK_NAME } from './fields';

const observabilitySchema = z
  .object({
    accessLogs: z.boolean({ invalid_type_error: 'expected true or false' }).default(false),
    manageAccountLoggingRole: z.boolean({ invalid_type_error: 'expected true or false' }).default(false),
    throttling: z
      .object({ rateLimit: throttlingFields.rateLimit.default(100), burstLimit: throttlingFields.burstLimit.default(200) })
      .strict()
      .default({}),
    alarms: z
      .object({ email: z.string({ invalid_type_error: 'expected an e-mail address as a string' }).email('expected an e-mail address like ops@example.com').optional() })
      .strict()
      .optional(),
  })
  .strict();

const serviceSchema = z
  .object({
    accountId,
    roleArn: roleArn.optional(),
    profile: profile.optional(),
    /** Required without `network`; with it, read from AWS (and checked against AWS when given). */
    vpcCidr: vpcCidr.optional(),
    /** An existing VPC for the service (see config/network.ts). @default a new VPC */
    network: networkSchema.optional(),
    stageName: stageName.default('prod'),
    testInstance: z.boolean({ invalid_type_error: 'expected true or false' }).default(true),
    /**
     * Private DNS on the service's execute-api endpoint: `https://<api-id>.execute-api.<region>.amazonaws.com` then
     * resolves to it inside the service VPC (the service test host's plain URL), and public APIs of the region can no
     * longer be reached by their default names from that VPC.
     */
    privateDns: z.boolean({ invalid_type_error: 'expected true or false' }).default(true),
  })
  .strict();

const customerSchema = z.preprocess(
  (value) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) && !('connectivity' in value)
      ? { ...value, connectivity: DEFAULT_CONNECTIVITY }
      : value,
  customerUnion,
);

const BACKEND_TYPES = ['local', 's3', 'cloud'] as const;

const backendSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('local') }).strict(),
    z
      .object({
        type: z.literal('s3'),
        bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name'),
        keyPrefix: z
          .string()
          .regex(/^[\w.=/-]*$/, 'expected an S3 key prefix like privapi/prod')
          .default('privapi'),
        region: region.optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal('cloud'),
        organization: z.string().min(1, 'expected the Terraform Cloud organization name'),
        workspacePrefix: z
          .string()
          .regex(/^[A-Za-z0-9_-]*$/, 'expected letters, digits, - and _ (workspace names allow no other)')
          .default('privapi-'),
        hostname: z
          .string()
          .regex(/^[a-z0-9.-]+(:\d+)?$/, 'expected a host name like app.terraform.io')
          .optional(),
      })
      .strict(),
  ],
  {
    errorMap: (issue, ctx) =>
      issue.code === 'invalid_union_discriminator'
        ? { message: `expected one of ${BACKEND_TYPES.map((t) => `"${t}"`).join(', ')}` }
        : { message: ctx.defaultError },
  },
);

/** Maps `ap-northeast-1` to the AZ ID prefix `apne1`; undefined for irregular names (GovCloud, China). */
export function azIdPrefix(regionName: string): string | undefined {
  const match = /^([a-z]{2})-(north|south|east|west|central|northeast|northwest|southeast|southwest)-(\d)$/.exec(
    regionName,
  );
  if (!match) return undefined;
  const direction = match[2].replace('north', 'n').replace('south', 's').replace('east', 'e').replace('west', 'w').replace('central', 'c');
  return `${match[1]}${direction}${match[3]}`;
}

/**
 * Why `id` is not an AZ ID of `regionName` (its prefix is another region's, as in `use1-az1` for ap-northeast-1), or
 * undefined. An ID of the wrong form is the field's own error, and irregular region names are not checked.
 */
function azIdOutsideRegion(id: string, regionName: string): string | undefined {
  const prefix = azIdPrefix(regionName);
  if (!prefix || !AZ_ID.test(id) || id.startsWith(`${prefix}-`)) return undefined;
  return `expected an availability zone ID of region ${regionName} (${prefix}-az<N>)`;
}

export const configSchema = z
  .object({
    region: region.default('ap-northeast-1'),
    namePrefix: z
      .string()
      // Target group names (32) hold <namePrefix>-service-execute-api.
      .regex(/^[a-z][a-z0-9-]{0,11}$/, 'expected a lower-case name of at most 12 characters, like privapi')
      .default('privapi'),
    azIds: z
      .array(azId, { invalid_type_error: 'expected a list of availability zone IDs' })
      .min(2, 'expected at least 2 availability zone IDs (an NLB and an endpoint service need two AZs)')
      .max(6, 'expected at most 6 availability zone IDs')
      .refine((ids) => new Set(ids).size === ids.length, { message: 'expected distinct availability zone IDs' }),
    service: serviceSchema,
    customers: z.array(customerSchema).min(1, 'expected at least one customer'),
    backend: backendSchema.default({ type: 'local' }),
    customDomain: customDomainSchema.optional(),
    observability: observabilitySchema.default({}),
    apis: apisSchema.optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    // The provider assumes roleArn and then refuses any account but accountId (allowed_account_ids): a mismatch
    // would only show at deploy time.
    const accounts: [(string | number)[], { accountId: string; roleArn?: string }][] = [
      [['service'], config.service],
      ...config.customers.map((c, i): [(string | number)[], typeof c] => [['customers', i], c]),
    ];
    for (const [path, account] of accounts) {
      const roleAccount = account.roleArn?.split(':')[4];
      if (roleAccount && roleAccount !== account.accountId) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'roleArn'],
          message: `expected a role in account ${account.accountId} (accountId); this role is in account ${roleAccount}`,
        });
      }
    }

    // Where a CIDR comes from AWS (an existing network) it is checked at plan time instead (see modules/network.ts).
    const cidrOf = (account: { vpcCidr?: string; network?: unknown }, path: (string | number)[], required: string | undefined) => {
      if (account.vpcCidr === undefined && (!account.network || required)) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'vpcCidr'],
          message: required ?? 'expected an IPv4 CIDR like 10.0.0.0/16 (only an existing network may leave it out: it is then read from AWS)',
        });
      }
    };
    // Transports whose consumers share a routing domain with the service VPC (a peering).
    const routed = (customer: CustomerConfig) => definitionOf(customer).routesToServiceVpc;
    const routedKinds = CONNECTIVITIES.filter((k) => TRANSPORT_DEFINITIONS[k].routesToServiceVpc);
    const anyRouted = config.customers.some(routed);
    // The service's AZs must offer cross-Region access too once a consumer is remote (same AWS list).
    if (config.customers.some((c) => (c.region ?? config.region) !== config.region)) {
      config.azIds.forEach((id, j) => {
        if ((NO_REMOTE_ACCESS_AZ_IDS as readonly string[]).includes(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['azIds', j],
            message: `expected an AZ that offers cross-Region access (a customer is in another region): AWS does not for ${NO_REMOTE_ACCESS_AZ_IDS.join(', ')} (PrivateLink guide, Cross-Region access)`,
          });
        }
      });
    }
    config.customers.forEach((customer, i) => {
      const own = customer.region ?? config.region;
      const remote = own !== config.region;
      definitionOf(customer).checkCustomer(customer, ['customers', i], config, ctx);
      if (remote && !customer.azIds) {
        ctx.addIssue({ code: 'custom', path: ['customers', i, 'azIds'], message: `expected the AZ IDs of ${own} for the customer's subnets (the top-level azIds are ${config.region}'s)` });
      }
      if (!remote && customer.azIds) {
        ctx.addIssue({ code: 'custom', path: ['customers', i, 'azIds'], message: `expected no azIds for a customer in the service's region ${config.region}: it uses the top-level azIds` });
      }
      customer.azIds?.forEach((id, j) => {
        const outside = azIdOutsideRegion(id, own);
        if (outside) {
          ctx.addIssue({ code: 'custom', path: ['customers', i, 'azIds', j], message: outside });
        } else if (remote && (NO_REMOTE_ACCESS_AZ_IDS as readonly string[]).includes(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['customers', i, 'azIds', j],
            message: `expected an AZ that offers cross-Region access: AWS does not for ${NO_REMOTE_ACCESS_AZ_IDS.join(', ')} (PrivateLink guide, Cross-Region access)`,
          });
        }
      });
    });
    cidrOf(config.service, ['service'], undefined);
    if (config.service.network) {
      checkNetwork(config.service.network, ['service', 'network'], config.azIds, anyRouted ? `the ${routedKinds.join(', ')} customers` : undefined, ctx);
    }
    config.customers.forEach((customer, i) => {
      cidrOf(customer, ['customers', i], routed(customer) ? 'expected the VPC\'s CIDR, also with an existing network: the service stack opens its endpoint to it and never reads the customer\'s account' : undefined);
      if (customer.network) checkNetwork(customer.network, ['customers', i, 'network'], customer.azIds ?? config.azIds, routed(customer) ? 'the service VPC' : undefined, ctx);
    });

    const iamApis = (config.apis ?? []).filter((api) => api.authorization === 'iam');
    config.customers.forEach((customer, i) => {
      customer.callers?.forEach((arn, j) => {
        const account = arn.split(':')[4];
        if (account !== customer.accountId) {
          ctx.addIssue({
            code: 'custom',
            path: ['customers', i, 'callers', j],
            message: `expected a role of this customer's account ${customer.accountId} (accountId); this role is in account ${account}`,
          });
        }
      });
      if (customer.callers && !iamApis.some((api) => !api.consumers || api.consumers.includes(customer.name))) {
        ctx.addIssue({
          code: 'custom',
          path: ['customers', i, 'callers'],
          message:
            'expected callers only for a customer that may call an API with authorization "iam": without it the API admits any caller that comes through the endpoint',
        });
      }
    });

    const withOwnNames = { ...config, customerOwnNames: config.customers.map((c) => definitionOf(c).ownNames(c)) };
    if (config.customDomain) checkCustomDomain(config.customDomain, ['customDomain'], withOwnNames, ctx);
    checkApis(withOwnNames, ctx);

    config.azIds.forEach((id, i) => {
      const outside = azIdOutsideRegion(id, config.region);
      if (outside) ctx.addIssue({ code: 'custom', path: ['azIds', i], message: outside });
    });

    const seen = new Map<string, number>();
    config.customers.forEach((customer, i) => {
      const first = seen.get(customer.name);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['customers', i, 'name'],
          message: `expected a unique name; customers[${first}] already uses it`,
        });
      } else {
        seen.set(customer.name, i);
      }
    });

    // Peered VPCs share one routing domain with the service VPC: their CIDRs must not overlap it or each other.
    // PrivateLink customers are exempt; overlapping addresses are fine behind an endpoint.
    const peered = [
      ...(config.service.vpcCidr ? [{ label: 'service.vpcCidr', cidr: config.service.vpcCidr }] : []),
      ...config.customers.flatMap((c, i) => (routed(c) && c.vpcCidr ? [{ label: `customers[${i}].vpcCidr`, cidr: c.vpcCidr, index: i }] : [])),
    ];
    peered.forEach((a, i) => {
      peered.slice(0, i).forEach((b) => {
        if (cidrsOverlap(a.cidr, b.cidr)) {
          ctx.addIssue({
            code: 'custom',
            path: 'index' in a ? ['customers', a.index, 'vpcCidr'] : ['service', 'vpcCidr'],
            message: `expected a CIDR that does not overlap ${b.label} (${b.cidr}): peered VPCs need disjoint addresses`,
          });
        }
      });
    });
  });

/** The config after `parseConfig`: `apis` resolved (defaults from other sections, files read). */
export type AppConfig = Omit<z.infer<typeof configSchema>, 'apis'> & { apis?: ApiConfig[] };
export type ServiceConfig = AppConfig['service'];
export type { Connectivity, CustomerConfig, CustomerOf } from '../transports/definitions';
export type BackendConfig = AppConfig['backend'];
export type ObservabilityConfig = AppConfig['observability'];
