/**
 * Offline Terraform for this project: finds the hashicorp/aws 5.100.0 provider in a filesystem mirror and writes
 * a project-local CLI config that installs it from there (no registry needed).
 *
 *   eval "$(node -r sucrase/register/ts tools/terraform-env.ts)"   # then: npx cdktf deploy … --skip-provider-lock
 *
 * TF_PROVIDER_MIRROR names the mirror directory (the one holding registry.terraform.io/); without it the usual
 * plugin directories are tried, then the filesystem is searched once and the answer is kept in the CLI config.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from './project';

export { PROJECT_ROOT };

export const PROVIDER_SOURCE = 'registry.terraform.io/hashicorp/aws';
export const PROVIDER_VERSION = '5.100.0';
const PROVIDER_FILE_PREFIX = `terraform-provider-aws_v${PROVIDER_VERSION}`;

export class ToolchainError extends Error {}

/** True when `dir` is a filesystem mirror holding an executable provider binary for this platform. */
function holdsProvider(dir: string): boolean {
  const platformDir = path.join(dir, PROVIDER_SOURCE, PROVIDER_VERSION, providerPlatform());
  if (!existsSync(platformDir)) return false;
  return readdirSync(platformDir).some((f) => {
    if (!f.startsWith(PROVIDER_FILE_PREFIX)) return false;
    try {
      accessSync(path.join(platformDir, f), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Terraform's name of this platform, e.g. `linux_amd64`: the mirror's directory for the binary. */
export function providerPlatform(): string {
  const arch = { x64: 'amd64', arm64: 'arm64', ia32: '386' }[os.arch() as string] ?? os.arch();
  return `${os.platform()}_${arch}`;
}

function cliConfigPath(projectRoot: string): string {
  return path.join(projectRoot, '.terraform.d', 'terraformrc');
}

/** The mirror recorded by an earlier run, if it still holds the provider. */
function cachedMirror(projectRoot: string): string | undefined {
  const file = cliConfigPath(projectRoot);
  if (!existsSync(file)) return undefined;
  const match = /filesystem_mirror\s*{\s*path\s*=\s*"([^"]+)"/.exec(readFileSync(file, 'utf8'));
  return match && holdsProvider(match[1]) ? match[1] : undefined;
}

function searchFilesystem(): string | undefined {
  const result = spawnSync(
    'find',
    ['/', '-xdev', '(', '-path', '/proc', '-o', '-path', '/sys', '-o', '-name', 'node_modules', '-o', '-name', '.git', ')',
      '-prune', '-o', '-name', `${PROVIDER_FILE_PREFIX}*`, '-print'],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  for (const file of (result.stdout ?? '').split('\n').filter(Boolean)) {
    // <mirror>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/<binary>
    const mirror = path.resolve(path.dirname(file), '..', '..', '..', '..', '..');
    if (holdsProvider(mirror)) return mirror;
  }
  return undefined;
}

export function findProviderMirror(env: NodeJS.ProcessEnv = process.env, projectRoot = PROJECT_ROOT): string {
  const explicit = env.TF_PROVIDER_MIRROR;
  if (explicit) {
    if (holdsProvider(explicit)) return path.resolve(explicit);
    throw new ToolchainError(
      `TF_PROVIDER_MIRROR=${explicit} does not hold ${PROVIDER_SOURCE} ${PROVIDER_VERSION} for ${providerPlatform()} ` +
        `(expected ${path.join(explicit, PROVIDER_SOURCE, PROVIDER_VERSION, providerPlatform())}/${PROVIDER_FILE_PREFIX}*)`,
    );
  }
  const home = os.homedir();
  const candidates = [
    path.join(home, '.terraform.d', 'plugins'),
    path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'terraform', 'plugins'),
    '/usr/local/share/terraform/plugins',
    '/usr/share/terraform/plugins',
  ];
  const found = cachedMirror(projectRoot) ?? candidates.find(holdsProvider) ?? searchFilesystem();
  if (found) return found;
  throw new ToolchainError(
    `No filesystem mirror with ${PROVIDER_SOURCE} ${PROVIDER_VERSION} (${providerPlatform()}) was found. ` +
      'Set TF_PROVIDER_MIRROR to the directory that contains registry.terraform.io/.',
  );
}

export function terraformBinary(env: NodeJS.ProcessEnv = process.env): string {
  const binary = env.TERRAFORM_BINARY_NAME || 'terraform';
  const probe = spawnSync(binary, ['version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new ToolchainError(
      `Terraform CLI "${binary}" is not runnable (${probe.error?.message ?? probe.stderr.trim()}). ` +
        'Install Terraform >= 1.10 on PATH or set TERRAFORM_BINARY_NAME.',
    );
  }
  return binary;
}

/**
 * Writes `.terraform.d/terraformrc` and returns the environment that makes Terraform (and cdktf, which runs it)
 * work offline: provider from the mirror, a shared plugin cache (the binary is 700 MB; each stack links it
 * instead of copying), no version check-point calls.
 */
export function offlineTerraformEnv(env: NodeJS.ProcessEnv = process.env, projectRoot = PROJECT_ROOT): Record<string, string> {
  const mirror = findProviderMirror(env, projectRoot);
  const configFile = cliConfigPath(projectRoot);
  const cacheDir = path.join(projectRoot, '.terraform.d', 'plugin-cache');
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(
    configFile,
    [
      '# Written by tools/terraform-env.ts; safe to delete.',
      `plugin_cache_dir = "${cacheDir}"`,
      'plugin_cache_may_break_dependency_lock_file = true',
      'provider_installation {',
      `  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["${PROVIDER_SOURCE}"]\n  }`,
      `  direct {\n    exclude = ["${PROVIDER_SOURCE}"]\n  }`,
      '}',
      '',
    ].join('\n'),
  );
  return {
    TF_CLI_CONFIG_FILE: configFile,
    CHECKPOINT_DISABLE: '1',
    TERRAFORM_BINARY_NAME: terraformBinary(env),
  };
}

if (require.main === module) {
  try {
    const vars = offlineTerraformEnv();
    for (const [key, value] of Object.entries(vars)) process.stdout.write(`export ${key}=${JSON.stringify(value)}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}

