import { AwsStub } from 'aws-sdk-client-mock';
import {
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicePermissionsCommand,
  ModifyVpcEndpointServicePermissionsCommand,
  RejectVpcEndpointConnectionsCommand,
  State,
} from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';

/** The endpoint service id the mocked service account has. */
export const SERVICE_ID = 'vpce-svc-0123456789abcdef0';

/**
 * The service account (111111111111) with one endpoint service, as the revocation reads it: `principals` are its
 * allowed principals, `connections` the endpoints of `owner` connected to it; every change it makes succeeds.
 */
 
export function mockServiceAccount(ec2: AwsStub<any, any, any>, sts: AwsStub<any, any, any>, owner: string, principals: string[], connections: { id: string; state: string }[]): void {
  sts.on(GetCallerIdentityCommand).resolves({ Account: '111111111111', Arn: 'arn:aws:sts::111111111111:assumed-role/deploy/x' });
  ec2.on(DescribeVpcEndpointServiceConfigurationsCommand).resolves({ ServiceConfigurations: [{ ServiceId: SERVICE_ID }] });
  ec2.on(DescribeVpcEndpointServicePermissionsCommand).resolves({ AllowedPrincipals: principals.map((Principal) => ({ Principal })) });
  ec2.on(ModifyVpcEndpointServicePermissionsCommand).resolves({ ReturnValue: true });
  // The wire spells states in camelCase (`pendingAcceptance`), which the SDK's PascalCase `State` type does not list.
  ec2.on(DescribeVpcEndpointConnectionsCommand).resolves({
    VpcEndpointConnections: connections.map((c) => ({ ServiceId: SERVICE_ID, VpcEndpointId: c.id, VpcEndpointState: c.state as State, VpcEndpointOwner: owner })),
  });
  ec2.on(RejectVpcEndpointConnectionsCommand).resolves({ Unsuccessful: [] });
}
