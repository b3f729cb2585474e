import { z } from 'zod';
import { cidrsOverlap, isNetworkAddress, parseCidr } from './cidr';
import { azNumber, MAX_AZ_NUMBER } from './az';

/** Stack name reserved for the service account. */
export const SERVICE_STACK_NAME = 'service';

const accountId = z
  .string({ invalid_type_error: 'expected a 12-digit AWS account id as a string' })
  .regex(/^\d{12}$/, 'expected a 12-digit AWS account id');

const roleArn = z
  .string({ invalid_type_error: 'expected an IAM role ARN as a string' })
  .regex(
    /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
    'expected an IAM role ARN like arn:aws:iam::111111111111:role/deploy',
  );

const profile = z.string().min(1, 'expected a non-empty AWS CLI profile name');

const vpcCidr = z
  .string({ invalid_type_error: 'expected an IPv4 CIDR as a string' })
  .superRefine((value, ctx) => {
    const cidr = parseCidr(value);
    if (!cidr) {
      ctx.addIssue({ code: 'custom', message: 'expected an IPv4 CIDR like 10.0.0.0/16' });
    } else if (cidr.prefix < 16 || cidr.prefix > 24) {
      // AWS allows /16 to /28 for a VPC; we carve 16 subnets of prefix + 4, and /28 is the smallest subnet.
      ctx.addIssue({ code: 'custom', message: 'expected a VPC CIDR with a prefix from /16 to /24' });
    } else if (!isNetworkAddress(cidr)) {
      ctx.addIssue({ code: 'custom', message: 'expected a network address (host bits zero), like 10.1.0.0/16' });
    }
  });

const region = z
  .string({ invalid_type_error: 'expected an AWS region name as a string' })
  .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected an AWS region name like ap-northeast-1');

const azId = z
  .string({ invalid_type_error: 'expected an availability zone ID as a string' })
  .regex(/^[a-z]{2,}\d-az\d+$/, 'expected an availability zone ID like apne1-az1 (an ID, not a name like ap-northeast-1a)')
  .refine((id) => azNumber(id) <= MAX_AZ_NUMBER, {
    message: `expected an AZ number from 1 to ${MAX_AZ_NUMBER} (each AZ's subnet is the VPC's /+4 block of that number)`,
  });


const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const dnsName = z
  .string({ invalid_type_error: 'expected a DNS name as a string' })
  .regex(DNS_NAME, 'expected a lower-case DNS zone name like hoge.co.jp');

// A private custom domain name cannot be a wildcard (API Gateway: "Wildcard custom domain names aren't supported
// for private APIs"); say so rather than "not a DNS name".
const customDomainName = z
  .string({ invalid_type_error: 'expected a DNS name as a string' })
  .refine((name) => !name.startsWith('*.'), { message: 'expected a name without a wildcard: private custom domain names cannot be wildcards' })
  .refine((name) => name.startsWith('*.') || DNS_NAME.test(name), { message: 'expected a lower-case DNS name like api.hoge.co.jp' });

const ACM_ARN = /^arn:aws(-[a-z]+)*:acm:([a-z]{2}(-[a-z]+)+-\d):(\d{12}):certificate\/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/;

const customDomainSchema = z
  .object({
    name: customDomainName,
    certificateArn: z
      .string({ invalid_type_error: 'expected an ACM certificate ARN as a string' })
      .regex(ACM_ARN, 'expected an ACM certificate ARN like arn:aws:acm:ap-northeast-1:111111111111:certificate/<uuid>')
      .optional(),
    validationZoneId: z
      .string({ invalid_type_error: 'expected a Route 53 hosted zone id as a string' })
      .regex(/^Z[0-9A-Z]{1,31}$/, 'expected a Route 53 hosted zone id like Z0123456789ABCDEFGHIJ')
      .optional(),
  })
  .strict()
  .superRefine((domain, ctx) => {
    if ((domain.certificateArn === undefined) === (domain.validationZoneId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'expected exactly one of certificateArn (an ACM certificate for the name) or validationZoneId (a public zone to validate a new one in)',
      });
    }
  });

const observabilitySchema = z
  .object({
    accessLogs: z.boolean({ invalid_type_error: 'expected true or false' }).default(false),
    manageAccountLoggingRole: z.boolean({ invalid_type_error: 'expected true or false' }).default(false),
    throttling: z
      .object({
        // API Gateway's account-level default is 10,000 requests/s shared by every API of the account and region;
        // a stage limit keeps one consumer's burst from eating the others' share.
        rateLimit: z.number({ invalid_type_error: 'expected a number' }).positive('expected a positive number of requests per second').max(10000, 'expected at most 10000 (the account-level default quota)').default(100),
        burstLimit: z.number({ invalid_type_error: 'expected a number' }).int('expected a whole number').positive('expected a positive number of requests').max(5000, 'expected at most 5000 (the account-level default burst)').default(200),
      })
      .strict()
      .default({}),
    alarms: z
      .object({ email: z.string({ invalid_type_error: 'expected an e-mail address as a string' }).email('expected an e-mail address like ops@example.com').optional() })
      .strict()
      .optional(),
  })
  .strict();

const recordName = z
  .string({ invalid_type_error: 'expected a DNS label as a string' })
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'expected a single lower-case DNS label like vpce');

