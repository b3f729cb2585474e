/**
 * What the deployed chain must look like in the emulator, read back with the AWS SDK. Each check throws (jest
 * expect) when a link is broken; the e2e spec also breaks links on purpose to prove these checks can fail.
 */
import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  ModifyVpcAttributeCommand,
  DescribeAvailabilityZonesCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicePermissionsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  GetAccountCommand,
  GetBasePathMappingsCommand,
  GetDomainNameAccessAssociationsCommand,
  GetDomainNameCommand,
  GetDomainNamesCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetRestApiCommand,
  GetStageCommand,
  GetStagesCommand,
} from '@aws-sdk/client-api-gateway';
import { DescribeCertificateCommand, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { ListSubscriptionsByTopicCommand, ListTopicsCommand } from '@aws-sdk/client-sns';
import { ListCommandsCommand } from '@aws-sdk/client-ssm';
import { GetRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetFunctionCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, GetHostedZoneCommand, ListHostedZonesCommand, ListResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { AccountClients } from './aws';
import { parseCurlLine } from '../stacks/curl-line';

const PROJECT_TAG = { Name: 'tag:Project', Values: ['privapi'] };

export async function findEndpoint(clients: AccountClients, serviceName: string): Promise<VpcEndpoint> {
  const { VpcEndpoints } = await clients.ec2.send(
    new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'service-name', Values: [serviceName] }] }),
  );
  const live = (VpcEndpoints ?? []).filter((e) => e.State?.toLowerCase() !== 'deleted');
  expect(live).toHaveLength(1);
  return live[0];
}

export async function endpointEniIps(clients: AccountClients, endpoint: VpcEndpoint): Promise<string[]> {
  const { NetworkInterfaces } = await clients.ec2.send(
    new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: endpoint.NetworkInterfaceIds }),
  );
  return (NetworkInterfaces ?? []).map((n) => n.PrivateIpAddress!).sort();
}

export async function targetIps(clients: AccountClients, targetGroupName: string): Promise<string[]> {
  const { TargetGroups } = await clients.elbv2.send(new DescribeTargetGroupsCommand({ Names: [targetGroupName] }));
  expect(TargetGroups).toHaveLength(1);
  const { TargetHealthDescriptions } = await clients.elbv2.send(
    new DescribeTargetHealthCommand({ TargetGroupArn: TargetGroups![0].TargetGroupArn }),
  );
  return (TargetHealthDescriptions ?? []).map((t) => t.Target!.Id!).sort();
}

/** The NLB's targets are exactly the execute-api endpoint's ENI addresses. */
export async function expectTargetsAreEndpointEnis(service: AccountClients, region: string, targetGroupName: string): Promise<string[]> {
  const endpoint = await findEndpoint(service, `com.amazonaws.${region}.execute-api`);
  const eniIps = await endpointEniIps(service, endpoint);
  expect(eniIps).toHaveLength(endpoint.SubnetIds!.length);
  expect(await targetIps(service, targetGroupName)).toEqual(eniIps);
  return eniIps;
}

export async function endpointServiceName(service: AccountClients): Promise<{ id: string; name: string }> {
  const { ServiceConfigurations } = await service.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({}));
  expect(ServiceConfigurations).toHaveLength(1);
  return { id: ServiceConfigurations![0].ServiceId!, name: ServiceConfigurations![0].ServiceName! };
}

/** The AZ IDs the endpoint service offers to consumers (its `AvailabilityZones` are names of the owner's account). */
export async function endpointServiceAzIds(service: AccountClients): Promise<string[]> {
  const { ServiceConfigurations } = await service.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({}));
  expect(ServiceConfigurations).toHaveLength(1);
  const { AvailabilityZones } = await service.ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ServiceConfigurations![0].AvailabilityZones }));
  return (AvailabilityZones ?? []).map((z) => z.ZoneId!).sort();
}

