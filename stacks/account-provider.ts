import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

/** How to reach an account: its id and, optionally, a role to assume or a CLI profile. */
export interface AccountSettings {
  readonly accountId: string;
  /** Role assumed for every call; without it the ambient credentials (or `profile`) are used as they are. */
  readonly roleArn?: string;
  readonly profile?: string;
}

export interface AccountProviderProps {
  /** Provider alias; every resource names it explicitly, there is no default provider. */
  readonly alias: string;
  /** The provider refuses to touch any other account (`allowed_account_ids`). */
  readonly account: AccountSettings;
  readonly region: string;
  /** Values of the `Project` and `Stack` default tags. */
  readonly project: string;
  readonly stackName: string;
}

/** An aliased AWS provider bound to one account, tagging everything it creates. */
export function accountProvider(scope: Construct, id: string, props: AccountProviderProps): AwsProvider {
  const { account } = props;
  return new AwsProvider(scope, id, {
    alias: props.alias,
    region: props.region,
    allowedAccountIds: [account.accountId],
    profile: account.profile,
    assumeRole: account.roleArn
      ? [{ roleArn: account.roleArn, sessionName: `${props.project}-${props.stackName}` }]
      : undefined,
    defaultTags: [{ tags: { Project: props.project, ManagedBy: 'cdktf', Stack: props.stackName } }],
  });
}
