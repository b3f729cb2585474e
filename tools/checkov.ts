/**
 * checkov over the synthesized Terraform JSON of the embedded default and of every examples/*.json config.
 * Skipped checks, each with its reason, are in .checkov.yaml. Exits non-zero on any failed check.
 *   npm run checkov
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AppConfig, loadConfig } from '../config';
import { appCommand, PROJECT_ROOT } from './project';
import { ensureVenv } from './python-venv';

/**
 * Skips of .checkov.yaml that hold only while an option is off: for a config that turns it on, the check runs
 * and must pass (so an option that stops doing its job fails here).
 */
const ENFORCED_WHEN: Readonly<Record<string, (config: AppConfig) => boolean>> = {
  CKV_AWS_76: (config) => config.observability.accessLogs,
  CKV2_AWS_4: (config) => config.observability.accessLogs,
};

/** The check ids of .checkov.yaml's `skip-check` list (its comments are the reasons). */
function configuredSkips(yaml: string): string[] {
  const block = /^skip-check:\n((?:[ \t].*\n?|\n)*)/m.exec(yaml)?.[1] ?? '';
  return [...block.matchAll(/^[ \t]*-[ \t]*(CKV2?_[A-Z0-9]+_\d+)/gm)].map((match) => match[1]);
}

const skips = configuredSkips(readFileSync(path.join(PROJECT_ROOT, '.checkov.yaml'), 'utf8'));
const unknown = Object.keys(ENFORCED_WHEN).filter((id) => !skips.includes(id));
if (unknown.length > 0) throw new Error(`ENFORCED_WHEN names checks .checkov.yaml does not skip: ${unknown.join(', ')}`);

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
  const appConfig = loadConfig(env);
  const enforced = Object.keys(ENFORCED_WHEN).filter((id) => ENFORCED_WHEN[id](appConfig));
  // A --skip-check on the command line replaces the config file's list (configargparse), so pass the whole list.
  const scan = spawnSync(
    path.join(bin, 'checkov'),
    [
      '--config-file', '.checkov.yaml',
      '--directory', path.join(outdir, 'stacks'),
      '--skip-check', skips.filter((id) => !enforced.includes(id)).join(','),
    ],
    { cwd: PROJECT_ROOT, encoding: 'utf8' },
  );
  const summary = /Passed checks: \d+, Failed checks: \d+, Skipped checks: \d+/.exec(scan.stdout)?.[0] ?? 'no summary';
  const enforcing = enforced.length > 0 ? ` (enforcing ${enforced.join(', ')})` : '';
  process.stdout.write(`checkov ${label}: ${summary}${enforcing}\n`);
  if (scan.status !== 0) {
    failed = true;
    process.stdout.write(scan.stdout);
  }
  rmSync(outdir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
