/**
 * The constructs half of a transport: what it adds to the service account for its consumers and what each consumer's
 * stack creates. The stacks only loop: the service stack asks every transport in use, a customer stack asks its
 * customer's. The registry is typed by the connectivity names (transports/definitions.ts), so a new transport that
 * is missing here, or misses a member, does not compile.
 */
import type { Construct } from 'constructs';
import type { App } from 'cdktf';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { AppConfig, Connectivity, CustomerConfig, CustomerOf } from '../config';
import type { Network, NetworkRouteTable } from '../modules/network';
import type { InterfaceEndpoint } from '../modules/interface-endpoint';
import type { AlarmsProps } from '../modules/alarms';
import type { Outputs } from '../stacks/account-stack';
import { privatelinkConstructs } from './privatelink/constructs';
import { peeringConstructs } from './peering/constructs';
import { privateDomainConstructs } from './private-domain/constructs';
import { latticeConstructs } from './lattice/constructs';

/** One published API as the consumer stacks see it (cross-stack references). */
export interface PublishedApi {
  /** The API's name in `apis`; undefined for the default API (no `apis` in the config), whose outputs keep their names. */
  readonly key?: string;
  readonly restApiId: string;
  /** From the config, not the stage's attribute: a consumer's curl line then needs no cross-stack reference for it. */
  readonly stageName: string;
  /** The path the API's check calls, e.g. `/health` (`/` for the default). */
  readonly checkPath: string;
  readonly customDomainName?: string;
  /** Customer names that may call it; undefined: all. */
  readonly consumers?: readonly string[];
  /** `arn:aws:execute-api:<region>:<account>:<api-id>`: what a caller's identity policy grants with IAM authorization. */
  readonly executionArn: string;
  /** Callers sign (SigV4) their requests: methods use AWS_IAM and the policy names the principals. */
  readonly iam: boolean;
  /** ARN of its private custom domain name (what RAM shares and access associations name); none without one. */
  readonly customDomainArn?: string;
}

/**
 * A stack of a consumer's own, deployed before the service because the service reads it (cross-stack references):
 * its network and its execute-api endpoint. cdktf orders the deploy; the stack is named `<customer>-endpoint`.
 */
export interface ConsumerPrelude {
  readonly stackName: string;
  readonly network: Network;
  readonly executeApiEndpoint: InterfaceEndpoint;
}

/** What the service stack offers the transports in use. */
export interface ServiceSite {
  /** The service stack: a transport's constructs sit at its top level, so their Terraform addresses are their ids. */
  readonly scope: Construct;
  readonly provider: AwsProvider;
  /** Prefix of resource names and `Name` tags (`<namePrefix>-service`). */
  readonly name: string;
  readonly config: AppConfig;
  readonly network: Network;
  /** The service's execute-api endpoint, the only source every API's policy admits. */
  readonly executeApiEndpoint: InterfaceEndpoint;
  /** Every API, with its stage's name as the stage resource has it (service-side lines wait for the stage). */
  readonly apis: readonly { readonly api: PublishedApi; readonly deployedStageName: string }[];
}

/** What a transport added to the service account: its outputs, and what its consumers' stacks read of it. */
export interface ServiceAttachment {
  readonly outputs: Outputs;
  /** Dimensions of the alarms on what the transport runs (an NLB, an endpoint service). @default none */
  readonly alarms?: Pick<AlarmsProps, 'loadBalancerArnSuffix' | 'targetGroupArnSuffix' | 'endpointServiceId'>;
}

/** What the service stack shares with every consumer stack (cross-stack references). */
export interface ServiceView {
  readonly accountId: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Where a route back to a consumer's VPC goes. */
  readonly routeTables: readonly NetworkRouteTable[];
  readonly executeApiEndpointDnsName: string;
  readonly executeApiEndpointHostedZoneId: string;
}

