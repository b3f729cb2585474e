import { blockChanges, blocksOf, fixture } from '../../helpers';

/** `private-domain`: what the service shares and grants, and what each consumer's stacks create. */

/** examples/private-domain.json: `retail` with a new VPC (its endpoint stack), `outlet` with its network and endpoint. */
describe('private-domain: the service side', () => {
  const { parsed } = fixture('example/private-domain');
  const service = parsed.service;
  const policyOf = (text: string) => JSON.parse(text) as { Statement: { Effect: string; Condition: Record<string, Record<string, unknown>> }[] };

  it('shares the domain name through one RAM share open to external accounts, each consumer account a principal', () => {
    const [share] = Object.values(blocksOf(service, 'aws_ram_resource_share'));
    expect(share).toMatchObject({ allow_external_principals: true, provider: 'aws.service' });
    expect(Object.values(blocksOf(service, 'aws_ram_principal_association')).map((p) => p.principal).sort()).toEqual(['444444444444', '454545454545']);
    const resources = Object.values(blocksOf(service, 'aws_ram_resource_association'));
    expect(resources).toHaveLength(1);
    expect(resources[0].resource_arn).toMatch(/^\$\{aws_api_gateway_domain_name\.CustomDomain_DomainName_[0-9A-F]+\.arn\}$/);
  });

  it('grants each consumer endpoint in the API policy and in the domain name policy, keeping the Deny for any other', () => {
    const [api] = Object.values(blocksOf(service, 'aws_api_gateway_rest_api'));
    const [domain] = Object.values(blocksOf(service, 'aws_api_gateway_domain_name'));
    for (const policy of [policyOf(api.policy), policyOf(domain.policy)]) {
      const [allow, deny] = policy.Statement;
      const endpoints = allow.Condition.StringEquals['aws:SourceVpce'] as string[];
      expect(endpoints).toHaveLength(3);
      expect(endpoints[0]).toMatch(/aws_vpc_endpoint\.ExecuteApiEndpoint_/);
      // The consumer's own endpoint stack, read by the service (cross-stack reference), and the id from the config.
      expect(endpoints[1]).toMatch(/terraform_remote_state\.cross-stack-reference-input-retail-endpoint\.outputs/);
      expect(endpoints[2]).toBe('vpce-0a1b2c3d4e5f60718');
      expect(deny).toMatchObject({ Effect: 'Deny', Condition: { StringNotEquals: { 'aws:SourceVpce': endpoints } } });
    }
  });

  it('runs no NLB and no endpoint service without a PrivateLink consumer', () => {
    expect(blocksOf(service, 'aws_lb')).toEqual([]);
    expect(blocksOf(service, 'aws_vpc_endpoint_service')).toEqual([]);
  });
});

describe('private-domain: the consumer side', () => {
  const { parsed } = fixture('example/private-domain');

  it('creates a consumer network and execute-api endpoint in a stack of its own, deployed before the service', () => {
    const stack = parsed['retail-endpoint'];
    const [endpoint] = Object.values(blocksOf(stack, 'aws_vpc_endpoint'));
    expect(endpoint).toMatchObject({ service_name: 'com.amazonaws.ap-northeast-1.execute-api', vpc_endpoint_type: 'Interface', private_dns_enabled: false, provider: 'aws.retail-endpoint' });
    expect(Object.values(blocksOf(stack, 'aws_vpc'))).toEqual([expect.objectContaining({ cidr_block: '10.44.0.0/16' })]);
  });

  it('accepts the share, associates its endpoint with the shared name, and resolves the name to its endpoint', () => {
    const stack = parsed.retail;
    const [accepter] = Object.values(blocksOf(stack, 'aws_ram_resource_share_accepter'));
    expect(accepter.share_arn).toMatch(/terraform_remote_state\.cross-stack-reference-input-service\.outputs/);
    const [association] = Object.values(blocksOf(stack, 'aws_api_gateway_domain_name_access_association'));
    expect(association).toMatchObject({ access_association_source_type: 'VPCE', provider: 'aws.retail' });
    expect(association.access_association_source).toMatch(/cross-stack-reference-input-retail-endpoint/);
    expect(association.depends_on).toEqual([expect.stringMatching(/^aws_ram_resource_share_accepter\./)]);
    const zone = Object.values(blocksOf(stack, 'aws_route53_zone'))[0];
    expect(zone.name).toBe('api.hoge.co.jp');
    expect(stack.output.curl_custom_domain.value).toBe("curl 'https://api.hoge.co.jp/'");
    expect(stack.output.curl).toBeUndefined();
  });

  it('uses the endpoint a consumer brought: read by id, associated, no endpoint stack', () => {
    expect(parsed['outlet-endpoint']).toBeUndefined();
    const stack = parsed.outlet;
    expect(Object.values(blocksOf(stack, 'aws_vpc_endpoint'))).toEqual([]);
    const [association] = Object.values(blocksOf(stack, 'aws_api_gateway_domain_name_access_association'));
    expect(association.access_association_source).toMatch(/data\.aws_vpc_endpoint\.ExecuteApiEndpoint\.id/);
  });
});

describe('private-domain: other transports unchanged', () => {
  it('writes the policy with one endpoint as a string when no consumer brings its own', () => {
    const { parsed } = fixture('custom-domain');
    const [api] = Object.values(blocksOf(parsed.service, 'aws_api_gateway_rest_api'));
    expect(JSON.parse(api.policy).Statement[0].Condition.StringEquals['aws:SourceVpce']).toEqual(expect.stringMatching(/aws_vpc_endpoint\.ExecuteApiEndpoint_/));
    expect(blocksOf(parsed.service, 'aws_ram_resource_share')).toEqual([]);
  });
});

describe('private-domain: Day 2, a consumer leaves in place', () => {
  const before = fixture('example/private-domain').parsed;
  const after = fixture('private-domain-without-outlet').parsed;

  it("removes its principal from the share and its endpoint from both policies, which redeploys the stage; nothing else changes", () => {
    expect(blockChanges(before.service, after.service)).toEqual({
      added: [],
      removed: [expect.stringMatching(/^aws_ram_principal_association\.PrivateDomainShare_Principal-454545454545_/)],
      changed: [
        expect.stringMatching(/^aws_api_gateway_domain_name\./),
        expect.stringMatching(/^aws_api_gateway_rest_api\./),
        // The deployment's trigger hashes this local: a new deployment serves the policy without the endpoint.
        expect.stringMatching(/^local\.PrivateApi_DeploymentInputs_/),
      ],
    });
    const endpoints = (policy: string) => JSON.stringify(JSON.parse(policy).Statement.map((s: { Condition: unknown }) => s.Condition));
    const [api] = blocksOf(after.service, 'aws_api_gateway_rest_api');
    expect(endpoints(api.policy)).not.toContain('vpce-0a1b2c3d4e5f60718');
    expect(endpoints(blocksOf(before.service, 'aws_api_gateway_rest_api')[0].policy)).toContain('vpce-0a1b2c3d4e5f60718');
  });

  it("leaves the other consumer's stacks as they were", () => {
    for (const stack of ['retail-endpoint', 'retail']) expect({ stack, ...blockChanges(before[stack], after[stack]) }).toEqual({ stack, added: [], removed: [], changed: [] });
    expect(Object.keys(after)).toEqual(Object.keys(before).filter((s) => s !== 'outlet'));
  });
});
