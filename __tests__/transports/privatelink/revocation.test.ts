import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  EC2Client,
  ModifyVpcEndpointServicePermissionsCommand,
  RejectVpcEndpointConnectionsCommand,
} from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { deepMerge, DEFAULT_CONFIG_INPUT, parseConfig } from '../../../config';
import { privatelinkRevocation } from '../../../transports/privatelink/revocation';
import { mockServiceAccount, SERVICE_ID } from './service-account';
import { REVOCATIONS } from '../../../transports/revocations';

const ec2 = mockClient(EC2Client);
const sts = mockClient(STSClient);

const GONE = '333333333333';
const ROOT = `arn:aws:iam::${GONE}:root`;

/** The default deployment: `customer` (222222222222, privatelink) stays. */
const config = parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, {}));

async function run(accountId: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await privatelinkRevocation.revoke(accountId, { config, io: { out: (l) => out.push(l), err: (l) => err.push(l) } });
  return { code, out, err };
}

function serviceAccount(principals: string[], connections: { id: string; state: string }[]) {
  mockServiceAccount(ec2, sts, GONE, principals, connections);
}

beforeEach(() => {
  ec2.reset();
  sts.reset();
});

describe('privatelink revocation', () => {
  it('is the registry entry for privatelink', () => {
    expect(REVOCATIONS.privatelink).toBe(privatelinkRevocation);
  });

  it('removes the account from the allowed principals and rejects its open connections', async () => {
    serviceAccount(['arn:aws:iam::222222222222:root', ROOT], [
      { id: 'vpce-0aaa', state: 'available' },
      { id: 'vpce-0bbb', state: 'rejected' },
      { id: 'vpce-0ccc', state: 'pendingAcceptance' },
    ]);
    const { code, out, err } = await run(GONE);
    expect(err).toEqual([]);
    expect(out).toEqual([
      `${SERVICE_ID}: removed ${ROOT} from the allowed principals: new endpoints of ${GONE} are refused`,
      `${SERVICE_ID}: vpce-0bbb already rejected`,
      `${SERVICE_ID}: rejected vpce-0aaa (was available)`,
      `${SERVICE_ID}: rejected vpce-0ccc (was pendingAcceptance)`,
      `Revoked ${GONE}: its connections are rejected and a new endpoint is refused.`,
    ]);
    expect(code).toBe(0);
    expect(ec2.commandCalls(DescribeVpcEndpointServiceConfigurationsCommand)[0].args[0].input.Filters).toEqual([
      { Name: 'tag:Project', Values: ['privapi'] },
      { Name: 'tag:Stack', Values: ['service'] },
    ]);
    expect(ec2.commandCalls(ModifyVpcEndpointServicePermissionsCommand).map((c) => c.args[0].input)).toEqual([
      { ServiceId: SERVICE_ID, RemoveAllowedPrincipals: [ROOT] },
    ]);
    expect(ec2.commandCalls(DescribeVpcEndpointConnectionsCommand)[0].args[0].input.Filters).toEqual([
      { Name: 'service-id', Values: [SERVICE_ID] },
      { Name: 'vpc-endpoint-owner', Values: [GONE] },
    ]);
    expect(ec2.commandCalls(RejectVpcEndpointConnectionsCommand).map((c) => c.args[0].input)).toEqual([
      { ServiceId: SERVICE_ID, VpcEndpointIds: ['vpce-0aaa', 'vpce-0ccc'] },
    ]);
  });

  it('a second run changes nothing and says there is nothing left to do', async () => {
    serviceAccount(['arn:aws:iam::222222222222:root'], [{ id: 'vpce-0aaa', state: 'rejected' }]);
    const { code, out } = await run(GONE);
    expect(out).toEqual([
      `${SERVICE_ID}: ${GONE} is not an allowed principal`,
      `${SERVICE_ID}: vpce-0aaa already rejected`,
      `Nothing left to do: ${GONE} is not allowed and has no open connection.`,
    ]);
    expect(code).toBe(0);
    expect(ec2.commandCalls(ModifyVpcEndpointServicePermissionsCommand)).toHaveLength(0);
    expect(ec2.commandCalls(RejectVpcEndpointConnectionsCommand)).toHaveLength(0);
  });

  it('an account with neither principal nor connection: nothing left to do', async () => {
    serviceAccount([], []);
    const { code, out } = await run('444444444444');
    expect(out).toEqual([
      `${SERVICE_ID}: 444444444444 is not an allowed principal`,
      `${SERVICE_ID}: 444444444444 has no endpoint connection`,
      'Nothing left to do: 444444444444 is not allowed and has no open connection.',
    ]);
    expect(code).toBe(0);
  });

  it('an unsuccessful rejection is reported and exits 1', async () => {
    serviceAccount([ROOT], [{ id: 'vpce-0aaa', state: 'available' }]);
    ec2.on(RejectVpcEndpointConnectionsCommand).resolves({
      Unsuccessful: [{ ResourceId: 'vpce-0aaa', Error: { Code: 'InvalidVpcEndpointId.NotFound', Message: 'The Vpc Endpoint Id vpce-0aaa does not exist' } }],
    });
    const { code, out } = await run(GONE);
    expect(out).toEqual([
      `${SERVICE_ID}: removed ${ROOT} from the allowed principals: new endpoints of ${GONE} are refused`,
      `${SERVICE_ID}: FAILED to reject vpce-0aaa (was available): InvalidVpcEndpointId.NotFound: The Vpc Endpoint Id vpce-0aaa does not exist`,
      `Not done: 1 step(s) failed for ${GONE}; fix the cause and run this again.`,
    ]);
    expect(code).toBe(1);
  });

  it("refuses credentials of another account than the service's", async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '999999999999' });
    const { code, err } = await run(GONE);
    expect(code).toBe(2);
    expect(err[0]).toBe(
      'revoke: the credentials are for account 999999999999, not the service account 111111111111 (service.accountId): set service.roleArn or service.profile in the configuration, or AWS_PROFILE.',
    );
    expect(ec2.calls()).toHaveLength(0);
  });

  it('no credentials: exits 2 saying what to set', async () => {
    sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    const { code, err } = await run(GONE);
    expect(code).toBe(2);
    expect(err[0]).toMatch(/^revoke: No AWS credentials for service \(stack service, account 111111111111\): CredentialsProviderError: .*\nGive the scripts credentials/);
  });

  it('no endpoint service of this deployment: nothing to do', async () => {
    serviceAccount([], []);
    ec2.on(DescribeVpcEndpointServiceConfigurationsCommand).resolves({ ServiceConfigurations: [] });
    const { code, out } = await run(GONE);
    expect(out).toEqual([
      'No endpoint service tagged Project=privapi, Stack=service in account 111111111111 (ap-northeast-1): nothing to revoke (no PrivateLink customer is deployed). Nothing left to do.',
    ]);
    expect(code).toBe(0);
  });

  it('while the account is still a customer: the next service deploy would admit it again', () => {
    expect(privatelinkRevocation.stillConfigured(config.customers[0], 'customers[0]')).toBe(
      'the next `cdktf deploy service` would admit it again. Remove customers[0] from the configuration first ' +
        '(`npx cdktf destroy customer` before that, if you manage its stack), then run this again.',
    );
  });
});
