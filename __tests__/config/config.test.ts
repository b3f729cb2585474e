import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { scratchDir } from '../scratch';
import { CONFIG_ENV_VAR, DEFAULT_CONFIG_INPUT, loadConfig, parseConfig } from '../../config';
import { cidrSubnet, cidrsOverlap } from '../../config/cidr';
import { configErrorFor, testConfig } from '../helpers';

function writeConfigFile(content: unknown): string {
  const dir = scratchDir('config');
  const file = path.join(dir, 'config.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const customer = DEFAULT_CONFIG_INPUT.customers[0];

describe('embedded default', () => {
  it('reproduces the seeds', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      region: 'ap-northeast-1',
      azIds: ['apne1-az1', 'apne1-az4'],
      service: { accountId: '111111111111', vpcCidr: '10.0.0.0/16', stageName: 'prod', testInstance: true },
      customers: [
        {
          name: 'customer',
          accountId: '222222222222',
          vpcCidr: '10.1.0.0/16',
          connectivity: 'privatelink',
          zoneName: 'hoge.co.jp',
          recordName: 'vpce',
          testInstance: true,
        },
      ],
      backend: { type: 'local' },
    });
    expect(config.service.roleArn).toBeUndefined();
  });

  it('fills per-customer defaults (privatelink, seed zone, test instance) for a minimal customer', () => {
    const config = testConfig({ customers: [{ name: 'acme', accountId: '333333333333', vpcCidr: '10.9.0.0/16' }] });
    expect(config.customers[0]).toEqual({
      name: 'acme',
      accountId: '333333333333',
      vpcCidr: '10.9.0.0/16',
      connectivity: 'privatelink',
      zoneName: 'hoge.co.jp',
      recordName: 'vpce',
      testInstance: true,
    });
  });
});

describe(`${CONFIG_ENV_VAR} file`, () => {
  it('is deep-merged over the default: objects merge, arrays replace', () => {
    const file = writeConfigFile({
      service: { roleArn: 'arn:aws:iam::111111111111:role/deploy', testInstance: false },
      customers: [{ ...customer, name: 'acme', roleArn: 'arn:aws:iam::222222222222:role/deploy' }],
    });
    const config = loadConfig({ [CONFIG_ENV_VAR]: file });
    expect(config.service).toEqual({
      accountId: '111111111111',
      roleArn: 'arn:aws:iam::111111111111:role/deploy',
      vpcCidr: '10.0.0.0/16',
      stageName: 'prod',
      testInstance: false,
      privateDns: true,
    });
    expect(config.customers.map((c) => c.name)).toEqual(['acme']);
  });

  it('accepts a file saved with a UTF-8 byte-order mark', () => {
    const file = writeConfigFile(`\uFEFF${JSON.stringify({ service: { stageName: 'v2' } })}`);
    expect(loadConfig({ [CONFIG_ENV_VAR]: file }).service.stageName).toBe('v2');
  });

  it('fails on a missing file, naming the variable and the path', () => {
    expect(() => loadConfig({ [CONFIG_ENV_VAR]: '/nonexistent/privapi.json' })).toThrow(
      `${CONFIG_ENV_VAR}=/nonexistent/privapi.json: cannot read the file`,
    );
  });

  it('fails on invalid JSON', () => {
    const file = writeConfigFile('{ "region": ');
    expect(() => loadConfig({ [CONFIG_ENV_VAR]: file })).toThrow(`${CONFIG_ENV_VAR}=${file}: not valid JSON`);
  });

  it('fails on a JSON value that is not an object', () => {
    const file = writeConfigFile('["ap-northeast-1"]');
    expect(() => loadConfig({ [CONFIG_ENV_VAR]: file })).toThrow('expected a JSON object at the top level');
  });

  it('names the file in validation errors', () => {
    const file = writeConfigFile({ region: 'tokyo' });
    expect(() => loadConfig({ [CONFIG_ENV_VAR]: file })).toThrow(`Invalid configuration in ${file}`);
  });
});

