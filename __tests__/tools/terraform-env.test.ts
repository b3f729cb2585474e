import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { scratchDir } from '../scratch';
import { findProviderMirror, providerPlatform, offlineTerraformEnv, PROVIDER_SOURCE, PROVIDER_VERSION, ToolchainError } from '../../tools/terraform-env';


// A fake mirror left behind would be found by the filesystem search of later runs: scratchDir removes them.

/** A mirror layout with a stand-in provider file: executable (found) or not (ignored, like a broken copy). */
function fakeMirror(executable = true): string {
  const mirror = scratchDir('mirror');
  const dir = path.join(mirror, PROVIDER_SOURCE, PROVIDER_VERSION, providerPlatform());
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `terraform-provider-aws_v${PROVIDER_VERSION}_x5`), '', { mode: executable ? 0o755 : 0o644 });
  return mirror;
}

const fakeRoot = () => scratchDir('root');

describe('tools/terraform-env', () => {
  it('takes the mirror from TF_PROVIDER_MIRROR when it holds aws 5.100.0', () => {
    const mirror = fakeMirror();
    expect(findProviderMirror({ TF_PROVIDER_MIRROR: mirror }, fakeRoot())).toBe(mirror);
  });

  it('fails naming the variable and the expected layout when the mirror has no executable provider', () => {
    const mirror = fakeMirror(false);
    expect(() => findProviderMirror({ TF_PROVIDER_MIRROR: mirror })).toThrow(ToolchainError);
    expect(() => findProviderMirror({ TF_PROVIDER_MIRROR: mirror })).toThrow(
      `TF_PROVIDER_MIRROR=${mirror} does not hold ${PROVIDER_SOURCE} ${PROVIDER_VERSION}`,
    );
  });

  it('writes a project-local CLI config that installs aws from the mirror only, with a plugin cache', () => {
    const mirror = fakeMirror();
    const root = fakeRoot();
    // `true` stands in for the CLI (it exits 0 on `true version`): this unit test must not need Terraform.
    const env = offlineTerraformEnv({ ...process.env, TF_PROVIDER_MIRROR: mirror, TERRAFORM_BINARY_NAME: 'true' }, root);
    expect(env.TF_CLI_CONFIG_FILE).toBe(path.join(root, '.terraform.d', 'terraformrc'));
    expect(env.CHECKPOINT_DISABLE).toBe('1');
    const rc = readFileSync(env.TF_CLI_CONFIG_FILE, 'utf8');
    expect(rc).toContain(`filesystem_mirror {\n    path    = "${mirror}"\n    include = ["${PROVIDER_SOURCE}"]`);
    expect(rc).toContain(`direct {\n    exclude = ["${PROVIDER_SOURCE}"]`);
    expect(rc).toContain(`plugin_cache_dir = "${path.join(root, '.terraform.d', 'plugin-cache')}"`);
  });

  it('fails clearly when the Terraform CLI is not runnable', () => {
    expect(() => offlineTerraformEnv({ ...process.env, TF_PROVIDER_MIRROR: fakeMirror(), TERRAFORM_BINARY_NAME: 'no-such-terraform' }, fakeRoot())).toThrow(
      'Terraform CLI "no-such-terraform" is not runnable',
    );
  });
});