/** What a customer stack offers its transport. */
export interface CustomerSite<C extends CustomerConfig> {
  /** The customer stack (top-level ids, as for the service). */
  readonly scope: Construct;
  readonly provider: AwsProvider;
  /** A provider of the service account, for a transport whose consumer side acts there too (a peering's accepter). */
  serviceAccountProvider(): AwsProvider;
  /** `<namePrefix>-<customer>`. */
  readonly name: string;
  readonly config: AppConfig;
  readonly customer: C;
  /** The customer stack's Region (the customer's own, or the deployment's). */
  readonly region: string;
  readonly network: Network;
  /** The consumer's prelude stack, when its transport has one. */
  readonly prelude?: ConsumerPrelude;
  readonly service: ServiceView;
  /** The APIs this consumer may call. */
  readonly apis: readonly PublishedApi[];
}

/** What a transport created in a consumer's stack. */
export interface CustomerAttachment {
  readonly outputs: Outputs;
  /** Where a custom domain resolves in this VPC when it needs a zone of its own. */
  readonly customDomainTarget: { readonly dnsName: string; readonly hostedZoneId: string };
  /** Custom domains that already resolve here through the transport's own zone (no zone of their own). */
  readonly domainsInZone: ReadonlySet<string>;
  /** Destinations beyond the VPC the consumer's test instance calls on 443 (a peered service VPC). */
  readonly testInstanceEgressCidrs: readonly string[];
}

export interface TransportConstructs<C extends CustomerConfig, A extends ServiceAttachment> {
  /** A stack of the consumer's that the service stack reads, created before it. @default none */
  prelude?(app: App, config: AppConfig, customer: C): ConsumerPrelude | undefined;
  /**
   * The consumer's own execute-api endpoint, when the APIs it may call (and their domain names) must admit it in
   * their policies besides the service's endpoint. @default none
   */
  consumerEndpointId?(customer: C, prelude: ConsumerPrelude | undefined): string | undefined;
  /** Sources the service's execute-api endpoint admits on 443 for these consumers, besides the service VPC. */
  endpointSources(customers: readonly C[]): readonly { readonly name: string; readonly cidr: string; readonly description: string }[];
  /** What the service account runs for these consumers (at least one): called once per deployment. */
  addToService(site: ServiceSite, customers: readonly C[]): A;
  /** The consumer's side, in its own stack; `service` is what `addToService` returned. */
  addToCustomer(site: CustomerSite<C>, service: A): CustomerAttachment;
}

export const TRANSPORT_CONSTRUCTS: { readonly [K in Connectivity]: TransportConstructs<CustomerOf<K>, ServiceAttachment> } = {
  privatelink: privatelinkConstructs,
  peering: peeringConstructs,
  'private-domain': privateDomainConstructs,
  lattice: latticeConstructs,
};

/** A transport some customer uses, with those customers. */
export interface TransportInUse {
  readonly connectivity: Connectivity;
  readonly constructs: TransportConstructs<CustomerConfig, ServiceAttachment>;
  readonly customers: readonly CustomerConfig[];
}

/** The transports some customer uses, each with its customers, in registry order. */
export function transportsInUse(customers: readonly CustomerConfig[]): TransportInUse[] {
  return (Object.keys(TRANSPORT_CONSTRUCTS) as Connectivity[])
    .map((connectivity) => ({
      connectivity,
      // Each transport is given only its own customers (the filter above): the registry's per-kind types hold.
      constructs: TRANSPORT_CONSTRUCTS[connectivity] as unknown as TransportConstructs<CustomerConfig, ServiceAttachment>,
      customers: customers.filter((c) => c.connectivity === connectivity),
    }))
    .filter((use) => use.customers.length > 0);
}

/** The transport of `customer`, typed for it (the one place where a customer's kind picks its constructs). */
export function constructsOf<C extends CustomerConfig>(customer: C): TransportConstructs<C, ServiceAttachment> {
  return TRANSPORT_CONSTRUCTS[customer.connectivity] as unknown as TransportConstructs<C, ServiceAttachment>;
}
