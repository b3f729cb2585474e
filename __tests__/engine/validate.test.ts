import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { AppConfig, CONFIG_ENV_VAR, loadConfig } from '../../config';
import { createStacks } from '../../stacks/app';
import { mixedModesConfig, testConfig } from '../helpers';
import { describeEngine } from './toolchain';
import { removeAfterAll, scratchDir } from '../scratch';

/** Synthesizes the whole app the way `cdktf synth` does, into a fresh directory. */
function synthToDir(config: AppConfig): string {
  const outdir = scratchDir('synth');
  const app = new App({ outdir, skipValidation: false });
  createStacks(app, config);
  app.synth();
  return outdir;
}

/** `terraform init -backend=false` + `validate -json` in a stack directory; returns the parsed result. */
function validateStack(stackDir: string): { valid: boolean; error_count: number; diagnostics: unknown[] } {
  const terraform = process.env.TERRAFORM_BINARY_NAME ?? 'terraform';
  // Explicit env: jest gives the test its own copy of process.env, which child processes would not inherit.
  const options = { cwd: stackDir, stdio: 'pipe' as const, env: process.env };
  execFileSync(terraform, ['init', '-backend=false', '-input=false', '-no-color'], options);
  try {
    return JSON.parse(execFileSync(terraform, ['validate', '-json', '-no-color'], options).toString());
  } catch (error) {
    return JSON.parse((error as { stdout: Buffer }).stdout.toString());
  }
}

describeEngine('engine tier: terraform validate (offline, aws 5.100.0 mirror)', () => {
  jest.setTimeout(120_000);

  it('toBeValidTerraform() accepts each stack of the default config', () => {
    const app = Testing.app({ outdir: scratchDir('app') });
    const stacks = createStacks(app, testConfig());
    app.synth();
    for (const stack of stacks.all) {
      expect(removeAfterAll(Testing.fullSynth(stack))).toBeValidTerraform();
    }
  });

  const variants: [string, AppConfig][] = [
    ['both modes, s3 backend', mixedModesConfig({ backend: { type: 's3', bucket: 'acme-tfstate' } })],
    ['both modes, cloud backend', mixedModesConfig({ backend: { type: 'cloud', organization: 'acme' } })],
    ['no test instances', testConfig({ service: { testInstance: false }, customers: [{ name: 'customer', accountId: '222222222222', vpcCidr: '10.1.0.0/16', testInstance: false }] })],
  ];

  const examplesDir = path.join(__dirname, '..', '..', 'examples');
  for (const file of readdirSync(examplesDir).filter((f) => f.endsWith('.json'))) {
    // As main.ts reads it (loadConfig): e.g. an existing service network then has no default vpcCidr to check.
    variants.push([`examples/${file}`, loadConfig({ [CONFIG_ENV_VAR]: path.join(examplesDir, file) })]);
  }

  it.each(variants)('validates every stack: %s', (_name, config) => {
    const outdir = synthToDir(config);
    const stacks = readdirSync(path.join(outdir, 'stacks')).sort();
    // A private-domain consumer without its own endpoint also has its endpoint stack, deployed before the service.
    const endpointStacks = config.customers.filter((c) => c.connectivity === 'private-domain' && !c.executeApiEndpointId).map((c) => `${c.name}-endpoint`);
    expect(stacks).toEqual(['service', ...config.customers.map((c) => c.name), ...endpointStacks].sort());
    for (const stack of stacks) {
      const result = validateStack(path.join(outdir, 'stacks', stack));
      expect({ stack, ...result }).toMatchObject({ stack, valid: true, error_count: 0 });
    }
  });
});
