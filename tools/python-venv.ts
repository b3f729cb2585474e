/**
 * The project's Python venv (git-ignored `.venv`), holding the pinned test tools of e2e/requirements.txt:
 * moto (AWS emulator) and checkov. Rebuilt only when the requirement files change.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT, ToolchainError } from './terraform-env';

const REQUIREMENTS = ['e2e/requirements.txt', 'e2e/constraints.txt'];

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error || result.status !== 0) {
    throw new ToolchainError(`${what} failed: ${result.error?.message ?? `${result.stderr}${result.stdout}`.trim().slice(-2000)}`);
  }
}

/** Returns the venv's bin directory, creating or updating the venv first when needed. */
export function ensureVenv(env: NodeJS.ProcessEnv = process.env): string {
  const venv = env.PRIVAPI_VENV ?? path.join(PROJECT_ROOT, '.venv');
  const bin = path.join(venv, 'bin');
  const stamp = path.join(venv, '.requirements.sha256');
  const digest = createHash('sha256')
    .update(REQUIREMENTS.map((f) => readFileSync(path.join(PROJECT_ROOT, f), 'utf8')).join('\0'))
    .digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return bin;

  const python = env.PYTHON ?? 'python3';
  if (!existsSync(path.join(bin, 'python'))) run(python, ['-m', 'venv', venv], `Creating the venv with "${python} -m venv ${venv}"`);
  run(
    path.join(bin, 'python'),
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...REQUIREMENTS.flatMap((f, i) => [i ? '-c' : '-r', f])],
    'Installing e2e/requirements.txt into the venv',
  );
  writeFileSync(stamp, digest);
  return bin;
}

if (require.main === module) {
  try {
    process.stdout.write(`${ensureVenv()}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
