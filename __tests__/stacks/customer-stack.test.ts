import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { allBlocks, blocksOf, fixture } from '../helpers';

/** `${data.terraform_remote_state.<name>.outputs.<output>}` where <output> is the service output with that value. */
function remoteRef(parsed: Record<string, any>, stack: string, serviceExpression: RegExp): string {
  const [outputName] = Object.entries(parsed.service.output as Record<string, { value: string }>).find(
    ([name, o]) => name.startsWith('cross-stack-output-') && serviceExpression.test(o.value),
  )!;
  const [stateName] = Object.keys(parsed[stack].data.terraform_remote_state);
  return `\${data.terraform_remote_state.${stateName}.outputs.${outputName}}`;
}

// The default customer, beside a peering one (one fixture serves both describe blocks).
describe('CustomerStack, PrivateLink (the default customer)', () => {
  const { json, parsed } = fixture('mixed-modes');
  const customer = parsed.customer;

  it('has its own provider, aliased after the stack and bound to the customer account', () => {
    expect(customer.provider.aws).toHaveLength(1);
    expect(json.customer).toHaveProviderWithProperties(AwsProvider, {
      alias: 'customer',
      allowed_account_ids: ['222222222222'],
      default_tags: [{ tags: { Project: 'privapi', ManagedBy: 'cdktf', Stack: 'customer' } }],
    });
  });

  it('names the customer provider on every resource and data source', () => {
    allBlocks(customer).forEach(([type, name, body]) => expect([type, name, body.provider]).toEqual([type, name, 'aws.customer']));
  });

  it('reads the service stack\'s state for the endpoint service name (cross-stack reference)', () => {
    const [remoteState] = Object.values(customer.data.terraform_remote_state) as Record<string, any>[];
    expect(remoteState).toEqual({ backend: 'local', config: { path: '../../../terraform.service.tfstate' }, workspace: '${terraform.workspace}' });
    const serviceName = remoteRef(parsed, 'customer', /aws_vpc_endpoint_service\.\w+\.service_name/);
    expect(json.customer).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: serviceName,
      vpc_endpoint_type: 'Interface',
      private_dns_enabled: false,
    });
  });

  it('opens its endpoint on 443 to its own VPC only', () => {
    const rules = blocksOf(customer, 'aws_vpc_security_group_ingress_rule').filter((r) =>
      String(r.security_group_id).includes('ServiceEndpoint_'),
    );
    expect(rules.map((r) => [r.ip_protocol, r.from_port, r.to_port, r.cidr_ipv4])).toEqual([['tcp', 443, 443, '10.1.0.0/16']]);
  });

  it('answers vpce.hoge.co.jp in its VPC with an alias to the endpoint', () => {
    const [zone] = blocksOf(customer, 'aws_route53_zone');
    expect(zone.name).toBe('hoge.co.jp');
    expect(zone.vpc[0].vpc_id).toMatch(/aws_vpc\.Network_Vpc_\w+\.id/);
    expect(json.customer).toHaveResourceWithProperties(Route53Record, {
      name: 'vpce.hoge.co.jp',
      type: 'A',
      alias: {
        name: expect.stringMatching(/^\$\{one\(\[ for key, val in toset\(aws_vpc_endpoint\.ServiceEndpoint_\w+\.dns_entry\): val if .*\]\)\.dns_name\}$/),
        zone_id: expect.stringMatching(/^\$\{one\(\[ for key, val in toset\(aws_vpc_endpoint\.ServiceEndpoint_\w+\.dns_entry\): val if .*\]\)\.hosted_zone_id\}$/),
        evaluate_target_health: false,
      },
    });
  });

  it('outputs the curl line with the API id header, the API id coming from the service stack', () => {
    const apiId = remoteRef(parsed, 'customer', /^\$\{aws_api_gateway_rest_api\.\w+\.id\}$/);
    expect(customer.output.curl.value).toBe(`curl -k 'https://vpce.hoge.co.jp/prod' -H 'x-apigw-api-id: ${apiId}'`);
    for (const name of ['endpoint_id', 'endpoint_dns_name', 'private_zone_id', 'api_hostname', 'curl', 'test_instance_id', 'ssm_session_command']) {
      expect(customer.output[name]?.description).toEqual(expect.any(String));
    }
  });

  it('does not peer', () => {
    expect(customer.resource.aws_vpc_peering_connection).toBeUndefined();
  });
});

