import { Construct } from 'constructs';
import { AppConfig } from '../config';
import { AccountStack, Outputs } from './account-stack';
import { Network } from '../modules/network';
import { ApiFunction } from '../modules/api-function';
import { InterfaceEndpoint } from '../modules/interface-endpoint';
import { PrivateRestApi } from '../modules/private-rest-api';
import { EndpointNlb } from '../modules/endpoint-nlb';
import { EndpointService } from '../modules/endpoint-service';
import { DnsValidatedCertificate } from '../modules/dns-validated-certificate';
import { PrivateDomainName } from '../modules/private-domain-name';
import { ApiGatewayAccount } from '../modules/api-gateway-account';
import { ApiAccessLog } from '../modules/api-access-log';
import { Alarms } from '../modules/alarms';

export interface ServiceStackProps {
  readonly config: AppConfig;
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
  readonly routeTableId: string;
  readonly restApiId: string;
  /** PrivateLink service name; undefined when no customer uses `privatelink` (no NLB, no endpoint service). */
  readonly endpointServiceName?: string;
  readonly executeApiEndpointDnsName: string;
  readonly executeApiEndpointHostedZoneId: string;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props.config, props.config.service);
    const { config } = props;
    const { service } = config;
    const { provider, resourcePrefix: name } = this;

    const network = new Network(this, 'Network', { provider, name, cidr: service.vpcCidr, azIds: config.azIds });

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
        { name: 'service-vpc', cidr: service.vpcCidr, description: 'NLB nodes and hosts of the service VPC' },
        ...peeringCustomers.map((c) => ({ name: `customer-${c.name}`, cidr: c.vpcCidr, description: `Peered customer ${c.name}` })),
      ],
    });

    const apiFunction = new ApiFunction(this, 'ApiFunction', {
      provider,
      name,
      vpcId: network.vpcId,
      subnetIds: network.subnetIds,
    });

    const { observability } = config;
    // One setting per account and region: only when asked (it replaces whatever role the account had).
    const account = observability.manageAccountLoggingRole
      ? new ApiGatewayAccount(this, 'ApiGatewayAccount', { provider, name: `${name}-apigw-cloudwatch` })
      : undefined;
    const accessLog = observability.accessLogs ? new ApiAccessLog(this, 'ApiAccessLog', { provider, name: `${name}-api` }) : undefined;

    const api = new PrivateRestApi(this, 'PrivateApi', {
      provider,
      name: `${name}-api`,
      region: config.region,
      sourceVpceId: executeApiEndpoint.endpointId,
      functionName: apiFunction.functionName,
      functionInvokeArn: apiFunction.invokeArn,
      stageName: service.stageName,
      accessLogDestinationArn: accessLog?.logGroupArn,
      accessLogFormat: accessLog?.format,
      // Errors only, with access logs (they need the same account role); full execution logs stay off.
      executionLoggingLevel: observability.accessLogs ? 'ERROR' : 'OFF',
      throttlingRateLimit: observability.throttling.rateLimit,
      throttlingBurstLimit: observability.throttling.burstLimit,
      stageDependsOn: account ? [account.settings] : undefined,
    });

    const outputs: Outputs = {
      api_id: { value: api.restApiId, description: 'REST API id: the x-apigw-api-id header value' },
      invoke_url: { value: api.invokeUrl, description: 'Invoke URL; resolves only inside VPCs that see the API' },
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
      curl_in_service_vpc: service.privateDns
        ? { value: `curl ${api.invokeUrl}`, description: 'Run on the service test instance: expect "Hello from Lambda"' }
        : {
            // Without private DNS the API's own name does not resolve here; the endpoint's name does, and its
            // certificate covers it (*.execute-api.<region>.vpce.amazonaws.com); the header selects the API.
            value: `curl https://${executeApiEndpoint.dnsName}/${api.stageName} -H 'x-apigw-api-id: ${api.restApiId}'`,
            description: 'Run on the service test instance: expect "Hello from Lambda" (privateDns is off: endpoint name + header)',
          },
    };

    if (config.customDomain) {
      const { customDomain } = config;
      const certificateArn =
        customDomain.certificateArn ??
        new DnsValidatedCertificate(this, 'Certificate', {
          provider,
          name,
          domainName: customDomain.name,
          validationZoneId: customDomain.validationZoneId!,
        }).certificateArn;
      // Served through the service's own execute-api endpoint in both modes (the NLB passes TLS and SNI through),
      // so the domain, its policy and its association live here and no consumer endpoint id is needed.
      const domain = new PrivateDomainName(this, 'CustomDomain', {
        provider,
        name,
        domainName: customDomain.name,
        certificateArn,
        restApiId: api.restApiId,
        stageName: api.stageName,
        executeApiEndpointId: executeApiEndpoint.endpointId,
      });
      Object.assign(outputs, {
        custom_domain_name: { value: domain.domainName, description: 'Private custom domain name of the API' },
        custom_domain_name_id: { value: domain.domainNameId, description: 'API Gateway id of that private domain name' },
        custom_domain_url: { value: `https://${customDomain.name}/`, description: 'URL consumers call (valid certificate, no header)' },
      });
    }

    // The NLB and the endpoint service exist for PrivateLink consumers only; peering reaches the endpoint directly.
    const privatelinkAccounts = config.customers.filter((c) => c.connectivity === 'privatelink').map((c) => c.accountId);
    let nlb: EndpointNlb | undefined;
    let endpointService: EndpointService | undefined;
    if (privatelinkAccounts.length > 0) {
      nlb = new EndpointNlb(this, 'EndpointNlb', {
        provider,
        name,
        vpcId: network.vpcId,
        vpcCidr: service.vpcCidr,
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
        curl_through_nlb: {
          value: `curl -k https://${nlb.loadBalancerDnsName}/${api.stageName} -H 'x-apigw-api-id: ${api.restApiId}'`,
          description: 'Run on the service test instance: the path consumers take (the header selects the API)',
        },
      });
    }

    if (observability.alarms) {
      const alarms = new Alarms(this, 'Alarms', {
        provider,
        name,
        accountId: service.accountId,
        region: config.region,
        email: observability.alarms.email,
        apiName: api.restApiName,
        apiStageName: api.stageName,
        functionName: apiFunction.functionName,
        loadBalancerArnSuffix: nlb?.loadBalancerArnSuffix,
        targetGroupArnSuffix: nlb?.targetGroupArnSuffix,
        endpointServiceId: endpointService?.endpointServiceId,
      });
      outputs.alarm_topic_arn = { value: alarms.topicArn, description: 'SNS topic the alarms notify (subscribe more endpoints to it)' };
    }
    if (accessLog) {
      outputs.access_log_group = { value: accessLog.logGroupName, description: 'CloudWatch log group of the API access logs (JSON)' };
    }

    if (service.testInstance) Object.assign(outputs, this.addTestInstance(config, network));

    this.declareOutputs(outputs);

    this.accountId = service.accountId;
    this.vpcId = network.vpcId;
    this.vpcCidr = service.vpcCidr;
    this.routeTableId = network.routeTableId;
    this.restApiId = api.restApiId;
    this.executeApiEndpointDnsName = executeApiEndpoint.dnsName;
    this.executeApiEndpointHostedZoneId = executeApiEndpoint.dnsHostedZoneId;
  }
}