/** AZ IDs of the subnets of an interface endpoint. */
export async function endpointAzIds(clients: AccountClients, endpoint: VpcEndpoint): Promise<string[]> {
  const { Subnets } = await clients.ec2.send(new DescribeSubnetsCommand({ SubnetIds: endpoint.SubnetIds }));
  return (Subnets ?? []).map((s) => s.AvailabilityZoneId!).sort();
}

/** The endpoint service admits exactly these account roots. */
export async function expectAllowedPrincipals(service: AccountClients, accountIds: string[]): Promise<void> {
  const { id } = await endpointServiceName(service);
  const { AllowedPrincipals } = await service.ec2.send(new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: id }));
  expect((AllowedPrincipals ?? []).map((p) => p.Principal).sort()).toEqual(accountIds.map((a) => `arn:aws:iam::${a}:root`).sort());
}

export async function expectPrivateApi(service: AccountClients, apiName: string, stageName: string, executeApiEndpointId: string): Promise<string> {
  const { items } = await service.apigateway.send(new GetRestApisCommand({}));
  const apis = (items ?? []).filter((a) => a.name === apiName);
  expect(apis).toHaveLength(1);
  const [api] = apis;
  expect(api.endpointConfiguration?.types).toEqual(['PRIVATE']);
  // GetRestApi returns the policy as an escaped JSON string, as AWS does.
  const policy = JSON.parse(JSON.parse(`"${api.policy}"`));
  expect(policy.Statement).toEqual([
    expect.objectContaining({ Effect: 'Allow', Condition: { StringEquals: { 'aws:SourceVpce': executeApiEndpointId } } }),
    expect.objectContaining({ Effect: 'Deny', Condition: { StringNotEquals: { 'aws:SourceVpce': executeApiEndpointId } } }),
  ]);
  const { item: stages } = await service.apigateway.send(new GetStagesCommand({ restApiId: api.id }));
  expect((stages ?? []).map((s) => s.stageName)).toEqual([stageName]);
  return api.id!;
}

/** The function runs our zip (same SHA-256 as the asset cdktf built) on Python 3.12 in the VPC. */
export async function expectFunction(service: AccountClients, functionName: string, zipFile: string): Promise<void> {
  const { Configuration } = await service.lambda.send(new GetFunctionCommand({ FunctionName: functionName }));
  const zipSha256 = createHash('sha256').update(readFileSync(zipFile)).digest('base64');
  expect(Configuration).toMatchObject({ Runtime: 'python3.12', Handler: 'index.handler', CodeSha256: zipSha256 });
  expect(Configuration!.VpcConfig?.SubnetIds).toHaveLength(2);
}

/** A function's runtime settings as the config gave them, in the VPC or outside it. */
export async function expectFunctionSettings(
  service: AccountClients,
  functionName: string,
  expected: { Runtime: string; Handler: string; MemorySize: number; Timeout: number; Architectures: string[]; inVpc: boolean },
): Promise<void> {
  const { Configuration } = await service.lambda.send(new GetFunctionCommand({ FunctionName: functionName }));
  const { inVpc, ...settings } = expected;
  expect(Configuration).toMatchObject(settings);
  expect((Configuration!.VpcConfig?.SubnetIds ?? []).length > 0).toBe(inVpc);
}

/** Each resource path of an API with its methods: `{ "/": { ANY: ["NONE", "AWS_PROXY", uri] } }`. */
export async function apiRoutes(service: AccountClients, apiId: string): Promise<Record<string, Record<string, [string, string, string]>>> {
  const { items } = await service.apigateway.send(new GetResourcesCommand({ restApiId: apiId, embed: ['methods'] }));
  const routes: Record<string, Record<string, [string, string, string]>> = {};
  for (const resource of items ?? []) {
    for (const httpMethod of Object.keys(resource.resourceMethods ?? {})) {
      const method = await service.apigateway.send(new GetMethodCommand({ restApiId: apiId, resourceId: resource.id!, httpMethod }));
      const integration = await service.apigateway.send(new GetIntegrationCommand({ restApiId: apiId, resourceId: resource.id!, httpMethod }));
      (routes[resource.path!] ??= {})[httpMethod] = [method.authorizationType!, integration.type!, integration.uri!];
    }
  }
  return routes;
}

