import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ACCESS_LOG_FORMAT, ApiAccessLog } from '../../modules/api-access-log';
import { allBlocks, synthModule } from '../synth-module';

describe('ApiAccessLog', () => {
  let accessLog: ApiAccessLog | undefined;
  const { json, parsed } = synthModule((scope, provider) => {
    accessLog = new ApiAccessLog(scope, 'AccessLog', { provider, name: 'privapi-service-api' });
  });

  it('owns the group /aws/apigateway/<name>-access with 365 days of retention', () => {
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/aws/apigateway/privapi-service-api-access',
      retention_in_days: 365,
    });
  });

  it('keeps the retention it is given', () => {
    const other = synthModule((scope, provider) => {
      new ApiAccessLog(scope, 'AccessLog', { provider, name: 'privapi-service-api', retentionDays: 30 });
    });
    expect(other.json).toHaveResourceWithProperties(CloudwatchLogGroup, { retention_in_days: 30 });
  });

  it('logs one JSON object per request with who called, through which endpoint, what and how it went', () => {
    expect(accessLog?.format).toBe(ACCESS_LOG_FORMAT);
    expect(JSON.parse(ACCESS_LOG_FORMAT)).toMatchObject({
      requestId: '$context.requestId',
      sourceIp: '$context.identity.sourceIp',
      vpceId: '$context.identity.vpceId',
      status: '$context.status',
      responseLatency: '$context.responseLatency',
      path: '$context.path',
      httpMethod: '$context.httpMethod',
      protocol: '$context.protocol',
      requestTime: '$context.requestTime',
      domainName: '$context.domainName',
    });
  });

  it('uses the given provider on every resource', () => {
    allBlocks(parsed).forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });
});
