import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ApiFunction, ApiFunctionProps, ApiFunctionVpc } from './api-function';
import { ApiAccessLog } from './api-access-log';
import { ExecutionLoggingLevel, PrivateRestApi } from './private-rest-api';
import { DnsValidatedCertificate } from './dns-validated-certificate';
import { PrivateDomainName } from './private-domain-name';
import { apiDefinition, ApiRoute } from './api-definition';

/** A private custom domain name of one API: an ACM certificate of the service account, or a public zone to validate one in. */
export interface ServiceApiDomain {
  readonly name: string;
  readonly certificateArn?: string;
  readonly validationZoneId?: string;
}

export interface ServiceApiProps {
  readonly provider: AwsProvider;
  /** Prefix of the API's resource names and `Name` tags: the function and the REST API are `<name>-api`. */
  readonly name: string;
  readonly region: string;
  /** The service's execute-api endpoint: the only source the API (and its domain name) admits. */
  readonly sourceVpceId: string;
  /** Consumers' own execute-api endpoints the API and its domain name also admit (private-domain). @default none */
  readonly consumerEndpointIds?: readonly string[];
  /** The function's code and settings; `vpc` puts it in the service VPC. @default the bundled Hello Lambda */
  readonly function?: Omit<ApiFunctionProps, 'provider' | 'name' | 'vpc'>;
  /** @default outside any VPC */
  readonly functionVpc?: ApiFunctionVpc;
  /**
   * What the API serves: `routes` or an OpenAPI `document` (built into its definition, see api-definition.ts).
   * @default neither: the Hello API's single `GET /` method
   */
  readonly routes?: readonly ApiRoute[];
  readonly document?: Readonly<Record<string, unknown>>;
  /**
   * SigV4 on every method (`AWS_IAM`), invocable by these principals only. Needs `routes` or `document`.
   * @default none: unsigned calls through the endpoint
   */
  readonly iamPrincipals?: readonly string[];
  readonly stageName: string;
  readonly throttlingRateLimit: number;
  readonly throttlingBurstLimit: number;
  /** JSON access logs to a log group of the API's own. @default false */
  readonly accessLogs?: boolean;
  /** @default "OFF" */
  readonly executionLoggingLevel?: ExecutionLoggingLevel;
  /** @default none */
  readonly stageDependsOn?: ITerraformDependable[];
  /** @default none */
  readonly customDomain?: ServiceApiDomain;
}

/** What one API is made of: its function, its REST API and stage, its private domain name. */
export interface ServiceApiParts {
  readonly function: ApiFunction;
  readonly api: PrivateRestApi;
  readonly accessLog?: ApiAccessLog;
  readonly domain?: PrivateDomainName;
}

/**
 * Creates one API's blocks in `scope`. The stack's default API (no `apis` in the config) calls this with the stack
 * itself as scope: its blocks keep the top-level addresses they had before `apis` existed (moving them under a
 * construct would rename, and so replace, a running API). Every API of `apis` is a `ServiceApi`.
 */
export function buildServiceApi(scope: Construct, props: ServiceApiProps): ServiceApiParts {
  const { provider, name } = props;
  if (props.iamPrincipals && !props.document && !props.routes?.length) {
    throw new Error(`ServiceApi ${name}: IAM authorization needs routes or a document (the Hello API's GET / is unsigned)`);
  }
  const fn = new ApiFunction(scope, 'ApiFunction', { provider, name, vpc: props.functionVpc, ...props.function });
  const accessLog = props.accessLogs ? new ApiAccessLog(scope, 'ApiAccessLog', { provider, name: `${name}-api` }) : undefined;
  const definition =
    props.document || props.routes?.length
      ? apiDefinition({ title: `${name}-api`, document: props.document, routes: props.routes, functionInvokeArn: fn.invokeArn, iam: props.iamPrincipals !== undefined })
      : undefined;
  const api = new PrivateRestApi(scope, 'PrivateApi', {
    provider,
    name: `${name}-api`,
    region: props.region,
    sourceVpceId: props.sourceVpceId,
    extraSourceVpceIds: props.consumerEndpointIds,
    functionName: fn.functionName,
    functionInvokeArn: fn.invokeArn,
    definition,
    allowedPrincipals: props.iamPrincipals,
    stageName: props.stageName,
    accessLogDestinationArn: accessLog?.logGroupArn,
    accessLogFormat: accessLog?.format,
    executionLoggingLevel: props.executionLoggingLevel,
    throttlingRateLimit: props.throttlingRateLimit,
    throttlingBurstLimit: props.throttlingBurstLimit,
    stageDependsOn: props.stageDependsOn,
  });

  let domain: PrivateDomainName | undefined;
  if (props.customDomain) {
    const { customDomain } = props;
    const certificateArn =
      customDomain.certificateArn ??
      new DnsValidatedCertificate(scope, 'Certificate', {
        provider,
        name,
        domainName: customDomain.name,
        validationZoneId: customDomain.validationZoneId!,
      }).certificateArn;
    // Served through the service's own execute-api endpoint in both modes (the NLB passes TLS and SNI through),
    // so the domain, its policy and its association live here and no consumer endpoint id is needed.
    domain = new PrivateDomainName(scope, 'CustomDomain', {
      provider,
      name,
      domainName: customDomain.name,
      certificateArn,
      restApiId: api.restApiId,
      stageName: api.stageName,
      executeApiEndpointId: props.sourceVpceId,
      consumerEndpointIds: props.consumerEndpointIds,
    });
  }
  return { function: fn, api, accessLog, domain };
}

/** One API of `apis`: its function, REST API, stage and optional private domain name, behind the shared endpoint. */
export class ServiceApi extends Construct {
  readonly parts: ServiceApiParts;

  constructor(scope: Construct, id: string, props: ServiceApiProps) {
    super(scope, id);
    this.parts = buildServiceApi(this, props);
  }
}
