/** AWS SDK v3 clients for one emulated account, reached the way the provider reaches it: AssumeRole. */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { IAMClient } from '@aws-sdk/client-iam';
import { Route53Client } from '@aws-sdk/client-route-53';
import { ACMClient } from '@aws-sdk/client-acm';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';

export interface AccountClients {
  readonly accountId: string;
  /** The deploy role these clients assumed (also what e2e/describe_alarms.py assumes). */
  readonly roleArn: string;
  readonly endpoint: string;
  readonly ec2: EC2Client;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly apigateway: APIGatewayClient;
  readonly lambda: LambdaClient;
  readonly route53: Route53Client;
  readonly acm: ACMClient;
  readonly sns: SNSClient;
  readonly ssm: SSMClient;
  readonly iam: IAMClient;
}

export const BASE_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

export async function accountClients(endpoint: string, region: string, roleArn: string): Promise<AccountClients> {
  const sts = new STSClient({ endpoint, region, credentials: BASE_CREDENTIALS });
  const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'privapi-e2e' }));
  const credentials = {
    accessKeyId: Credentials!.AccessKeyId!,
    secretAccessKey: Credentials!.SecretAccessKey!,
    sessionToken: Credentials!.SessionToken,
  };
  const config = { endpoint, region, credentials, maxAttempts: 2 };
  return {
    accountId: roleArn.split(':')[4],
    roleArn,
    endpoint,
    ec2: new EC2Client(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    apigateway: new APIGatewayClient(config),
    lambda: new LambdaClient(config),
    route53: new Route53Client(config),
    acm: new ACMClient(config),
    sns: new SNSClient(config),
    ssm: new SSMClient(config),
    iam: new IAMClient(config),
  };
}