/** A private zone visible in `vpcId` whose `recordName` is an A alias to `target`. */
export async function expectPrivateAlias(
  clients: AccountClients,
  zoneName: string,
  recordName: string,
  vpcId: string,
  target: { dnsName: string; hostedZoneId: string },
): Promise<void> {
  const { HostedZones } = await clients.route53.send(new ListHostedZonesCommand({}));
  const zones = (HostedZones ?? []).filter((z) => z.Name === `${zoneName}.`);
  expect(zones).toHaveLength(1);
  expect(zones[0].Config?.PrivateZone).toBe(true);
  const { VPCs } = await clients.route53.send(new GetHostedZoneCommand({ Id: zones[0].Id }));
  expect((VPCs ?? []).map((v) => v.VPCId)).toEqual([vpcId]);
  const { ResourceRecordSets } = await clients.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zones[0].Id }));
  const record = (ResourceRecordSets ?? []).find((r) => r.Name === `${recordName}.` && r.Type === 'A');
  expect(record?.AliasTarget?.DNSName?.replace(/\.$/, '')).toBe(target.dnsName.replace(/\.$/, ''));
  expect(record?.AliasTarget?.HostedZoneId).toBe(target.hostedZoneId);
}

export async function vpcByCidr(clients: AccountClients, cidr: string): Promise<string> {
  const { Vpcs } = await clients.ec2.send(new DescribeVpcsCommand({ Filters: [PROJECT_TAG, { Name: 'cidr', Values: [cidr] }] }));
  expect(Vpcs).toHaveLength(1);
  return Vpcs![0].VpcId!;
}

/** Peering is active and each side routes the other's CIDR through it. */
export async function expectPeering(
  customer: AccountClients,
  service: AccountClients,
  sides: { customerVpcId: string; customerCidr: string; serviceVpcId: string; serviceCidr: string },
): Promise<string> {
  const { VpcPeeringConnections } = await customer.ec2.send(
    new DescribeVpcPeeringConnectionsCommand({ Filters: [{ Name: 'requester-vpc-info.vpc-id', Values: [sides.customerVpcId] }] }),
  );
  const live = (VpcPeeringConnections ?? []).filter((p) => p.Status?.Code !== 'deleted');
  expect(live).toHaveLength(1);
  const [peering] = live;
  expect(peering.Status?.Code).toBe('active');
  expect(peering.AccepterVpcInfo?.VpcId).toBe(sides.serviceVpcId);
  expect(peering.AccepterVpcInfo?.OwnerId).toBe(service.accountId);
  for (const [clients, vpcId, destination] of [
    [customer, sides.customerVpcId, sides.serviceCidr],
    [service, sides.serviceVpcId, sides.customerCidr],
  ] as const) {
    const { RouteTables } = await clients.ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    const routes = (RouteTables ?? []).flatMap((t) => t.Routes ?? []);
    expect(routes).toContainEqual(expect.objectContaining({ DestinationCidrBlock: destination, VpcPeeringConnectionId: peering.VpcPeeringConnectionId }));
  }
  return peering.VpcPeeringConnectionId!;
}

/** Ingress rules (protocol, ports, CIDR) of a security group. */
export async function ingressRules(clients: AccountClients, groupId: string): Promise<[string, number, number, string][]> {
  const { SecurityGroupRules } = await clients.ec2.send(
    new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }),
  );
  return (SecurityGroupRules ?? [])
    .filter((r) => !r.IsEgress)
    .map((r) => [r.IpProtocol!, r.FromPort!, r.ToPort!, r.CidrIpv4!] as [string, number, number, string])
    .sort();
}

