import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { ServicePrincipalRole } from '../../modules/service-principal-role';
import { allBlocks, blocksOf, synthModule } from '../synth-module';

describe('ServicePrincipalRole', () => {
  const { json, parsed } = synthModule((scope, provider) => {
    new ServicePrincipalRole(scope, 'Role', {
      provider,
      name: 'privapi-service-api-lambda',
      servicePrincipal: 'lambda.amazonaws.com',
      managedPolicies: { Basic: 'service-role/AWSLambdaBasicExecutionRole', Vpc: 'service-role/AWSLambdaVPCAccessExecutionRole' },
    });
  });

  it('can be assumed by the one named service and nobody else', () => {
    expect(json).toHaveResourceWithProperties(IamRole, { name: 'privapi-service-api-lambda' });
    const [role] = blocksOf(parsed, 'aws_iam_role');
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
  });

  it('attaches exactly the listed AWS managed policies and no inline policy', () => {
    expect(blocksOf(parsed, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
    ]);
    expect(parsed.resource.aws_iam_role_policy).toBeUndefined();
    expect(parsed.resource.aws_iam_policy).toBeUndefined();
  });

  it('uses the given provider on every resource', () => {
    allBlocks(parsed).forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });
});
