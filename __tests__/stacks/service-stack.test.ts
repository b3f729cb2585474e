import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { VpcEndpointService } from '@cdktf/provider-aws/lib/vpc-endpoint-service';
import { allBlocks, blocksOf, fixture, FixtureName } from '../helpers';

describe('ServiceStack (default config)', () => {
  const { json, parsed } = fixture('default');
  const service = parsed.service;

  it('has one AWS provider, aliased "service", bound to the service account and tagging everything', () => {
    expect(service.provider.aws).toHaveLength(1);
    expect(json.service).toHaveProviderWithProperties(AwsProvider, {
      alias: 'service',
      region: 'ap-northeast-1',
      allowed_account_ids: ['111111111111'],
      default_tags: [{ tags: { Project: 'privapi', ManagedBy: 'cdktf', Stack: 'service' } }],
    });
    expect(service.provider.aws[0].assume_role).toBeUndefined();
  });

  it('names the service provider on every resource and data source', () => {
    const blocks = allBlocks(service);
    expect(blocks.length).toBeGreaterThan(30);
    blocks.forEach(([type, name, body]) => expect([type, name, body.provider]).toEqual([type, name, 'aws.service']));
  });

  it('binds the API policy to the execute-api endpoint of this stack', () => {
    const [api] = blocksOf(service, 'aws_api_gateway_rest_api');
    const [endpointName] = Object.entries(service.resource.aws_vpc_endpoint).find(([, e]) =>
      String((e as { service_name: string }).service_name).endsWith('.execute-api'),
    )!;
    const policy = JSON.parse(api.policy);
    expect(policy.Statement.map((s: { Condition: unknown }) => s.Condition)).toEqual([
      { StringEquals: { 'aws:SourceVpce': `\${aws_vpc_endpoint.${endpointName}.id}` } },
      { StringNotEquals: { 'aws:SourceVpce': `\${aws_vpc_endpoint.${endpointName}.id}` } },
    ]);
  });

  it('feeds the NLB targets from the execute-api endpoint ENIs, one lookup and one target per AZ ID', () => {
    const enis = Object.entries(service.data.aws_network_interface) as [string, any][];
    expect(enis.map(([name]) => name.split('_')[1])).toEqual(['EndpointEni-apne1-az1', 'EndpointEni-apne1-az4']);
    const associations = Object.keys(service.resource.aws_vpc_endpoint_subnet_association);
    expect(associations.map((name) => name.split('_')[1])).toEqual(['Subnet-apne1-az1', 'Subnet-apne1-az4']);
    enis.forEach(([, eni], i) => expect(eni.depends_on).toEqual([`aws_vpc_endpoint_subnet_association.${associations[i]}`]));
    const [lookup] = Object.values(service.locals) as any[];
    expect(lookup.description).toMatch(/^VPC Endpoint Interface\*\$\{aws_vpc_endpoint\.ExecuteApiEndpoint_\w+\.id\}$/);
    const attachments = Object.values(service.resource.aws_lb_target_group_attachment) as any[];
    expect(attachments.map((a) => a.target_id)).toEqual(enis.map(([name]) => `\${data.aws_network_interface.${name}.private_ip}`));
  });

  it('attaches the execute-api endpoint to its subnets one association per AZ, not through subnet_ids', () => {
    const endpoint = blocksOf(service, 'aws_vpc_endpoint').find((e) => String(e.service_name).endsWith('.execute-api'))!;
    expect(endpoint.subnet_ids).toBeUndefined();
    expect(endpoint.private_dns_enabled).toBe(true);
  });

  it('opens the execute-api endpoint to the service VPC only on 443', () => {
    const endpointRules = blocksOf(service, 'aws_vpc_security_group_ingress_rule').filter((r) =>
      String(r.security_group_id).includes('ExecuteApiEndpoint_'),
    );
    expect(endpointRules.map((r) => [r.from_port, r.to_port, r.cidr_ipv4])).toEqual([[443, 443, '10.0.0.0/16']]);
  });

  it('allows exactly the customer account root on the endpoint service', () => {
    expect(json.service).toHaveResourceWithProperties(VpcEndpointService, { allowed_principals: ['arn:aws:iam::222222222222:root'] });
  });

  it('declares the outputs a user reads, each with a description', () => {
    const outputs = service.output;
    for (const name of [
      'api_id',
      'invoke_url',
      'execute_api_endpoint_id',
      'execute_api_endpoint_dns_entries',
      'endpoint_service_name',
      'endpoint_service_allowed_principals',
      'nlb_dns_name',
      'curl_in_service_vpc',
      'curl_through_nlb',
      'test_instance_id',
      'ssm_session_command',
    ]) {
      expect(outputs[name]?.description).toEqual(expect.any(String));
    }
    expect(outputs.invoke_url.value).toMatch(/^https:\/\/\$\{aws_api_gateway_rest_api\.\w+\.id\}\.execute-api\.ap-northeast-1\.amazonaws\.com\/\$\{aws_api_gateway_stage\.\w+\.stage_name\}$/);
    expect(outputs.curl_through_nlb.value).toMatch(/^curl -k 'https:\/\/\$\{aws_lb\.\w+\.dns_name\}\/\$\{aws_api_gateway_stage\.\w+\.stage_name\}' -H 'x-apigw-api-id: \$\{aws_api_gateway_rest_api\.\w+\.id\}'$/);
  });

  it('creates the SSM-only test instance by default', () => {
    expect(blocksOf(service, 'aws_instance')).toHaveLength(1);
  });
});

