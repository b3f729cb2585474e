import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AppConfig } from '../config';
import { accountProvider, AccountSettings } from './account-provider';
import { configureBackend } from './backend';
import { Network } from '../modules/network';
import { TestInstance } from '../modules/test-instance';
import { TEST_INSTANCE_ID } from './output-names';

/** Value and description of a stack output; every output says what it is for. */
export type Outputs = Record<string, { readonly value: unknown; readonly description: string }>;

/**
 * A stack bound to one AWS account: its aliased provider (alias = stack name), its backend and the wiring both
 * stacks share (outputs, the optional test instance). Subclasses wire modules to `this.provider`.
 */
export abstract class AccountStack extends TerraformStack {
  protected readonly provider: AwsProvider;
  /** `<namePrefix>-<stack>`: prefix of every resource name and `Name` tag of the stack. */
  protected readonly resourcePrefix: string;
  /** Where this stack's resources live: the deployment's region, or a consumer's own. */
  protected readonly region: string;

  protected constructor(scope: Construct, id: string, config: AppConfig, account: AccountSettings, region = config.region) {
    super(scope, id);
    this.resourcePrefix = `${config.namePrefix}-${id}`;
    this.region = region;
    this.provider = this.providerFor('Aws', id, config, account, region);
    configureBackend(this, id, config.backend, config.region);
  }

  /** An aliased provider for `account`, tagged as this stack's. */
  protected providerFor(id: string, alias: string, config: AppConfig, account: AccountSettings, region = config.region): AwsProvider {
    return accountProvider(this, id, { alias, account, region, project: config.namePrefix, stackName: this.node.id });
  }

  /**
   * The SSM-only test host in the subnet of the lowest AZ ID (not the first of `azIds`: reordering the list must
   * not move it); returns the outputs that lead to it and its role (a caller of APIs with IAM authorization).
   */
  protected addTestInstance(
    network: Network,
    options: { readonly extraHttpsEgressCidrs?: string[]; readonly invokeApiExecutionArns?: string[] } = {},
  ): { readonly outputs: Outputs; readonly roleArn: string } {
    const testInstance = new TestInstance(this, 'TestInstance', {
      provider: this.provider,
      name: this.resourcePrefix,
      region: this.region,
      vpcId: network.vpcId,
      vpcCidr: network.vpcCidr,
      subnet: network.subnets[0],
      extraHttpsEgressCidrs: options.extraHttpsEgressCidrs ?? [],
      invokeApiExecutionArns: options.invokeApiExecutionArns,
    });
    return {
      roleArn: testInstance.roleArn,
      outputs: {
        [TEST_INSTANCE_ID]: { value: testInstance.instanceId, description: 'SSM-only test instance' },
        ssm_session_command: {
          value: `aws ssm start-session --region ${this.region} --target ${testInstance.instanceId}`,
          description: 'Opens a shell on the test instance (Session Manager plugin required)',
        },
      },
    };
  }

  protected declareOutputs(outputs: Outputs): void {
    for (const [name, output] of Object.entries(outputs)) {
      new TerraformOutput(this, name, output);
    }
  }
}
