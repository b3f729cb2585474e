import { z } from 'zod';
import { customerFields } from '../../config/customer';
import { CROSS_REGION_PRIVATELINK_REGIONS } from '../../config/regions';
import { TransportDefinition } from '../definition';
import { checkNamedEndpoint, namedEndpointFields } from '../named-endpoint-fields';

/** `privatelink`: an interface endpoint in the consumer's VPC to the service's endpoint service (NLB in front of the execute-api endpoint). */
export const privatelinkCustomerSchema = z
  .object({
    ...customerFields,
    connectivity: z.literal('privatelink'),
    ...namedEndpointFields,
  })
  .strict();

export type PrivatelinkCustomerConfig = z.infer<typeof privatelinkCustomerSchema>;

export const privatelinkDefinition: TransportDefinition<typeof privatelinkCustomerSchema> = {
  customerSchema: privatelinkCustomerSchema,
  routesToServiceVpc: false,
  checkCustomer(customer, path, config, ctx) {
    const own = customer.region ?? config.region;
    if (own !== config.region) {
      for (const [where, name] of [[[...path, 'region'], own], [['region'], config.region]] as const) {
        if (!(CROSS_REGION_PRIVATELINK_REGIONS as readonly string[]).includes(name)) {
          ctx.addIssue({
            code: 'custom',
            path: [...where],
            message: `expected a region that offers PrivateLink cross-Region connectivity (${CROSS_REGION_PRIVATELINK_REGIONS.join(', ')}) for a consumer in ${own} of a service in ${config.region}`,
          });
        }
      }
    }
    checkNamedEndpoint(customer, path, ctx);
  },
  ownNames: (customer) => [`${customer.recordName}.${customer.zoneName}`],
};