describe('ServiceStack options', () => {
  // The seed's customer is gone, another one took its place.
  const { parsed } = fixture('service-options');
  const service = parsed.service;

  it('assumes the configured role', () => {
    expect(service.provider.aws[0].assume_role).toEqual([
      { role_arn: 'arn:aws:iam::111111111111:role/deploy', session_name: 'privapi-service' },
    ]);
  });

  it('uses a named profile when given', () => {
    expect(service.provider.aws[0].profile).toBe('service-admin');
  });

  it('leaves out the test instance and its endpoints when testInstance is false', () => {
    expect(service.resource.aws_instance).toBeUndefined();
    expect(blocksOf(service, 'aws_vpc_endpoint').map((e) => e.service_name)).toEqual(['com.amazonaws.ap-northeast-1.execute-api']);
    expect(service.output.test_instance_id).toBeUndefined();
    expect(service.output.ssm_session_command).toBeUndefined();
  });

  it('removes a customer\'s access when it leaves the config', () => {
    expect(blocksOf(service, 'aws_vpc_endpoint_service')[0].allowed_principals).toEqual(['arn:aws:iam::444444444444:root']);
  });

  it('uses the configured stage name', () => {
    expect(blocksOf(service, 'aws_api_gateway_stage')[0].stage_name).toBe('v1');
  });

  it('places subnets in the configured AZ IDs, one target per AZ', () => {
    expect(blocksOf(service, 'aws_subnet').map((s) => s.availability_zone_id)).toEqual(['apne1-az1', 'apne1-az2', 'apne1-az4']);
    expect(blocksOf(service, 'aws_network_interface', 'data')).toHaveLength(3);
    expect(blocksOf(service, 'aws_lb_target_group_attachment')).toHaveLength(3);
  });
});

describe('ServiceStack with several customers', () => {
  const { parsed } = fixture('mixed-modes');

  it('allows only the PrivateLink customers on the endpoint service', () => {
    expect(blocksOf(parsed.service, 'aws_vpc_endpoint_service')[0].allowed_principals).toEqual(['arn:aws:iam::222222222222:root']);
  });

  it('opens the execute-api endpoint to each peered customer CIDR, on 443 only', () => {
    const rules = blocksOf(parsed.service, 'aws_vpc_security_group_ingress_rule').filter((r) =>
      String(r.security_group_id).includes('ExecuteApiEndpoint_'),
    );
    expect(rules.map((r) => [r.from_port, r.to_port, r.cidr_ipv4]).sort()).toEqual([
      [443, 443, '10.0.0.0/16'],
      [443, 443, '10.2.0.0/16'],
    ]);
  });

});

