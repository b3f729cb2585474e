import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { scratchDir } from '../scratch';
import { appCommand } from '../../tools/project';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs main.ts as cdktf does (same command as cdktf.json's "app"), writing into a fresh outdir. */
function runMain(configFile?: string) {
  const outdir = path.join(scratchDir('main'), 'cdktf.out');
  const [command, ...args] = appCommand();
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
  delete env.PRIVATE_API_CONFIG;
  if (configFile) env.PRIVATE_API_CONFIG = configFile;
  const run = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8' });
  return { ...run, outdir };
}

describe('main.ts', () => {
  jest.setTimeout(30_000);

  it('synthesizes both stacks from the embedded default', () => {
    const run = runMain();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(existsSync(path.join(run.outdir, 'stacks', 'service', 'cdk.tf.json'))).toBe(true);
    expect(existsSync(path.join(run.outdir, 'stacks', 'customer', 'cdk.tf.json'))).toBe(true);
  });

  it('exits non-zero on bad input, names the field, and writes nothing', () => {
    const file = path.join(scratchDir('bad'), 'config.json');
    writeFileSync(file, JSON.stringify({ customers: [{ name: 'customer', accountId: '22222222222', vpcCidr: '10.1.0.0/16' }] }));
    const run = runMain(file);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Invalid configuration in ${file}:`);
    expect(run.stderr).toContain('customers[0].accountId: received "22222222222"; expected a 12-digit AWS account id');
    expect(existsSync(run.outdir)).toBe(false);
  });

  it.each([
    ['a device that never ends', '/dev/zero', 'expected a regular file (JSON); found a character device'],
    ['JSON nested 100,000 deep', 'deep', 'nested deeper than 16 levels'],
  ])('exits 1 on %s with one message and no stack trace, writing nothing', (_what, source, expected) => {
    const file = source === 'deep' ? path.join(scratchDir('deep'), 'config.json') : source;
    if (source === 'deep') writeFileSync(file, `{"customers": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const run = runMain(file);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(expected);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(run.outdir)).toBe(false);
  });
});

describe('npm run synth (the README main job, through cdktf-cli)', () => {
  jest.setTimeout(60_000);

  function synth(outdir: string, configFile?: string) {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.PRIVATE_API_CONFIG;
    if (configFile) env.PRIVATE_API_CONFIG = configFile;
    return spawnSync('npm', ['run', '--silent', 'synth', '--', '--output', outdir], { cwd: ROOT, env, encoding: 'utf8' });
  }

  it('writes both stacks, and a later bad config exits 1 leaving them untouched', () => {
    const outdir = path.join(scratchDir('cli'), 'cdktf.out');
    expect(synth(outdir).status).toBe(0);
    const service = readFileSync(path.join(outdir, 'stacks', 'service', 'cdk.tf.json'), 'utf8');
    expect(readFileSync(path.join(outdir, 'stacks', 'customer', 'cdk.tf.json'), 'utf8')).toContain('terraform_remote_state');

    const bad = path.join(scratchDir('bad'), 'config.json');
    writeFileSync(bad, JSON.stringify({ azIds: ['apne1-az1'] }));
    const run = synth(outdir, bad);
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toContain('azIds: received ["apne1-az1"]; expected at least 2 availability zone IDs');
    expect(readFileSync(path.join(outdir, 'stacks', 'service', 'cdk.tf.json'), 'utf8')).toBe(service);
  });
});
