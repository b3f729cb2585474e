import { z } from 'zod';
import { customerFields } from '../../config/customer';
import { requireServiceRegion, TransportDefinition } from '../definition';

/** AWS's shape of a VPC endpoint id (8 or 17 hex digits). */
const executeApiEndpointId = z
  .string({ invalid_type_error: 'expected a VPC endpoint id as a string' })
  .regex(/^vpce-[0-9a-f]{8}([0-9a-f]{9})?$/, 'expected a VPC endpoint id like vpce-0a1b2c3d4e5f60718');

/**
 * `private-domain`: the service shares the private custom domain name of every API the consumer may call through
 * AWS RAM; the consumer associates its own execute-api endpoint with each name and resolves the name to it.
 */
export const privateDomainCustomerSchema = z
  .object({
    ...customerFields,
    connectivity: z.literal('private-domain'),
    /** The execute-api endpoint the consumer already has (with `network`). @default one is created in its VPC */
    executeApiEndpointId: executeApiEndpointId.optional(),
  })
  .strict();

export type PrivateDomainCustomerConfig = z.infer<typeof privateDomainCustomerSchema>;

/** The APIs `customer` may call that have no custom domain, by the name the error gives them. */
function apisWithoutDomain(customer: { readonly name: string }, config: Parameters<TransportDefinition<z.AnyZodObject>['checkCustomer']>[2]): string[] {
  if (!config.apis) return config.customDomain ? [] : ['the default API (no apis): set the top-level customDomain'];
  return config.apis.flatMap((api, i) =>
    (!api.consumers || api.consumers.includes(customer.name)) && !api.customDomain ? [`apis[${i}] ("${api.name}")`] : [],
  );
}

export const privateDomainDefinition: TransportDefinition<typeof privateDomainCustomerSchema> = {
  customerSchema: privateDomainCustomerSchema,
  routesToServiceVpc: false,
  checkCustomer(customer, path, config, ctx) {
    // "A private custom domain name and the VPC endpoint associated with it must be in the same Region": RAM shares
    // the name within its Region only.
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains.html
    requireServiceRegion(customer, path, config, ctx, 'a private custom domain name is shared (AWS RAM) and associated with VPC endpoints in its own Region only');
    for (const api of apisWithoutDomain(customer, config)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'connectivity'],
        message: `expected a custom domain on every API this customer may call: a private-domain consumer calls only through the shared private custom domain name, and ${api} has none (add its customDomain, or leave this customer out of its consumers)`,
      });
    }
    const endpointStack = `${customer.name}-endpoint`;
    const clash = config.customers.findIndex((other) => other.name === endpointStack);
    if (!customer.executeApiEndpointId && clash >= 0) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'name'],
        message: `expected a name whose endpoint stack "${endpointStack}" is free: customers[${clash}] is a stack of that name (rename one of them)`,
      });
    }
    if (customer.executeApiEndpointId && !customer.network) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'executeApiEndpointId'],
        message: 'expected executeApiEndpointId only with an existing network (network.vpcId and subnetIds): the endpoint is in a VPC the consumer already has',
      });
    }
  },
  ownNames: () => [],
};
