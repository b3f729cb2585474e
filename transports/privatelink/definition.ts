import { z } from 'zod';
import { customerFields } from '../../config/customer';
import { dnsName, hostedZoneId, recordName } from '../../config/fields';
import { CROSS_REGION_PRIVATELINK_REGIONS } from '../../config/regions';
import { TransportDefinition } from '../definition';

/** `privatelink`: an interface endpoint in the consumer's VPC to the service's endpoint service (NLB in front of the execute-api endpoint). */
export const privatelinkCustomerSchema = z
  .object({
    ...customerFields,
    connectivity: z.literal('privatelink'),
    zoneName: dnsName.default('hoge.co.jp'),
    recordName: recordName.default('vpce'),
    /** An existing private zone, associated with the VPC, that gets the records instead of a new zone `zoneName`. */
    zoneId: hostedZoneId.optional(),
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
    if (customer.zoneId && !customer.network) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'zoneId'],
        message: 'expected zoneId only with an existing network: a zone that already exists cannot be associated with the VPC this stack creates',
      });
    }
  },
  ownNames: (customer) => [`${customer.recordName}.${customer.zoneName}`],
};
