import { Construct } from 'constructs';
import { Fn, Op, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';

export interface DnsValidatedCertificateProps {
  readonly provider: AwsProvider;
  /** Prefix of the `Name` tags. */
  readonly name: string;
  /** The one name the certificate covers (no SANs), e.g. `api.hoge.co.jp`; a literal, known at synth. */
  readonly domainName: string;
  /**
   * PUBLIC Route 53 hosted zone, in the provider's account, for `domainName` or a parent domain of it, delegated
   * from the registrar: ACM resolves the validation record on the internet, so a private zone, or a zone for
   * another name, cannot validate. The plan fails when the zone is private or its name does not fit.
   */
  readonly validationZoneId: string;
}

/** `api.hoge.co.jp` -> the zone names that can be authoritative for it: the name itself and every parent domain. */
function candidateZoneNames(domainName: string): string[] {
  // A wildcard's validation CNAME goes under the name without `*.` (ACM: `_x.hoge.co.jp` for `*.hoge.co.jp`).
  const labels = domainName.toLowerCase().replace(/\.$/, '').replace(/^\*\./, '').split('.');
  return labels.map((_, i) => labels.slice(i).join('.'));
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
    const { provider, domainName, validationZoneId } = props;
    if (Token.isUnresolved(domainName)) {
      throw new Error(
        `DnsValidatedCertificate ${id}: domainName: received a token; expected a literal DNS name known at synth, ` +
          'so that the validation zone can be checked against it',
      );
    }

    // ACM looks the validation CNAME up in public DNS and leaves the certificate PENDING_VALIDATION (the validation
    // resource then waits 75 min) unless the zone is public and answers for the name:
    // https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html. Delegation is not visible at plan.
    const zone = new DataAwsRoute53Zone(this, 'ValidationZone', { provider, zoneId: validationZoneId });
    const zoneNames = candidateZoneNames(domainName);
    // The provider returns the name in lower case without the trailing dot; trimming it again costs nothing.
    const zoneName = Fn.trimsuffix(Fn.lower(zone.name), '.');
    const zoneIsUsable = Op.and(Op.not(zone.privateZone), Fn.contains(zoneNames, zoneName));

    const certificate = new AcmCertificate(this, 'Certificate', {
      provider,
      domainName,
      validationMethod: 'DNS',
      lifecycle: {
        // A replacement (new name) is issued and swapped into the domain name before the old one goes: a
        // certificate in use cannot be deleted.
        createBeforeDestroy: true,
        // On the certificate, so that nothing is requested through a zone that cannot validate it.
        precondition: [
          {
            condition: zoneIsUsable,
            errorMessage:
              `validationZoneId ${validationZoneId} is the ${Fn.conditional(zone.privateZone, 'PRIVATE', 'public')} ` +
              `hosted zone "${zone.name}", which cannot validate a certificate for ${domainName}: expected a PUBLIC ` +
              `hosted zone for ${domainName} or a parent domain (${zoneNames.join(', ')}), delegated from the ` +
              'registrar, because ACM looks up the validation CNAME in public DNS (through any other zone the ' +
              'certificate stays PENDING_VALIDATION).',
          },
        ],
      },
      tags: { Name: `${props.name}-certificate` },
    });

    // The provider documents `for_each` over `domain_validation_options`, but for a new certificate that set's
    // keys are unknown at plan in cdktf's iterator form and the first plan fails ("Invalid for_each argument",
    // hashicorp/terraform-cdk#3627, #3713; hashicorp/terraform-provider-aws#31010). One name without SANs has
    // exactly one validation option, so one record reading that option plans on the first run.
    const option = certificate.domainValidationOptions.get(0);
    const record = new Route53Record(this, 'ValidationRecord', {
      provider,
      zoneId: validationZoneId,
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