/** CloudWatch metric alarms of the account whose names start with `prefix` (read with boto3: e2e/describe_alarms.py). */
export function metricAlarms(clients: AccountClients, prefix: string): { Namespace: string; MetricName: string; AlarmName: string; AlarmActions: string[] }[] {
  const python = path.join(process.env.PRIVAPI_VENV ?? path.join(__dirname, '..', '.venv'), 'bin', 'python');
  const result = spawnSync(python, [path.join(__dirname, 'describe_alarms.py'), clients.endpoint, clients.roleArn, prefix], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`describe_alarms.py failed: ${result.error?.message ?? result.stderr}`);
  return JSON.parse(result.stdout);
}

/** The subnets of a VPC as [AZ ID, CIDR], sorted. */
export async function subnetsByAz(clients: AccountClients, vpcId: string): Promise<[string, string][]> {
  const { Subnets } = await clients.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
  return (Subnets ?? []).map((s) => [s.AvailabilityZoneId!, s.CidrBlock!] as [string, string]).sort();
}

/** The NLB was created with one security group (TCP 443 in the VPC only) and checks its targets over HTTPS /ping. */
export async function expectNlbSecurity(service: AccountClients, lbName: string, targetGroupName: string, vpcCidr: string): Promise<void> {
  const { LoadBalancers } = await service.elbv2.send(new DescribeLoadBalancersCommand({ Names: [lbName] }));
  expect(LoadBalancers).toHaveLength(1);
  const groups = LoadBalancers![0].SecurityGroups ?? [];
  expect(groups).toHaveLength(1);
  expect(await ingressRules(service, groups[0])).toEqual([['tcp', 443, 443, vpcCidr]]);
  const { TargetGroups } = await service.elbv2.send(new DescribeTargetGroupsCommand({ Names: [targetGroupName] }));
  expect(TargetGroups![0]).toMatchObject({
    Protocol: 'TCP',
    TargetType: 'ip',
    HealthCheckProtocol: 'HTTPS',
    HealthCheckPath: '/ping',
    Matcher: { HttpCode: '200' },
  });
}

/** States of the endpoint connections to the service's endpoint service, by consumer account. */
export async function connectionStates(service: AccountClients): Promise<Record<string, string[]>> {
  const { id } = await endpointServiceName(service);
  const { VpcEndpointConnections } = await service.ec2.send(
    new DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: 'service-id', Values: [id] }] }),
  );
  const states: Record<string, string[]> = {};
  for (const c of VpcEndpointConnections ?? []) (states[c.VpcEndpointOwner!] ??= []).push(c.VpcEndpointState!.toLowerCase());
  for (const list of Object.values(states)) list.sort();
  return states;
}

/** The private custom domain: PRIVATE, our issued certificate, bound to the endpoint, mapped to the stage, associated. */
export async function expectPrivateDomain(
  service: AccountClients,
  domainName: string,
  expected: { apiId: string; stage: string; endpointId: string },
): Promise<void> {
  const { items } = await service.apigateway.send(new GetDomainNamesCommand({ resourceOwner: 'SELF' }));
  const listed = (items ?? []).filter((d) => d.domainName === domainName);
  expect(listed).toHaveLength(1);
  const { domainNameId } = listed[0];
  const domain = await service.apigateway.send(new GetDomainNameCommand({ domainName, domainNameId }));
  expect(domain.endpointConfiguration?.types).toEqual(['PRIVATE']);
  const { CertificateSummaryList } = await service.acm.send(new ListCertificatesCommand({}));
  const certificates = (CertificateSummaryList ?? []).filter((c) => c.DomainName === domainName);
  expect(certificates.map((c) => c.CertificateArn)).toEqual([domain.certificateArn]);
  const { Certificate } = await service.acm.send(new DescribeCertificateCommand({ CertificateArn: domain.certificateArn }));
  expect(Certificate?.Status).toBe('ISSUED');
  const policy = JSON.parse(domain.policy!);
  expect(policy.Statement).toEqual([
    expect.objectContaining({ Effect: 'Allow', Condition: { StringEquals: { 'aws:SourceVpce': expected.endpointId } } }),
    expect.objectContaining({ Effect: 'Deny', Condition: { StringNotEquals: { 'aws:SourceVpce': expected.endpointId } } }),
  ]);
  const mappings = await service.apigateway.send(new GetBasePathMappingsCommand({ domainName, domainNameId }));
  expect((mappings.items ?? []).map((m) => [m.basePath, m.restApiId, m.stage])).toEqual([['(none)', expected.apiId, expected.stage]]);
  const associations = await service.apigateway.send(new GetDomainNameAccessAssociationsCommand({ resourceOwner: 'SELF' }));
  expect((associations.items ?? []).map((a) => [a.domainNameArn, a.accessAssociationSource, a.accessAssociationSourceType])).toEqual([
    [domain.domainNameArn, expected.endpointId, 'VPCE'],
  ]);
}

