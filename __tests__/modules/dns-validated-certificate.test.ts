import { Fn, Token } from 'cdktf';
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { ApiGatewayDomainName } from '@cdktf/provider-aws/lib/api-gateway-domain-name';
import { DnsValidatedCertificate } from '../../modules/dns-validated-certificate';
import { PrivateDomainName } from '../../modules/private-domain-name';
import { allBlocks, blocksOf, synthModule } from '../synth-module';

const ZONE = 'Z0123456789ABCDEFGHIJ';

function synth(domainName = 'api.hoge.co.jp') {
  return synthModule((scope, provider) => {
    const certificate = new DnsValidatedCertificate(scope, 'Certificate', {
      provider,
      name: 'privapi-service',
      domainName,
      validationZoneId: ZONE,
    });
    new PrivateDomainName(scope, 'CustomDomain', {
      provider,
      name: 'privapi-service',
      domainName,
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
      lifecycle: expect.objectContaining({ create_before_destroy: true }),
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

  it('uses the given provider on every resource and data source', () => {
    const blocks = allBlocks(parsed).filter(([type]) => !type.startsWith('aws_api_gateway_'));
    expect(blocks.map(([type]) => type).sort()).toEqual([
      'aws_acm_certificate',
      'aws_acm_certificate_validation',
      'aws_route53_record',
      'data.aws_route53_zone',
    ]);
    blocks.forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });

  it('keeps the Terraform addresses of a deployed certificate (the zone check only adds a data source)', () => {
    expect(Object.keys(parsed.resource.aws_acm_certificate)).toEqual(['Certificate_2C1F85B7']);
    expect(Object.keys(parsed.resource.aws_route53_record)).toEqual(['Certificate_ValidationRecord_2C573972']);
    expect(Object.keys(parsed.resource.aws_acm_certificate_validation)).toEqual(['Certificate_Validation_1DBF2B44']);
  });

  describe('validation zone check at plan', () => {
    const [zoneName] = Object.keys(parsed.data.aws_route53_zone);
    const zone = `data.aws_route53_zone.${zoneName}`;
    const [certificate] = blocksOf(parsed, 'aws_acm_certificate');
    const [check] = certificate.lifecycle.precondition;

    it('reads the validation zone by its id', () => {
      expect(json).toHaveDataSourceWithProperties(DataAwsRoute53Zone, { zone_id: ZONE });
      expect(certificate.lifecycle.precondition).toHaveLength(1);
    });

    it('passes only a public zone named like the domain or one of its parents (names computed at synth)', () => {
      // Compliant: a public zone api.hoge.co.jp, hoge.co.jp (with or without the trailing dot), co.jp or jp.
      // Non-compliant: any private zone; a public zone other.jp, xhoge.co.jp or x.api.hoge.co.jp.
      expect(check.condition).toBe(
        `\${(!${zone}.private_zone && ` +
          `contains(["api.hoge.co.jp", "hoge.co.jp", "co.jp", "jp"], trimsuffix(lower(${zone}.name), ".")))}`,
      );
    });

    it('names the zone id, the zone and its type, the domain, and what is expected', () => {
      expect(check.error_message).toBe(
        `validationZoneId ${ZONE} is the \${${zone}.private_zone ? "PRIVATE" : "public"} hosted zone ` +
          `"\${${zone}.name}", which cannot validate a certificate for api.hoge.co.jp: expected a PUBLIC hosted zone ` +
          'for api.hoge.co.jp or a parent domain (api.hoge.co.jp, hoge.co.jp, co.jp, jp), delegated from the ' +
          'registrar, because ACM looks up the validation CNAME in public DNS (through any other zone the ' +
          'certificate stays PENDING_VALIDATION).',
      );
    });

    it('checks a wildcard against the zones of the name under it', () => {
      const wildcard = blocksOf(synth('*.hoge.co.jp').parsed, 'aws_acm_certificate')[0].lifecycle.precondition[0];
      expect(wildcard.condition).toContain('contains(["hoge.co.jp", "co.jp", "jp"], ');
    });
  });

  it('fails for a domain name only known at apply, which the zone cannot be checked against', () => {
    expect(() =>
      synthModule((scope, provider) => {
        new DnsValidatedCertificate(scope, 'Certificate', {
          provider,
          name: 'privapi-service',
          domainName: Token.asString(Fn.lower('API.HOGE.CO.JP')),
          validationZoneId: ZONE,
        });
      }),
    ).toThrow(
      'DnsValidatedCertificate Certificate: domainName: received a token; expected a literal DNS name known at synth, ' +
        'so that the validation zone can be checked against it',
    );
  });
});