describe('validation', () => {
  it('fails on a wrong type, naming field, value and expectation', () => {
    expect(configErrorFor({ service: { accountId: 111111111111 } })).toContain(
      'service.accountId: received 111111111111; expected a 12-digit AWS account id as a string',
    );
  });

  it('fails on an 11-digit account id', () => {
    expect(configErrorFor({ customers: [{ ...customer, accountId: '22222222222' }] })).toContain(
      'customers[0].accountId: received "22222222222"; expected a 12-digit AWS account id',
    );
  });

  it('fails on a malformed CIDR', () => {
    expect(configErrorFor({ service: { vpcCidr: '10.0.0/16' } })).toContain(
      'service.vpcCidr: received "10.0.0/16"; expected an IPv4 CIDR like 10.0.0.0/16',
    );
  });

  it('fails on a CIDR with host bits set', () => {
    expect(configErrorFor({ service: { vpcCidr: '10.0.0.1/16' } })).toContain('expected a network address');
  });

  it('fails on a VPC prefix outside /16../24', () => {
    expect(configErrorFor({ service: { vpcCidr: '10.0.0.0/8' } })).toContain(
      'service.vpcCidr: received "10.0.0.0/8"; expected a VPC CIDR with a prefix from /16 to /24',
    );
  });

  it('fails on a malformed role ARN', () => {
    expect(configErrorFor({ service: { roleArn: 'arn:aws:iam::111111111111:user/deploy' } })).toContain(
      'service.roleArn: received "arn:aws:iam::111111111111:user/deploy"; expected an IAM role ARN',
    );
  });

  it('fails on a peered CIDR overlapping the service VPC', () => {
    expect(configErrorFor({ customers: [{ ...customer, connectivity: 'peering', vpcCidr: '10.0.128.0/17' }] })).toContain(
      'customers[0].vpcCidr: received "10.0.128.0/17"; expected a CIDR that does not overlap service.vpcCidr (10.0.0.0/16)',
    );
  });

  it('fails on two peered customers overlapping each other', () => {
    const message = configErrorFor({
      customers: [
        { ...customer, name: 'a', connectivity: 'peering', vpcCidr: '10.5.0.0/16' },
        { ...customer, name: 'b', connectivity: 'peering', vpcCidr: '10.5.0.0/20' },
      ],
    });
    expect(message).toContain('customers[1].vpcCidr: received "10.5.0.0/20"; expected a CIDR that does not overlap customers[0].vpcCidr');
  });

  it('accepts overlapping CIDRs behind PrivateLink', () => {
    expect(() => testConfig({ customers: [{ ...customer, vpcCidr: '10.0.0.0/16' }] })).not.toThrow();
  });

  it('fails on a duplicate customer name', () => {
    expect(configErrorFor({ customers: [customer, { ...customer, accountId: '333333333333' }] })).toContain(
      'customers[1].name: received "customer"; expected a unique name; customers[0] already uses it',
    );
  });

  it('fails on the reserved name "service"', () => {
    expect(configErrorFor({ customers: [{ ...customer, name: 'service' }] })).toContain(
      'customers[0].name: received "service"; expected any name but "service"',
    );
  });

  it('fails on a name that is not lower-case kebab', () => {
    expect(configErrorFor({ customers: [{ ...customer, name: 'Acme_Corp' }] })).toContain(
      'customers[0].name: received "Acme_Corp"; expected a lower-case kebab-case name',
    );
  });

  it('fails on a name prefix too long for AWS name limits', () => {
    expect(configErrorFor({ namePrefix: 'private-api-prod' })).toContain(
      'namePrefix: received "private-api-prod"; expected a lower-case name of at most 12 characters',
    );
  });

  it('fails on a customer name too long for AWS name limits', () => {
    expect(configErrorFor({ customers: [{ ...customer, name: 'a'.repeat(33) }] })).toContain('expected at most 32 characters');
  });

  it('fails on an unknown connectivity mode', () => {
    expect(configErrorFor({ customers: [{ ...customer, connectivity: 'transit-gateway' }] })).toContain(
      'customers[0].connectivity: received "transit-gateway"; expected one of "privatelink", "peering"',
    );
  });

  it('fails on fewer than 2 AZ IDs', () => {
    expect(configErrorFor({ azIds: ['apne1-az1'] })).toContain(
      'azIds: received ["apne1-az1"]; expected at least 2 availability zone IDs',
    );
  });

  it('fails on an AZ name where an AZ ID is expected, with one message for the entry', () => {
    const message = configErrorFor({ azIds: ['ap-northeast-1a', 'apne1-az4'] });
    expect(message).toContain('azIds[0]: received "ap-northeast-1a"; expected an availability zone ID like apne1-az1 (an ID, not a name');
    expect(message.split('\n').filter((line) => line.includes('azIds[0]'))).toHaveLength(1);
  });

  it('fails on an AZ ID of another region', () => {
    expect(configErrorFor({ azIds: ['use1-az1', 'apne1-az4'] })).toContain(
      'azIds[0]: received "use1-az1"; expected an availability zone ID of region ap-northeast-1 (apne1-az<N>)',
    );
  });

  it('fails on an unknown key at the top level', () => {
    expect(configErrorFor({ regoin: 'ap-northeast-1' })).toContain('regoin: unknown key');
  });

  it('fails on an unknown key inside a customer', () => {
    expect(configErrorFor({ customers: [{ ...customer, zone: 'hoge.co.jp' }] })).toContain('customers[0].zone: unknown key');
  });

  it('fails on zoneName for a peering customer, whose zone is always the API name', () => {
    expect(
      configErrorFor({ customers: [{ ...customer, connectivity: 'peering', vpcCidr: '10.7.0.0/16' }] }),
    ).toContain('customers[0].zoneName: unknown key');
  });

  it('fails on an unknown backend type', () => {
    expect(configErrorFor({ backend: { type: 'gcs' } })).toContain(
      'backend.type: received "gcs"; expected one of "local", "s3", "cloud"',
    );
  });

  it('fails on an s3 backend without a bucket', () => {
    expect(configErrorFor({ backend: { type: 's3' } })).toContain('backend.bucket: missing; this field is required (expected a string)');
  });

  it('fails on a cloud backend without an organization', () => {
    expect(configErrorFor({ backend: { type: 'cloud' } })).toContain('backend.organization: missing; this field is required (expected a string)');
  });

  it('fails on a customer without an account id', () => {
    expect(configErrorFor({ customers: [{ name: 'acme', vpcCidr: '10.9.0.0/16' }] })).toContain(
      'customers[0].accountId: missing; this field is required (expected a string)',
    );
  });

  it('fails on a role ARN of another account than accountId', () => {
    expect(configErrorFor({ customers: [{ ...customer, roleArn: 'arn:aws:iam::111111111111:role/deploy' }] })).toContain(
      'customers[0].roleArn: received "arn:aws:iam::111111111111:role/deploy"; expected a role in account 222222222222 (accountId); this role is in account 111111111111',
    );
    expect(configErrorFor({ service: { roleArn: 'arn:aws:iam::999999999999:role/deploy' } })).toContain('service.roleArn: received');
  });

  it('fails on an AZ number beyond the 16 subnet slots of the VPC', () => {
    expect(configErrorFor({ azIds: ['apne1-az1', 'apne1-az16'] })).toContain(
      'azIds[1]: received "apne1-az16"; expected an AZ number from 1 to 15',
    );
  });

  it('fails on a non-boolean privateDns', () => {
    expect(configErrorFor({ service: { privateDns: 'yes' } })).toContain('service.privateDns: received "yes"; expected true or false');
  });

  describe('customDomain', () => {
    const certificateArn = 'arn:aws:acm:ap-northeast-1:111111111111:certificate/0f0e0d0c-1111-2222-3333-444455556666';

    it('accepts a certificate ARN or a validation zone, and is absent by default', () => {
      expect(testConfig().customDomain).toBeUndefined();
      expect(testConfig({ customDomain: { name: 'api.hoge.co.jp', certificateArn } }).customDomain).toEqual({ name: 'api.hoge.co.jp', certificateArn });
    });

    it('fails on a name that is not a lower-case DNS name', () => {
      expect(configErrorFor({ customDomain: { name: 'API.hoge.co.jp', certificateArn } })).toContain(
        'customDomain.name: received "API.hoge.co.jp"; expected a lower-case DNS name like api.hoge.co.jp',
      );
    });

    it('fails on a wildcard name', () => {
      expect(configErrorFor({ customDomain: { name: '*.hoge.co.jp', certificateArn } })).toContain(
        'customDomain.name: received "*.hoge.co.jp"; expected a name without a wildcard',
      );
    });

    it('fails on both or neither certificate source', () => {
      for (const domain of [{ name: 'api.hoge.co.jp' }, { name: 'api.hoge.co.jp', certificateArn, validationZoneId: 'Z0123456789' }]) {
        expect(configErrorFor({ customDomain: domain })).toContain('customDomain: received');
        expect(configErrorFor({ customDomain: domain })).toContain('expected exactly one of certificateArn');
      }
    });

    it('fails on an ARN that is not an ACM certificate ARN', () => {
      expect(configErrorFor({ customDomain: { name: 'api.hoge.co.jp', certificateArn: 'arn:aws:iam::111111111111:server-certificate/x' } })).toContain(
        'customDomain.certificateArn: received "arn:aws:iam::111111111111:server-certificate/x"; expected an ACM certificate ARN',
      );
    });

    it('fails on a certificate of another region or account', () => {
      expect(configErrorFor({ customDomain: { name: 'api.hoge.co.jp', certificateArn: certificateArn.replace('ap-northeast-1', 'us-east-1') } })).toContain(
        "expected a certificate in the API's region ap-northeast-1",
      );
      expect(configErrorFor({ customDomain: { name: 'api.hoge.co.jp', certificateArn: certificateArn.replace('111111111111', '222222222222') } })).toContain(
        'expected a certificate of the service account 111111111111',
      );
    });

    it('fails on a zone id of the wrong shape', () => {
      expect(configErrorFor({ customDomain: { name: 'api.hoge.co.jp', validationZoneId: 'hoge.co.jp' } })).toContain(
        'customDomain.validationZoneId: received "hoge.co.jp"; expected a Route 53 hosted zone id',
      );
    });

    it('fails on the name a PrivateLink customer\'s endpoint record already uses', () => {
      expect(configErrorFor({ customDomain: { name: 'vpce.hoge.co.jp', certificateArn } })).toContain(
        "customDomain.name: received \"vpce.hoge.co.jp\"; expected a name other than customers[0]'s record vpce.hoge.co.jp",
      );
    });
  });

  describe('observability', () => {
    it('defaults to metrics and throttling only: no access logs, no account role, no alarms', () => {
      expect(testConfig().observability).toEqual({ accessLogs: false, manageAccountLoggingRole: false, throttling: { rateLimit: 100, burstLimit: 200 } });
    });

    it('fails on a throttling limit that is not a positive number within the account quota', () => {
      expect(configErrorFor({ observability: { throttling: { rateLimit: 0 } } })).toContain(
        'observability.throttling.rateLimit: received 0; expected a positive number of requests per second',
      );
      expect(configErrorFor({ observability: { throttling: { burstLimit: 1.5 } } })).toContain(
        'observability.throttling.burstLimit: received 1.5; expected a whole number',
      );
    });

    it('fails on an alarm e-mail that is not an address', () => {
      expect(configErrorFor({ observability: { alarms: { email: 'ops' } } })).toContain(
        'observability.alarms.email: received "ops"; expected an e-mail address',
      );
    });

    it('fails on an unknown observability key', () => {
      expect(configErrorFor({ observability: { accesLogs: true } })).toContain('observability.accesLogs: unknown key');
    });
  });

  it('reports every bad field at once', () => {
    const message = configErrorFor({ region: 'tokyo', service: { accountId: '1' } });
    expect(message).toContain('region: received "tokyo"');
    expect(message).toContain('service.accountId: received "1"');
  });

  it('parses a valid full-shape document unchanged', () => {
    const input = {
      region: 'ap-northeast-1',
      namePrefix: 'privapi',
      azIds: ['apne1-az1', 'apne1-az4'],
      service: {
        accountId: '111111111111',
        roleArn: 'arn:aws:iam::111111111111:role/deploy',
        vpcCidr: '10.0.0.0/16',
        stageName: 'prod',
        testInstance: true,
        privateDns: true,
      },
      customers: [
        {
          name: 'customer',
          accountId: '222222222222',
          roleArn: 'arn:aws:iam::222222222222:role/deploy',
          vpcCidr: '10.1.0.0/16',
          connectivity: 'privatelink',
          zoneName: 'hoge.co.jp',
          recordName: 'vpce',
          testInstance: true,
        },
      ],
      backend: { type: 'local' },
      customDomain: { name: 'api.hoge.co.jp', validationZoneId: 'Z0123456789ABCDEFGHIJ' },
      observability: { accessLogs: true, manageAccountLoggingRole: true, throttling: { rateLimit: 50, burstLimit: 80 }, alarms: { email: 'ops@example.com' } },
    };
    expect(parseConfig(input)).toEqual(input);
  });
});

