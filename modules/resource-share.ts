import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';

export interface ResourceShareProps {
  readonly provider: AwsProvider;
  /** The share's name and `Name` tag. */
  readonly name: string;
  /** Resources shared, keyed by what they are (an API's name), not by position: adding one leaves the others as they are. */
  readonly resourceArns: Readonly<Record<string, string>>;
  /** Accounts the resources are shared with; each becomes one principal association, once. */
  readonly principalAccountIds: readonly string[];
}

/**
 * An AWS RAM resource share with accounts outside the owner's Organization (`allow_external_principals`): each
 * account receives an invitation to accept, or, in the same Organization with RAM sharing enabled, the share
 * directly. Principals and resources are separate associations, so adding or removing one consumer changes one
 * association and nothing else. https://docs.aws.amazon.com/ram/latest/userguide/working-with-sharing-create.html
 */
export class ResourceShare extends Construct {
  readonly resourceShareArn: string;

  constructor(scope: Construct, id: string, props: ResourceShareProps) {
    super(scope, id);
    const { provider } = props;
    const share = new RamResourceShare(this, 'Share', {
      provider,
      name: props.name,
      allowExternalPrincipals: true,
      tags: { Name: props.name },
    });
    for (const [key, arn] of Object.entries(props.resourceArns).sort(([a], [b]) => a.localeCompare(b))) {
      new RamResourceAssociation(this, `Resource-${key}`, { provider, resourceShareArn: share.arn, resourceArn: arn });
    }
    for (const account of [...new Set(props.principalAccountIds)].sort()) {
      new RamPrincipalAssociation(this, `Principal-${account}`, { provider, resourceShareArn: share.arn, principal: account });
    }
    this.resourceShareArn = share.arn;
  }
}
