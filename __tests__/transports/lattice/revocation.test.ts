import { deepMerge, DEFAULT_CONFIG_INPUT, parseConfig } from '../../../config';
import { latticeRevocation, resourceConfigurationName } from '../../../transports/lattice/revocation';
import { REVOCATIONS } from '../../../transports/revocations';
import { mockClient } from 'aws-sdk-client-mock';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import {
  DeleteResourceEndpointAssociationCommand,
  ListResourceConfigurationsCommand,
  ListResourceEndpointAssociationsCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';

const lattice = mockClient(VPCLatticeClient);
const sts = mockClient(STSClient);
beforeEach(() => {
  lattice.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '111111111111' });
});

const config = parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, {}));

describe('lattice revocation', () => {
  it('is the registry entry for lattice', () => {
    expect(REVOCATIONS.lattice).toBe(latticeRevocation);
  });

  it("names the service's resource configuration as the service stack does", () => {
    expect(resourceConfigurationName('privapi')).toBe('privapi-service-execute-api');
  });

  function io() {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
  }
  const CONFIG_ARN = 'arn:aws:vpc-lattice:ap-northeast-1:111111111111:resourceconfiguration/rcfg-0123456789abcdef0';

  it("deletes every association of the account's resource endpoints with the deployment's configuration", async () => {
    lattice.on(ListResourceConfigurationsCommand).resolves({ items: [{ name: 'other', arn: 'arn:other' }, { name: 'privapi-service-execute-api', arn: CONFIG_ARN }] });
    lattice
      .on(ListResourceEndpointAssociationsCommand, { resourceConfigurationIdentifier: CONFIG_ARN, vpcEndpointOwner: '555555555555' })
      .resolves({ items: [{ id: 'rea-0aaa', vpcEndpointId: 'vpce-0aaa' }, { id: 'rea-0bbb', vpcEndpointId: 'vpce-0bbb' }] });
    lattice.on(DeleteResourceEndpointAssociationCommand).resolves({});
    const { out, err, io: sink } = io();
    expect(await latticeRevocation.revoke('555555555555', { config, io: sink })).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual([
      'VPC Lattice: privapi-service-execute-api: deleted the association of vpce-0aaa (555555555555)',
      'VPC Lattice: privapi-service-execute-api: deleted the association of vpce-0bbb (555555555555)',
      'VPC Lattice: revoked 555555555555: its resource endpoints no longer reach privapi-service-execute-api; the next `cdktf deploy service` without it removes it from the share.',
    ]);
    expect(lattice.commandCalls(DeleteResourceEndpointAssociationCommand).map((c) => c.args[0].input.resourceEndpointAssociationIdentifier)).toEqual(['rea-0aaa', 'rea-0bbb']);
  });

  it('a second run: nothing left to do', async () => {
    lattice.on(ListResourceConfigurationsCommand).resolves({ items: [{ name: 'privapi-service-execute-api', arn: CONFIG_ARN }] });
    lattice.on(ListResourceEndpointAssociationsCommand).resolves({ items: [] });
    const { out, io: sink } = io();
    expect(await latticeRevocation.revoke('555555555555', { config, io: sink })).toBe(0);
    expect(out).toEqual(['VPC Lattice: privapi-service-execute-api: no resource endpoint of 555555555555 is associated. Nothing left to do.']);
    expect(lattice.commandCalls(DeleteResourceEndpointAssociationCommand)).toHaveLength(0);
  });

  it('no lattice consumer deployed: nothing to do', async () => {
    lattice.on(ListResourceConfigurationsCommand).resolves({ items: [] });
    const { out, io: sink } = io();
    expect(await latticeRevocation.revoke('555555555555', { config, io: sink })).toBe(0);
    expect(out[0]).toContain('no resource configuration privapi-service-execute-api in account 111111111111');
  });

  it("refuses credentials of another account than the service's, before listing anything (exit 2)", async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '999999999999' });
    const { err, io: sink } = io();
    expect(await latticeRevocation.revoke('555555555555', { config, io: sink })).toBe(2);
    expect(err[0]).toContain('the credentials are for account 999999999999, not the service account 111111111111');
    expect(lattice.calls()).toHaveLength(0);
  });

  it('a failed deletion exits 1 and says so', async () => {
    lattice.on(ListResourceConfigurationsCommand).resolves({ items: [{ name: 'privapi-service-execute-api', arn: CONFIG_ARN }] });
    lattice.on(ListResourceEndpointAssociationsCommand).resolves({ items: [{ id: 'rea-0aaa', vpcEndpointId: 'vpce-0aaa' }] });
    lattice.on(DeleteResourceEndpointAssociationCommand).rejects(Object.assign(new Error('boom'), { name: 'InternalServerException' }));
    const { out, io: sink } = io();
    expect(await latticeRevocation.revoke('555555555555', { config, io: sink })).toBe(1);
    expect(out.at(-1)).toBe('VPC Lattice: not done: 1 association(s) of 555555555555 left; fix the cause and run this again.');
  });

  it('waits while the account is still a lattice customer: the next deploy would share with it again', () => {
    const customer = parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, { customers: [{ name: 'events', accountId: '555555555555', connectivity: 'lattice', vpcCidr: '10.55.0.0/16' }] })).customers[0];
    expect(latticeRevocation.stillConfigured(customer, 'customers[0]')).toContain('would keep sharing the resource configuration with it. Remove customers[0]');
  });
});
