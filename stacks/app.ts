import { App, TerraformStack } from 'cdktf';
import { AppConfig, SERVICE_STACK_NAME } from '../config';
import { ServiceStack } from './service-stack';
import { CustomerStack } from './customer-stack';
import { ConsumerPrelude, constructsOf } from '../transports/constructs';

export interface PrivateApiStacks {
  readonly service: ServiceStack;
  readonly customers: CustomerStack[];
  /** Every stack in the order they deploy: consumers' endpoint stacks, the service, the customers. */
  readonly all: TerraformStack[];
}

/**
 * Stack `service`, one stack per customer named after it, and before the service the stacks of consumers whose
 * transport needs the service to read them (`<customer>-endpoint`).
 */
export function createStacks(app: App, config: AppConfig): PrivateApiStacks {
  const preludes = new Map<string, ConsumerPrelude>();
  for (const customer of config.customers) {
    const prelude = constructsOf(customer).prelude?.(app, config, customer);
    if (prelude) preludes.set(customer.name, prelude);
  }
  const service = new ServiceStack(app, SERVICE_STACK_NAME, { config, preludes });
  const customers = config.customers.map(
    (customer) => new CustomerStack(app, customer.name, { config, customer, service, prelude: preludes.get(customer.name) }),
  );
  const endpointStacks = [...preludes.values()].filter((p): p is ConsumerPrelude & TerraformStack => p instanceof TerraformStack);
  return { service, customers, all: [...endpointStacks, service, ...customers] };
}
