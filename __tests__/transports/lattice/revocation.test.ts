import { deepMerge, DEFAULT_CONFIG_INPUT, parseConfig } from '../../../config';
import { latticeRevocation, resourceConfigurationName } from '../../../transports/lattice/revocation';
import { REVOCATIONS } from '../../../transports/revocations';

const config = parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, {}));

describe('lattice revocation', () => {
  it('is the registry entry for lattice', () => {
    expect(REVOCATIONS.lattice).toBe(latticeRevocation);
  });

  it("names the service's resource configuration as the service stack does", () => {
    expect(resourceConfigurationName('privapi')).toBe('privapi-service-execute-api');
  });

  it("says the next service deploy un-shares, and prints the owner's commands that delete the account's endpoint associations", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await latticeRevocation.revoke('555555555555', { config, io: { out: (l) => out.push(l), err: (l) => err.push(l) } });
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toContain('removes it from the RAM share of privapi-service-execute-api');
    expect(out[1]).toContain("--query \"items[?name=='privapi-service-execute-api'].arn | [0]\"");
    expect(out[1]).toContain('list-resource-endpoint-associations --region ap-northeast-1 --resource-configuration-identifier "$ARN" --vpc-endpoint-owner 555555555555');
    expect(out[1]).toContain('delete-resource-endpoint-association --region ap-northeast-1 --resource-endpoint-association-identifier "$id"');
  });

  it('waits while the account is still a lattice customer: the next deploy would share with it again', () => {
    const customer = parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, { customers: [{ name: 'events', accountId: '555555555555', connectivity: 'lattice', vpcCidr: '10.55.0.0/16' }] })).customers[0];
    expect(latticeRevocation.stillConfigured(customer, 'customers[0]')).toContain('would keep sharing the resource configuration with it. Remove customers[0]');
  });
});
