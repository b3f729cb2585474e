import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Alarms, AlarmsProps } from '../../modules/alarms';
import { allBlocks, blocksOf, synthModule, TerraformJson } from '../synth-module';

type Options = Partial<Omit<AlarmsProps, 'provider'>>;

function synth(options: Options = {}) {
  return synthModule((scope, provider) => {
    new Alarms(scope, 'Alarms', {
      provider,
      name: 'privapi-service',
      accountId: '111111111111',
      region: 'ap-northeast-1',
      apis: [{ apiName: 'privapi-service-api', stageName: 'prod', functionName: 'privapi-service-api' }],
      ...options,
    });
  });
}

const withNlb: Options = {
  loadBalancerArnSuffix: 'net/privapi-service-nlb/0123456789abcdef',
  targetGroupArnSuffix: 'targetgroup/privapi-service-execute-api/0123456789abcdef',
  endpointServiceId: 'vpce-svc-0123456789abcdef0',
  email: 'ops@example.com',
};

function alarmsByName(parsed: TerraformJson): Record<string, TerraformJson> {
  return Object.fromEntries(blocksOf(parsed, 'aws_cloudwatch_metric_alarm').map((a) => [a.alarm_name, a]));
}

describe('Alarms for several APIs', () => {
  it('watches each API and its function, with names and ids keyed by the API (the single API keeps its old ones)', () => {
    const { parsed } = synth({
      apis: [
        { key: 'orders', apiName: 'privapi-service-orders-api', stageName: 'prod', functionName: 'privapi-service-orders-api' },
        { key: 'billing', apiName: 'privapi-service-billing-api', stageName: 'v1', functionName: 'privapi-service-billing-api' },
      ],
    });
    const alarms = alarmsByName(parsed);
    expect(Object.keys(alarms).sort()).toEqual([
      'privapi-service-billing-api-5xx',
      'privapi-service-billing-lambda-errors',
      'privapi-service-billing-lambda-throttles',
      'privapi-service-orders-api-5xx',
      'privapi-service-orders-lambda-errors',
      'privapi-service-orders-lambda-throttles',
    ]);
    expect(alarms['privapi-service-billing-api-5xx'].dimensions).toEqual({ ApiName: 'privapi-service-billing-api', Stage: 'v1' });
    expect(Object.keys(parsed.resource.aws_cloudwatch_metric_alarm).some((id) => id.startsWith('Alarms_Api5xxErrors-orders_'))).toBe(true);
    expect(Object.keys(synth().parsed.resource.aws_cloudwatch_metric_alarm).some((id) => id.startsWith('Alarms_Api5xxErrors_'))).toBe(true);
  });
});

describe('Alarms', () => {
  const minimal = synth();
  const full = synth(withNlb);

  it('alarms on API 5XX and Lambda errors and throttles, and nothing else without an NLB or endpoint service', () => {
    const alarms = alarmsByName(minimal.parsed);
    expect(Object.keys(alarms).sort()).toEqual(['privapi-service-api-5xx', 'privapi-service-lambda-errors', 'privapi-service-lambda-throttles']);
    expect(alarms['privapi-service-api-5xx']).toMatchObject({
      namespace: 'AWS/ApiGateway',
      metric_name: '5XXError',
      dimensions: { ApiName: 'privapi-service-api', Stage: 'prod' },
      statistic: 'Sum',
    });
    expect(alarms['privapi-service-lambda-errors']).toMatchObject({
      namespace: 'AWS/Lambda',
      metric_name: 'Errors',
      dimensions: { FunctionName: 'privapi-service-api' },
    });
    expect(alarms['privapi-service-lambda-throttles']).toMatchObject({
      namespace: 'AWS/Lambda',
      metric_name: 'Throttles',
      dimensions: { FunctionName: 'privapi-service-api' },
    });
  });

  it('alarms on unhealthy NLB targets and endpoint-service resets when they exist', () => {
    const alarms = alarmsByName(full.parsed);
    expect(alarms['privapi-service-nlb-unhealthy-hosts']).toMatchObject({
      namespace: 'AWS/NetworkELB',
      metric_name: 'UnHealthyHostCount',
      statistic: 'Maximum',
      dimensions: {
        LoadBalancer: 'net/privapi-service-nlb/0123456789abcdef',
        TargetGroup: 'targetgroup/privapi-service-execute-api/0123456789abcdef',
      },
      evaluation_periods: 2,
    });
    expect(alarms['privapi-service-endpoint-service-resets']).toMatchObject({
      namespace: 'AWS/PrivateLinkServices',
      metric_name: 'RstPacketsSent',
      statistic: 'Sum',
      dimensions: { 'Service Id': 'vpce-svc-0123456789abcdef0' },
    });
  });

  it('fires on the first datapoint above 0, treats missing data as fine, and notifies the topic on ALARM and OK', () => {
    const alarms = Object.values(alarmsByName(full.parsed));
    expect(alarms).toHaveLength(5);
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        comparison_operator: 'GreaterThanThreshold',
        threshold: 0,
        period: 60,
        treat_missing_data: 'notBreaching',
        alarm_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.\w+\.arn\}$/)],
        ok_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.\w+\.arn\}$/)],
      });
      expect(alarm.actions_enabled).not.toBe(false);
    }
  });

  it('encrypts the topic with its own key, which CloudWatch may use for this topic only', () => {
    expect(minimal.json).toHaveResourceWithProperties(SnsTopic, {
      name: 'privapi-service-alarms',
      kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.\w+\.arn\}$/),
    });
    expect(minimal.json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    const [key] = blocksOf(minimal.parsed, 'aws_kms_key');
    const statements = JSON.parse(key.policy).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Condition: {
          StringEquals: {
            'aws:SourceAccount': '111111111111',
            'kms:EncryptionContext:aws:sns:topicArn': 'arn:aws:sns:ap-northeast-1:111111111111:privapi-service-alarms',
          },
        },
      }),
    );
    expect(statements.map((s: TerraformJson) => s.Principal)).not.toContainEqual('*');
  });

  it('subscribes the e-mail address only when one is given', () => {
    expect(minimal.json).not.toHaveResource(SnsTopicSubscription);
    expect(full.json).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: 'email', endpoint: 'ops@example.com' });
  });

  it('fails when given an NLB without its target group', () => {
    expect(() => synth({ loadBalancerArnSuffix: 'net/x/1' })).toThrow(
      'Alarms: received loadBalancerArnSuffix=net/x/1 and targetGroupArnSuffix=undefined; expected both (an NLB and its target group) or neither',
    );
  });

  it('uses the given provider on every resource', () => {
    allBlocks(full.parsed).forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });
});
