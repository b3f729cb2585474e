import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { scratchDir } from '../scratch';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ApiFunction, ApiFunctionProps, DEFAULT_FUNCTION_SOURCE } from '../../modules/api-function';
import { sourceCodeHash } from '../../modules/source-code-hash';
import { allBlocks, blocksOf, synthModule } from '../synth-module';

describe('ApiFunction', () => {
  const { json, parsed } = synthModule((scope, provider) => {
    new ApiFunction(scope, 'ApiFunction', { provider, name: 'privapi-service', vpc: { vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'] } });
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

  it('packages the code with TerraformAsset and redeploys when the source changes (a hash of the files, not of the zip)', () => {
    expect(fn.filename).toMatch(/^assets\/ApiFunction_Code_\w+\/[0-9A-F]+\/archive\.zip$/);
    expect(fn.source_code_hash).toBe(sourceCodeHash(DEFAULT_FUNCTION_SOURCE));
    expect(fn.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
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

describe('ApiFunction with the team\'s own code', () => {
  function synthOwn(props: Partial<ApiFunctionProps>) {
    return synthModule((scope, provider) => new ApiFunction(scope, 'ApiFunction', { provider, name: 'privapi-service-orders', ...props })).parsed;
  }

  it('outside the VPC: no vpc_config, no security group, no VPC access policy (the service VPC has no route out)', () => {
    const parsed = synthOwn({ runtime: 'nodejs22.x', handler: 'index.handler' });
    const [fn] = blocksOf(parsed, 'aws_lambda_function');
    expect(fn.vpc_config).toBeUndefined();
    expect(parsed.resource.aws_security_group).toBeUndefined();
    expect(blocksOf(parsed, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    ]);
  });

  it('takes runtime, handler, memory, timeout, architecture and environment as given', () => {
    const [fn] = blocksOf(
      synthOwn({ runtime: 'nodejs22.x', handler: 'app.main', memorySize: 256, timeout: 10, architecture: 'arm64', environment: { TABLE: 'orders' } }),
      'aws_lambda_function',
    );
    expect(fn).toMatchObject({
      function_name: 'privapi-service-orders-api',
      runtime: 'nodejs22.x',
      handler: 'app.main',
      memory_size: 256,
      timeout: 10,
      architectures: ['arm64'],
      environment: { variables: { TABLE: 'orders' } },
    });
  });

  it('ships a prebuilt zip as it is (no re-packaging), hashed by its bytes', () => {
    const dir = scratchDir('zip');
    const zip = path.join(dir, 'function.zip');
    writeFileSync(zip, 'PK fake zip bytes');
    const [fn] = blocksOf(synthOwn({ source: { path: zip, type: 'zip' } }), 'aws_lambda_function');
    expect(fn.filename).toMatch(/^assets\/ApiFunction_Code_\w+\/[0-9A-F]+\/function\.zip$/);
    expect(fn.source_code_hash).toBe(createHash('sha256').update('PK fake zip bytes').digest('base64'));
  });

  it('gives the same source_code_hash for the same files whatever their modification times (two checkouts)', () => {
    const copies = ['a', 'b'].map((name, i) => {
      const dir = path.join(scratchDir(`checkout-${name}`), 'code');
      mkdirSync(path.join(dir, 'lib'), { recursive: true });
      writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => ({ statusCode: 200 });');
      writeFileSync(path.join(dir, 'lib', 'util.js'), 'module.exports = 1;');
      const when = new Date(Date.UTC(2020 + i * 5, i, 1));
      for (const file of ['index.js', 'lib/util.js']) utimesSync(path.join(dir, file), when, when);
      return dir;
    });
    const hashes = copies.map((dir) => blocksOf(synthOwn({ source: { path: dir, type: 'directory' } }), 'aws_lambda_function')[0].source_code_hash);
    expect(hashes[0]).toBe(hashes[1]);
    // …and a different hash as soon as a byte changes.
    writeFileSync(path.join(copies[1], 'lib', 'util.js'), 'module.exports = 2;');
    expect(sourceCodeHash(copies[1])).not.toBe(hashes[0]);
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