describe('ServiceStack with peering customers only', () => {
  const { parsed } = fixture('peering-only');

  it('builds no NLB and no endpoint service, which only PrivateLink consumers use', () => {
    for (const type of ['aws_lb', 'aws_lb_target_group', 'aws_lb_listener', 'aws_lb_target_group_attachment', 'aws_vpc_endpoint_service']) {
      expect([type, parsed.service.resource[type]]).toEqual([type, undefined]);
    }
    expect(parsed.service.data.aws_network_interface).toBeUndefined();
    expect(parsed.service.output.endpoint_service_name).toBeUndefined();
    expect(parsed.service.output.curl_through_nlb).toBeUndefined();
  });

  it('still serves the peer through the execute-api endpoint', () => {
    expect(blocksOf(parsed.partner, 'aws_route53_zone')).toHaveLength(1);
    expect(parsed.service.output.invoke_url.value).toContain('.execute-api.ap-northeast-1.amazonaws.com/');
  });
});

describe('ServiceStack with a custom domain', () => {
  const certificateArn = 'arn:aws:acm:ap-northeast-1:111111111111:certificate/0f0e0d0c-1111-2222-3333-444455556666';

  it('makes a PRIVATE domain name bound to the service execute-api endpoint, mapped to the stage and associated with that endpoint', () => {
    const { parsed } = fixture('custom-domain');
    const service = parsed.service;
    const endpointRef = /^\$\{aws_vpc_endpoint\.ExecuteApiEndpoint_\w+\.id\}$/;
    const [domain] = blocksOf(service, 'aws_api_gateway_domain_name');
    expect(domain).toMatchObject({ domain_name: 'api.hoge.co.jp', certificate_arn: certificateArn, endpoint_configuration: { types: ['PRIVATE'] } });
    expect(JSON.parse(domain.policy).Statement.map((s: any) => Object.values(s.Condition)[0])).toEqual([
      { 'aws:SourceVpce': expect.stringMatching(endpointRef) },
      { 'aws:SourceVpce': expect.stringMatching(endpointRef) },
    ]);
    const [mapping] = blocksOf(service, 'aws_api_gateway_base_path_mapping');
    expect(mapping.stage_name).toMatch(/^\$\{aws_api_gateway_stage\.\w+\.stage_name\}$/);
    expect(mapping.domain_name_id).toMatch(/^\$\{aws_api_gateway_domain_name\.\w+\.domain_name_id\}$/);
    const [association] = blocksOf(service, 'aws_api_gateway_domain_name_access_association');
    expect(association.access_association_source).toMatch(endpointRef);
    expect(service.resource.aws_acm_certificate).toBeUndefined();
    expect(service.output.custom_domain_url.value).toBe('https://api.hoge.co.jp/');
  });

  it('requests and validates a certificate in the public zone when given validationZoneId, and waits for it', () => {
    const { parsed } = fixture('custom-domain-validated');
    const [certificate] = blocksOf(parsed.service, 'aws_acm_certificate');
    expect(certificate).toMatchObject({ domain_name: 'api.hoge.co.jp', validation_method: 'DNS' });
    expect(blocksOf(parsed.service, 'aws_route53_record')[0].zone_id).toBe('Z0123456789ABCDEFGHIJ');
    expect(blocksOf(parsed.service, 'aws_api_gateway_domain_name')[0].certificate_arn).toMatch(
      /^\$\{aws_acm_certificate_validation\.\w+\.certificate_arn\}$/,
    );
  });

  it('builds none of it without customDomain', () => {
    const { parsed } = fixture('default');
    for (const type of ['aws_api_gateway_domain_name', 'aws_api_gateway_base_path_mapping', 'aws_api_gateway_domain_name_access_association', 'aws_acm_certificate']) {
      expect([type, parsed.service.resource[type]]).toEqual([type, undefined]);
    }
    expect(parsed.service.output.custom_domain_url).toBeUndefined();
  });
});

