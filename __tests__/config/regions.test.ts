import { CROSS_REGION_PRIVATELINK_REGIONS, DEFAULT_CONFIG_INPUT } from '../../config';
import { configErrorFor, testConfig } from '../helpers';

/** Consumers in other regions (config/regions.ts and its checks in config/schema.ts). */

const customer = DEFAULT_CONFIG_INPUT.customers[0];
const remote = { ...customer, region: 'us-east-1', azIds: ['use1-az1', 'use1-az2'] };

describe('customer region: compliant', () => {
  it('accepts a PrivateLink customer in another cross-Region region with AZ IDs of that region', () => {
    expect(testConfig({ customers: [remote] }).customers[0]).toMatchObject({ region: 'us-east-1', azIds: ['use1-az1', 'use1-az2'] });
  });

  it('accepts the service\'s own region named explicitly, without azIds', () => {
    expect(testConfig({ customers: [{ ...customer, region: 'ap-northeast-1' }] }).customers[0].azIds).toBeUndefined();
  });

  it('accepts apne1-az3 for a customer in the service\'s own region (no cross-Region access needed)', () => {
    expect(() => testConfig({ azIds: ['apne1-az1', 'apne1-az3'] })).not.toThrow();
  });
});

describe('customer region: validation', () => {
  it('fails on a peering customer in another region, naming aws:SourceVpce', () => {
    const message = configErrorFor({ customers: [{ name: 'partner', accountId: '333333333333', vpcCidr: '10.2.0.0/16', connectivity: 'peering', region: 'us-east-1', azIds: ['use1-az1'] }] });
    expect(message).toContain('customers[0].region: received "us-east-1"; expected the service\'s region ap-northeast-1 for a peering customer');
    expect(message).toContain('aws:SourceVpce');
  });

  it('fails on a customer region without PrivateLink cross-Region connectivity, listing the regions that have it', () => {
    const message = configErrorFor({ customers: [{ ...remote, region: 'eu-central-1', azIds: ['euc1-az1'] }] });
    expect(message).toContain(
      `customers[0].region: received "eu-central-1"; expected a region that offers PrivateLink cross-Region connectivity (${CROSS_REGION_PRIVATELINK_REGIONS.join(', ')}) for a consumer in eu-central-1 of a service in ap-northeast-1`,
    );
    expect(CROSS_REGION_PRIVATELINK_REGIONS).toContain('us-east-1');
  });

  it('fails on a service region without it when a consumer is elsewhere', () => {
    const message = configErrorFor({ region: 'ap-northeast-3', azIds: ['apne3-az1', 'apne3-az2'], customers: [{ ...remote, region: 'ap-northeast-1', azIds: ['apne1-az1'] }] });
    expect(message).toContain('region: received "ap-northeast-3"; expected a region that offers PrivateLink cross-Region connectivity');
    expect(message).not.toContain('customers[0].region');
  });

  it('fails without azIds for a customer in another region', () => {
    expect(configErrorFor({ customers: [{ ...remote, azIds: undefined }] })).toContain(
      "customers[0].azIds: received nothing; expected the AZ IDs of us-east-1 for the customer's subnets (the top-level azIds are ap-northeast-1's)",
    );
  });

  it('fails on azIds for a customer in the service\'s region', () => {
    expect(configErrorFor({ customers: [{ ...customer, azIds: ['apne1-az1'] }] })).toContain(
      'customers[0].azIds: received ["apne1-az1"]; expected no azIds for a customer in the service\'s region ap-northeast-1: it uses the top-level azIds',
    );
  });

  it('fails on an AZ ID of another region than the customer\'s', () => {
    expect(configErrorFor({ customers: [{ ...remote, azIds: ['use1-az1', 'apne1-az1'] }] })).toContain(
      'customers[0].azIds[1]: received "apne1-az1"; expected an availability zone ID of region us-east-1 (use1-az<N>)',
    );
  });

  it('fails on an AZ without cross-Region access for a remote customer', () => {
    expect(configErrorFor({ customers: [{ ...remote, azIds: ['use1-az1', 'use1-az3'] }] })).toContain(
      'customers[0].azIds[1]: received "use1-az3"; expected an AZ that offers cross-Region access: AWS does not for use1-az3, usw1-az2, apne1-az3, apne2-az2, apne2-az4',
    );
  });

  it('fails on a region that is not a region name', () => {
    expect(configErrorFor({ customers: [{ ...remote, region: 'virginia' }] })).toContain(
      'customers[0].region: received "virginia"; expected an AWS region name like ap-northeast-1',
    );
  });
});
