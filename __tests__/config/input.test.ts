import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_ENV_VAR, ConfigError, DEFAULT_CONFIG_INPUT, loadConfig, parseConfig } from '../../config';
import { describeReceived, MAX_CONFIG_BYTES, MAX_CONFIG_DEPTH } from '../../config/input';
import { scratchDir } from '../scratch';
import { testConfig } from '../helpers';

/** What a config file may be before its content is looked at (config/input.ts), and the region list. */

function write(name: string, text: string): string {
  const file = path.join(scratchDir('input'), name);
  writeFileSync(file, text);
  return file;
}

function loadError(file: string): string {
  try {
    loadConfig({ [CONFIG_ENV_VAR]: file });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected ${file} to be refused`);
}

describe('config file size', () => {
  it('reads a file within the limit', () => {
    expect(loadConfig({ [CONFIG_ENV_VAR]: write('small.json', JSON.stringify({ namePrefix: 'small' })) }).namePrefix).toBe('small');
  });

  it('fails on a file past the limit without reading it, giving both figures', () => {
    const file = write('large.json', `{"namePrefix": "${'a'.repeat(MAX_CONFIG_BYTES)}"}`);
    expect(loadError(file)).toBe(`${CONFIG_ENV_VAR}=${file}: expected a file of at most ${MAX_CONFIG_BYTES} bytes; it has ${MAX_CONFIG_BYTES + 18} bytes`);
  });

  it('fails on a device that never ends (/dev/zero) instead of reading it', () => {
    expect(loadError('/dev/zero')).toBe(`${CONFIG_ENV_VAR}=/dev/zero: expected a regular file (JSON); found a character device`);
  });

  it('fails on a FIFO from its stat, without waiting for a writer', () => {
    const fifo = path.join(scratchDir('fifo'), 'config.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(loadError(fifo)).toBe(`${CONFIG_ENV_VAR}=${fifo}: expected a regular file (JSON); found a FIFO`);
  });

  it('reads a file saved with a byte-order mark', () => {
    expect(loadConfig({ [CONFIG_ENV_VAR]: write('bom.json', `\uFEFF${JSON.stringify({ namePrefix: 'bom' })}`) }).namePrefix).toBe('bom');
  });
});

describe('config nesting', () => {
  it(`accepts the configuration's own depth`, () => {
    const network = { vpcId: 'vpc-0123456789abcdef0', subnetIds: { 'apne1-az1': 'subnet-0123456789abcdef0', 'apne1-az4': 'subnet-0123456789abcdef1' } };
    expect(testConfig({ service: { network } }).service.network?.vpcId).toBe('vpc-0123456789abcdef0');
  });

  it('fails on JSON nested past the limit with a message, not a stack overflow', () => {
    const depth = 100_000;
    const file = write('deep.json', `{"customers": ${'['.repeat(depth)}${']'.repeat(depth)}}`);
    const message = loadError(file);
    expect(message).toContain(`Invalid configuration in ${file}:`);
    expect(message).toContain(`: nested deeper than ${MAX_CONFIG_DEPTH} levels`);
    expect(message).toMatch(/^ {2}- customers\[0\]\[0\]/m);
    expect(message).not.toContain('RangeError');
  });
});

describe('keys JavaScript gives a meaning', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('fails on %s as an unknown key, at the top level and nested', (key) => {
    const file = write(`${key}.json`, `{"${key}": {"namePrefix": "x"}, "customers": [{"name": "customer", "accountId": "222222222222", "vpcCidr": "10.1.0.0/16", "${key}": {}}]}`);
    const message = loadError(file);
    expect(message).toContain(`  - ${key}: unknown key; remove it`);
    expect(message).toContain(`  - customers[0].${key}: unknown key; remove it`);
  });

  it('leaves the prototype of the merged config alone', () => {
    const file = write('proto.json', '{"__proto__": {"polluted": true}}');
    expect(() => loadConfig({ [CONFIG_ENV_VAR]: file })).toThrow(ConfigError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('received values in messages', () => {
  it('shows a short value whole', () => {
    expect(describeReceived('ap-northeast-9')).toBe('"ap-northeast-9"');
  });

  it('cuts a long value and gives its length', () => {
    const message = (() => {
      try {
        parseConfig({ ...DEFAULT_CONFIG_INPUT, namePrefix: 'x'.repeat(5_000_000) });
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected a 5 MB namePrefix to be refused');
    })();
    expect(message).toContain(`namePrefix: received "${'x'.repeat(119)}… (5000000 characters)`);
    expect(message.length).toBeLessThan(1000);
  });
});

describe('region', () => {
  it('accepts a Region of the aws partition, the newest ones included', () => {
    expect(testConfig({ region: 'ap-east-2', azIds: ['ape2-az1', 'ape2-az2'] }).region).toBe('ap-east-2');
    expect(testConfig({ region: 'mx-central-1', azIds: ['mxc1-az1', 'mxc1-az2'] }).region).toBe('mx-central-1');
  });

  it('fails on a Region that does not exist, naming it', () => {
    expect(() => testConfig({ region: 'ap-northeast-9', azIds: ['apne9-az1', 'apne9-az2'] })).toThrow(
      /region: received "ap-northeast-9"; expected a Region of the aws partition \(af-south-1, .*\); this one does not exist there/,
    );
  });

  it('fails on a Region of another partition, which the product does not write ARNs for', () => {
    expect(() => testConfig({ region: 'us-gov-west-1', azIds: ['usgw1-az1', 'usgw1-az2'] })).toThrow('region: received "us-gov-west-1"; expected a Region of the aws partition');
  });
});
