import { configErrorFor, testConfig } from '../../helpers';

/** `lattice` customers: their keys and rules (transports/lattice/definition.ts). */

const events = { name: 'events', accountId: '555555555555', connectivity: 'lattice', vpcCidr: '10.55.0.0/16' };
const network = { vpcId: 'vpc-0c1d2e3f4a5b60001', subnetIds: { 'apne1-az1': 'subnet-0c1d2e3f4a5b60011', 'apne1-az4': 'subnet-0c1d2e3f4a5b60014' } };

describe('lattice: compliant', () => {
  it('accepts a consumer with a new VPC, with the zone and record defaults of PrivateLink', () => {
    const [customer] = testConfig({ customers: [events] }).customers;
    expect(customer).toMatchObject({ connectivity: 'lattice', zoneName: 'hoge.co.jp', recordName: 'vpce' });
  });

  it('accepts zoneId with an existing network', () => {
    const [customer] = testConfig({ customers: [{ ...events, vpcCidr: undefined, network, zoneId: 'Z0123456789ABCDEFGHIJ' }] }).customers;
    expect(customer).toMatchObject({ zoneId: 'Z0123456789ABCDEFGHIJ' });
  });

  it("accepts a consumer in the service's region named explicitly", () => {
    expect(() => testConfig({ customers: [{ ...events, region: 'ap-northeast-1' }] })).not.toThrow();
  });
});

describe('lattice: validation', () => {
  it('fails on a consumer in another Region: a resource configuration is shared and reached within its Region', () => {
    expect(configErrorFor({ customers: [{ ...events, region: 'us-east-1', azIds: ['use1-az1', 'use1-az2'] }] })).toContain(
      'customers[0].region: received "us-east-1"; expected the service\'s region ap-northeast-1 for a lattice customer: a VPC Lattice resource configuration is shared (AWS RAM) and reached by resource endpoints in its own Region only',
    );
  });

  it('fails on zoneId without network', () => {
    expect(configErrorFor({ customers: [{ ...events, zoneId: 'Z0123456789ABCDEFGHIJ' }] })).toContain(
      'customers[0].zoneId: received "Z0123456789ABCDEFGHIJ"; expected zoneId only with an existing network',
    );
  });

  it('fails on a key of another transport (executeApiEndpointId)', () => {
    expect(configErrorFor({ customers: [{ ...events, executeApiEndpointId: 'vpce-0a1b2c3d4e5f60718' }] })).toContain('customers[0].executeApiEndpointId: unknown key');
  });

  it('fails on a record name that is not one DNS label', () => {
    expect(configErrorFor({ customers: [{ ...events, recordName: 'a.b' }] })).toContain('customers[0].recordName: received "a.b"; expected a single lower-case DNS label like vpce');
  });

  it('fails on a custom domain that is its own record name', () => {
    const certificateArn = 'arn:aws:acm:ap-northeast-1:111111111111:certificate/0f0e0d0c-1111-2222-3333-444455556666';
    expect(configErrorFor({ customDomain: { name: 'vpce.hoge.co.jp', certificateArn }, customers: [events] })).toMatch(/vpce\.hoge\.co\.jp/);
  });

  it('lists every transport for an unknown connectivity', () => {
    expect(configErrorFor({ customers: [{ ...events, connectivity: 'vpn' }] })).toContain('expected one of "privatelink", "peering", "private-domain", "lattice"');
  });
});