describe('ServiceStack without private DNS on the execute-api endpoint', () => {
  const { parsed } = fixture('no-private-dns');

  it('turns it off and gives the service test host a line that works without it (endpoint name + header)', () => {
    const endpoint = blocksOf(parsed.service, 'aws_vpc_endpoint').find((e) => String(e.service_name).endsWith('.execute-api'))!;
    expect(endpoint.private_dns_enabled).toBe(false);
    expect(parsed.service.output.curl_in_service_vpc.value).toMatch(
      /^curl 'https:\/\/\$\{one\(\[ for key, val in toset\(aws_vpc_endpoint\.ExecuteApiEndpoint_\w+\.dns_entry\).*\]\)\.dns_name\}\/\$\{aws_api_gateway_stage\.\w+\.stage_name\}' -H 'x-apigw-api-id: \$\{aws_api_gateway_rest_api\.\w+\.id\}'$/,
    );
  });
});

describe('ServiceStack observability', () => {
  it('by default: metrics and the configured throttling on every method, no access logs, no account role, no alarms', () => {
    const { parsed } = fixture('throttling');
    const [settings] = blocksOf(parsed.service, 'aws_api_gateway_method_settings');
    expect(settings.method_path).toBe('*/*');
    expect(settings.settings).toMatchObject({ metrics_enabled: true, throttling_rate_limit: 30, throttling_burst_limit: 60 });
    expect(blocksOf(parsed.service, 'aws_api_gateway_stage')[0].access_log_settings).toBeUndefined();
    for (const type of ['aws_api_gateway_account', 'aws_cloudwatch_metric_alarm', 'aws_sns_topic']) {
      expect([type, parsed.service.resource[type]]).toEqual([type, undefined]);
    }
  });

  it('with everything on: stage access logs to the API log group, the account role first, alarms on the NLB, API, Lambda and endpoint service', () => {
    const { parsed } = fixture('observability-all');
    const service = parsed.service;
    const [stage] = blocksOf(service, 'aws_api_gateway_stage');
    expect(stage.access_log_settings.destination_arn).toMatch(/^\$\{aws_cloudwatch_log_group\.ApiAccessLog_\w+\.arn\}$/);
    expect(stage.depends_on).toEqual([expect.stringMatching(/^aws_api_gateway_account\./)]);
    expect(blocksOf(service, 'aws_api_gateway_account')).toHaveLength(1);
    const alarms = blocksOf(service, 'aws_cloudwatch_metric_alarm').map((a) => [a.namespace, a.metric_name]).sort();
    expect(alarms).toEqual([
      ['AWS/ApiGateway', '5XXError'],
      ['AWS/Lambda', 'Errors'],
      ['AWS/Lambda', 'Throttles'],
      ['AWS/NetworkELB', 'UnHealthyHostCount'],
      ['AWS/PrivateLinkServices', 'RstPacketsSent'],
    ]);
    const nlbAlarm = blocksOf(service, 'aws_cloudwatch_metric_alarm').find((a) => a.metric_name === 'UnHealthyHostCount')!;
    expect(nlbAlarm.dimensions).toEqual({
      LoadBalancer: expect.stringMatching(/^\$\{aws_lb\.EndpointNlb_LoadBalancer_\w+\.arn_suffix\}$/),
      TargetGroup: expect.stringMatching(/^\$\{aws_lb_target_group\.EndpointNlb_TargetGroup_\w+\.arn_suffix\}$/),
    });
    expect(blocksOf(service, 'aws_sns_topic_subscription')[0]).toMatchObject({ protocol: 'email', endpoint: 'ops@example.com' });
    expect(service.output.alarm_topic_arn.description).toEqual(expect.any(String));
  });

  it('with peering customers only: no NLB or endpoint-service alarm, the others stay', () => {
    const { parsed } = fixture('peering-only-alarms');
    expect(blocksOf(parsed.service, 'aws_cloudwatch_metric_alarm').map((a) => a.metric_name).sort()).toEqual(['5XXError', 'Errors', 'Throttles']);
    expect(parsed.service.resource.aws_sns_topic_subscription).toBeUndefined();
  });
});

