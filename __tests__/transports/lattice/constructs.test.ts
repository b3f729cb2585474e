import { blockChanges, blocksOf, fixture } from '../../helpers';

/** `lattice`: what the service publishes and shares, and what each consumer's stack creates. */

/** examples/lattice.json: `customer` (PrivateLink) beside `events` (lattice, 555555555555), a custom domain under hoge.co.jp. */
describe('lattice: the service side', () => {
  const { parsed } = fixture('example/lattice');
  const service = parsed.service;

  it('runs a resource gateway in every service subnet, its own security group, created once and never re-spread by a later AZ', () => {
    const [gateway] = Object.values(blocksOf(service, 'aws_vpclattice_resource_gateway'));
    expect(gateway).toMatchObject({ name: 'privapi-service-lattice', ip_address_type: 'IPV4', provider: 'aws.service', lifecycle: { ignore_changes: ['subnet_ids'] } });
    expect(gateway.subnet_ids).toEqual([expect.stringMatching(/aws_subnet\.Network_PrivateSubnet-apne1-az1_/), expect.stringMatching(/aws_subnet\.Network_PrivateSubnet-apne1-az4_/)]);
    expect(gateway.security_group_ids).toEqual([expect.stringMatching(/^\$\{aws_security_group\.LatticeResourceGateway_SecurityGroup_[0-9A-F]+\.id\}$/)]);
  });

  it("lets the gateway out on TCP 443 to the execute-api endpoint's security group only: no CIDR, no other port", () => {
    const egress = Object.values(blocksOf(service, 'aws_vpc_security_group_egress_rule')).filter((r) => String(r.security_group_id).includes('LatticeResourceGateway'));
    expect(egress).toHaveLength(1);
    expect(egress[0]).toMatchObject({ ip_protocol: 'tcp', from_port: 443, to_port: 443 });
    expect(egress[0].referenced_security_group_id).toMatch(/aws_security_group\.ExecuteApiEndpoint_SecurityGroup_/);
    expect(egress[0].cidr_ipv4).toBeUndefined();
    const ingress = Object.values(blocksOf(service, 'aws_vpc_security_group_ingress_rule')).filter((r) => String(r.security_group_id).includes('LatticeResourceGateway'));
    expect(ingress).toEqual([]);
  });

  it("publishes the execute-api endpoint's regional DNS name on TCP 443 as a single resource configuration behind that gateway", () => {
    const [configuration] = Object.values(blocksOf(service, 'aws_vpclattice_resource_configuration'));
    expect(configuration).toMatchObject({ name: 'privapi-service-execute-api', type: 'SINGLE', protocol: 'TCP', port_ranges: ['443'], provider: 'aws.service' });
    expect(configuration.resource_gateway_identifier).toMatch(/aws_vpclattice_resource_gateway\.LatticeResourceGateway_[0-9A-F]+\.id/);
    const [dns] = configuration.resource_configuration_definition[0].dns_resource;
    expect(dns.ip_address_type).toBe('IPV4');
    expect(dns.domain_name).toMatch(/aws_vpc_endpoint\.ExecuteApiEndpoint_[0-9A-F]+\.dns_entry/);
  });

  it('shares it through one RAM share open to external accounts, the lattice consumer account its only principal', () => {
    const shares = blocksOf(service, 'aws_ram_resource_share').filter((share) => share.name === 'privapi-service-lattice');
    expect(shares).toEqual([expect.objectContaining({ allow_external_principals: true, name: 'privapi-service-lattice', provider: 'aws.service' })]);
    const principals = blocksOf(service, 'aws_ram_principal_association').filter((p) => String(p.resource_share_arn).includes('aws_ram_resource_share.LatticeShare_'));
    expect(principals.map((p) => p.principal)).toEqual(['555555555555']);
    const [resource] = Object.values(blocksOf(service, 'aws_ram_resource_association'));
    expect(resource.resource_arn).toMatch(/aws_vpclattice_resource_configuration\.LatticeResourceConfiguration_[0-9A-F]+\.arn/);
    expect(Object.keys(service.output)).toEqual(expect.arrayContaining(['lattice_resource_configuration_arn', 'lattice_share_arn', 'lattice_resource_gateway_id']));
  });

  it("keeps the API's policy as it is: requests still enter through the service's execute-api endpoint", () => {
    const [api] = Object.values(blocksOf(service, 'aws_api_gateway_rest_api'));
    expect(JSON.parse(api.policy).Statement[0].Condition.StringEquals['aws:SourceVpce']).toEqual(expect.stringMatching(/aws_vpc_endpoint\.ExecuteApiEndpoint_/));
  });

  it('still runs the NLB and the endpoint service for the PrivateLink consumer beside it', () => {
    expect(Object.keys(blocksOf(service, 'aws_lb'))).toHaveLength(1);
    expect(Object.keys(blocksOf(service, 'aws_vpc_endpoint_service'))).toHaveLength(1);
  });
});

