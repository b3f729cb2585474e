import { spawnSync } from 'node:child_process';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ApiFunction, DEFAULT_FUNCTION_SOURCE } from '../../modules/api-function';
import { allBlocks, blocksOf, synthModule } from '../synth-module';

describe('ApiFunction', () => {
  const { json, parsed } = synthModule((scope, provider) => {
    new ApiFunction(scope, 'ApiFunction', { provider, name: 'privapi-service', vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'] });
  });
  const [fn] = blocksOf(parsed, 'aws_lambda_function');

  it('runs the shipped handler on Python 3.12 inside the VPC', () => {
    expect(json).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'privapi-service-api',
      runtime: 'python3.12',
      handler: 'index.handler',
      vpc_config: { subnet_ids: ['subnet-a', 'subnet-b'], security_group_ids: [expect.stringContaining('aws_security_group.')] },
    });
  });

  it('packages the code with TerraformAsset and redeploys when the zip changes', () => {
    expect(fn.filename).toMatch(/^assets\/ApiFunction_Code_\w+\/[0-9A-F]+\/archive\.zip$/);
    expect(fn.source_code_hash).toBe(`\${filebase64sha256("${fn.filename}")}`);
  });

  it('gives the role exactly the basic and VPC access managed policies', () => {
    const arns = blocksOf(parsed, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn).sort();
    expect(arns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
    ]);
    const [role] = blocksOf(parsed, 'aws_iam_role');
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(parsed.resource.aws_iam_role_policy).toBeUndefined();
  });

  it('owns its log group with a retention, created before the function', () => {
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/lambda/privapi-service-api', retention_in_days: 365 });
    expect(fn.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\./)]));
  });

  it('puts the function in a security group with no rules', () => {
    const [group] = blocksOf(parsed, 'aws_security_group');
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
    expect(parsed.resource.aws_vpc_security_group_egress_rule).toBeUndefined();
  });

  it('uses the given provider on every resource', () => {
    allBlocks(parsed).forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });
});

describe('lambda/hello/index.py', () => {
  it('answers 200 "Hello from Lambda" to an API Gateway proxy event', () => {
    const python = process.env.PYTHON ?? 'python3';
    const run = spawnSync(
      python,
      ['-c', 'import json, index; print(json.dumps(index.handler({"httpMethod": "GET", "path": "/"}, None)))'],
      { cwd: DEFAULT_FUNCTION_SOURCE, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ statusCode: 200, body: 'Hello from Lambda' });
  });
});