const stackName = z
  .string({ invalid_type_error: 'expected a stack name as a string' })
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'expected a lower-case kebab-case name like customer or acme-prod')
  // IAM role names (64) hold <namePrefix>-<name>-test-instance.
  .max(32, 'expected at most 32 characters')
  .refine((name) => name !== SERVICE_STACK_NAME, {
    message: `expected any name but "${SERVICE_STACK_NAME}", which is the service stack's`,
  });

const serviceSchema = z
  .object({
    accountId,
    roleArn: roleArn.optional(),
    profile: profile.optional(),
    vpcCidr,
    stageName: z
      .string({ invalid_type_error: 'expected a stage name as a string' })
      .regex(/^[A-Za-z0-9_-]{1,128}$/, 'expected a stage name of letters, digits, - and _')
      .default('prod'),
    testInstance: z.boolean({ invalid_type_error: 'expected true or false' }).default(true),
    /**
     * Private DNS on the service's execute-api endpoint: `https://<api-id>.execute-api.<region>.amazonaws.com` then
     * resolves to it inside the service VPC (the service test host's plain URL), and public APIs of the region can no
     * longer be reached by their default names from that VPC.
     */
    privateDns: z.boolean({ invalid_type_error: 'expected true or false' }).default(true),
  })
  .strict();

const customerCommon = {
  name: stackName,
  accountId,
  roleArn: roleArn.optional(),
  profile: profile.optional(),
  vpcCidr,
  testInstance: z.boolean({ invalid_type_error: 'expected true or false' }).default(true),
};

const privatelinkCustomer = z
  .object({
    ...customerCommon,
    connectivity: z.literal('privatelink'),
    zoneName: dnsName.default('hoge.co.jp'),
    recordName: recordName.default('vpce'),
  })
  .strict();

// zoneName/recordName are not accepted here: the zone is always <api-id>.execute-api.<region>.amazonaws.com.
const peeringCustomer = z
  .object({ ...customerCommon, connectivity: z.literal('peering') })
  .strict();

const CONNECTIVITY_MODES = ['privatelink', 'peering'] as const;

const customerSchema = z.preprocess(
  (value) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) && !('connectivity' in value)
      ? { ...value, connectivity: 'privatelink' }
      : value,
  z.discriminatedUnion('connectivity', [privatelinkCustomer, peeringCustomer], {
    errorMap: (issue, ctx) =>
      issue.code === 'invalid_union_discriminator'
        ? { message: `expected one of ${CONNECTIVITY_MODES.map((m) => `"${m}"`).join(', ')}` }
        : { message: ctx.defaultError },
  }),
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

    const domain = config.customDomain;
    const arn = domain?.certificateArn ? ACM_ARN.exec(domain.certificateArn) : null;
    if (arn && arn[2] !== config.region) {
      ctx.addIssue({
        code: 'custom',
        path: ['customDomain', 'certificateArn'],
        message: `expected a certificate in the API's region ${config.region}: API Gateway uses regional ACM certificates for private domain names`,
      });
    }
    if (arn && arn[4] !== config.service.accountId) {
      ctx.addIssue({
        code: 'custom',
        path: ['customDomain', 'certificateArn'],
        message: `expected a certificate of the service account ${config.service.accountId}: ACM certificates are not shared across accounts`,
      });
    }
    config.customers.forEach((customer, i) => {
      if (domain && customer.connectivity === 'privatelink' && domain.name === `${customer.recordName}.${customer.zoneName}`) {
        ctx.addIssue({
          code: 'custom',
          path: ['customDomain', 'name'],
          message: `expected a name other than customers[${i}]'s record ${customer.recordName}.${customer.zoneName}, which already names its endpoint`,
        });
      }
    });

    const prefix = azIdPrefix(config.region);
    config.azIds.forEach((id, i) => {
      if (prefix && !id.startsWith(`${prefix}-`)) {
        ctx.addIssue({
          code: 'custom',
          path: ['azIds', i],
          message: `expected an availability zone ID of region ${config.region} (${prefix}-az<N>)`,
        });
      }
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
      { label: 'service.vpcCidr', cidr: config.service.vpcCidr },
      ...config.customers.flatMap((c, i) =>
        c.connectivity === 'peering' ? [{ label: `customers[${i}].vpcCidr`, cidr: c.vpcCidr, index: i }] : [],
      ),
    ];
    peered.forEach((a, i) => {
      peered.slice(0, i).forEach((b) => {
        if (cidrsOverlap(a.cidr, b.cidr)) {
          ctx.addIssue({
            code: 'custom',
            path: ['customers', (a as { index: number }).index, 'vpcCidr'],
            message: `expected a CIDR that does not overlap ${b.label} (${b.cidr}): peered VPCs need disjoint addresses`,
          });
        }
      });
    });
  });

export type AppConfig = z.infer<typeof configSchema>;
export type ServiceConfig = AppConfig['service'];
export type CustomerConfig = AppConfig['customers'][number];
export type PrivatelinkCustomerConfig = Extract<CustomerConfig, { connectivity: 'privatelink' }>;
export type PeeringCustomerConfig = Extract<CustomerConfig, { connectivity: 'peering' }>;
export type BackendConfig = AppConfig['backend'];
export type CustomDomainConfig = NonNullable<AppConfig['customDomain']>;
export type ObservabilityConfig = AppConfig['observability'];
