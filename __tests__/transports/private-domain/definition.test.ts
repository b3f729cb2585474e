import { configErrorFor, testConfig } from '../../helpers';

/** `private-domain` customers: their keys and rules (transports/private-domain/definition.ts). */

const certificateArn = 'arn:aws:acm:ap-northeast-1:111111111111:certificate/0f0e0d0c-1111-2222-3333-444455556666';
const retail = { name: 'retail', accountId: '444444444444', connectivity: 'private-domain', vpcCidr: '10.44.0.0/16' };
const network = { vpcId: 'vpc-0c1d2e3f4a5b60001', subnetIds: { 'apne1-az1': 'subnet-0c1d2e3f4a5b60011', 'apne1-az4': 'subnet-0c1d2e3f4a5b60014' } };
const outlet = { name: 'outlet', accountId: '454545454545', connectivity: 'private-domain', executeApiEndpointId: 'vpce-0a1b2c3d4e5f60718', network };

describe('private-domain: compliant', () => {
  it('accepts a consumer with a new VPC, and one bringing its network and execute-api endpoint', () => {
    const config = testConfig({ customDomain: { name: 'api.hoge.co.jp', certificateArn }, customers: [retail, outlet] });
    expect(config.customers.map((c) => c.connectivity)).toEqual(['private-domain', 'private-domain']);
    expect(config.customers[1]).toMatchObject({ executeApiEndpointId: 'vpce-0a1b2c3d4e5f60718' });
  });

  it('accepts apis when every API the consumer may call has a custom domain (an API it may not call needs none)', () => {
    const apis = [
      { name: 'orders', customDomain: { name: 'orders.hoge.co.jp', certificateArn }, authorization: 'iam' },
      { name: 'billing', authorization: 'iam', consumers: ['customer'] },
    ];
    expect(() => testConfig({ customers: [{ name: 'customer', accountId: '222222222222', vpcCidr: '10.1.0.0/16' }, retail], apis })).not.toThrow();
  });
});

describe('private-domain: validation', () => {
  it('fails on the default API without a custom domain, naming it', () => {
    expect(configErrorFor({ customers: [retail] })).toContain(
      'customers[0].connectivity: received "private-domain"; expected a custom domain on every API this customer may call: a private-domain consumer calls only through the shared private custom domain name, and the default API (no apis): set the top-level customDomain has none',
    );
  });

  it('fails on an API of apis it may call without a custom domain, naming that API', () => {
    const message = configErrorFor({ customers: [retail], apis: [{ name: 'orders', customDomain: { name: 'orders.hoge.co.jp', certificateArn } }, { name: 'billing' }] });
    expect(message).toContain('and apis[1] ("billing") has none');
    expect(message).not.toContain('apis[0] ("orders")');
  });

  it('fails on a consumer in another Region: sharing and association are per Region', () => {
    expect(configErrorFor({ customDomain: { name: 'api.hoge.co.jp', certificateArn }, customers: [{ ...retail, region: 'us-east-1', azIds: ['use1-az1', 'use1-az2'] }] })).toContain(
      'customers[0].region: received "us-east-1"; expected the service\'s region ap-northeast-1 for a private-domain customer',
    );
  });

  it('fails on executeApiEndpointId not of AWS\'s shape', () => {
    expect(configErrorFor({ customDomain: { name: 'api.hoge.co.jp', certificateArn }, customers: [{ ...outlet, executeApiEndpointId: 'vpce-xyz' }] })).toContain(
      'customers[0].executeApiEndpointId: received "vpce-xyz"; expected a VPC endpoint id like vpce-0a1b2c3d4e5f60718',
    );
  });

  it('fails on executeApiEndpointId without network', () => {
    expect(configErrorFor({ customDomain: { name: 'api.hoge.co.jp', certificateArn }, customers: [{ ...outlet, network: undefined, vpcCidr: '10.45.0.0/16' }] })).toContain(
      'customers[0].executeApiEndpointId: received "vpce-0a1b2c3d4e5f60718"; expected executeApiEndpointId only with an existing network',
    );
  });

  it('fails on executeApiEndpointId on another transport (an unknown key there)', () => {
    expect(configErrorFor({ customers: [{ name: 'customer', accountId: '222222222222', vpcCidr: '10.1.0.0/16', executeApiEndpointId: 'vpce-0a1b2c3d4e5f60718' }] })).toContain(
      'customers[0].executeApiEndpointId: unknown key',
    );
  });

  it('fails on a customer named like another consumer\'s endpoint stack', () => {
    expect(configErrorFor({ customDomain: { name: 'api.hoge.co.jp', certificateArn }, customers: [retail, { ...retail, name: 'retail-endpoint', accountId: '464646464646' }] })).toContain(
      'customers[0].name: received "retail"; expected a name whose endpoint stack "retail-endpoint" is free: customers[1] is a stack of that name',
    );
  });

  it('lists every transport for an unknown connectivity', () => {
    expect(configErrorFor({ customers: [{ ...retail, connectivity: 'vpn' }] })).toContain('expected one of "privatelink", "peering", "private-domain", "lattice"');
  });
});
