/**
 * Speed benchmarks (DESIGN.md targets), measured wall-clock, median of several runs:
 *   app alone ≤ 1 s · `cdktf synth` of both stacks ≤ 1.15× the cdktf-cli floor (the same command on an app of two
 *   empty stacks, same node_modules and loader) · unit tests (warm) ≤ 3 s and ≤ one `cdktf synth` · 50 consumers ≤
 *   2× one.
 * Usage: npm run bench [-- --runs 5]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { appCommand } from '../tools/project';

const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const scratch = mkdtempSync(path.join(tmpdir(), 'privapi-bench-'));
const app = appCommand();

function time(label: string, command: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(command[0], command.slice(1), { cwd, env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env }, encoding: 'utf8' });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (run.status !== 0) throw new Error(`${label} failed:\n${run.stdout}\n${run.stderr}`);
    samples.push(seconds);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

function customersConfig(count: number): string {
  const file = path.join(scratch, `customers-${count}.json`);
  // Half PrivateLink, half peering; peered CIDRs must be disjoint from the service's and each other's.
  const customers = Array.from({ length: count }, (_, i) => ({
    name: `customer-${i}`,
    accountId: String(200000000000 + i),
    vpcCidr: `10.${i + 1}.0.0/16`,
    connectivity: i % 2 ? 'peering' : 'privatelink',
  }));
  writeFileSync(file, JSON.stringify({ customers }));
  return file;
}

const results: [string, number, string][] = [];
const record = (label: string, seconds: number, target: string) => {
  results.push([label, seconds, target]);
  process.stdout.write(`${label.padEnd(44)} ${seconds.toFixed(2).padStart(6)} s   target ${target}\n`);
};

const outdir = (name: string) => ({ CDKTF_OUTDIR: path.join(scratch, name) });
record('app alone (main.ts, default config)', time('app', app, outdir('app')), '≤ 1 s');
/**
 * The cdktf-cli floor: the same `cdktf synth` on an app of two empty stacks, with this project's node_modules and the
 * same loader in its cdktf.json: what cdktf-cli itself costs, which no app can go below.
 */
function floorProject(): string {
  const dir = path.join(scratch, 'floor');
  mkdirSync(dir);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  writeFileSync(
    path.join(dir, 'main.ts'),
    "import { App, TerraformStack } from 'cdktf';\nconst app = new App();\nnew TerraformStack(app, 'service');\nnew TerraformStack(app, 'customer');\napp.synth();\n",
  );
  writeFileSync(path.join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: app.join(' '), sendCrashReports: 'false', terraformProviders: [] }));
  return dir;
}
const floor = time('floor', ['npx', 'cdktf', 'synth', '--output', path.join(scratch, 'floor-out')], {}, floorProject());
record('cdktf-cli floor (two empty stacks)', floor, '');
const synth = time('synth', ['npx', 'cdktf', 'synth', '--output', path.join(scratch, 'synth')]);
record(`cdktf synth, both stacks (${(synth / floor).toFixed(2)}× the floor)`, synth, `≤ ${(1.15 * floor).toFixed(2)} s (1.15× the floor)`);
// Own code and an OpenAPI file (YAML parser, two APIs): loaded only by configs that use them.
const twoApis = { ...outdir('two-apis'), PRIVATE_API_CONFIG: path.join(ROOT, 'examples', 'two-apis.json') };
record('app alone, examples/two-apis.json', time('two-apis app', app, twoApis), '≤ 1 s');
const jest = [process.execPath, path.join(ROOT, 'node_modules', '.bin', 'jest'), '--selectProjects', 'unit'];
// Warm: a run before on the same tree, so jest's transform cache and the unit fixtures it synthesized are reused.
time('jest warm-up', jest);
record('unit tests, warm (jest --selectProjects unit)', time('unit', jest), `≤ ${Math.min(3, synth).toFixed(2)} s (3 s and one cdktf synth)`);
for (const [label, command] of [
  ['cdktf synth', (name: string) => ['npx', 'cdktf', 'synth', '--output', path.join(scratch, name)]],
  ['app alone', () => app],
] as const) {
  const one = time(`${label}, 1 customer`, command('one'), { ...outdir('one'), PRIVATE_API_CONFIG: customersConfig(1) });
  const fifty = time(`${label}, 50 customers`, command('fifty'), { ...outdir('fifty'), PRIVATE_API_CONFIG: customersConfig(50) });
  record(`${label}, 1 customer`, one, '');
  record(`${label}, 50 customers (${(fifty / one).toFixed(2)}× one)`, fifty, `≤ ${(2 * one).toFixed(2)} s (2× one)`);
}
rmSync(scratch, { recursive: true, force: true });