describe('cidr helpers', () => {
  it('plans subnets like Terraform cidrsubnet', () => {
    expect([0, 1, 15].map((n) => cidrSubnet('10.0.0.0/16', 4, n))).toEqual(['10.0.0.0/20', '10.0.16.0/20', '10.0.240.0/20']);
    expect(cidrSubnet('192.168.4.0/24', 4, 2)).toBe('192.168.4.32/28');
  });

  it('detects overlap in either direction and not for adjacent blocks', () => {
    expect(cidrsOverlap('10.0.0.0/16', '10.0.200.0/24')).toBe(true);
    expect(cidrsOverlap('10.0.200.0/24', '10.0.0.0/16')).toBe(true);
    expect(cidrsOverlap('10.0.0.0/16', '10.1.0.0/16')).toBe(false);
  });
});

describe('customers[].callers', () => {
  const iamApi = [{ name: 'orders', authorization: 'iam' }];
  const caller = 'arn:aws:iam::222222222222:role/orders-client';

  it('accepts roles of the customer\'s own account when an API with authorization "iam" admits it', () => {
    const config = testConfig({ apis: iamApi, customers: [{ ...customer, callers: [caller] }] });
    expect(config.customers[0].callers).toEqual([caller]);
  });

  it('is absent by default (the account root is then the principal)', () => {
    expect(testConfig({ apis: iamApi }).customers[0].callers).toBeUndefined();
  });

  it('fails on a role of another account', () => {
    expect(configErrorFor({ apis: iamApi, customers: [{ ...customer, callers: [caller, 'arn:aws:iam::333333333333:role/x'] }] })).toContain(
      "customers[0].callers[1]: received \"arn:aws:iam::333333333333:role/x\"; expected a role of this customer's account 222222222222 (accountId); this role is in account 333333333333",
    );
  });

  it('fails on callers without an API with authorization "iam" the customer may call', () => {
    const expected = 'customers[0].callers: received ["arn:aws:iam::222222222222:role/orders-client"]; expected callers only for a customer that may call an API with authorization "iam"';
    expect(configErrorFor({ customers: [{ ...customer, callers: [caller] }] })).toContain(expected);
    expect(configErrorFor({ apis: [{ name: 'orders' }], customers: [{ ...customer, callers: [caller] }] })).toContain(expected);
    const other = { name: 'other', accountId: '444444444444', vpcCidr: '10.4.0.0/16' };
    expect(configErrorFor({ apis: [{ name: 'orders', authorization: 'iam', consumers: ['other'] }], customers: [{ ...customer, callers: [caller] }, other] })).toContain(expected);
  });

  it('fails on a malformed role ARN', () => {
    expect(configErrorFor({ apis: iamApi, customers: [{ ...customer, callers: ['arn:aws:iam::222222222222:user/alice'] }] })).toContain(
      'customers[0].callers[0]: received "arn:aws:iam::222222222222:user/alice"; expected an IAM role ARN like arn:aws:iam::111111111111:role/deploy',
    );
  });

  it('fails on an empty list', () => {
    expect(configErrorFor({ apis: iamApi, customers: [{ ...customer, callers: [] }] })).toContain(
      'customers[0].callers: received []; expected at least one role ARN (omit callers to admit the account root)',
    );
  });
});
