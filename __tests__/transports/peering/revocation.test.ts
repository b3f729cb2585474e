import { mockClient } from 'aws-sdk-client-mock';
import { EC2Client } from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';
import { deepMerge, DEFAULT_CONFIG_INPUT, parseConfig } from '../../../config';
import { peeringRevocation } from '../../../transports/peering/revocation';
import { REVOCATIONS } from '../../../transports/revocations';

const ec2 = mockClient(EC2Client);
const sts = mockClient(STSClient);

const config = parseConfig(
  deepMerge(DEFAULT_CONFIG_INPUT, {
    customers: [{ name: 'partner', accountId: '444444444444', vpcCidr: '10.2.0.0/16', connectivity: 'peering' }],
  }),
);

beforeEach(() => {
  ec2.reset();
  sts.reset();
});

describe('peering revocation', () => {
  it('is the registry entry for peering', () => {
    expect(REVOCATIONS.peering).toBe(peeringRevocation);
  });

  it('calls nothing and says in one line what cuts the account off', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await peeringRevocation.revoke('333333333333', { config, io: { out: (l) => out.push(l), err: (l) => err.push(l) } });
    expect(out).toEqual([
      'Peering: nothing to call for 333333333333: its CIDR leaves the service endpoint\'s security group on the next `cdktf deploy service`, ' +
        'and destroying its stack deletes its peering.',
    ]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(ec2.calls()).toHaveLength(0);
    expect(sts.calls()).toHaveLength(0);
  });

  it('while the account is still a customer: its CIDR stays open and its stack keeps the peering; destroy first', () => {
    expect(peeringRevocation.stillConfigured(config.customers[0], 'customers[0]')).toBe(
      "the next `cdktf deploy service` would keep 443 open to its CIDR on the service endpoint's security group, and its stack keeps the peering. " +
        'Destroy its stack first (`npx cdktf destroy partner`: it deletes the peering, and needs the customer in the configuration), ' +
        'then remove customers[0] from the configuration, run `npx cdktf deploy service` and run this again.',
    );
  });
});
