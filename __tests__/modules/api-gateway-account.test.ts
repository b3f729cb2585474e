import { ApiGatewayAccount as ApiGatewayAccountSettings } from '@cdktf/provider-aws/lib/api-gateway-account';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { ApiGatewayAccount } from '../../modules/api-gateway-account';
import { allBlocks, blocksOf, synthModule } from '../synth-module';

function synth(resetOnDestroy?: boolean) {
  return synthModule((scope, provider) => {
    new ApiGatewayAccount(scope, 'ApiGatewayAccount', { provider, name: 'privapi-apigw-cloudwatch', resetOnDestroy });
  });
}

describe('ApiGatewayAccount', () => {
  const { json, parsed } = synth();

  it('gives API Gateway a role with only the AWS managed push-to-CloudWatch policy', () => {
    expect(json).toHaveResourceWithProperties(IamRole, { name: 'privapi-apigw-cloudwatch' });
    const [role] = blocksOf(parsed, 'aws_iam_role');
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(blocksOf(parsed, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).toEqual([
      'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
    ]);
  });

  it('sets that role as the account CloudWatch role once the policy is attached', () => {
    const [settings] = blocksOf(parsed, 'aws_api_gateway_account');
    expect(settings.cloudwatch_role_arn).toMatch(/^\$\{aws_iam_role\.\w+\.arn\}$/);
    expect(settings.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy_attachment\./)]);
  });

  it('resets the account setting on destroy by default, and leaves it when told to', () => {
    expect(json).toHaveResourceWithProperties(ApiGatewayAccountSettings, { reset_on_delete: true });
    expect(synth(false).json).toHaveResourceWithProperties(ApiGatewayAccountSettings, { reset_on_delete: false });
  });

  it('uses the given provider on every resource', () => {
    allBlocks(parsed).forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });
});
