import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, S3BackendConfig, TerraformStack } from 'cdktf';
import { BackendConfig } from '../config';

/**
 * cdktf 0.21's S3Backend predates Terraform 1.10's S3-native locking (`use_lockfile`), which replaces the
 * DynamoDB lock table. This subclass adds the one attribute; the remote-state data source other stacks read
 * through is built from the same props and needs no lock.
 */
export class S3NativeLockBackend extends S3Backend {
  constructor(scope: TerraformStack, props: S3BackendConfig) {
    super(scope, props);
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return { ...super.synthesizeAttributes(), use_lockfile: true };
  }
}

/**
 * Where a stack keeps its state. Terraform runs in `cdktf.out/stacks/<stack>`, so the local path is relative to
 * that directory: the JSON carries no machine path, state files land in the project root as
 * `terraform.<stack>.tfstate`, and a consumer's `terraform_remote_state` finds its producer's file the same way.
 */
export function configureBackend(
  stack: TerraformStack,
  stackName: string,
  backend: BackendConfig,
  /** Bucket region when `backend.region` is not given: the deployment's region. */
  defaultRegion: string,
): void {
  switch (backend.type) {
    case 'local':
      new LocalBackend(stack, { path: `../../../terraform.${stackName}.tfstate` });
      return;
    case 's3':
      new S3NativeLockBackend(stack, {
        bucket: backend.bucket,
        key: backend.keyPrefix ? `${backend.keyPrefix}/${stackName}.tfstate` : `${stackName}.tfstate`,
        region: backend.region ?? defaultRegion,
        encrypt: true,
      });
      return;
    case 'cloud':
      new CloudBackend(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: new NamedCloudWorkspace(`${backend.workspacePrefix}${stackName}`),
      });
      return;
  }
}
