/**
 * checkov over the synthesized Terraform JSON of the embedded default and of every examples/*.json config.
 * Skipped checks, each with its reason, are in .checkov.yaml. Exits non-zero on any failed check.
 *   npm run checkov
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { appCommand, PROJECT_ROOT } from './project';
import { ensureVenv } from './python-venv';

const bin = ensureVenv();
const [command, ...args] = appCommand();
const examples = readdirSync(path.join(PROJECT_ROOT, 'examples')).filter((f) => f.endsWith('.json'));
let failed = false;

for (const config of [undefined, ...examples]) {
  const label = config ? `examples/${config}` : 'embedded default';
  const outdir = mkdtempSync(path.join(tmpdir(), 'privapi-checkov-'));
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
  delete env.PRIVATE_API_CONFIG;
  if (config) env.PRIVATE_API_CONFIG = path.join(PROJECT_ROOT, 'examples', config);
  const synth = spawnSync(command, args, { cwd: PROJECT_ROOT, env, encoding: 'utf8' });
  if (synth.status !== 0) throw new Error(`synth of ${label} failed:\n${synth.stderr}`);
  const scan = spawnSync(
    path.join(bin, 'checkov'),
    ['--config-file', '.checkov.yaml', '--directory', path.join(outdir, 'stacks')],
    { cwd: PROJECT_ROOT, encoding: 'utf8' },
  );
  const summary = /Passed checks: \d+, Failed checks: \d+, Skipped checks: \d+/.exec(scan.stdout)?.[0] ?? 'no summary';
  process.stdout.write(`checkov ${label}: ${summary}\n`);
  if (scan.status !== 0) {
    failed = true;
    process.stdout.write(scan.stdout);
  }
  rmSync(outdir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
