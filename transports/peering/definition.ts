import { z } from 'zod';
import { customerFields } from '../../config/customer';
import { requireServiceRegion, TransportDefinition } from '../definition';

/**
 * `peering`: a VPC peering to the service VPC and a private zone named after the API aliased to the service's
 * execute-api endpoint. zoneName/recordName are not accepted: the zone is always
 * `<api-id>.execute-api.<region>.amazonaws.com`.
 */
export const peeringCustomerSchema = z.object({ ...customerFields, connectivity: z.literal('peering') }).strict();

export type PeeringCustomerConfig = z.infer<typeof peeringCustomerSchema>;

export const peeringDefinition: TransportDefinition<typeof peeringCustomerSchema> = {
  customerSchema: peeringCustomerSchema,
  routesToServiceVpc: true,
  checkCustomer(customer, path, config, ctx) {
    requireServiceRegion(
      customer,
      path,
      config,
      ctx,
      "AWS does not document that a private zone in another region can alias the service's execute-api endpoint or that such calls carry it as aws:SourceVpce, which the API's policy requires",
    );
  },
  ownNames: () => [],
};
