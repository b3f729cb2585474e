import { scratchDir } from '../scratch';
import { Testing, TerraformStack } from 'cdktf';
import { BackendConfig } from '../../config';
import { configureBackend } from '../../stacks/backend';
import { fixture, FixtureName } from '../helpers';

/** The `terraform` block a stack named `customer` gets for this backend. */
function terraformBlock(backend: BackendConfig) {
  const stack = new TerraformStack(Testing.app({ outdir: scratchDir('app') }), 'customer');
  configureBackend(stack, 'customer', backend, 'ap-northeast-1');
  return JSON.parse(Testing.synth(stack)).terraform;
}

function remoteStateOfCustomer(name: FixtureName) {
  const { parsed } = fixture(name);
  const [remoteState] = Object.values(parsed.customer.data.terraform_remote_state) as Record<string, any>[];
  return remoteState;
}

describe('backends', () => {
  it('local: a state file per stack beside cdktf.out, relative, so no machine path is baked in', () => {
    expect(terraformBlock({ type: 'local' }).backend).toEqual({ local: { path: '../../../terraform.customer.tfstate' } });
    const { json } = fixture('default');
    expect(json.service + json.customer).not.toContain(process.cwd());
  });

  it('s3: one key per stack under the prefix, encrypted, with the S3-native lock file and no DynamoDB table', () => {
    expect(terraformBlock({ type: 's3', bucket: 'acme-tfstate', keyPrefix: 'privapi/prod' }).backend).toEqual({
      s3: { bucket: 'acme-tfstate', key: 'privapi/prod/customer.tfstate', region: 'ap-northeast-1', encrypt: true, use_lockfile: true },
    });
  });

  it('s3: the bucket region can differ from the deployment region', () => {
    expect(terraformBlock({ type: 's3', bucket: 'acme-tfstate', keyPrefix: 'privapi', region: 'us-east-1' }).backend.s3).toMatchObject({
      region: 'us-east-1',
      key: 'privapi/customer.tfstate',
    });
  });

  it('s3: a consumer reads the service state from its key', () => {
    // backend { type: 's3', bucket: 'acme-tfstate', keyPrefix: 'privapi/prod' }
    expect(remoteStateOfCustomer('s3-backend')).toMatchObject({
      backend: 's3',
      config: { bucket: 'acme-tfstate', key: 'privapi/prod/service.tfstate', region: 'ap-northeast-1' },
    });
  });

  it('cloud: one named workspace per stack, hostname optional', () => {
    expect(terraformBlock({ type: 'cloud', organization: 'acme', workspacePrefix: 'privapi-prod-', hostname: 'tfe.example.com' }).cloud).toEqual({
      organization: 'acme',
      hostname: 'tfe.example.com',
      workspaces: { name: 'privapi-prod-customer' },
    });
    expect(terraformBlock({ type: 'cloud', organization: 'acme', workspacePrefix: 'privapi-' }).cloud).toEqual({
      organization: 'acme',
      workspaces: { name: 'privapi-customer' },
    });
  });

  it('cloud: a consumer reads the service workspace through the remote backend', () => {
    // backend { type: 'cloud', organization: 'acme', workspacePrefix: 'privapi-prod-' }
    expect(remoteStateOfCustomer('cloud-backend-prefixed')).toMatchObject({
      backend: 'remote',
      config: { organization: 'acme', workspaces: { name: 'privapi-prod-service' } },
    });
  });
});