/** Access logs (JSON with the request id, source IP, endpoint id, status, latency, path), metrics and throttling, the account's logging role, alarms notifying one topic with the e-mail subscribed. */
export async function expectObservability(
  service: AccountClients,
  expected: { apiId: string; stage: string; logGroup: string; rateLimit: number; burstLimit: number; email: string },
): Promise<void> {
  const stage = await service.apigateway.send(new GetStageCommand({ restApiId: expected.apiId, stageName: expected.stage }));
  expect(stage.accessLogSettings?.destinationArn).toMatch(new RegExp(`:log-group:${expected.logGroup.replace(/\//g, '\\/')}$`));
  const format = JSON.parse(stage.accessLogSettings!.format!);
  expect(Object.values(format)).toEqual(
    expect.arrayContaining(['$context.requestId', '$context.identity.sourceIp', '$context.identity.vpceId', '$context.status', '$context.responseLatency', '$context.path']),
  );
  expect(stage.methodSettings?.['*/*']).toMatchObject({
    metricsEnabled: true,
    throttlingRateLimit: expected.rateLimit,
    throttlingBurstLimit: expected.burstLimit,
  });
  const account = await service.apigateway.send(new GetAccountCommand({}));
  expect(account.cloudwatchRoleArn).toMatch(/^arn:aws:iam::\d{12}:role\/privapi-service-apigw-cloudwatch/);
  const MetricAlarms = metricAlarms(service, 'privapi-service-');
  const alarms = MetricAlarms.map((a) => [a.Namespace, a.MetricName]).sort();
  expect(alarms).toEqual([
    ['AWS/ApiGateway', '5XXError'],
    ['AWS/Lambda', 'Errors'],
    ['AWS/Lambda', 'Throttles'],
    ['AWS/NetworkELB', 'UnHealthyHostCount'],
    ['AWS/PrivateLinkServices', 'RstPacketsSent'],
  ]);
  const { Topics } = await service.sns.send(new ListTopicsCommand({}));
  const topic = (Topics ?? []).map((t) => t.TopicArn!).find((arn) => arn.endsWith(':privapi-service-alarms'));
  expect(topic).toBeDefined();
  for (const alarm of MetricAlarms) expect(alarm.AlarmActions).toEqual([topic]);
  const { Subscriptions } = await service.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic }));
  expect((Subscriptions ?? []).map((s) => [s.Protocol, s.Endpoint])).toEqual([['email', expected.email]]);
}

/** The URL of an output's curl line, read as `npm run verify` reads it. */
export function urlOf(curlLine: string): string {
  return parseCurlLine(curlLine).url;
}

/** The URLs of the commands SSM Run Command received, by instance, sorted. */
export async function sentCommands(accounts: AccountClients[]): Promise<Record<string, string[]>> {
  const sent: Record<string, string[]> = {};
  for (const clients of accounts) {
    const { Commands } = await clients.ssm.send(new ListCommandsCommand({}));
    for (const command of Commands ?? []) {
      expect(command.DocumentName).toBe('AWS-RunShellScript');
      for (const instanceId of command.InstanceIds ?? []) {
        for (const line of command.Parameters?.commands ?? []) {
          (sent[instanceId] ??= []).push(/'(https:\/\/[^']+)'/.exec(line)![1]);
        }
      }
    }
  }
  for (const list of Object.values(sent)) list.sort();
  return sent;
}