describe('lattice: the consumer side', () => {
  const { parsed } = fixture('example/lattice');
  const stack = parsed.events;

  it('accepts the share, then creates a resource endpoint to the shared configuration in its subnets, private DNS off', () => {
    const [accepter] = Object.values(blocksOf(stack, 'aws_ram_resource_share_accepter'));
    expect(accepter).toMatchObject({ provider: 'aws.events' });
    expect(accepter.share_arn).toMatch(/terraform_remote_state\.cross-stack-reference-input-service\.outputs/);
    const endpoints = blocksOf(stack, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Resource');
    expect(endpoints).toHaveLength(1);
    const [endpoint] = endpoints;
    expect(endpoint).toMatchObject({ vpc_endpoint_type: 'Resource', private_dns_enabled: false, provider: 'aws.events', depends_on: ['aws_ram_resource_share_accepter.LatticeShareAccepter'] });
    expect(endpoint.resource_configuration_arn).toMatch(/cross-stack-reference-input-service\.outputs\.cross-stack-output-aws_vpclattice_resource_configuration/);
    expect(endpoint.service_name).toBeUndefined();
    expect(endpoint.subnet_ids).toHaveLength(2);
  });

  it("admits 443 from the consumer's VPC only on the endpoint's security group", () => {
    const rules = Object.values(blocksOf(stack, 'aws_vpc_security_group_ingress_rule')).filter((r) => String(r.security_group_id).includes('ResourceEndpoint_SecurityGroup'));
    expect(rules).toEqual([expect.objectContaining({ ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '10.55.0.0/16' })]);
  });

  it('fails a plan of the revoked consumer with the cause, while its expressions still evaluate so that it can destroy its stack', () => {
    const [associations] = Object.values(blocksOf(stack, 'aws_vpc_endpoint_associations', 'data'));
    expect(associations.lifecycle.postcondition).toEqual([
      { condition: '${length(coalesce(self.associations, [])) == 1}', error_message: expect.stringMatching(/^The resource endpoint is not associated with the service's resource configuration .*npm run revoke.*destroy this stack\.$/) },
    ]);
  });

  it('names the endpoint vpce.hoge.co.jp and the custom domain under that zone, aliased to the association DNS name', () => {
    const [zone] = Object.values(blocksOf(stack, 'aws_route53_zone'));
    expect(zone.name).toBe('hoge.co.jp');
    const records = Object.values(blocksOf(stack, 'aws_route53_record'));
    expect(records.map((r) => r.name).sort()).toEqual(['api.hoge.co.jp', 'vpce.hoge.co.jp']);
    for (const record of records) expect(record.alias.name).toMatch(/^\$\{try\(one\(one\(coalesce\(data\.aws_vpc_endpoint_associations\.ResourceEndpoint_Associations_[0-9A-F]+\.associations, \[\]\)\)\.dns_entry\)\.dns_name, "no-association\.invalid"\)\}$/);
  });

  it('writes the curl lines of PrivateLink: header with -k, and the custom domain without one', () => {
    expect(stack.output.curl.value).toMatch(/^curl -k 'https:\/\/vpce\.hoge\.co\.jp\/prod' -H 'x-apigw-api-id: \$\{data\.terraform_remote_state\.cross-stack-reference-input-service/);
    expect(stack.output.curl_custom_domain.value).toBe("curl 'https://api.hoge.co.jp/'");
    expect(Object.keys(stack.output)).toEqual(expect.arrayContaining(['endpoint_id', 'endpoint_dns_name', 'lattice_share_status', 'resource_endpoint_accessibility', 'private_zone_id', 'api_hostname']));
  });
});

describe('lattice: other transports unchanged', () => {
  it('adds no VPC Lattice resource and no lattice share without a lattice consumer', () => {
    const { parsed } = fixture('custom-domain');
    expect(blocksOf(parsed.service, 'aws_vpclattice_resource_gateway')).toEqual([]);
    expect(blocksOf(parsed.service, 'aws_vpclattice_resource_configuration')).toEqual([]);
  });
});

describe('lattice: Day 2, a consumer joins in place', () => {
  const before = fixture('example/lattice').parsed;
  const after = fixture('lattice-second-consumer').parsed;

  it("adds one principal to the share and changes nothing else of the service: no gateway, configuration or other consumer's endpoint is touched", () => {
    expect(blockChanges(before.service, after.service)).toEqual({ added: [expect.stringMatching(/^aws_ram_principal_association\.LatticeShare_Principal-565656565656_/)], removed: [], changed: [] });
    for (const stack of ['customer', 'events']) expect({ stack, ...blockChanges(before[stack], after[stack]) }).toEqual({ stack, added: [], removed: [], changed: [] });
  });

  it('gives the new consumer a stack of its own, as the first one has: its resource endpoint to the same configuration', () => {
    expect(Object.keys(after)).toEqual([...Object.keys(before), 'metrics']);
    const endpoints = (stack: string) => blocksOf(after[stack], 'aws_vpc_endpoint').map((e) => [e.vpc_endpoint_type, e.resource_configuration_arn]);
    expect(endpoints('metrics')).toEqual(endpoints('events'));
    expect(endpoints('metrics').filter(([type]) => type === 'Resource')).toHaveLength(1);
  });
});
