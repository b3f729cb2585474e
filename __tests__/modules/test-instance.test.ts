import { Instance } from '@cdktf/provider-aws/lib/instance';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { AL2023_AMI_PARAMETER, TestInstance } from '../../modules/test-instance';
import { allBlocks, blocksOf, synthModule } from '../synth-module';

describe('TestInstance', () => {
  const { json, parsed } = synthModule((scope, provider) => {
    new TestInstance(scope, 'TestInstance', {
      provider,
      name: 'privapi-customer',
      region: 'ap-northeast-1',
      vpcId: 'vpc-1',
      vpcCidr: '10.1.0.0/16',
      subnet: { azId: 'apne1-az1', subnetId: 'subnet-a', cidr: '10.1.0.0/20' },
      extraHttpsEgressCidrs: ['10.0.0.0/16'],
    });
  });
  const [instance] = blocksOf(parsed, 'aws_instance');

  it('requires IMDSv2, encrypts the root volume, has no key pair and no public IP', () => {
    expect(json).toHaveResourceWithProperties(Instance, {
      metadata_options: expect.objectContaining({ http_tokens: 'required' }),
      root_block_device: expect.objectContaining({ encrypted: true }),
      associate_public_ip_address: false,
      subnet_id: 'subnet-a',
    });
    expect(instance.key_name).toBeUndefined();
  });

  it('boots the current Amazon Linux 2023 AMI from the public SSM parameter', () => {
    expect(json).toHaveDataSourceWithProperties(DataAwsSsmParameter, { name: AL2023_AMI_PARAMETER });
    expect(instance.ami).toMatch(/data\.aws_ssm_parameter\.\w+\.value/);
  });

  it('is managed through Session Manager: SSM core policy and the ssm/ssmmessages endpoints', () => {
    expect(blocksOf(parsed, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).toEqual([
      'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
    ]);
    expect(blocksOf(parsed, 'aws_vpc_endpoint').map((e) => [e.service_name, e.private_dns_enabled, e.subnet_ids])).toEqual([
      ['com.amazonaws.ap-northeast-1.ssm', true, ['subnet-a']],
      ['com.amazonaws.ap-northeast-1.ssmmessages', true, ['subnet-a']],
    ]);
  });

  it('admits no inbound traffic (no SSH) and sends only HTTPS to its VPC and the listed networks', () => {
    const instanceGroupRules = blocksOf(parsed, 'aws_vpc_security_group_ingress_rule').filter((r) =>
      String(r.security_group_id).includes('TestInstance_SecurityGroup_'),
    );
    expect(instanceGroupRules).toEqual([]);
    blocksOf(parsed, 'aws_vpc_security_group_ingress_rule').forEach((r) => {
      expect([r.from_port, r.to_port, r.cidr_ipv4]).toEqual([443, 443, '10.1.0.0/20']);
    });
    expect(blocksOf(parsed, 'aws_vpc_security_group_egress_rule').map((r) => [r.ip_protocol, r.from_port, r.to_port, r.cidr_ipv4])).toEqual([
      ['tcp', 443, 443, '10.1.0.0/16'],
      ['tcp', 443, 443, '10.0.0.0/16'],
    ]);
  });

  it('uses the given provider on every resource and data source', () => {
    allBlocks(parsed).forEach(([, , body]) => expect(body.provider).toBe('aws.test'));
  });
});

describe('TestInstance calling APIs with IAM authorization', () => {
  function synthWith(invokeApiExecutionArns?: string[]) {
    return synthModule((scope, provider) => {
      new TestInstance(scope, 'TestInstance', {
        provider,
        name: 'privapi-customer',
        region: 'ap-northeast-1',
        vpcId: 'vpc-1',
        vpcCidr: '10.1.0.0/16',
        subnet: { azId: 'apne1-az1', subnetId: 'subnet-a', cidr: '10.1.0.0/20' },
        invokeApiExecutionArns,
      });
    }).parsed;
  }

  it('grants its role execute-api:Invoke on every stage, method and path of each API', () => {
    const arns = ['arn:aws:execute-api:ap-northeast-1:111111111111:abc123', 'arn:aws:execute-api:ap-northeast-1:111111111111:def456'];
    const parsed = synthWith(arns);
    const [policy] = blocksOf(parsed, 'aws_iam_role_policy');
    expect(policy.name).toBe('invoke-private-apis');
    expect(policy.role).toMatch(/^\$\{aws_iam_role\.TestInstance_Role_\w+\.name\}$/);
    expect(JSON.parse(policy.policy).Statement).toEqual([
      {
        Sid: 'InvokeIamAuthorizedApis',
        Effect: 'Allow',
        Action: 'execute-api:Invoke',
        Resource: ['arn:aws:execute-api:ap-northeast-1:111111111111:abc123/*', 'arn:aws:execute-api:ap-northeast-1:111111111111:def456/*'],
      },
    ]);
  });

  it('has no inline policy without such APIs (none given, or an empty list)', () => {
    expect(synthWith().resource.aws_iam_role_policy).toBeUndefined();
    expect(synthWith([]).resource.aws_iam_role_policy).toBeUndefined();
  });
});
