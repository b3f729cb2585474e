import { App } from 'cdktf';
import { AppConfig, SERVICE_STACK_NAME } from '../config';
import { ServiceStack } from './service-stack';
import { CustomerStack } from './customer-stack';

export interface PrivateApiStacks {
  readonly service: ServiceStack;
  readonly customers: CustomerStack[];
}

/** Stack `service`, then one stack per customer, named after it. */
export function createStacks(app: App, config: AppConfig): PrivateApiStacks {
  const service = new ServiceStack(app, SERVICE_STACK_NAME, { config });
  const customers = config.customers.map(
    (customer) => new CustomerStack(app, customer.name, { config, customer, service }),
  );
  return { service, customers };
}
