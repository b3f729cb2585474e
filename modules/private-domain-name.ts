import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ApiGatewayDomainName } from '@cdktf/provider-aws/lib/api-gateway-domain-name';
import { ApiGatewayBasePathMapping } from '@cdktf/provider-aws/lib/api-gateway-base-path-mapping';
import { ApiGatewayDomainNameAccessAssociation } from '@cdktf/provider-aws/lib/api-gateway-domain-name-access-association';
import { privateApiPolicy } from './private-rest-api';

export interface PrivateDomainNameProps {
  readonly provider: AwsProvider;
  /** Prefix of the `Name` tags. */
  readonly name: string;
  /** The custom name callers use, e.g. `api.hoge.co.jp`; the certificate must cover it. */
  readonly domainName: string;
  /**
   * ACM certificate for `domainName`, already ISSUED: pass `DnsValidatedCertificate.certificateArn` (the
   * validation's ARN) so the domain name waits for issuance.
   */
  readonly certificateArn: string;
  /** The PRIVATE REST API served at `https://<domainName>/`. */
  readonly restApiId: string;
  /** Its stage; pass `PrivateRestApi.stageName` (a reference) so the mapping waits for the stage. */
  readonly stageName: string;
  /**
   * The service's execute-api interface endpoint: the only one allowed to invoke the domain name, and the one
   * associated with it. The API's own resource policy must keep admitting the same endpoint (it does:
   * `PrivateRestApi.sourceVpceId`), since a call through the domain is checked against both policies.
   */
  readonly executeApiEndpointId: string;
  /**
   * Consumers' execute-api endpoints that call the name through a RAM share: the domain name's policy admits them too
   * (their access associations are created in their accounts). @default none
   */
  readonly consumerEndpointIds?: readonly string[];
}

/**
 * An API Gateway private custom domain name for a PRIVATE REST API, all in the service account: `https://<name>/`
 * serves the stage with a certificate that verifies and no `x-apigw-api-id` header. PrivateLink consumers reach it
 * through the NLB: a TCP listener passes TLS and its SNI through untouched, so API Gateway picks this domain's
 * certificate and the `aws:SourceVpce` it sees is still the service endpoint. Peering consumers reach the endpoint
 * directly. Either way each consumer VPC must resolve the name (a private zone; not part of this construct).
 *
 * AWS provisions the domain name and its access association asynchronously (expect minutes before calls through
 * the name succeed), and provider 5.100.0 waits for neither: the first calls right after an apply may still fail.
 */
export class PrivateDomainName extends Construct {
  readonly domainName: string;
  /** API Gateway's id for this private domain name (private names need not be unique across accounts). */
  readonly domainNameId: string;
  /** `arn:aws:apigateway:<region>:<account>:/domainnames/<name>+<id>`: what access associations and RAM use. */
  readonly domainNameArn: string;

  constructor(scope: Construct, id: string, props: PrivateDomainNameProps) {
    super(scope, id);
    const { provider } = props;

    const domain = new ApiGatewayDomainName(this, 'DomainName', {
      provider,
      domainName: props.domainName,
      // PRIVATE names take `certificate_arn` (not the regional one), like AWS::ApiGateway::DomainNameV2:
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-domainnamev2.html
      certificateArn: props.certificateArn,
      // Private custom domain names can only be dualstack; set it so the plan shows what AWS will report.
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-custom-domain-ip-address-type.html
      endpointConfiguration: { types: ['PRIVATE'], ipAddressType: 'dualstack' },
      securityPolicy: 'TLS_1_2',
      // The API's own boundary, word for word: Allow only with our aws:SourceVpce, Deny every other source (a new
      // private domain name starts deny-all; `execute-api:/*` is AWS's documented resource form for it).
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains-tutorial.html
      policy: privateApiPolicy(props.executeApiEndpointId, undefined, props.consumerEndpointIds),
      tags: { Name: `${props.name}-domain` },
    });

    // A private name is addressed by name + id: without `domain_name_id` the mapping would look for a public name.
    // Base path left empty: `https://<name>/` is the stage's root.
    new ApiGatewayBasePathMapping(this, 'StageMapping', {
      provider,
      domainName: domain.domainName,
      domainNameId: domain.domainNameId,
      apiId: props.restApiId,
      stageName: props.stageName,
    });

    // Even the owner's own endpoint may invoke a private domain name only once associated with it. Same account,
    // so no RAM share or management policy is needed.
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains-associations.html
    new ApiGatewayDomainNameAccessAssociation(this, 'EndpointAssociation', {
      provider,
      domainNameArn: domain.arn,
      accessAssociationSource: props.executeApiEndpointId,
      accessAssociationSourceType: 'VPCE',
      tags: { Name: `${props.name}-domain-association` },
    });

    this.domainName = domain.domainName;
    this.domainNameId = domain.domainNameId;
    this.domainNameArn = domain.arn;
  }
}
