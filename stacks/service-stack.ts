import { Construct } from 'constructs';
import { AppConfig } from '../config';
import { AccountStack, Outputs } from './account-stack';
import { Network, NetworkRouteTable } from '../modules/network';
import { InterfaceEndpoint } from '../modules/interface-endpoint';
import { EndpointNlb } from '../modules/endpoint-nlb';
import { EndpointService } from '../modules/endpoint-service';
import { ApiGatewayAccount } from '../modules/api-gateway-account';
import { buildServiceApi, ServiceApi, ServiceApiParts, ServiceApiProps } from '../modules/service-api';
import { Alarms } from '../modules/alarms';
import { checkUrl, curlLine } from './curl-line';

export interface ServiceStackProps {
  readonly config: AppConfig;
}

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
}

/** `_<key>` after an output name for an API of `apis`; nothing for the default API. */
export function outputSuffix(api: { readonly key?: string }): string {
  return api.key ? `_${api.key.replace(/-/g, '_')}` : '';
}

/**
 * The service account: private API, its execute-api endpoint, the NLB in front of the endpoint's ENIs and the
 * endpoint service other accounts connect to. Knows its consumers only from config (principals, peer CIDRs),
 * never from their stacks, so it deploys first and alone.
 */
export class ServiceStack extends AccountStack {
  readonly accountId: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Where a peering's route back to a customer goes. */
  readonly routeTables: readonly NetworkRouteTable[];
  /** The default API's id (the first API of `apis` when given). */
  readonly restApiId: string;
  /** Every API the service publishes, in config order. */
  readonly apis: readonly PublishedApi[];
  /** PrivateLink service name; undefined when no customer uses `privatelink` (no NLB, no endpoint service). */
  readonly endpointServiceName?: string;
  readonly executeApiEndpointDnsName: string;
  readonly executeApiEndpointHostedZoneId: string;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props.config, props.config.service);
    const { config } = props;
    const { service } = config;
    const { provider, resourcePrefix: name } = this;

    const network = new Network(this, 'Network', { provider, name, cidr: service.vpcCidr, azIds: config.azIds, existing: service.network });

    const peeringCustomers = config.customers.filter((c) => c.connectivity === 'peering');
    const executeApiEndpoint = new InterfaceEndpoint(this, 'ExecuteApiEndpoint', {
      provider,
      name: `${name}-execute-api`,
      vpcId: network.vpcId,
      subnets: network.subnets,
      // Per-AZ associations: adding an AZ must not touch what the existing AZs' NLB targets are read from.
      associateSubnetsSeparately: true,
      serviceName: `com.amazonaws.${config.region}.execute-api`,
      privateDnsEnabled: service.privateDns,
      allowedCidrs: [
        { name: 'service-vpc', cidr: network.vpcCidr, description: 'NLB nodes and hosts of the service VPC' },
        // A peering customer's CIDR is always in the config (required there): this stack never reads its account.
        ...peeringCustomers.map((c) => ({ name: `customer-${c.name}`, cidr: c.vpcCidr!, description: `Peered customer ${c.name}` })),
      ],
    });

    const { observability } = config;
    // One setting per account and region: only when asked (it replaces whatever role the account had).
    const account = observability.manageAccountLoggingRole
      ? new ApiGatewayAccount(this, 'ApiGatewayAccount', { provider, name: `${name}-apigw-cloudwatch` })
      : undefined;
    const common = {
      provider,
      region: config.region,
      sourceVpceId: executeApiEndpoint.endpointId,
      accessLogs: observability.accessLogs,
      // Errors only, with access logs (they need the same account role); full execution logs stay off.
      executionLoggingLevel: observability.accessLogs ? ('ERROR' as const) : ('OFF' as const),
      stageDependsOn: account ? [account.settings] : undefined,
    };
    const serviceVpc = { vpcId: network.vpcId, subnetIds: network.subnetIds };
    // Before the APIs: its role is one of the principals an API with IAM authorization admits.
    const testInstance = service.testInstance ? this.addTestInstance(network) : undefined;
    /** With IAM authorization: the roots (or `callers`) of the customers that may call, and our test host. */
    const principalsOf = (api: NonNullable<AppConfig['apis']>[number]): string[] | undefined =>
      api.authorization === 'iam'
        ? [
            ...[
              ...new Set(
                config.customers
                  .filter((c) => !api.consumers || api.consumers.includes(c.name))
                  .flatMap((c) => c.callers ?? [`arn:aws:iam::${c.accountId}:root`]),
              ),
            ].sort(),
            ...(testInstance ? [testInstance.roleArn] : []),
          ]
        : undefined;

    // Without `apis`: the bundled Hello API from the part-1 keys, its blocks where they always were.
    const published: { readonly api: PublishedApi; readonly parts: ServiceApiParts }[] = config.apis
      ? config.apis.map((api) => {
          const props: ServiceApiProps = {
            ...common,
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
            // The bundled handler runs in the VPC as it always did; own code where `inVpc` says.
            functionVpc: (api.function?.inVpc ?? true) ? serviceVpc : undefined,
            routes: api.openApi ? undefined : api.routes,
            document: api.openApi?.document,
            iamPrincipals: principalsOf(api),
            stageName: api.stageName,
            throttlingRateLimit: api.throttling.rateLimit,
            throttlingBurstLimit: api.throttling.burstLimit,
            customDomain: api.customDomain,
          };
          const parts = new ServiceApi(this, `Api-${api.name}`, props).parts;
          return {
            api: {
              key: api.name,
              restApiId: parts.api.restApiId,
              stageName: api.stageName,
              checkPath: api.check.path,
              customDomainName: api.customDomain?.name,
              consumers: api.consumers,
              executionArn: parts.api.executionArn,
              iam: api.authorization === 'iam',
            },
            parts,
          };
        })
      : [
          ((parts: ServiceApiParts) => ({
            api: {
              restApiId: parts.api.restApiId,
              stageName: service.stageName,
              checkPath: '/',
              customDomainName: config.customDomain?.name,
              executionArn: parts.api.executionArn,
              iam: false,
            },
            parts,
          }))(
            buildServiceApi(this, {
              ...common,
              name,
              functionVpc: serviceVpc,
              stageName: service.stageName,
              throttlingRateLimit: observability.throttling.rateLimit,
              throttlingBurstLimit: observability.throttling.burstLimit,
              customDomain: config.customDomain,
            }),
          ),
        ];

    const outputs: Outputs = {
      execute_api_endpoint_id: {
        value: executeApiEndpoint.endpointId,
        description: 'Interface endpoint the API policy admits (aws:SourceVpce)',
      },
      execute_api_endpoint_dns_entries: {
        value: executeApiEndpoint.dnsEntries,
        description: 'DNS names of the execute-api endpoint (regional, zonal, private)',
      },
      execute_api_endpoint_dns_name: {
        value: executeApiEndpoint.dnsName,
        description: 'Regional DNS name of the execute-api endpoint',
      },
    };
    for (const { api, parts } of published) {
      const suffix = outputSuffix(api);
      const sigv4Region = api.iam ? config.region : undefined;
      const of = api.key ? ` of API ${api.key}` : '';
      const expect = api.key ? `expect what apis[].check names` : 'expect "Hello from Lambda"';
      Object.assign(outputs, {
        [`api_id${suffix}`]: { value: api.restApiId, description: `REST API id${of}: the x-apigw-api-id header value` },
        [`invoke_url${suffix}`]: { value: parts.api.invokeUrl, description: `Invoke URL${of}; resolves only inside VPCs that see the API` },
        [`curl_in_service_vpc${suffix}`]: service.privateDns
          ? { value: curlLine(checkUrl(parts.api.invokeUrl, api.checkPath), { sigv4Region }), description: `Run on the service test instance: ${expect}` }
          : {
              // Without private DNS the API's own name does not resolve here; the endpoint's name does, and its
              // certificate covers it (*.execute-api.<region>.vpce.amazonaws.com); the header selects the API.
              value: curlLine(checkUrl(`https://${executeApiEndpoint.dnsName}/${parts.api.stageName}`, api.checkPath), {
                apiIdHeader: api.restApiId,
                sigv4Region,
              }),
              description: `Run on the service test instance: ${expect} (privateDns is off: endpoint name + header)`,
            },
      });
      if (parts.domain) {
        Object.assign(outputs, {
          [`custom_domain_name${suffix}`]: { value: parts.domain.domainName, description: `Private custom domain name${of}` },
          [`custom_domain_name_id${suffix}`]: { value: parts.domain.domainNameId, description: `API Gateway id of that private domain name${of}` },
          [`custom_domain_url${suffix}`]: { value: `https://${api.customDomainName}/`, description: `URL consumers call${of} (valid certificate, no header)` },
        });
      }
    }
    const [first] = published;

    // The NLB and the endpoint service exist for PrivateLink consumers only; peering reaches the endpoint directly.
    const privatelinkAccounts = config.customers.filter((c) => c.connectivity === 'privatelink').map((c) => c.accountId);
    let nlb: EndpointNlb | undefined;
    let endpointService: EndpointService | undefined;
    if (privatelinkAccounts.length > 0) {
      nlb = new EndpointNlb(this, 'EndpointNlb', {
        provider,
        name,
        vpcId: network.vpcId,
        vpcCidr: network.vpcCidr,
        subnets: network.subnets.map(({ azId, subnetId }) => ({
          azId,
          subnetId,
          endpointEniReady: executeApiEndpoint.subnetAssociations.get(azId)!,
        })),
        endpointId: executeApiEndpoint.endpointId,
      });
      endpointService = new EndpointService(this, 'EndpointService', {
        provider,
        name,
        networkLoadBalancerArns: [nlb.loadBalancerArn],
        allowedAccountIds: privatelinkAccounts,
        supportedRegions: [config.region, ...config.customers.filter((c) => c.connectivity === 'privatelink').map((c) => c.region ?? config.region)],
        // A Terraform Cloud run has no npm and no project: there the step is `npm run enable-azs` by hand.
        enableZonesOnCreateOf: config.backend.type === 'cloud' ? [] : nlb.targetAttachments,
      });
      this.endpointServiceName = endpointService.endpointServiceName;
      Object.assign(outputs, {
        endpoint_service_name: {
          value: endpointService.endpointServiceName,
          description: 'PrivateLink service name consumers create their endpoint against',
        },
        endpoint_service_allowed_principals: {
          value: endpointService.allowedPrincipals,
          description: 'Account roots allowed to connect to the endpoint service',
        },
        nlb_dns_name: { value: nlb.loadBalancerDnsName, description: 'Internal NLB in front of the endpoint ENIs' },
      });
      for (const { api, parts } of published) {
        outputs[`curl_through_nlb${outputSuffix(api)}`] = {
          value: curlLine(checkUrl(`https://${nlb.loadBalancerDnsName}/${parts.api.stageName}`, api.checkPath), {
            insecure: true,
            apiIdHeader: api.restApiId,
            sigv4Region: api.iam ? config.region : undefined,
          }),
          description: `Run on the service test instance: the path consumers take (the header selects the API${api.key ? ` ${api.key}` : ''})`,
        };
      }
    }

    if (observability.alarms) {
      const alarms = new Alarms(this, 'Alarms', {
        provider,
        name,
        accountId: service.accountId,
        region: config.region,
        email: observability.alarms.email,
        apis: published.map(({ api, parts }) => ({
          key: api.key,
          apiName: parts.api.restApiName,
          stageName: parts.api.stageName,
          functionName: parts.function.functionName,
        })),
        loadBalancerArnSuffix: nlb?.loadBalancerArnSuffix,
        targetGroupArnSuffix: nlb?.targetGroupArnSuffix,
        endpointServiceId: endpointService?.endpointServiceId,
      });
      outputs.alarm_topic_arn = { value: alarms.topicArn, description: 'SNS topic the alarms notify (subscribe more endpoints to it)' };
    }
    for (const { api, parts } of published) {
      if (parts.accessLog) {
        outputs[`access_log_group${outputSuffix(api)}`] = {
          value: parts.accessLog.logGroupName,
          description: `CloudWatch log group of the API${api.key ? ` ${api.key}` : ''} access logs (JSON)`,
        };
      }
    }

    if (testInstance) Object.assign(outputs, testInstance.outputs);

    this.declareOutputs(outputs);

    this.accountId = service.accountId;
    this.vpcId = network.vpcId;
    this.vpcCidr = network.vpcCidr;
    this.routeTables = network.routeTables;
    this.restApiId = first.api.restApiId;
    this.apis = published.map((p) => p.api);
    this.executeApiEndpointDnsName = executeApiEndpoint.dnsName;
    this.executeApiEndpointHostedZoneId = executeApiEndpoint.dnsHostedZoneId;
  }
}
