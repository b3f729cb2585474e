import { Construct } from 'constructs';
import { AppConfig, Connectivity } from '../config';
import { AccountStack, Outputs } from './account-stack';
import { apiSpecs } from './service-apis';
import { checkUrl, curlLine } from './curl-line';
import { CURL_IN_SERVICE_VPC, outputName, outputSuffix } from './output-names';
import { Network, NetworkRouteTable } from '../modules/network';
import { InterfaceEndpoint } from '../modules/interface-endpoint';
import { ApiGatewayAccount } from '../modules/api-gateway-account';
import { buildServiceApi, ServiceApi, ServiceApiParts } from '../modules/service-api';
import { Alarms } from '../modules/alarms';
import { constructsOf, ConsumerPrelude, PublishedApi, ServiceAttachment, ServiceView, transportsInUse } from '../transports/constructs';

export interface ServiceStackProps {
  readonly config: AppConfig;
  /** Consumers' stacks the service reads (by customer name), created before it. @default none */
  readonly preludes?: ReadonlyMap<string, ConsumerPrelude>;
}

/**
 * The service account: the private APIs, their execute-api endpoint, and what each transport in use adds for its
 * consumers (transports/<kind>/constructs.ts). Knows its consumers only from config (principals, CIDRs), never
 * from their stacks, so it deploys first and alone.
 */
