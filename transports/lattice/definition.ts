import { z } from 'zod';
import { customerFields } from '../../config/customer';
import { requireServiceRegion, TransportDefinition } from '../definition';
import { checkNamedEndpoint, namedEndpointFields } from '../named-endpoint-fields';

/**
 * `lattice`: the service publishes its execute-api endpoint as an Amazon VPC Lattice resource configuration behind a
 * resource gateway, shared through AWS RAM; the consumer connects a resource endpoint in its VPC and names it in a
 * private zone, as a PrivateLink consumer names its interface endpoint.
 */
export const latticeCustomerSchema = z
  .object({
    ...customerFields,
    connectivity: z.literal('lattice'),
    ...namedEndpointFields,
  })
  .strict();

export type LatticeCustomerConfig = z.infer<typeof latticeCustomerSchema>;

export const latticeDefinition: TransportDefinition<typeof latticeCustomerSchema> = {
  customerSchema: latticeCustomerSchema,
  routesToServiceVpc: false,
  checkCustomer(customer, path, config, ctx) {
    // A resource endpoint connects to a resource configuration shared with its account through AWS RAM, and RAM shares
    // a Regional resource within its own Region only: the configuration, its gateway and the endpoint are in one Region.
    // https://docs.aws.amazon.com/vpc/latest/privatelink/use-resource-endpoint.html
    // https://docs.aws.amazon.com/ram/latest/userguide/working-with-regional-vs-global.html
    // Same Region also means the consumer's subnets are in the top-level azIds (config/schema.ts), so they share an
    // AZ with the resource gateway, which AWS requires ("At least one Availability Zone of the VPC endpoint and the
    // resource gateway have to overlap": https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-gateway.html).
    requireServiceRegion(customer, path, config, ctx, 'a VPC Lattice resource configuration is shared (AWS RAM) and reached by resource endpoints in its own Region only');
    checkNamedEndpoint(customer, path, ctx);
  },
  ownNames: (customer) => [`${customer.recordName}.${customer.zoneName}`],
};