const SIGNED = `eval "$(aws configure export-credentials --format env)" && curl --aws-sigv4 'aws:amz:ap-northeast-1:execute-api' --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-security-token: $AWS_SESSION_TOKEN"`;
const names = (stack: Record<string, any>, type: string) => Object.keys(stack.resource?.[type] ?? {}).map((n) => n.replace(/_[0-9A-F]{8}$/, '')).sort();
const restApi = (stack: Record<string, any>, key: string) =>
  Object.entries(stack.resource.aws_api_gateway_rest_api as Record<string, any>).find(([n]) => n.startsWith(`Api-${key}_`))![1];

describe('ServiceStack (default config): the addresses of a running deployment', () => {
  const { parsed } = fixture('default');

  it('keeps the API, its function and its method at the top level, and creates the network', () => {
    expect(names(parsed.service, 'aws_api_gateway_rest_api')).toEqual(['PrivateApi_RestApi']);
    expect(names(parsed.service, 'aws_api_gateway_method')).toEqual(['PrivateApi_GetRoot']);
    expect(names(parsed.service, 'aws_api_gateway_integration')).toEqual(['PrivateApi_GetRootLambda']);
    expect(names(parsed.service, 'aws_lambda_function')).toEqual(['ApiFunction', 'EndpointServiceAzEnabler_Function']);
    expect(names(parsed.service, 'aws_lambda_permission')).toEqual(['PrivateApi_InvokePermission']);
    expect(names(parsed.service, 'aws_vpc')).toEqual(['Network_Vpc']);
    expect(names(parsed.customer, 'aws_route53_zone')).toEqual(['PrivateZone']);
    expect(blocksOf(parsed.service, 'aws_api_gateway_rest_api')[0].body).toBeUndefined();
    expect(parsed.service.data.aws_vpc).toBeUndefined();
    expect(parsed.customer.data.aws_route53_zone).toBeUndefined();
  });

  it('leaves the endpoint service in the service\'s region only and the API unsigned', () => {
    expect(blocksOf(parsed.service, 'aws_vpc_endpoint_service')[0].supported_regions).toEqual(['ap-northeast-1']);
    expect(JSON.parse(blocksOf(parsed.service, 'aws_api_gateway_rest_api')[0].policy).Statement[0].Principal).toBe('*');
  });
});

describe('ServiceStack with one API in apis', () => {
  const { parsed } = fixture('one-api');
  const service = parsed.service;

  it('builds it as a ServiceApi (addresses Api-orders_…) from its routes, and no top-level API', () => {
    expect(names(service, 'aws_api_gateway_rest_api')).toEqual(['Api-orders_PrivateApi_RestApi']);
    expect(names(service, 'aws_lambda_function')).toEqual(['Api-orders_ApiFunction', 'EndpointServiceAzEnabler_Function']);
    expect(Object.keys(JSON.parse(restApi(service, 'orders').body).paths)).toEqual(['/orders']);
    expect(service.resource.aws_api_gateway_method).toBeUndefined();
  });

  it('suffixes its outputs with _orders and declares no unsuffixed API output', () => {
    for (const name of ['api_id_orders', 'invoke_url_orders', 'curl_in_service_vpc_orders', 'curl_through_nlb_orders']) {
      expect([name, service.output[name]?.description]).toEqual([name, expect.any(String)]);
    }
    for (const name of ['api_id', 'invoke_url', 'curl_in_service_vpc', 'curl_through_nlb']) expect(service.output[name]).toBeUndefined();
  });
});

