/**
 * The light registry of transports: the config part and the rules of each way a consumer connects. A transport is a
 * folder `transports/<kind>/` (definition, constructs, verification, revocation), each part chosen from a registry
 * typed by the connectivity names; docs/transports.md lists the steps to add one. The customer union and this
 * registry are typed against each other: a transport in one and not the other does not compile.
 */
import { z } from 'zod';
import { TransportDefinition } from './definition';
import { privatelinkCustomerSchema, privatelinkDefinition } from './privatelink/definition';
import { peeringCustomerSchema, peeringDefinition } from './peering/definition';
import { privateDomainCustomerSchema, privateDomainDefinition } from './private-domain/definition';
import { latticeCustomerSchema, latticeDefinition } from './lattice/definition';

/** A customer entry: one object per transport, told apart by `connectivity` (absent: `privatelink`, the seed's). */
const customerSchemas: [typeof privatelinkCustomerSchema, typeof peeringCustomerSchema, typeof privateDomainCustomerSchema, typeof latticeCustomerSchema] = [
  privatelinkCustomerSchema,
  peeringCustomerSchema,
  privateDomainCustomerSchema,
  latticeCustomerSchema,
];
const names = customerSchemas.map((schema) => `"${schema.shape.connectivity.value}"`).join(', ');
export const customerUnion = z.discriminatedUnion('connectivity', customerSchemas, {
  errorMap: (issue, ctx) => (issue.code === 'invalid_union_discriminator' ? { message: `expected one of ${names}` } : { message: ctx.defaultError }),
});

export type CustomerConfig = z.infer<typeof customerUnion>;
/** The name of a transport: the values of `customers[].connectivity`. */
export type Connectivity = CustomerConfig['connectivity'];
export type CustomerOf<K extends Connectivity> = Extract<CustomerConfig, { readonly connectivity: K }>;

export const TRANSPORT_DEFINITIONS: { readonly [K in Connectivity]: TransportDefinition<z.AnyZodObject, CustomerOf<K>> } = {
  privatelink: privatelinkDefinition,
  peering: peeringDefinition,
  'private-domain': privateDomainDefinition,
  lattice: latticeDefinition,
};

export const CONNECTIVITIES = Object.keys(TRANSPORT_DEFINITIONS) as Connectivity[];

/** A customer entry without `connectivity` is the seed's consumer: PrivateLink. */
export const DEFAULT_CONNECTIVITY: Connectivity = 'privatelink';

/** The definition of `customer`'s transport, typed for it (the one place a customer's kind picks its transport). */
export function definitionOf<C extends CustomerConfig>(customer: C): TransportDefinition<z.AnyZodObject, C> {
  return TRANSPORT_DEFINITIONS[customer.connectivity] as unknown as TransportDefinition<z.AnyZodObject, C>;
}
