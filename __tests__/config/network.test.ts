import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { scratchDir } from '../scratch';
import { CONFIG_ENV_VAR, ConfigError, DEFAULT_CONFIG_INPUT, loadConfig, parseConfig } from '../../config';

/** Existing networks (config/network.ts and its checks in config/schema.ts). */

const VPC = 'vpc-0123456789abcdef0';
const SUBNETS = { 'apne1-az1': 'subnet-0aaaaaaaaaaaaaaaa', 'apne1-az4': 'subnet-0bbbbbbbbbbbbbbbb' };
const RTB = 'rtb-0cccccccccccccccc';
const ZONE = 'Z0123456789ABCDEFGHIJ';
const base = DEFAULT_CONFIG_INPUT;
const customer = base.customers[0];
const peer = { name: 'partner', accountId: '333333333333', vpcCidr: '10.2.0.0/16', connectivity: 'peering' };

/** The default with `service` and `customers` replaced as given (no deep merge: a key left out stays out). */
function input(service: Record<string, unknown>, customers: Record<string, unknown>[] = [customer]): Record<string, unknown> {
  return { ...base, service, customers };
}

function errorFor(document: Record<string, unknown>): string {
  try {
    parseConfig(document, 'test configuration');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(document)} to be rejected`);
}

const serviceOn = (network: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ accountId: '111111111111', network, ...extra });

describe('network: compliant', () => {
  it('accepts a service network without vpcCidr (it is read) and without route tables when no customer peers', () => {
    const config = parseConfig(input(serviceOn({ vpcId: VPC, subnetIds: SUBNETS })));
    expect(config.service.network).toEqual({ vpcId: VPC, subnetIds: SUBNETS });
    expect(config.service.vpcCidr).toBeUndefined();
  });

  it('accepts route tables on both sides of a peering, and a customer network with the zone it already has', () => {
    const config = parseConfig(
      input(serviceOn({ vpcId: VPC, subnetIds: SUBNETS, routeTableIds: [RTB] }, { vpcCidr: '10.0.0.0/16' }), [
        { ...customer, network: { vpcId: 'vpc-0dddddddddddddddd', subnetIds: SUBNETS }, zoneId: ZONE },
        { ...peer, network: { vpcId: 'vpc-0eeeeeee', subnetIds: SUBNETS, routeTableIds: ['rtb-0fffffff'] } },
      ]),
    );
    expect(config.customers[0]).toMatchObject({ zoneId: ZONE, network: { subnetIds: SUBNETS } });
    expect(config.customers[1]).toMatchObject({ network: { routeTableIds: ['rtb-0fffffff'] } });
  });
});

describe('network: validation', () => {
  it('fails on a VPC id of the wrong shape', () => {
    expect(errorFor(input(serviceOn({ vpcId: 'vpc-123', subnetIds: SUBNETS })))).toContain(
      'service.network.vpcId: received "vpc-123"; expected a VPC id like vpc-0123456789abcdef0',
    );
  });

  it('fails on a subnet id of the wrong shape', () => {
    expect(errorFor(input(serviceOn({ vpcId: VPC, subnetIds: { ...SUBNETS, 'apne1-az4': 'subnet-XYZ' } })))).toContain(
      'service.network.subnetIds.apne1-az4: received "subnet-XYZ"; expected a subnet id like subnet-0123456789abcdef0',
    );
  });

  it('fails on a route table id of the wrong shape', () => {
    expect(errorFor(input(serviceOn({ vpcId: VPC, subnetIds: SUBNETS, routeTableIds: ['rt-0cccccccc'] }, { vpcCidr: '10.0.0.0/16' }), [peer]))).toContain(
      'service.network.routeTableIds[0]: received "rt-0cccccccc"; expected a route table id like rtb-0123456789abcdef0',
    );
  });

  it('fails on a hosted zone id of the wrong shape', () => {
    expect(errorFor(input(base.service, [{ ...customer, network: { vpcId: VPC, subnetIds: SUBNETS }, zoneId: 'hoge.co.jp' }]))).toContain(
      'customers[0].zoneId: received "hoge.co.jp"; expected a Route 53 hosted zone id like Z0123456789ABCDEFGHIJ',
    );
  });

  it('fails on a subnetIds key that is not one of the stack\'s azIds', () => {
    expect(errorFor(input(serviceOn({ vpcId: VPC, subnetIds: { ...SUBNETS, 'apne1-az2': 'subnet-0eeeeeeeeeeeeeeee' } })))).toContain(
      'service.network.subnetIds.apne1-az2: received "subnet-0eeeeeeeeeeeeeeee"; expected keys that are this stack\'s azIds (apne1-az1, apne1-az4): one existing subnet per AZ ID',
    );
  });

  it('fails on an AZ ID of azIds without a subnet', () => {
    expect(errorFor(input(serviceOn({ vpcId: VPC, subnetIds: { 'apne1-az1': SUBNETS['apne1-az1'] } })))).toContain(
      'service.network.subnetIds: received {"apne1-az1":"subnet-0aaaaaaaaaaaaaaaa"}; expected a subnet for every AZ ID of azIds; apne1-az4 has none',
    );
  });

  it('checks a remote customer\'s subnetIds against its own azIds', () => {
    const remote = { ...customer, region: 'us-east-1', azIds: ['use1-az1', 'use1-az2'], network: { vpcId: VPC, subnetIds: SUBNETS } };
    const message = errorFor(input(base.service, [remote]));
    expect(message).toContain("customers[0].network.subnetIds.apne1-az1: received \"subnet-0aaaaaaaaaaaaaaaa\"; expected keys that are this stack's azIds (use1-az1, use1-az2)");
    expect(message).toContain('customers[0].network.subnetIds: received');
    expect(message).toContain('use1-az2 has none');
  });

  it('fails on the same subnet under two AZ IDs, at the second', () => {
    expect(errorFor(input(serviceOn({ vpcId: VPC, subnetIds: { 'apne1-az1': SUBNETS['apne1-az1'], 'apne1-az4': SUBNETS['apne1-az1'] } })))).toContain(
      'service.network.subnetIds.apne1-az4: received "subnet-0aaaaaaaaaaaaaaaa"; expected one subnet per AZ; subnet-0aaaaaaaaaaaaaaaa is already under apne1-az1',
    );
  });

  it('fails without route tables on a network that peers', () => {
    expect(errorFor(input(serviceOn({ vpcId: VPC, subnetIds: SUBNETS }, { vpcCidr: '10.0.0.0/16' }), [peer]))).toContain(
      'service.network.routeTableIds: received nothing; expected the route tables that must route to the peered VPC (the peering customers)',
    );
    expect(errorFor(input(base.service, [{ ...peer, network: { vpcId: VPC, subnetIds: SUBNETS } }]))).toContain(
      'customers[0].network.routeTableIds: received nothing; expected the route tables that must route to the peered VPC (the service VPC)',
    );
  });

  it('fails on route tables where only PrivateLink is used', () => {
    const expected = 'expected no route tables: only a peering needs routes (PrivateLink reaches the service through the endpoint)';
    expect(errorFor(input(serviceOn({ vpcId: VPC, subnetIds: SUBNETS, routeTableIds: [RTB] })))).toContain(
      `service.network.routeTableIds: received ["${RTB}"]; ${expected}`,
    );
    expect(errorFor(input(base.service, [{ ...customer, network: { vpcId: VPC, subnetIds: SUBNETS, routeTableIds: [RTB] } }]))).toContain(
      `customers[0].network.routeTableIds: received ["${RTB}"]; ${expected}`,
    );
  });

  it('fails on the same route table twice', () => {
    expect(errorFor(input(serviceOn({ vpcId: VPC, subnetIds: SUBNETS, routeTableIds: [RTB, RTB] }, { vpcCidr: '10.0.0.0/16' }), [peer]))).toContain(
      'service.network.routeTableIds: received ["rtb-0cccccccccccccccc","rtb-0cccccccccccccccc"]; expected distinct route table ids',
    );
  });

  it('fails on zoneId without a network: a zone that exists cannot be associated with a VPC this stack creates', () => {
    expect(errorFor(input(base.service, [{ ...customer, zoneId: ZONE }]))).toContain(
      `customers[0].zoneId: received "${ZONE}"; expected zoneId only with an existing network`,
    );
  });

  it('fails without vpcCidr where there is no network to read it from', () => {
    expect(errorFor(input({ accountId: '111111111111' }))).toContain(
      'service.vpcCidr: received nothing; expected an IPv4 CIDR like 10.0.0.0/16 (only an existing network may leave it out: it is then read from AWS)',
    );
  });

  it('fails without vpcCidr for a peering customer, also with an existing network', () => {
    const noCidr = { name: 'partner', accountId: '333333333333', connectivity: 'peering' };
    const message = errorFor(
      input(serviceOn({ vpcId: VPC, subnetIds: SUBNETS, routeTableIds: [RTB] }, { vpcCidr: '10.0.0.0/16' }), [
        { ...noCidr, network: { vpcId: VPC, subnetIds: SUBNETS, routeTableIds: [RTB] } },
      ]),
    );
    expect(message).toContain("customers[0].vpcCidr: received nothing; expected the VPC's CIDR, also with an existing network");
  });

  it('fails on an unknown key in a network', () => {
    expect(errorFor(input(serviceOn({ vpcId: VPC, subnetIds: SUBNETS, igw: 'igw-1' })))).toContain('service.network.igw: unknown key');
  });
});

describe(`network in a ${CONFIG_ENV_VAR} file`, () => {
  function load(override: unknown) {
    const file = path.join(scratchDir('network'), 'config.json');
    writeFileSync(file, JSON.stringify(override));
    return loadConfig({ [CONFIG_ENV_VAR]: file });
  }

  it('drops the embedded default\'s service.vpcCidr when the file gives service.network without one', () => {
    const config = load({ service: { network: { vpcId: VPC, subnetIds: SUBNETS } } });
    expect(config.service.vpcCidr).toBeUndefined();
    expect(config.service.network?.vpcId).toBe(VPC);
  });

  it('keeps the file\'s own vpcCidr beside its network, and the default\'s without a network', () => {
    expect(load({ service: { vpcCidr: '10.8.0.0/16', network: { vpcId: VPC, subnetIds: SUBNETS } } }).service.vpcCidr).toBe('10.8.0.0/16');
    expect(load({ service: { stageName: 'v2' } }).service.vpcCidr).toBe('10.0.0.0/16');
  });
});
