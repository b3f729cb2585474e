import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';

/**
 * One JSON object per request. Names are the case-sensitive `$context` variables of
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html
 * `identity.vpceId` is the endpoint the call came through: on a private API it tells consumers apart (the NLB
 * hides their addresses: `sourceIp` is then an NLB node). Numbers stay quoted: an empty value (`-`) would make
 * an unquoted field invalid JSON.
 */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  vpceId: '$context.identity.vpceId',
  domainName: '$context.domainName',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLatency: '$context.responseLatency',
  responseLength: '$context.responseLength',
  integrationStatus: '$context.integration.status',
  errorMessage: '$context.error.message',
});

export interface ApiAccessLogProps {
  readonly provider: AwsProvider;
  /** API name: the group is `/aws/apigateway/<name>-access`, also its `Name` tag. */
  readonly name: string;
  /** @default 365 (as the function's log group) */
  readonly retentionDays?: number;
}

/**
 * Where a stage's access logs go: a log group we own (retention set, removed on destroy) and the format to write
 * in it. API Gateway writes to it with the account's CloudWatch role (see `api-gateway-account.ts`), not with
 * a grant on the group.
 */
export class ApiAccessLog extends Construct {
  readonly logGroupName: string;
  /** For the stage's `access_log_settings.destination_arn` (no `:*` suffix in provider 5.x, as API Gateway wants). */
  readonly logGroupArn: string;
  readonly format: string;

  constructor(scope: Construct, id: string, props: ApiAccessLogProps) {
    super(scope, id);
    const logGroup = new CloudwatchLogGroup(this, 'LogGroup', {
      provider: props.provider,
      name: `/aws/apigateway/${props.name}-access`,
      retentionInDays: props.retentionDays ?? 365,
      tags: { Name: `${props.name}-access` },
    });
    this.logGroupName = logGroup.name;
    this.logGroupArn = logGroup.arn;
    this.format = ACCESS_LOG_FORMAT;
  }
}