/** What `leftovers` returns for an account where nothing of the project is left. */
export const NOTHING = {
  vpcs: [],
  endpoints: [],
  endpointServices: [],
  loadBalancers: [],
  restApis: [],
  domainNames: [],
  functions: [],
  hostedZones: [],
  instances: [],
  alarms: [],
  certificates: [],
};

/** Everything the project creates in one account, by kind; empty lists after a destroy. */
export async function leftovers(clients: AccountClients): Promise<Record<string, string[]>> {
  const [vpcs, endpoints, services, lbs, apis, functions, zones, instances, domains, certificates] = await Promise.all([
    clients.ec2.send(new DescribeVpcsCommand({ Filters: [PROJECT_TAG] })),
    clients.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [PROJECT_TAG] })),
    clients.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({})),
    clients.elbv2.send(new DescribeLoadBalancersCommand({})),
    clients.apigateway.send(new GetRestApisCommand({})),
    clients.lambda.send(new ListFunctionsCommand({})),
    clients.route53.send(new ListHostedZonesCommand({})),
    clients.ec2.send(new DescribeInstancesCommand({ Filters: [PROJECT_TAG, { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] }] })),
    clients.apigateway.send(new GetDomainNamesCommand({})),
    clients.acm.send(new ListCertificatesCommand({})),
  ]);
  return {
    vpcs: (vpcs.Vpcs ?? []).map((v) => v.VpcId!),
    endpoints: (endpoints.VpcEndpoints ?? []).filter((e) => e.State?.toLowerCase() !== 'deleted').map((e) => e.VpcEndpointId!),
    endpointServices: (services.ServiceConfigurations ?? []).map((s) => s.ServiceId!),
    loadBalancers: (lbs.LoadBalancers ?? []).map((l) => l.LoadBalancerName!),
    restApis: (apis.items ?? []).map((a) => a.name!),
    functions: (functions.Functions ?? []).map((f) => f.FunctionName!),
    hostedZones: (zones.HostedZones ?? []).map((z) => z.Name!),
    instances: (instances.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId!),
    domainNames: (domains.items ?? []).map((d) => d.domainName!),
    alarms: metricAlarms(clients, '').map((a) => a.AlarmName),
    certificates: (certificates.CertificateSummaryList ?? []).map((c) => c.DomainName!),
  };
}

/** A network a consumer already has (`customers[].network`), created with the SDK before any stack knows it. */
export interface BroughtNetwork {
  readonly vpcId: string;
  readonly subnetIds: Record<string, string>;
  readonly routeTableId: string;
  readonly zoneId?: string;
}

/** VPC (DNS on), one subnet per AZ ID, a route table with a route of its own, optionally a private zone with a record of its own. */
export async function createBroughtNetwork(clients: AccountClients, cidr: string, azIds: string[], zoneName?: string): Promise<BroughtNetwork> {
  const { Vpc } = await clients.ec2.send(new CreateVpcCommand({ CidrBlock: cidr }));
  const vpcId = Vpc!.VpcId!;
  await clients.ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: true } }));
  await clients.ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  const subnetIds: Record<string, string> = {};
  const base = cidr.split('.').slice(0, 2).join('.');
  for (const [i, azId] of azIds.entries()) {
    const { Subnet } = await clients.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `${base}.${100 + i}.0/24`, AvailabilityZoneId: azId }));
    subnetIds[azId] = Subnet!.SubnetId!;
  }
  const { RouteTable } = await clients.ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }));
  const { InternetGateway } = await clients.ec2.send(new CreateInternetGatewayCommand({}));
  await clients.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: InternetGateway!.InternetGatewayId!, VpcId: vpcId }));
  await clients.ec2.send(new CreateRouteCommand({ RouteTableId: RouteTable!.RouteTableId!, DestinationCidrBlock: '0.0.0.0/0', GatewayId: InternetGateway!.InternetGatewayId! }));
  let zoneId: string | undefined;
  if (zoneName) {
    const zone = await clients.route53.send(
      new CreateHostedZoneCommand({ Name: zoneName, CallerReference: `brought-${vpcId}`, VPC: { VPCId: vpcId, VPCRegion: 'ap-northeast-1' }, HostedZoneConfig: { PrivateZone: true, Comment: 'the customer\'s own zone' } }),
    );
    zoneId = zone.HostedZone!.Id!.replace('/hostedzone/', '');
    await clients.route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: `db.${zoneName}`, Type: 'A', TTL: 300, ResourceRecords: [{ Value: `${base}.100.10` }] } }] },
      }),
    );
  }
  return { vpcId, subnetIds, routeTableId: RouteTable!.RouteTableId!, zoneId };
}

