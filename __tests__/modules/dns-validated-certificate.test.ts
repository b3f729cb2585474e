import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { ApiGatewayDomainName } from '@cdktf/provider-aws/lib/api-gateway-domain-name';
import { DnsValidatedCertificate } from '../../modules/dns-validated-certificate';
import { PrivateDomainName } from '../../modules/private-domain-name';
import { allBlocks, blocksOf, synthModule } from '../synth-module';

const ZONE = 'Z0123456789ABCDEFGHIJ';

function synth() {
  return synthModule((scope, provider) => {
    const certificate = new DnsValidatedCertificate(scope, 'Certificate', {
      provider,
      name: 'privapi-service',
      domainName: 'api.hoge.co.jp',
      validationZoneId: ZONE,
    });
    new PrivateDomainName(scope, 'CustomDomain', {
      provider,
      name: 'privapi-service',
      domainName: 'api.hoge.co.jp',
      certificateArn: certificate.certificateArn,
      restApiId: 'abc123defg',
      stageName: 'prod',
      executeApiEndpointId: 'vpce-0123456789abcdef0',
    });
  });
}

describe('DnsValidatedCertificate', () => {
  const { json, parsed } = synth();
  const option = /^\$\{tolist\(aws_acm_certificate\.\w+\.domain_validation_options\)\.0\./;

  it('requests a DNS-validated certificate for the one name, replaced before it is destroyed', () => {
    expect(json).toHaveResourceWithProperties(AcmCertificate, {
      domain_name: 'api.hoge.co.jp',
      validation_method: 'DNS',
      lifecycle: { create_before_destroy: true },
      tags: { Name: 'privapi-service-certificate' },
    });
    const [certificate] = blocksOf(parsed, 'aws_acm_certificate');
    expect(certificate.subject_alternative_names).toBeUndefined();
  });

  it('writes the validation CNAME in the public zone from a fixed single record, not for_each (plans on the first run)', () => {
    const records = blocksOf(parsed, 'aws_route53_record');
    expect(records).toHaveLength(1);
    expect(records[0].for_each).toBeUndefined();
    expect(json).toHaveResourceWithProperties(Route53Record, {
      zone_id: ZONE,
      name: expect.stringMatching(new RegExp(`${option.source}resource_record_name\\}$`)),
      type: expect.stringMatching(new RegExp(`${option.source}resource_record_type\\}$`)),
      records: [expect.stringMatching(new RegExp(`${option.source}resource_record_value\\}$`))],
      allow_overwrite: true,
    });
  });

  it('waits for issuance through that record', () => {
    expect(json).toHaveResourceWithProperties(AcmCertificateValidation, {
      certificate_arn: expect.stringMatching(/^\$\{aws_acm_certificate\.\w+\.arn\}$/),
      validation_record_fqdns: [expect.stringMatching(/^\$\{aws_route53_record\.\w+\.fqdn\}$/)],
    });
  });

  it('hands the domain name the validated ARN, so the domain waits for an issued certificate', () => {
    expect(json).toHaveResourceWithProperties(ApiGatewayDomainName, {
      certificate_arn: expect.stringMatching(/^\$\{aws_acm_certificate_validation\.\w+\.certificate_arn\}$/),
    });
  });

  it('uses the given provider on every resource', () => {
    const blocks = allBlocks(parsed).filter(([type]) => !type.startsWith('aws_api_gateway_'));
    expect(blocks.map(([type]) => type).sort()).toEqual(['aws_acm_certificate', 'aws_acm_certificate_validation', 'aws_route53_record']);
    blocks.forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });
});
