import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { EndpointSubnet, InterfaceEndpoint } from './interface-endpoint';
import { ServicePrincipalRole } from './service-principal-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';

/** Public SSM parameter AWS keeps pointing at the newest Amazon Linux 2023 AMI of the region. */
export const AL2023_AMI_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

/**
 * Session Manager endpoints the agent needs in a VPC without internet. `ec2messages` is left out: SSM Agent
 * 3.3.40.0 and later (Amazon Linux 2023 ships newer) uses `ssmmessages` instead whenever it is reachable.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html
 */
export const SSM_ENDPOINT_SERVICES = ['ssm', 'ssmmessages'] as const;

export interface TestInstanceProps {
  readonly provider: AwsProvider;
  readonly name: string;
  readonly region: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Subnet of the instance and of its SSM endpoints (one AZ: this is a test host, not a service). */
  readonly subnet: EndpointSubnet & { readonly cidr: string };
  /**
   * CIDRs the instance may reach on TCP 443 besides its own VPC (e.g. a peered service VPC).
   * @default []
   */
  readonly extraHttpsEgressCidrs?: readonly string[];
  /** @default "t3.micro" */
  readonly instanceType?: string;
  /**
   * Execution ARNs (`arn:aws:execute-api:<region>:<account>:<api-id>`) of APIs with IAM authorization the instance
   * calls: its role gets `execute-api:Invoke` on each (a cross-account caller needs this identity policy besides
   * the API's resource policy).
   * @default none
   */
  readonly invokeApiExecutionArns?: readonly string[];
}

/**
 * A host to run the README's `curl` lines from, reachable by Session Manager only: no key pair, no SSH rule,
 * no public IP, IMDSv2 required, encrypted root volume, and egress limited to HTTPS inside the network.
 */
export class TestInstance extends Construct {
  readonly instanceId: string;
  /** The instance's role: a principal the APIs with IAM authorization admit. */
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: TestInstanceProps) {
    super(scope, id);
    const { provider } = props;

    const role = new ServicePrincipalRole(this, 'Role', {
      provider,
      name: `${props.name}-test-instance`,
      servicePrincipal: 'ec2.amazonaws.com',
      managedPolicies: { SsmManagedInstanceCore: 'AmazonSSMManagedInstanceCore' },
    });
    if (props.invokeApiExecutionArns?.length) {
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html
      new IamRolePolicy(this, 'InvokeApis', {
        provider,
        name: 'invoke-private-apis',
        role: role.roleName,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'InvokeIamAuthorizedApis',
              Effect: 'Allow',
              Action: 'execute-api:Invoke',
              Resource: props.invokeApiExecutionArns.map((arn) => `${arn}/*`),
            },
          ],
        }),
      });
    }
    const profile = new IamInstanceProfile(this, 'InstanceProfile', {
      provider,
      name: `${props.name}-test-instance`,
      role: role.roleName,
      tags: { Name: `${props.name}-test-instance` },
    });

    const securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      provider,
      name: `${props.name}-test-instance`,
      description: 'Test instance: no inbound; HTTPS out to the VPC and peered networks only',
      vpcId: props.vpcId,
      tags: { Name: `${props.name}-test-instance` },
    });
    [props.vpcCidr, ...(props.extraHttpsEgressCidrs ?? [])].forEach((cidr, i) => {
      new VpcSecurityGroupEgressRule(this, `HttpsEgress${i}`, {
        provider,
        securityGroupId: securityGroup.id,
        description: `HTTPS to ${cidr}`,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: cidr,
        tags: { Name: `${props.name}-test-instance-https-${i}` },
      });
    });

    for (const service of SSM_ENDPOINT_SERVICES) {
      new InterfaceEndpoint(this, `${service === 'ssm' ? 'Ssm' : 'SsmMessages'}Endpoint`, {
        provider,
        name: `${props.name}-${service}`,
        vpcId: props.vpcId,
        subnets: [props.subnet],
        serviceName: `com.amazonaws.${props.region}.${service}`,
        privateDnsEnabled: true,
        allowedCidrs: [{ name: 'test-instance', cidr: props.subnet.cidr, description: 'Session Manager agent of the test instance' }],
      });
    }

    const ami = new DataAwsSsmParameter(this, 'Al2023Ami', { provider, name: AL2023_AMI_PARAMETER });

    const instance = new Instance(this, 'Instance', {
      provider,
      ami: ami.value,
      instanceType: props.instanceType ?? 't3.micro',
      subnetId: props.subnet.subnetId,
      vpcSecurityGroupIds: [securityGroup.id],
      iamInstanceProfile: profile.name,
      associatePublicIpAddress: false,
      monitoring: false,
      ebsOptimized: true,
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
      rootBlockDevice: { encrypted: true, volumeType: 'gp3' },
      tags: { Name: `${props.name}-test-instance` },
      // A newer AMI in the public parameter must not replace a running test host on an unrelated deploy.
      lifecycle: { ignoreChanges: ['ami'] },
    });

    this.instanceId = instance.id;
    this.roleArn = role.roleArn;
  }
}
