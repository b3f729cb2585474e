import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';

export interface AlarmsProps {
  readonly provider: AwsProvider;
  /** Prefix of alarm, topic and key names (`<name>-alarms`, `<name>-<alarm>`) and `Name` tags. */
  readonly name: string;
  /** Account and region of the alarms: they scope the topic key's grant to CloudWatch. */
  readonly accountId: string;
  readonly region: string;
  /**
   * Address subscribed to the topic. AWS mails a confirmation link; nothing is delivered until it is clicked.
   * @default no subscription (subscribe later, e.g. a chat integration)
   */
  readonly email?: string;
  /** The APIs watched: a 5XX alarm and the Lambda errors and throttles alarms for each. */
  readonly apis: readonly AlarmedApi[];
  /**
   * `arn_suffix` of the NLB and of its target group (`LoadBalancer`, `TargetGroup` dimensions of
   * AWS/NetworkELB): both or neither.
   * @default no NLB alarm (peering-only configurations have no NLB)
   */
  readonly loadBalancerArnSuffix?: string;
  readonly targetGroupArnSuffix?: string;
  /**
   * Id (`vpce-svc-…`) of the endpoint service: the `Service Id` dimension of AWS/PrivateLinkServices.
   * @default no endpoint-service alarm
   */
  readonly endpointServiceId?: string;
}

/** One API and its function, as their metrics name them. */
export interface AlarmedApi {
  /**
   * Tells the alarms of several APIs apart (`<key>-api-5xx`, construct ids `Api5xxErrors-<key>`).
   * @default none: the names and ids of the one default API (no `apis` in the config): `api-5xx`, `Api5xxErrors`
   */
  readonly key?: string;
  /** `ApiName` and `Stage` dimensions of AWS/ApiGateway (the API's name, not its id). */
  readonly apiName: string;
  readonly stageName: string;
  /** `FunctionName` dimension of AWS/Lambda. */
  readonly functionName: string;
}

interface AlarmSpec {
  readonly id: string;
  readonly suffix: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly statistic: 'Sum' | 'Maximum';
  readonly dimensions: Record<string, string>;
  readonly evaluationPeriods?: number;
}

/**
 * Alarms on what breaks the shared API, all notifying one SNS topic (ALARM and OK). Every alarm fires on the
 * first bad datapoint (> 0 in a minute): with a handful of consumers, one 5XX or one unhealthy target is news.
 * Missing data is "not breaching": these metrics are only published when something happens or traffic flows.
 */
export class Alarms extends Construct {
  readonly topicArn: string;
  /** Alarm names, for runbooks and tests. */
  readonly alarmNames: string[];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const { provider, name } = props;
    if ((props.loadBalancerArnSuffix === undefined) !== (props.targetGroupArnSuffix === undefined)) {
      throw new Error(
        `Alarms: received loadBalancerArnSuffix=${props.loadBalancerArnSuffix} and targetGroupArnSuffix=${props.targetGroupArnSuffix}; expected both (an NLB and its target group) or neither`,
      );
    }

    const topicName = `${name}-alarms`;
    // Built, not read from the topic: the topic references the key, so the key policy cannot reference the topic.
    const topicArn = `arn:aws:sns:${props.region}:${props.accountId}:${topicName}`;