export class ServiceStack extends AccountStack implements ServiceView {
  readonly accountId: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Where a route back to a consumer's VPC goes. */
  readonly routeTables: readonly NetworkRouteTable[];
  /** The default API's id (the first API of `apis` when given). */
  readonly restApiId: string;
  /** Every API the service publishes, in config order. */
  readonly apis: readonly PublishedApi[];
  readonly executeApiEndpointDnsName: string;
  readonly executeApiEndpointHostedZoneId: string;
  /** What each transport in use added here; its consumers' stacks read it. */
  readonly attachments: Partial<Record<Connectivity, ServiceAttachment>> = {};

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props.config, props.config.service);
    const { config } = props;
    const { service, observability } = config;
    const { provider, resourcePrefix: name } = this;
    const transports = transportsInUse(config.customers);

    const network = new Network(this, 'Network', { provider, name, cidr: service.vpcCidr, azIds: config.azIds, existing: service.network });
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
        ...transports.flatMap(({ constructs, customers }) => constructs.endpointSources(customers)),
      ],
    });

    // One setting per account and region: only when asked (it replaces whatever role the account had).
    const account = observability.manageAccountLoggingRole
      ? new ApiGatewayAccount(this, 'ApiGatewayAccount', { provider, name: `${name}-apigw-cloudwatch` })
      : undefined;
    const serviceVpc = { vpcId: network.vpcId, subnetIds: network.subnetIds };
    // Before the APIs: its role is one of the principals an API with IAM authorization admits.
    const testInstance = service.testInstance ? this.addTestInstance(network) : undefined;
    /** With IAM authorization: the roots (or `callers`) of the customers that may call, and our test host. */
    const principalsOf = (consumers?: readonly string[]): string[] => [
      ...[
        ...new Set(
          config.customers.filter((c) => !consumers || consumers.includes(c.name)).flatMap((c) => c.callers ?? [`arn:aws:iam::${c.accountId}:root`]),
        ),
      ].sort(),
      ...(testInstance ? [testInstance.roleArn] : []),
    ];
    /** Consumers' own execute-api endpoints that the policies of the APIs they may call admit too (by transport). */
    const consumerEndpoints = config.customers.flatMap((customer) => {
      const endpointId = constructsOf(customer).consumerEndpointId?.(customer, props.preludes?.get(customer.name));
      return endpointId ? [{ customer: customer.name, endpointId }] : [];
    });
    const endpointsFor = (consumers?: readonly string[]) =>
      consumerEndpoints.filter((e) => !consumers || consumers.includes(e.customer)).map((e) => e.endpointId);

    const published = apiSpecs(config, name).map((spec) => {
      const apiProps = {
        ...spec.props,
        provider,
        region: config.region,
        sourceVpceId: executeApiEndpoint.endpointId,
        accessLogs: observability.accessLogs,
        // Errors only, with access logs (they need the same account role); full execution logs stay off.
        executionLoggingLevel: observability.accessLogs ? ('ERROR' as const) : ('OFF' as const),
        stageDependsOn: account ? [account.settings] : undefined,
        functionVpc: spec.inVpc ? serviceVpc : undefined,
        iamPrincipals: spec.iam && principalsOf(spec.iam.consumers),
        consumerEndpointIds: endpointsFor(spec.published.consumers),
      };
      // The default API (no `apis`) keeps its blocks at the stack's top level, where they were before `apis`
      // existed: moving them under a construct would rename, and so replace, a running API.
      const parts: ServiceApiParts = spec.key ? new ServiceApi(this, `Api-${spec.key}`, apiProps).parts : buildServiceApi(this, apiProps);
      const api: PublishedApi = { ...spec.published, restApiId: parts.api.restApiId, executionArn: parts.api.executionArn, customDomainArn: parts.domain?.domainNameArn };
      return { api, parts };
    });

    const outputs: Outputs = {
      execute_api_endpoint_id: { value: executeApiEndpoint.endpointId, description: 'Interface endpoint the API policy admits (aws:SourceVpce)' },
      execute_api_endpoint_dns_entries: { value: executeApiEndpoint.dnsEntries, description: 'DNS names of the execute-api endpoint (regional, zonal, private)' },
      execute_api_endpoint_dns_name: { value: executeApiEndpoint.dnsName, description: 'Regional DNS name of the execute-api endpoint' },
    };
    for (const { api, parts } of published) {
      const suffix = outputSuffix(api);
      const sigv4Region = api.iam ? config.region : undefined;
      const of = api.key ? ` of API ${api.key}` : '';
      const expect = api.key ? `expect what apis[].check names` : 'expect "Hello from Lambda"';
      Object.assign(outputs, {
        [`api_id${suffix}`]: { value: api.restApiId, description: `REST API id${of}: the x-apigw-api-id header value` },
        [`invoke_url${suffix}`]: { value: parts.api.invokeUrl, description: `Invoke URL${of}; resolves only inside VPCs that see the API` },
        [outputName(CURL_IN_SERVICE_VPC, api)]: service.privateDns
          ? { value: curlLine(checkUrl(parts.api.invokeUrl, api.checkPath), { sigv4Region }), description: `Run on the service test instance: ${expect}` }
          : {
              // Without private DNS the API's own name does not resolve here; the endpoint's name does, and its
              // certificate covers it (*.execute-api.<region>.vpce.amazonaws.com); the header selects the API.
              value: curlLine(checkUrl(`https://${executeApiEndpoint.dnsName}/${parts.api.stageName}`, api.checkPath), { apiIdHeader: api.restApiId, sigv4Region }),
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
      if (parts.accessLog) {
        outputs[`access_log_group${suffix}`] = {
          value: parts.accessLog.logGroupName,
          description: `CloudWatch log group of the API${api.key ? ` ${api.key}` : ''} access logs (JSON)`,
        };
      }
    }

    // Each transport some consumer uses adds what it needs here (PrivateLink: the NLB and the endpoint service).
    const site = { scope: this, provider, name, config, network, executeApiEndpoint, apis: published.map(({ api, parts }) => ({ api, deployedStageName: parts.api.stageName })) };
    for (const { connectivity, constructs, customers } of transports) {
      const attachment = constructs.addToService(site, customers);
      this.attachments[connectivity] = attachment;
      Object.assign(outputs, attachment.outputs);
    }

    if (observability.alarms) {
      const alarms = new Alarms(this, 'Alarms', {
        provider,
        name,
        accountId: service.accountId,
        region: config.region,
        email: observability.alarms.email,
        apis: published.map(({ api, parts }) => ({ key: api.key, apiName: parts.api.restApiName, stageName: parts.api.stageName, functionName: parts.function.functionName })),
        ...Object.assign({}, ...Object.values(this.attachments).map((attachment) => attachment.alarms ?? {})),
      });
      outputs.alarm_topic_arn = { value: alarms.topicArn, description: 'SNS topic the alarms notify (subscribe more endpoints to it)' };
    }

    if (testInstance) Object.assign(outputs, testInstance.outputs);
    this.declareOutputs(outputs);

    this.accountId = service.accountId;
    this.vpcId = network.vpcId;
    this.vpcCidr = network.vpcCidr;
    this.routeTables = network.routeTables;
    this.restApiId = published[0].api.restApiId;
    this.apis = published.map((p) => p.api);
    this.executeApiEndpointDnsName = executeApiEndpoint.dnsName;
    this.executeApiEndpointHostedZoneId = executeApiEndpoint.dnsHostedZoneId;
  }
}