describe('CustomerStack, peering', () => {
  const { json, parsed } = fixture('mixed-modes');
  const partner = parsed.partner;

  it('has the customer provider and a second one for the service account (accepter side)', () => {
    expect(partner.provider.aws.map((p: Record<string, unknown>) => [p.alias, p.allowed_account_ids])).toEqual([
      ['partner', ['333333333333']],
      ['service', ['111111111111']],
    ]);
  });

  it('requests peering from the customer account to the service VPC read from the service state', () => {
    const [request] = blocksOf(partner, 'aws_vpc_peering_connection');
    expect(request.provider).toBe('aws.partner');
    expect(request.peer_owner_id).toBe('111111111111');
    expect(request.peer_vpc_id).toBe(remoteRef(parsed, 'partner', /^\$\{aws_vpc\.Network_Vpc_\w+\.id\}$/));
    const [accept] = blocksOf(partner, 'aws_vpc_peering_connection_accepter');
    expect(accept.provider).toBe('aws.service');
  });

  it('routes both ways, the service side into the service route table', () => {
    const routes = blocksOf(partner, 'aws_route').map((r) => [r.provider, r.destination_cidr_block, r.route_table_id]);
    expect(routes).toContainEqual(['aws.partner', '10.0.0.0/16', expect.stringMatching(/aws_route_table\.Network_PrivateRouteTable_\w+\.id/)]);
    expect(routes).toContainEqual(['aws.service', '10.2.0.0/16', remoteRef(parsed, 'partner', /^\$\{aws_route_table\.\w+\.id\}$/)]);
  });

  it('names a private zone after the API and aliases its apex to the service execute-api endpoint', () => {
    const apiId = remoteRef(parsed, 'partner', /^\$\{aws_api_gateway_rest_api\.\w+\.id\}$/);
    const [zone] = blocksOf(partner, 'aws_route53_zone');
    expect(zone.name).toBe(`${apiId}.execute-api.ap-northeast-1.amazonaws.com`);
    expect(json.partner).toHaveResourceWithProperties(Route53Record, {
      name: `${apiId}.execute-api.ap-northeast-1.amazonaws.com`,
      alias: expect.objectContaining({ name: expect.any(String), zone_id: expect.any(String) }),
    });
    // The service endpoint's DNS entries cross over by remote state; the regional one is picked by its shape.
    const entries = remoteRef(parsed, 'partner', /^\$\{aws_vpc_endpoint\.ExecuteApiEndpoint_\w+\.dns_entry\}$/).slice(2, -1);
    const [record] = blocksOf(partner, 'aws_route53_record');
    for (const attribute of ['dns_name', 'hosted_zone_id']) {
      expect(record.alias[attribute === 'dns_name' ? 'name' : 'zone_id']).toBe(
        `\${one([ for key, val in toset(${entries}): val if can(regex("^vpce-[0-9a-z]+-[0-9a-z]+$", split(".", val.dns_name)[0]))]).${attribute}}`,
      );
    }
  });

  it('creates no endpoint of its own to the API and lets its test instance reach the service VPC on 443', () => {
    expect(blocksOf(partner, 'aws_vpc_endpoint').map((e) => e.service_name)).toEqual([
      'com.amazonaws.ap-northeast-1.ssm',
      'com.amazonaws.ap-northeast-1.ssmmessages',
    ]);
    expect(blocksOf(partner, 'aws_vpc_security_group_egress_rule').map((r) => r.cidr_ipv4)).toEqual(['10.2.0.0/16', '10.0.0.0/16']);
  });

  it('outputs the plain curl line: valid certificate, no header', () => {
    const apiId = remoteRef(parsed, 'partner', /^\$\{aws_api_gateway_rest_api\.\w+\.id\}$/);
    expect(partner.output.curl.value).toBe(`curl 'https://${apiId}.execute-api.ap-northeast-1.amazonaws.com/prod'`);
    expect(partner.output.peering_connection_id.description).toEqual(expect.any(String));
  });

  it('keeps the PrivateLink customer unchanged beside it', () => {
    expect(blocksOf(parsed.customer, 'aws_route53_zone')[0].name).toBe('hoge.co.jp');
    expect(parsed.customer.resource.aws_vpc_peering_connection).toBeUndefined();
  });
});