describe('ServiceStack with three APIs', () => {
  // Three APIs (one with IAM for two of three customers), a callers list, custom domains and alarms.
  const { parsed } = fixture('three-apis');
  const service = parsed.service;
  const KEYS = ['billing', 'hello_world', 'orders'];

  it('builds one ServiceApi per API, each with its own function and stage', () => {
    expect(names(service, 'aws_api_gateway_rest_api')).toEqual(['Api-billing_PrivateApi_RestApi', 'Api-hello-world_PrivateApi_RestApi', 'Api-orders_PrivateApi_RestApi']);
    expect(blocksOf(service, 'aws_lambda_function').map((f) => f.function_name).sort()).toEqual([
      'privapi-service-billing-api',
      'privapi-service-enable-azs',
      'privapi-service-hello-world-api',
      'privapi-service-orders-api',
    ]);
    expect(names(service, 'aws_api_gateway_stage')).toHaveLength(3);
  });

  it('shares one execute-api endpoint, one NLB and one endpoint service among them', () => {
    expect(blocksOf(service, 'aws_vpc_endpoint').filter((e) => String(e.service_name).endsWith('.execute-api'))).toHaveLength(1);
    expect(blocksOf(service, 'aws_lb')).toHaveLength(1);
    expect(blocksOf(service, 'aws_vpc_endpoint_service')).toHaveLength(1);
    const endpoint = Object.keys(service.resource.aws_vpc_endpoint).find((n) => n.startsWith('ExecuteApiEndpoint_'))!;
    for (const key of ['orders', 'billing', 'hello-world']) {
      expect(JSON.parse(restApi(service, key).policy).Statement[0].Condition.StringEquals['aws:SourceVpce']).toBe(`\${aws_vpc_endpoint.${endpoint}.id}`);
    }
  });

  it('suffixes every API output with _<name> (dashes as underscores)', () => {
    for (const key of KEYS) {
      for (const output of ['api_id', 'invoke_url', 'curl_in_service_vpc', 'curl_through_nlb']) {
        expect([`${output}_${key}`, service.output[`${output}_${key}`]?.description]).toEqual([`${output}_${key}`, expect.any(String)]);
      }
    }
    expect(service.output.api_id_hello_world.value).toMatch(/^\$\{aws_api_gateway_rest_api\.Api-hello-world_PrivateApi_RestApi_\w+\.id\}$/);
    expect(service.output.api_id).toBeUndefined();
  });

  it('alarms on each API and its function, and once on the NLB and endpoint service', () => {
    expect(names(service, 'aws_cloudwatch_metric_alarm')).toEqual([
      'Alarms_Api5xxErrors-billing',
      'Alarms_Api5xxErrors-hello-world',
      'Alarms_Api5xxErrors-orders',
      'Alarms_EndpointServiceResets',
      'Alarms_FunctionErrors-billing',
      'Alarms_FunctionErrors-hello-world',
      'Alarms_FunctionErrors-orders',
      'Alarms_FunctionThrottles-billing',
      'Alarms_FunctionThrottles-hello-world',
      'Alarms_FunctionThrottles-orders',
      'Alarms_NlbUnhealthyHosts',
    ]);
  });

  it('gives each API with a customDomain its own private domain name and outputs', () => {
    expect(blocksOf(service, 'aws_api_gateway_domain_name').map((d) => d.domain_name).sort()).toEqual(['billing.example.com', 'orders.hoge.co.jp']);
    expect(service.output.custom_domain_url_orders.value).toBe('https://orders.hoge.co.jp/');
    expect(service.output.custom_domain_url_billing.value).toBe('https://billing.example.com/');
    expect(service.output.custom_domain_url_hello_world).toBeUndefined();
    const mapping = blocksOf(service, 'aws_api_gateway_base_path_mapping').find((m) => String(m.domain_name_id).includes('Api-orders_'))!;
    expect(mapping.api_id).toMatch(/^\$\{aws_api_gateway_rest_api\.Api-orders_PrivateApi_RestApi_\w+\.id\}$/);
  });

  it('IAM API: names the consumers\' callers or roots and the service test instance role, never a non-consumer', () => {
    const role = Object.keys(service.resource.aws_iam_role).find((n) => n.startsWith('TestInstance_Role_'))!;
    expect(JSON.parse(restApi(service, 'orders').policy).Statement[0].Principal).toEqual({
      AWS: ['arn:aws:iam::222222222222:role/client', 'arn:aws:iam::333333333333:root', `\${aws_iam_role.${role}.arn}`],
    });
    expect(JSON.parse(restApi(service, 'orders').policy).Statement[1]).toMatchObject({ Effect: 'Deny', Principal: '*' });
  });

  it('IAM API: every method requires SigV4 (AWS_IAM) in the body; the other APIs stay unsigned', () => {
    const body = JSON.parse(restApi(service, 'orders').body);
    expect(body.paths['/'].get.security).toEqual([{ sigv4: [] }]);
    expect(body.components.securitySchemes.sigv4['x-amazon-apigateway-authtype']).toBe('awsSigv4');
    for (const key of ['billing', 'hello-world']) {
      expect(JSON.parse(restApi(service, key).body).paths['/'].get.security).toBeUndefined();
      expect(JSON.parse(restApi(service, key).policy).Statement[0].Principal).toBe('*');
    }
  });

  it('IAM API: signed curl lines for the service test host; unsigned ones for the others', () => {
    expect(service.output.curl_in_service_vpc_orders.value).toBe(`${SIGNED} '${service.output.invoke_url_orders.value}'`);
    expect(service.output.curl_through_nlb_orders.value).toMatch(/^eval "\$\(aws configure export-credentials --format env\)" && curl -k --aws-sigv4 'aws:amz:ap-northeast-1:execute-api' /);
    expect(service.output.curl_in_service_vpc_billing.value).toBe(`curl '${service.output.invoke_url_billing.value}'`);
  });
});

