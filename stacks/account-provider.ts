import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

export interface AccountProviderProps {
  /** Provider alias; every resource names it explicitly, there is no default provider. */
  readonly alias: string;
  readonly region: string;
  /** The provider refuses to touch any other account (`allowed_account_ids`). */
  readonly accountId: string;
  /** Role assumed for every call; without it the ambient credentials (or `profile`) are used as they are. */
  readonly roleArn?: string;
  readonly profile?: string;
  /** Values of the `Project` and `Stack` default tags. */
  readonly project: string;
  readonly stackName: string;
}

/** An aliased AWS provider bound to one account, tagging everything it creates. */
export function accountProvider(scope: Construct, id: string, props: AccountProviderProps): AwsProvider {
  return new AwsProvider(scope, id, {
    alias: props.alias,
    region: props.region,
    allowedAccountIds: [props.accountId],
    profile: props.profile,
    assumeRole: props.roleArn
      ? [{ roleArn: props.roleArn, sessionName: `${props.project}-${props.stackName}` }]
      : undefined,
    defaultTags: [{ tags: { Project: props.project, ManagedBy: 'cdktf', Stack: props.stackName } }],
  });
}
