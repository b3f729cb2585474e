import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AppConfig } from '../config';
import { accountProvider, AccountSettings } from './account-provider';
import { configureBackend } from './backend';

/** Value and description of a stack output; every output says what it is for. */
export type Outputs = Record<string, { readonly value: unknown; readonly description: string }>;

/**
 * A stack bound to one AWS account: its aliased provider (alias = stack name) and its backend. Subclasses wire
 * modules to `this.provider`; nothing here creates AWS resources.
 */
export abstract class AccountStack extends TerraformStack {
  protected readonly provider: AwsProvider;
  /** `<namePrefix>-<stack>`: prefix of every resource name and `Name` tag of the stack. */
  protected readonly resourcePrefix: string;

  protected constructor(scope: Construct, id: string, config: AppConfig, account: AccountSettings) {
    super(scope, id);
    this.resourcePrefix = `${config.namePrefix}-${id}`;
    this.provider = this.providerFor('Aws', id, config, account);
    configureBackend(this, id, config.backend, config.region);
  }

  /** An aliased provider for `account`, tagged as this stack's. */
  protected providerFor(id: string, alias: string, config: AppConfig, account: AccountSettings): AwsProvider {
    return accountProvider(this, id, { alias, account, region: config.region, project: config.namePrefix, stackName: this.node.id });
  }

  protected declareOutputs(outputs: Outputs): void {
    for (const [name, output] of Object.entries(outputs)) {
      new TerraformOutput(this, name, output);
    }
  }
}
