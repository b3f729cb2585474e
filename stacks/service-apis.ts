import { AppConfig } from '../config';
import { ServiceApiProps } from '../modules/service-api';
import type { PublishedApi } from '../transports/constructs';

/** What differs between two APIs of the service: its props, and what consumers and outputs see of it. */
export interface ApiSpec {
  /** The API's name in `apis`; undefined for the default API, whose blocks stay at the stack's top level. */
  readonly key?: string;
  readonly props: Omit<ServiceApiProps, 'provider' | 'region' | 'sourceVpceId' | 'accessLogs' | 'executionLoggingLevel' | 'stageDependsOn' | 'functionVpc' | 'iamPrincipals'>;
  /** The function runs in the service VPC. */
  readonly inVpc: boolean;
  /** With `authorization: "iam"`: the customers that may call it (undefined: all). */
  readonly iam?: { readonly consumers?: readonly string[] };
  readonly published: Omit<PublishedApi, 'restApiId' | 'executionArn'>;
}

/**
 * The APIs the service publishes, one list whatever the config: `apis` when given, else the one bundled Hello API
 * configured by the top-level keys (`service.stageName`, `customDomain`, `observability.throttling`). `name` is the
 * stack's resource prefix.
 */
export function apiSpecs(config: AppConfig, name: string): ApiSpec[] {
  if (!config.apis) {
    const stageName = config.service.stageName;
    return [
      {
        props: {
          name,
          stageName,
          throttlingRateLimit: config.observability.throttling.rateLimit,
          throttlingBurstLimit: config.observability.throttling.burstLimit,
          customDomain: config.customDomain,
        },
        inVpc: true,
        published: { stageName, checkPath: '/', customDomainName: config.customDomain?.name, iam: false },
      },
    ];
  }
  return config.apis.map((api) => ({
    key: api.name,
    props: {
      name: `${name}-${api.name}`,
      function: api.function && {
        package: api.function.package,
        handler: api.function.handler,
        runtime: api.function.runtime,
        memorySize: api.function.memorySize,
        timeout: api.function.timeout,
        architecture: api.function.architecture,
        environment: api.function.environment,
        description: `Backend of the private REST API ${api.name}`,
      },
      routes: api.openApi ? undefined : api.routes,
      document: api.openApi?.document,
      stageName: api.stageName,
      throttlingRateLimit: api.throttling.rateLimit,
      throttlingBurstLimit: api.throttling.burstLimit,
      customDomain: api.customDomain,
    },
    // The bundled handler runs in the VPC; own code where `inVpc` says.
    inVpc: api.function?.inVpc ?? true,
    iam: api.authorization === 'iam' ? { consumers: api.consumers } : undefined,
    published: {
      key: api.name,
      stageName: api.stageName,
      checkPath: api.check.path,
      customDomainName: api.customDomain?.name,
      consumers: api.consumers,
      iam: api.authorization === 'iam',
    },
  }));
}
