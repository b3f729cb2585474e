import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';

export interface DnsValidatedCertificateProps {
  readonly provider: AwsProvider;
  /** Prefix of the `Name` tags. */
  readonly name: string;
  /** The one name the certificate covers (no SANs), e.g. `api.hoge.co.jp`. */
  readonly domainName: string;
  /**
   * PUBLIC Route 53 hosted zone, in the provider's account, that answers for `domainName`: ACM resolves the
   * validation record on the internet, so a private zone cannot validate.
   */
  readonly validationZoneId: string;
}

/**
 * A public ACM certificate for one name, validated by DNS in a public zone, ready once `certificateArn` is known.
 * A public certificate costs nothing when used by an ACM-integrated service such as API Gateway; AWS Private CA
 * would bill per CA and month.
 */
export class DnsValidatedCertificate extends Construct {
  /**
   * ARN read from the validation resource, not the certificate: a resource that takes it (the domain name) is
   * created only after the certificate is ISSUED.
   */
  readonly certificateArn: string;

  constructor(scope: Construct, id: string, props: DnsValidatedCertificateProps) {
    super(scope, id);
    const { provider } = props;

    const certificate = new AcmCertificate(this, 'Certificate', {
      provider,
      domainName: props.domainName,
      validationMethod: 'DNS',
      // A replacement (new name) is issued and swapped into the domain name before the old one goes: a
      // certificate in use cannot be deleted.
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: `${props.name}-certificate` },
    });

    // The provider documents `for_each` over `domain_validation_options`, but for a new certificate that set's
    // keys are unknown at plan in cdktf's iterator form and the first plan fails ("Invalid for_each argument",
    // hashicorp/terraform-cdk#3627, #3713; hashicorp/terraform-provider-aws#31010). One name without SANs has
    // exactly one validation option, so one record reading that option plans on the first run.
    const option = certificate.domainValidationOptions.get(0);
    const record = new Route53Record(this, 'ValidationRecord', {
      provider,
      zoneId: props.validationZoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: 60,
      // The CNAME is the same for every certificate of this name (and account): take over a leftover one.
      allowOverwrite: true,
    });

    const validation = new AcmCertificateValidation(this, 'Validation', {
      provider,
      certificateArn: certificate.arn,
      validationRecordFqdns: [record.fqdn],
    });

    this.certificateArn = validation.certificateArn;
  }
}