/** What the consumer brought, as AWS describes it now: compared before the deploy and after the destroy. */
export async function broughtSnapshot(clients: AccountClients, network: BroughtNetwork): Promise<unknown> {
  const { Vpcs } = await clients.ec2.send(new DescribeVpcsCommand({ VpcIds: [network.vpcId] }));
  const { Subnets } = await clients.ec2.send(new DescribeSubnetsCommand({ SubnetIds: Object.values(network.subnetIds) }));
  const { RouteTables } = await clients.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [network.routeTableId] }));
  const records = network.zoneId
    ? (await clients.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: network.zoneId }))).ResourceRecordSets ?? []
    : [];
  return {
    vpc: Vpcs!.map((v) => [v.VpcId, v.CidrBlock, v.State]),
    subnets: (Subnets ?? []).map((s) => [s.SubnetId, s.AvailabilityZoneId, s.CidrBlock]).sort(),
    routes: (RouteTables ?? []).flatMap((t) => (t.Routes ?? []).map((r) => [r.DestinationCidrBlock, r.GatewayId ?? r.VpcPeeringConnectionId ?? 'local'])).sort(),
    records: records.map((r) => [r.Name, r.Type]).sort(),
  };
}

/** Routes of a route table: destination → target. */
export async function routesOf(clients: AccountClients, routeTableId: string): Promise<Record<string, string>> {
  const { RouteTables } = await clients.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [routeTableId] }));
  return Object.fromEntries((RouteTables![0].Routes ?? []).map((r) => [r.DestinationCidrBlock!, r.GatewayId ?? r.VpcPeeringConnectionId ?? 'local']));
}

/** Names of a zone's records (A records only: the aliases this product writes, or the consumer's own). */
export async function zoneRecordNames(clients: AccountClients, zoneId: string): Promise<string[]> {
  const { ResourceRecordSets } = await clients.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
  return (ResourceRecordSets ?? []).filter((r) => r.Type === 'A').map((r) => r.Name!).sort();
}

/** Principals of the API's Allow statement (`*`, or the IAM ARNs with IAM authorization), sorted. */
export async function invokePrincipals(service: AccountClients, apiId: string): Promise<string[]> {
  const api = await service.apigateway.send(new GetRestApiCommand({ restApiId: apiId }));
  const policy = JSON.parse(JSON.parse(`"${api.policy}"`));
  const allow = policy.Statement.find((s: { Effect: string }) => s.Effect === 'Allow');
  const principal = allow.Principal;
  return (principal === '*' ? ['*'] : [principal.AWS].flat()).sort();
}

/** The deployment a stage serves: a new one after the policy changed means the stage was redeployed. */
export async function stageDeploymentId(service: AccountClients, apiId: string, stageName: string): Promise<string> {
  const stage = await service.apigateway.send(new GetStageCommand({ restApiId: apiId, stageName }));
  return stage.deploymentId!;
}

/** Resources an inline policy of a role grants. */
export async function rolePolicyResources(clients: AccountClients, roleName: string, policyName: string): Promise<string[]> {
  const { PolicyDocument } = await clients.iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
  const document = JSON.parse(decodeURIComponent(PolicyDocument!));
  return document.Statement.flatMap((s: { Resource: string | string[] }) => [s.Resource].flat()).sort();
}