    // A customer managed key, not alias/aws/sns: CloudWatch publishes to an encrypted topic only if the key
    // policy lets cloudwatch.amazonaws.com use the key, and the AWS managed key's policy cannot be changed, so
    // alarm notifications to an aws/sns topic are dropped.
    // https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
    const key = new KmsKey(this, 'TopicKey', {
      provider,
      description: `Encrypts the ${topicName} SNS topic; CloudWatch alarms may use it to publish`,
      enableKeyRotation: true,
      deletionWindowInDays: 7,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            // Without an account statement the key would be unmanageable by anyone in the account.
            Sid: 'AccountAdministers',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'CloudWatchAlarmsPublishToTopic',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            Condition: {
              StringEquals: { 'aws:SourceAccount': props.accountId, 'kms:EncryptionContext:aws:sns:topicArn': topicArn },
            },
          },
        ],
      }),
      tags: { Name: topicName },
    });
    new KmsAlias(this, 'TopicKeyAlias', { provider, name: `alias/${topicName}`, targetKeyId: key.keyId });

    const topic = new SnsTopic(this, 'Topic', {
      provider,
      name: topicName,
      kmsMasterKeyId: key.arn,
      tags: { Name: topicName },
    });

    if (props.email !== undefined) {
      // An unconfirmed e-mail subscription cannot be deleted through the API: destroy forgets it and AWS removes
      // it after 3 days. (provider docs, resource aws_sns_topic_subscription)
      new SnsTopicSubscription(this, 'Email', { provider, topicArn: topic.arn, protocol: 'email', endpoint: props.email });
    }

    const specs: AlarmSpec[] = props.apis.flatMap((api): AlarmSpec[] => {
      const id = api.key ? `-${api.key}` : '';
      const suffix = api.key ? `${api.key}-` : '';
      return [
        {
          id: `Api5xxErrors${id}`,
          suffix: `${suffix}api-5xx`,
          description: `API ${api.apiName} stage ${api.stageName} answered 5XX (Lambda or integration failure)`,
          namespace: 'AWS/ApiGateway',
          metricName: '5XXError',
          statistic: 'Sum',
          dimensions: { ApiName: api.apiName, Stage: api.stageName },
        },
        {
          id: `FunctionErrors${id}`,
          suffix: `${suffix}lambda-errors`,
          description: `Lambda ${api.functionName} raised errors`,
          namespace: 'AWS/Lambda',
          metricName: 'Errors',
          statistic: 'Sum',
          dimensions: { FunctionName: api.functionName },
        },
        {
          id: `FunctionThrottles${id}`,
          suffix: `${suffix}lambda-throttles`,
          description: `Lambda ${api.functionName} was throttled (account concurrency exhausted)`,
          namespace: 'AWS/Lambda',
          metricName: 'Throttles',
          statistic: 'Sum',
          dimensions: { FunctionName: api.functionName },
        },
      ];
    });
    if (props.loadBalancerArnSuffix !== undefined && props.targetGroupArnSuffix !== undefined) {
      specs.push({
        id: 'NlbUnhealthyHosts',
        suffix: 'nlb-unhealthy-hosts',
        description: 'An execute-api endpoint address behind the NLB fails its health check: consumers in that AZ may fail',
        namespace: 'AWS/NetworkELB',
        metricName: 'UnHealthyHostCount',
        statistic: 'Maximum',
        dimensions: { LoadBalancer: props.loadBalancerArnSuffix, TargetGroup: props.targetGroupArnSuffix },
        // Two minutes: one failed check while an endpoint ENI is replaced is not an outage.
        evaluationPeriods: 2,
      });
    }
    if (props.endpointServiceId !== undefined) {
      // AWS/PrivateLinkServices has no "rejected connection" metric; RstPacketsSent (resets sent to consumer
      // endpoints, e.g. no healthy target) is the closest, and AWS's recommended alarm for endpoint services.
      // Idle connections (NLB TCP idle timeout 350 s) are reset too: a lone alarm can be a client keeping one open.
      // https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-cloudwatch-metrics.html
      // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Best_Practice_Recommended_Alarms_AWS_Services.html
      specs.push({
        id: 'EndpointServiceResets',
        suffix: 'endpoint-service-resets',
        description: 'The endpoint service reset consumer connections (unhealthy targets or refused connections)',
        namespace: 'AWS/PrivateLinkServices',
        metricName: 'RstPacketsSent',
        statistic: 'Sum',
        dimensions: { 'Service Id': props.endpointServiceId },
      });
    }

    this.alarmNames = specs.map((spec) => {
      const alarm = new CloudwatchMetricAlarm(this, spec.id, {
        provider,
        alarmName: `${name}-${spec.suffix}`,
        alarmDescription: spec.description,
        namespace: spec.namespace,
        metricName: spec.metricName,
        dimensions: spec.dimensions,
        statistic: spec.statistic,
        period: 60,
        evaluationPeriods: spec.evaluationPeriods ?? 1,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        treatMissingData: 'notBreaching',
        alarmActions: [topic.arn],
        okActions: [topic.arn],
        tags: { Name: `${name}-${spec.suffix}` },
      });
      return alarm.alarmName;
    });
    this.topicArn = topic.arn;
  }
}
