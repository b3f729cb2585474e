/** Field schemas used by more than one section of the config (top level and `apis`), kept apart so neither imports the other. */
import { z } from 'zod';
import { AWS_REGIONS } from './regions';
import { isNetworkAddress, parseCidr } from './cidr';
import { azNumber, MAX_AZ_NUMBER } from './az';

/** Stack name reserved for the service account. */
export const SERVICE_STACK_NAME = 'service';

/** A lower-case kebab-case name (stack names, API names). */
export const KEBAB_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const KEBAB_NAME_MESSAGE = 'expected a lower-case kebab-case name like customer or acme-prod';

export const stageName = z
  .string({ invalid_type_error: 'expected a stage name as a string' })
  .regex(/^[A-Za-z0-9_-]{1,128}$/, 'expected a stage name of letters, digits, - and _');

export const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A Route 53 hosted zone id (`Z` and up to 31 upper-case letters or digits), public or private. */
export const hostedZoneId = z
  .string({ invalid_type_error: 'expected a Route 53 hosted zone id as a string' })
  .regex(/^Z[0-9A-Z]{1,31}$/, 'expected a Route 53 hosted zone id like Z0123456789ABCDEFGHIJ');

// A private custom domain name cannot be a wildcard (API Gateway: "Wildcard custom domain names aren't supported
// for private APIs"); say so rather than "not a DNS name".
const customDomainName = z
  .string({ invalid_type_error: 'expected a DNS name as a string' })
  .refine((name) => !name.startsWith('*.'), { message: 'expected a name without a wildcard: private custom domain names cannot be wildcards' })
  .refine((name) => name.startsWith('*.') || DNS_NAME.test(name), { message: 'expected a lower-case DNS name like api.hoge.co.jp' });

const ACM_ARN = /^arn:aws(-[a-z]+)*:acm:([a-z]{2}(-[a-z]+)+-\d):(\d{12}):certificate\/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/;

export const customDomainSchema = z
  .object({
    name: customDomainName,
    certificateArn: z
      .string({ invalid_type_error: 'expected an ACM certificate ARN as a string' })
      .regex(ACM_ARN, 'expected an ACM certificate ARN like arn:aws:acm:ap-northeast-1:111111111111:certificate/<uuid>')
      .optional(),
    validationZoneId: hostedZoneId.optional(),
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

export type CustomDomainConfig = z.infer<typeof customDomainSchema>;

/** What a custom domain is checked against once the whole config is known. */
export interface CustomDomainContext {
  readonly region: string;
  readonly service: { readonly accountId: string };
  /** Per customer, in config order: the names its VPC already gives its own records (its transport's `ownNames`). */
  readonly customerOwnNames: readonly (readonly string[])[];
}

/** Cross-field checks of one custom domain (top-level or an API's), reported at `path`. */
export function checkCustomDomain(domain: CustomDomainConfig, path: (string | number)[], config: CustomDomainContext, ctx: z.RefinementCtx): void {
  const arn = domain.certificateArn ? ACM_ARN.exec(domain.certificateArn) : null;
  if (arn && arn[2] !== config.region) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'certificateArn'],
      message: `expected a certificate in the API's region ${config.region}: API Gateway uses regional ACM certificates for private domain names`,
    });
  }
  if (arn && arn[4] !== config.service.accountId) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'certificateArn'],
      message: `expected a certificate of the service account ${config.service.accountId}: ACM certificates are not shared across accounts`,
    });
  }
  config.customerOwnNames.forEach((names, i) => {
    if (names.includes(domain.name)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'name'],
        message: `expected a name other than customers[${i}]'s record ${domain.name}, which already names its endpoint`,
      });
    }
  });
}

// API Gateway's account-level default is 10,000 requests/s shared by every API of the account and region;
// a stage limit keeps one consumer's burst from eating the others' share.
export const throttlingFields = {
  rateLimit: z.number({ invalid_type_error: 'expected a number' }).positive('expected a positive number of requests per second').max(10000, 'expected at most 10000 (the account-level default quota)'),
  burstLimit: z.number({ invalid_type_error: 'expected a number' }).int('expected a whole number').positive('expected a positive number of requests').max(5000, 'expected at most 5000 (the account-level default burst)'),
};

export interface ThrottlingConfig {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export const accountId = z
  .string({ invalid_type_error: 'expected a 12-digit AWS account id as a string' })
  .regex(/^\d{12}$/, 'expected a 12-digit AWS account id');

export const roleArn = z
  .string({ invalid_type_error: 'expected an IAM role ARN as a string' })
  .regex(
    /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
    'expected an IAM role ARN like arn:aws:iam::111111111111:role/deploy',
  );

export const profile = z.string().min(1, 'expected a non-empty AWS CLI profile name');

export const vpcCidr = z
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

export const region = z
  .string({ invalid_type_error: 'expected an AWS region name as a string' })
  .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected an AWS region name like ap-northeast-1')
  .refine((name) => !/^[a-z]{2}(-[a-z]+)+-\d$/.test(name) || (AWS_REGIONS as readonly string[]).includes(name), {
    message: `expected a Region of the aws partition (${AWS_REGIONS.join(', ')}); this one does not exist there`,
  });

export const AZ_ID = /^[a-z]{2,}\d-az\d+$/;

// One message per entry: an AZ name fails the pattern only, not also the number and region checks.
export const azId = z
  .string({ invalid_type_error: 'expected an availability zone ID as a string' })
  .superRefine((id, ctx) => {
    if (!AZ_ID.test(id)) {
      ctx.addIssue({ code: 'custom', message: 'expected an availability zone ID like apne1-az1 (an ID, not a name like ap-northeast-1a)' });
    } else if (azNumber(id) > MAX_AZ_NUMBER) {
      ctx.addIssue({
        code: 'custom',
        message: `expected an AZ number from 1 to ${MAX_AZ_NUMBER} (each AZ's subnet is the VPC's /+4 block of that number)`,
      });
    }
  });


export const dnsName = z
  .string({ invalid_type_error: 'expected a DNS name as a string' })
  .regex(DNS_NAME, 'expected a lower-case DNS zone name like hoge.co.jp');

export const recordName = z
  .string({ invalid_type_error: 'expected a DNS label as a string' })
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'expected a single lower-case DNS label like vpce');

export const stackName = z
  .string({ invalid_type_error: 'expected a stack name as a string' })
  .regex(KEBAB_NAME, KEBAB_NAME_MESSAGE)
  // IAM role names (64) hold <namePrefix>-<name>-test-instance.
  .max(32, 'expected at most 32 characters')
  .refine((name) => name !== SERVICE_STACK_NAME, {
    message: `expected any name but "${SERVICE_STACK_NAME}", which is the service stack's`,
  });