describe('many customers', () => {
  it('creates one stack per customer, named after it, with its own state file', () => {
    const customers = Array.from({ length: 5 }, (_, i) => ({ name: `tenant-${i}` }));
    const { parsed } = fixture('many-customers');
    expect(Object.keys(parsed)).toEqual(['service', 'tenant-0', 'tenant-1', 'tenant-2', 'tenant-3', 'tenant-4']);
    customers.forEach((c) => expect(parsed[c.name].terraform.backend.local.path).toBe(`../../../terraform.${c.name}.tfstate`));
    expect(blocksOf(parsed.service, 'aws_vpc_endpoint_service')[0].allowed_principals).toEqual([
      'arn:aws:iam::300000000000:root',
      'arn:aws:iam::300000000002:root',
      'arn:aws:iam::300000000004:root',
    ]);
  });
});

describe('CustomerStack with a custom domain', () => {
  const records = (stack: Record<string, any>) =>
    Object.values(stack.resource.aws_route53_record as Record<string, any>)
      .map((r) => [r.name, /aws_route53_zone\.([A-Za-z]+)_/.exec(r.zone_id)?.[1]])
      .sort();

  it('PrivateLink: a name under the customer zone is one more alias record there, to the customer endpoint', () => {
    const { parsed } = fixture('custom-domain');
    expect(records(parsed.customer)).toEqual([
      ['api.hoge.co.jp', 'PrivateZone'],
      ['vpce.hoge.co.jp', 'PrivateZone'],
    ]);
    const domainRecord = blocksOf(parsed.customer, 'aws_route53_record').find((r) => r.name === 'api.hoge.co.jp')!;
    expect(domainRecord.alias.name).toContain('aws_vpc_endpoint.ServiceEndpoint_');
    expect(parsed.customer.output.curl_custom_domain.value).toBe("curl 'https://api.hoge.co.jp/'");
  });

  it('PrivateLink: a name outside the customer zone gets a private zone of its own, apex aliased to the customer endpoint', () => {
    const { parsed } = fixture('custom-domain-own-zone');
    expect(blocksOf(parsed.customer, 'aws_route53_zone').map((z) => [z.name, z.vpc]).sort()).toEqual([
      ['api.example.com', [{ vpc_id: expect.stringMatching(/aws_vpc\.Network_Vpc/) }]],
      ['hoge.co.jp', [{ vpc_id: expect.stringMatching(/aws_vpc\.Network_Vpc/) }]],
    ]);
    expect(records(parsed.customer)).toEqual([
      ['api.example.com', 'CustomDomainZone'],
      ['vpce.hoge.co.jp', 'PrivateZone'],
    ]);
    const domainRecord = blocksOf(parsed.customer, 'aws_route53_record').find((r) => r.name === 'api.example.com')!;
    expect(domainRecord.alias.name).toContain('aws_vpc_endpoint.ServiceEndpoint_');
  });

  it('peering: a private zone named after the domain whose apex aliases the service execute-api endpoint', () => {
    const { parsed } = fixture('custom-domain');
    const zone = blocksOf(parsed.partner, 'aws_route53_zone').find((z) => z.name === 'api.hoge.co.jp');
    expect(zone).toBeDefined();
    const record = blocksOf(parsed.partner, 'aws_route53_record').find((r) => r.name === 'api.hoge.co.jp');
    expect(record?.alias.name).toContain('data.terraform_remote_state.');
    expect(record?.alias.name).toContain('ExecuteApiEndpoint');
    expect(parsed.partner.output.curl_custom_domain.value).toBe("curl 'https://api.hoge.co.jp/'");
  });

  it('keeps the old paths working beside it', () => {
    const { parsed } = fixture('custom-domain');
    expect(parsed.customer.output.curl.value).toMatch(/^curl -k 'https:\/\/vpce\.hoge\.co\.jp\/prod' -H 'x-apigw-api-id: /);
    expect(parsed.partner.output.curl.value).toMatch(/^curl 'https:\/\/\$\{.*\}\.execute-api\.ap-northeast-1\.amazonaws\.com\/prod'$/);
  });
});

const SIGNED = `eval "$(aws configure export-credentials --format env)" && curl --aws-sigv4 'aws:amz:ap-northeast-1:execute-api' --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-security-token: $AWS_SESSION_TOKEN"`;

describe('CustomerStack with several APIs, one with IAM for some consumers', () => {
  const { parsed } = fixture('iam-consumers');
  const ordersId = (stack: string) => remoteRef(parsed, stack, /^\$\{aws_api_gateway_rest_api\.Api-orders_\w+\.id\}$/);

  it('gives a consumer the signed curl lines of the IAM API, exactly', () => {
    expect(parsed.partner.output.curl_orders.value).toBe(`${SIGNED} 'https://${ordersId('partner')}.execute-api.ap-northeast-1.amazonaws.com/prod'`);
    expect(parsed.partner.output.curl_custom_domain_orders.value).toBe(`${SIGNED} 'https://orders.hoge.co.jp/'`);
    expect(parsed.customer.output.curl_custom_domain_orders.value).toBe(`${SIGNED} 'https://orders.hoge.co.jp/'`);
    expect(parsed.customer.output.curl_orders.value).toBe(
      `eval "$(aws configure export-credentials --format env)" && curl -k --aws-sigv4 'aws:amz:ap-northeast-1:execute-api' --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-security-token: $AWS_SESSION_TOKEN" 'https://vpce.hoge.co.jp/prod' -H 'x-apigw-api-id: ${ordersId('customer')}'`,
    );
  });

  it('keeps the lines of an API without IAM unsigned', () => {
    expect(parsed.partner.output.curl_billing.value).toMatch(/^curl 'https:\/\/\$\{.*\}\.execute-api\.ap-northeast-1\.amazonaws\.com\/prod'$/);
    expect(parsed.other.output.curl_billing.value).toMatch(/^curl -k 'https:\/\/vpce\.hoge\.co\.jp\/prod' -H 'x-apigw-api-id: /);
  });

  it('grants each consumer\'s test instance role execute-api:Invoke on the IAM API only', () => {
    for (const stack of ['customer', 'partner']) {
      const [policy] = blocksOf(parsed[stack], 'aws_iam_role_policy');
      const arn = remoteRef(parsed, stack, /^\$\{aws_api_gateway_rest_api\.Api-orders_\w+\.execution_arn\}$/);
      expect(JSON.parse(policy.policy).Statement).toEqual([
        { Sid: 'InvokeIamAuthorizedApis', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [`${arn}/*`] },
      ]);
    }
  });

  it('gives a customer that is not a consumer of the IAM API nothing for it: no outputs, zones, records or grant', () => {
    const other = parsed.other;
    expect(Object.keys(other.output).filter((n) => n.includes('orders'))).toEqual([]);
    expect(other.resource.aws_iam_role_policy).toBeUndefined();
    expect(blocksOf(other, 'aws_route53_record').map((r) => r.name)).toEqual(['vpce.hoge.co.jp']);
    expect(blocksOf(other, 'aws_route53_zone').map((z) => z.name)).toEqual(['hoge.co.jp']);
    expect(other.output.curl_billing).toBeDefined();
    expect(Object.keys(parsed.partner.resource.aws_route53_zone).some((n) => n.startsWith('ApiZone-orders_'))).toBe(true);
  });
});

describe('CustomerStack in another region', () => {
  const { parsed } = fixture('cross-region');

  it('has its provider in its own region', () => {
    expect(parsed.remote.provider.aws.map((p: Record<string, unknown>) => [p.alias, p.region])).toEqual([['remote', 'us-east-1']]);
  });

  it('reaches the service across regions: service_region on its endpoint, none for a customer of the service region', () => {
    const [endpoint] = blocksOf(parsed.remote, 'aws_vpc_endpoint').filter((e) => String(e.service_name).includes('terraform_remote_state'));
    expect(endpoint.service_region).toBe('ap-northeast-1');
    const [local] = blocksOf(parsed.customer, 'aws_vpc_endpoint').filter((e) => String(e.service_name).includes('terraform_remote_state'));
    expect(local.service_region).toBeUndefined();
  });

  it('places its subnets in its own AZ IDs and its SSM endpoints in its region', () => {
    expect(blocksOf(parsed.remote, 'aws_subnet').map((s) => s.availability_zone_id)).toEqual(['use1-az1', 'use1-az2']);
    expect(blocksOf(parsed.remote, 'aws_vpc_endpoint').map((e) => e.service_name)).toEqual(
      expect.arrayContaining(['com.amazonaws.us-east-1.ssm', 'com.amazonaws.us-east-1.ssmmessages']),
    );
    expect(parsed.remote.output.ssm_session_command.value).toMatch(/^aws ssm start-session --region us-east-1 /);
  });

  it('adds its region to the endpoint service\'s supported_regions', () => {
    expect(blocksOf(parsed.service, 'aws_vpc_endpoint_service')[0].supported_regions).toEqual(['ap-northeast-1', 'us-east-1']);
  });
});

describe('existing networks for the service and the customers', () => {
  const SERVICE_RTB = 'rtb-0aaaaaaaaaaaaaaaa';
  const PARTNER_RTB = 'rtb-0bbbbbbbbbbbbbbbb';
  const ZONE = 'Z0123456789ABCDEFGHIJ';
  const { parsed } = fixture('existing-networks');

  it('creates no VPC, subnet, route table or default security group anywhere', () => {
    for (const stack of ['service', 'customer', 'partner']) {
      for (const type of ['aws_vpc', 'aws_subnet', 'aws_route_table', 'aws_route_table_association', 'aws_default_security_group']) {
        expect([stack, type, parsed[stack].resource[type]]).toEqual([stack, type, undefined]);
      }
      expect(blocksOf(parsed[stack], 'aws_vpc', 'data')).toHaveLength(1);
      expect(blocksOf(parsed[stack], 'aws_subnet', 'data')).toHaveLength(2);
    }
  });

  it('routes the peering through the given tables on both sides, keyed by their ids', () => {
    const routes = Object.entries(parsed.partner.resource.aws_route as Record<string, any>).map(([n, r]) => [n.replace(/_[0-9A-F]{8}$/, ''), r.provider, r.route_table_id]);
    expect(routes.sort()).toEqual([
      [`Peering_AccepterToRequester-${SERVICE_RTB}`, 'aws.service', SERVICE_RTB],
      [`Peering_RequesterToAccepter-${PARTNER_RTB}`, 'aws.partner', PARTNER_RTB],
    ]);
  });

  it('checks at plan that the service CIDR, read from AWS, does not overlap the peer', () => {
    const [request] = blocksOf(parsed.partner, 'aws_vpc_peering_connection');
    expect(request.lifecycle.precondition).toHaveLength(1);
    expect(request.lifecycle.precondition[0].error_message).toContain('overlap: peered VPCs need disjoint CIDRs');
  });

  it('puts the PrivateLink customer\'s records into its own zone and creates none', () => {
    expect(parsed.customer.resource.aws_route53_zone).toBeUndefined();
    expect(blocksOf(parsed.customer, 'aws_route53_zone', 'data').map((z) => z.zone_id ?? z.name).sort()).toEqual([ZONE, 'hoge.co.jp']);
    const [record] = blocksOf(parsed.customer, 'aws_route53_record');
    expect(record).toMatchObject({ name: 'vpce.hoge.co.jp', zone_id: expect.stringMatching(/^\$\{data\.aws_route53_zone\.PrivateZone_ExistingZone_\w+\.zone_id\}$/) });
  });

  it('places the endpoints in the given subnets', () => {
    const endpoint = blocksOf(parsed.customer, 'aws_vpc_endpoint').find((e) => String(e.service_name).includes('terraform_remote_state'))!;
    expect(endpoint.subnet_ids).toEqual([
      expect.stringMatching(/^\$\{data\.aws_subnet\.Network_ExistingSubnet-apne1-az1_\w+\.id\}$/),
      expect.stringMatching(/^\$\{data\.aws_subnet\.Network_ExistingSubnet-apne1-az4_\w+\.id\}$/),
    ]);
    expect(endpoint.vpc_id).toMatch(/^\$\{data\.aws_vpc\.Network_ExistingVpc_\w+\.id\}$/);
  });
});
