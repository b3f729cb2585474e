import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Testing, TerraformStack } from 'cdktf';
import { scratchDir } from '../scratch';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ApiFunction, ApiFunctionProps, DEFAULT_FUNCTION_SOURCE, defaultFunctionPackage } from '../../modules/api-function';
import { packageFunction } from '../../modules/function-package';
import { allBlocks, blocksOf, synthModule, TerraformJson } from '../synth-module';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('base64');

/** A full synth to disk (assets copied), as `cdktf synth` does: the function block and the stack's directory. */
function synthToDisk(props: Partial<ApiFunctionProps> = {}): { fn: TerraformJson; stackDir: string } {
  const app = Testing.app({ outdir: path.join(scratchDir('out dir'), 'cdktf.out') });
  const stack = new TerraformStack(app, 'test');
  const provider = new AwsProvider(stack, 'aws', { region: 'ap-northeast-1', alias: 'test' });
  new ApiFunction(stack, 'ApiFunction', { provider, name: 'privapi-service', ...props });
  app.synth();
  const stackDir = path.join(app.outdir, 'stacks', 'test');
  const [fn] = blocksOf(JSON.parse(readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')), 'aws_lambda_function');
  return { fn, stackDir };
}

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

  it('ships the bundled handler as a file asset named by its SHA-256, hashed by the zip\'s bytes', () => {
    const zip = defaultFunctionPackage().zip;
    const hex = createHash('sha256').update(zip).digest('hex').toUpperCase();
    expect(fn.filename).toMatch(new RegExp(`^assets/ApiFunction_Code_Asset_[0-9A-F]{8}/${hex}/function\\.zip$`));
    expect(fn.source_code_hash).toBe(sha256(zip));
  });

  it('writes the zip it names: filename exists under the stack directory (a path with a space) and hashes to source_code_hash', () => {
    const { fn: written, stackDir } = synthToDisk();
    const file = path.join(stackDir, written.filename);
    expect(existsSync(file)).toBe(true);
    expect(written.source_code_hash).toBe(sha256(readFileSync(file)));
    expect(written.filename).toBe(fn.filename);
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
    // A zip made by another tool (Python's zipfile): the bytes on disk are what Lambda gets.
    const made = spawnSync(process.env.PYTHON ?? 'python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").writestr("index.js", "exports.handler = 1")', zip]);
    expect(made.status).toBe(0);
    const { fn, stackDir } = synthToDisk({ package: packageFunction({ path: zip, type: 'zip' }), runtime: 'nodejs22.x' });
    expect(readFileSync(path.join(stackDir, fn.filename))).toEqual(readFileSync(zip));
    expect(fn.source_code_hash).toBe(sha256(readFileSync(zip)));
  });

  it('gives the same source_code_hash and filename for the same files whatever their modification times (two checkouts)', () => {
    const copies = ['a', 'b'].map((name, i) => {
      const dir = path.join(scratchDir(`checkout-${name}`), 'code');
      mkdirSync(path.join(dir, 'lib'), { recursive: true });
      writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => ({ statusCode: 200 });');
      writeFileSync(path.join(dir, 'lib', 'util.js'), 'module.exports = 1;');
      const when = new Date(Date.UTC(2020 + i * 5, i, 1));
      for (const file of ['index.js', 'lib/util.js']) utimesSync(path.join(dir, file), when, when);
      return dir;
    });
    const synth = (dir: string) => blocksOf(synthOwn({ package: packageFunction({ path: dir, type: 'directory' }) }), 'aws_lambda_function')[0];
    const [a, b] = copies.map(synth);
    expect(b.source_code_hash).toBe(a.source_code_hash);
    expect(b.filename).toBe(a.filename);
    // …and a different hash and file as soon as a byte changes.
    writeFileSync(path.join(copies[1], 'lib', 'util.js'), 'module.exports = 2;');
    const changed = synth(copies[1]);
    expect(changed.source_code_hash).not.toBe(a.source_code_hash);
    expect(changed.filename).not.toBe(a.filename);
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
