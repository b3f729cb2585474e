import { synthApp, testConfig } from '../helpers';

describe('backends', () => {
  it('local: relative state paths, no machine path in the JSON', () => {
    const { json, parsed } = synthApp(testConfig());
    expect(parsed.service.terraform.backend).toEqual({ local: { path: '../../../terraform.service.tfstate' } });
    expect(parsed.customer.terraform.backend).toEqual({ local: { path: '../../../terraform.customer.tfstate' } });
    expect(json.service + json.customer).not.toContain(process.cwd());
  });

  it('s3: one key per stack under the prefix, encrypted, with the S3-native lock file', () => {
    const { parsed } = synthApp(testConfig({ backend: { type: 's3', bucket: 'acme-tfstate', keyPrefix: 'privapi/prod' } }));
    expect(parsed.service.terraform.backend).toEqual({
      s3: { bucket: 'acme-tfstate', key: 'privapi/prod/service.tfstate', region: 'ap-northeast-1', encrypt: true, use_lockfile: true },
    });
    expect(parsed.customer.terraform.backend.s3.key).toBe('privapi/prod/customer.tfstate');
    expect(parsed.customer.terraform.backend.s3.dynamodb_table).toBeUndefined();
    const [remoteState] = Object.values(parsed.customer.data.terraform_remote_state) as Record<string, any>[];
    expect(remoteState.backend).toBe('s3');
    expect(remoteState.config).toMatchObject({ bucket: 'acme-tfstate', key: 'privapi/prod/service.tfstate', region: 'ap-northeast-1' });
  });

  it('s3: the bucket region can differ from the deployment region', () => {
    const { parsed } = synthApp(testConfig({ backend: { type: 's3', bucket: 'acme-tfstate', region: 'us-east-1' } }));
    expect(parsed.service.terraform.backend.s3).toMatchObject({ region: 'us-east-1', key: 'privapi/service.tfstate' });
  });

  it('cloud: one named workspace per stack; the consumer reads the service workspace', () => {
    const { parsed } = synthApp(
      testConfig({ backend: { type: 'cloud', organization: 'acme', workspacePrefix: 'privapi-prod-', hostname: 'tfe.example.com' } }),
    );
    expect(parsed.service.terraform.cloud).toEqual({ organization: 'acme', hostname: 'tfe.example.com', workspaces: { name: 'privapi-prod-service' } });
    expect(parsed.customer.terraform.cloud.workspaces).toEqual({ name: 'privapi-prod-customer' });
    const [remoteState] = Object.values(parsed.customer.data.terraform_remote_state) as Record<string, any>[];
    expect(remoteState).toMatchObject({
      backend: 'remote',
      config: { organization: 'acme', hostname: 'tfe.example.com', workspaces: { name: 'privapi-prod-service' } },
    });
  });
});
