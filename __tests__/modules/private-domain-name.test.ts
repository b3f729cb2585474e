import { ApiGatewayDomainName } from '@cdktf/provider-aws/lib/api-gateway-domain-name';
import { ApiGatewayBasePathMapping } from '@cdktf/provider-aws/lib/api-gateway-base-path-mapping';
import { ApiGatewayDomainNameAccessAssociation } from '@cdktf/provider-aws/lib/api-gateway-domain-name-access-association';
import { PrivateDomainName } from '../../modules/private-domain-name';
import { allBlocks, blocksOf, synthModule } from '../synth-module';

const ENDPOINT = 'vpce-0123456789abcdef0';
const CERTIFICATE = 'arn:aws:acm:ap-northeast-1:111111111111:certificate/0f0e0d0c-1111-2222-3333-444455556666';

function synth() {
  return synthModule((scope, provider) => {
    new PrivateDomainName(scope, 'CustomDomain', {
      provider,
      name: 'privapi-service',
      domainName: 'api.hoge.co.jp',
      certificateArn: CERTIFICATE,
      restApiId: 'abc123defg',
      stageName: 'prod',
      executeApiEndpointId: ENDPOINT,
    });
  });
}

describe('PrivateDomainName', () => {
  const { json, parsed } = synth();
  const [domain] = blocksOf(parsed, 'aws_api_gateway_domain_name');
  const domainRef = /^\$\{aws_api_gateway_domain_name\.\w+\./;

  it('is one PRIVATE, dualstack domain name with the given certificate and TLS 1.2', () => {
    expect(blocksOf(parsed, 'aws_api_gateway_domain_name')).toHaveLength(1);
    expect(json).toHaveResourceWithProperties(ApiGatewayDomainName, {
      domain_name: 'api.hoge.co.jp',
      endpoint_configuration: { types: ['PRIVATE'], ip_address_type: 'dualstack' },
      certificate_arn: CERTIFICATE,
      security_policy: 'TLS_1_2',
      tags: { Name: 'privapi-service-domain' },
    });
    // A private name takes `certificate_arn`; the regional one is for REGIONAL names.
    expect(domain.regional_certificate_arn).toBeUndefined();
  });

  it('allows execute-api:Invoke only through the service endpoint and denies every other source', () => {
    const policy = JSON.parse(domain.policy);
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: 'execute-api:/*',
        Condition: { StringEquals: { 'aws:SourceVpce': ENDPOINT } },
      }),
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: 'execute-api:/*',
        Condition: { StringNotEquals: { 'aws:SourceVpce': ENDPOINT } },
      }),
    ]);
  });

  it('maps the root of the private name (by domain_name_id) to the API stage', () => {
    expect(json).toHaveResourceWithProperties(ApiGatewayBasePathMapping, {
      api_id: 'abc123defg',
      stage_name: 'prod',
      domain_name: expect.stringMatching(new RegExp(`${domainRef.source}domain_name\\}$`)),
      domain_name_id: expect.stringMatching(new RegExp(`${domainRef.source}domain_name_id\\}$`)),
    });
    const [mapping] = blocksOf(parsed, 'aws_api_gateway_base_path_mapping');
    // No base path: https://api.hoge.co.jp/ is the stage itself.
    expect(mapping.base_path).toBeUndefined();
  });

  it('associates the same execute-api endpoint with the domain name', () => {
    expect(json).toHaveResourceWithProperties(ApiGatewayDomainNameAccessAssociation, {
      access_association_source: ENDPOINT,
      access_association_source_type: 'VPCE',
      domain_name_arn: expect.stringMatching(new RegExp(`${domainRef.source}arn\\}$`)),
    });
    expect(blocksOf(parsed, 'aws_api_gateway_domain_name_access_association')).toHaveLength(1);
  });

  it('uses the given provider on every resource', () => {
    const blocks = allBlocks(parsed);
    expect(blocks.map(([type]) => type).sort()).toEqual([
      'aws_api_gateway_base_path_mapping',
      'aws_api_gateway_domain_name',
      'aws_api_gateway_domain_name_access_association',
    ]);
    blocks.forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });
});