describe('ServiceStack: IAM API principals without callers', () => {
  it('names the account root of each customer, plus the service test instance role when there is one', () => {
    const withHost = fixture('iam-api').parsed.service;
    expect(JSON.parse(restApi(withHost, 'orders').policy).Statement[0].Principal.AWS).toEqual([
      'arn:aws:iam::222222222222:root',
      expect.stringMatching(/^\$\{aws_iam_role\.TestInstance_Role_\w+\.arn\}$/),
    ]);
    const withoutHost = fixture('iam-api-no-test-instance').parsed.service;
    expect(JSON.parse(restApi(withoutHost, 'orders').policy).Statement[0].Principal.AWS).toEqual(['arn:aws:iam::222222222222:root']);
  });
});

describe('ServiceStack: enabling a new AZ on the endpoint service', () => {
  const serviceOf = (name: FixtureName) => fixture(name).parsed.service;

  it('invokes the AZ enabler of this service after every NLB target, on every backend (Terraform Cloud included)', () => {
    // The default config has the local backend.
    for (const name of ['default', 'cloud-backend'] as const) {
      const service = serviceOf(name);
      const [invocation] = blocksOf(service, 'aws_lambda_invocation');
      expect(JSON.parse(invocation.input)).toEqual({ service_id: expect.stringMatching(/^\$\{aws_vpc_endpoint_service\.EndpointService_\w+\.id\}$/) });
      const attachments = Object.keys(service.resource.aws_lb_target_group_attachment).map((n) => `aws_lb_target_group_attachment.${n}`);
      expect(attachments).toHaveLength(2);
      expect(invocation.depends_on).toEqual(attachments);
    }
  });

  it('runs nothing on the machine that applies: no provisioner on any block', () => {
    for (const name of ['default', 'cloud-backend'] as const) {
      allBlocks(serviceOf(name)).forEach(([type, name, body]) => expect([type, name, body.provisioner]).toEqual([type, name, undefined]));
    }
  });

  it('has no enabler where there is no endpoint service (no PrivateLink consumer)', () => {
    const peeringOnly = serviceOf('peering-only');
    expect(peeringOnly.resource.aws_vpc_endpoint_service).toBeUndefined();
    expect(peeringOnly.resource.aws_lambda_invocation).toBeUndefined();
  });
});
