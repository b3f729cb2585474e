import { LbTargetGroupAttachment } from '@cdktf/provider-aws/lib/lb-target-group-attachment';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { AZ_ENABLER_SOURCE, AzEnablerZone, EndpointServiceAzEnabler } from '../../modules/endpoint-service-az-enabler';
import { packageFunction } from '../../modules/function-package';
import { allBlocks, blocksOf, synthModule } from '../synth-module';

const SERVICE_ARN = 'arn:aws:ec2:ap-northeast-1:111111111111:vpc-endpoint-service/vpce-svc-0123456789abcdef0';
const ZONES: AzEnablerZone[] = [
  { azId: 'apne1-az4', subnetId: 'subnet-44' },
  { azId: 'apne1-az1', subnetId: 'subnet-11' },
];

function synth(zones: readonly AzEnablerZone[] = ZONES, extra: Partial<{ timeoutSeconds: number; logRetentionDays: number }> = {}) {
  return synthModule((scope, provider) => {
    const targets = ['apne1-az1', 'apne1-az4'].map(
      (az) => new LbTargetGroupAttachment(scope, `Target-${az}`, { provider, targetGroupArn: 'arn:tg', targetId: '10.0.0.5', port: 443 }),
    );
    new EndpointServiceAzEnabler(scope, 'AzEnabler', {
      provider,
      name: 'privapi-service',
      serviceId: 'vpce-svc-0123456789abcdef0',
      serviceArn: SERVICE_ARN,
      loadBalancerArn: 'arn:aws:elasticloadbalancing:ap-northeast-1:111111111111:loadbalancer/net/privapi-service-nlb/0123456789abcdef',
      zones,
      dependsOn: targets,
      ...extra,
    });
  });
}

describe('EndpointServiceAzEnabler', () => {
  const { json, parsed } = synth();

  it('grants the one write on this service only, reads where no resource-level permission exists, logs to its own group', () => {
    const [policy] = blocksOf(parsed, 'aws_iam_role_policy');
    const statements = JSON.parse(policy.policy).Statement;
    expect(statements).toEqual([
      { Sid: 'EnableAzsOfThisService', Effect: 'Allow', Action: 'ec2:ModifyVpcEndpointServiceConfiguration', Resource: SERVICE_ARN },
      {
        Sid: 'ReadServiceAndLoadBalancer',
        Effect: 'Allow',
        Action: ['ec2:DescribeVpcEndpointServiceConfigurations', 'elasticloadbalancing:DescribeLoadBalancers'],
        Resource: '*',
      },
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.AzEnabler_LogGroup_\w+\.arn\}:\*$/),
      },
    ]);
    // "*" only for Describe actions; nothing else anywhere in the policy.
    for (const s of statements) if (s.Resource === '*') expect([s.Action].flat().every((a: string) => /:Describe/.test(a))).toBe(true);
    expect(parsed.resource.aws_iam_role_policy_attachment).toBeUndefined();
  });

  it('lets Lambda alone assume its role', () => {
    const [role] = blocksOf(parsed, 'aws_iam_role');
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(role.name).toBe('privapi-service-enable-azs');
  });

  it('runs the repo\'s Python file outside any VPC, packaged in-process, after its grants and its log group', () => {
    expect(json).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'privapi-service-enable-azs',
      runtime: 'python3.12',
      handler: 'index.handler',
      timeout: 600,
      source_code_hash: packageFunction({ path: AZ_ENABLER_SOURCE, type: 'directory' }).sourceCodeHash,
      provider: 'aws.test',
    });
    const [fn] = blocksOf(parsed, 'aws_lambda_function');
    expect(fn.vpc_config).toBeUndefined();
    expect(fn.filename).toMatch(/^assets\//);
    expect(fn.depends_on).toEqual([
      expect.stringMatching(/^aws_iam_role_policy\.AzEnabler_Policy_\w+$/),
      expect.stringMatching(/^aws_cloudwatch_log_group\.AzEnabler_LogGroup_\w+$/),
    ]);
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/lambda/privapi-service-enable-azs', retention_in_days: 365 });
  });

  it('invokes it with the service id once the NLB targets exist, creation only', () => {
    const [invocation] = blocksOf(parsed, 'aws_lambda_invocation');
    expect(JSON.parse(invocation.input)).toEqual({ service_id: 'vpce-svc-0123456789abcdef0' });
    expect(invocation.function_name).toMatch(/^\$\{aws_lambda_function\.AzEnabler_Function_\w+\.function_name\}$/);
    expect(invocation.depends_on).toEqual([
      'aws_lb_target_group_attachment.Target-apne1-az1',
      'aws_lb_target_group_attachment.Target-apne1-az4',
    ]);
    expect(invocation.lifecycle_scope).toBeUndefined();
  });

  it('triggers on the NLB\'s AZ IDs and subnets (sorted by AZ ID), the NLB and the service', () => {
    expect(json).toHaveResourceWithProperties(LambdaInvocation, {
      triggers: {
        service_id: 'vpce-svc-0123456789abcdef0',
        load_balancer_arn: expect.stringContaining(':loadbalancer/net/'),
        az_ids: 'apne1-az1,apne1-az4',
        subnet_ids: 'subnet-11,subnet-44',
      },
    });
  });

  it('plans the same triggers whatever the order of the AZs (a reordered azIds invokes nothing)', () => {
    const reordered = blocksOf(synth([...ZONES].reverse()).parsed, 'aws_lambda_invocation')[0];
    expect(reordered.triggers).toEqual(blocksOf(parsed, 'aws_lambda_invocation')[0].triggers);
  });

  it('changes the triggers when an AZ is added', () => {
    const added = blocksOf(synth([...ZONES, { azId: 'apne1-az2', subnetId: 'subnet-22' }]).parsed, 'aws_lambda_invocation')[0];
    expect(added.triggers).toMatchObject({ az_ids: 'apne1-az1,apne1-az2,apne1-az4', subnet_ids: 'subnet-11,subnet-22,subnet-44' });
  });

  it('takes a shorter wait and another retention when asked', () => {
    const custom = synth(ZONES, { timeoutSeconds: 300, logRetentionDays: 30 }).parsed;
    expect(blocksOf(custom, 'aws_lambda_function')[0].timeout).toBe(300);
    expect(blocksOf(custom, 'aws_cloudwatch_log_group')[0].retention_in_days).toBe(30);
  });

  it('names the provider on every block and adds no provisioner', () => {
    allBlocks(parsed).forEach(([type, name, body]) => expect([type, name, body.provider, body.provisioner]).toEqual([type, name, 'aws.test', undefined]));
  });
});
