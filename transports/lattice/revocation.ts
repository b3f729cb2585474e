/**
 * `npm run revoke` for `lattice` consumers. Once the customer leaves the configuration, the next `cdktf deploy service`
 * removes its account's principal association from the RAM share of the resource configuration, so the account can no
 * longer create a resource endpoint to it ("You must have a resource configuration that you created or another account
 * created and shared with you through AWS RAM": https://docs.aws.amazon.com/vpc/latest/privatelink/use-resource-endpoint.html).
 * AWS does not document that leaving a share closes a resource endpoint already associated, and the owner of the
 * configuration can delete that association itself (DeleteResourceEndpointAssociation:
 * https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_DeleteResourceEndpointAssociation.html): revoking
 * deletes every association of the account's endpoints with this deployment's configuration, with the service
 * account's credentials only. Running it again finds nothing left.
 */
import { SERVICE_STACK_NAME } from '../../config';
import { accountForStack, allPages, clientSettings, errorText, EXIT, explainAccountError, requireServiceAccount, SetupError } from '../../scripts/aws-session';
import type { RevocationContext, TransportRevocation } from '../revocation';

/** The name the service stack gives its resource configuration (transports/lattice/constructs.ts). */
export function resourceConfigurationName(namePrefix: string): string {
  return `${namePrefix}-${SERVICE_STACK_NAME}-execute-api`;
}

async function revoke(accountId: string, { config, io }: RevocationContext): Promise<number> {
  // Loaded here, not at the top: the script's other transports and its --help need no SDK.
  const { VPCLatticeClient, ListResourceConfigurationsCommand, ListResourceEndpointAssociationsCommand, DeleteResourceEndpointAssociationCommand } =
    await import('@aws-sdk/client-vpc-lattice');
  const { STSClient } = await import('@aws-sdk/client-sts');
  const account = accountForStack(config, SERVICE_STACK_NAME)!;
  const settings = clientSettings(account, config.region, `${config.namePrefix}-revoke`);
  const lattice = new VPCLatticeClient(settings);
  const name = resourceConfigurationName(config.namePrefix);
  let arn: string | undefined;
  try {
    await requireServiceAccount(config, new STSClient(settings));
    const configurations = await allPages((nextToken) =>
      lattice.send(new ListResourceConfigurationsCommand({ nextToken })).then((r) => ({ items: r.items ?? [], next: r.nextToken })),
    );
    arn = configurations.find((c) => c.name === name)?.arn;
  } catch (error) {
    const explained = explainAccountError(error, account);
    io.err(`revoke: ${explained instanceof SetupError ? explained.message : errorText(explained)}`);
    return explained instanceof SetupError ? EXIT.setup : EXIT.failed;
  }
  if (!arn) {
    io.out(`VPC Lattice: no resource configuration ${name} in account ${config.service.accountId} (${config.region}): no lattice customer is deployed. Nothing left to do.`);
    return EXIT.ok;
  }
  let failures = 0;
  try {
    const associations = await allPages((nextToken) =>
      lattice
        .send(new ListResourceEndpointAssociationsCommand({ resourceConfigurationIdentifier: arn, vpcEndpointOwner: accountId, nextToken }))
        .then((r) => ({ items: r.items ?? [], next: r.nextToken })),
    );
    if (associations.length === 0) {
      io.out(`VPC Lattice: ${name}: no resource endpoint of ${accountId} is associated. Nothing left to do.`);
      return EXIT.ok;
    }
    for (const association of associations) {
      try {
        await lattice.send(new DeleteResourceEndpointAssociationCommand({ resourceEndpointAssociationIdentifier: association.id! }));
        io.out(`VPC Lattice: ${name}: deleted the association of ${association.vpcEndpointId} (${accountId})`);
      } catch (error) {
        io.out(`VPC Lattice: ${name}: FAILED to delete the association of ${association.vpcEndpointId}: ${errorText(error)}`);
        failures++;
      }
    }
  } catch (error) {
    io.err(`revoke: ${errorText(explainAccountError(error, account))}`);
    return EXIT.failed;
  }
  io.out(
    failures > 0
      ? `VPC Lattice: not done: ${failures} association(s) of ${accountId} left; fix the cause and run this again.`
      : `VPC Lattice: revoked ${accountId}: its resource endpoints no longer reach ${name}; the next \`cdktf deploy ${SERVICE_STACK_NAME}\` without it removes it from the share.`,
  );
  return failures > 0 ? EXIT.failed : EXIT.ok;
}

export const latticeRevocation: TransportRevocation = {
  usage: `deletes the associations of the account's resource endpoints with the deployment's resource configuration
  (AWS does not document that leaving the share closes them); the next \`cdktf deploy ${SERVICE_STACK_NAME}\` without
  it removes the account from the RAM share (no new resource endpoint).`,
  stillConfigured: (customer, path) =>
    `the next \`cdktf deploy ${SERVICE_STACK_NAME}\` would keep sharing the resource configuration with it. ` +
    `Remove ${path} from the configuration (\`npx cdktf destroy ${customer.name}\` before that, if you manage its stack), ` +
    `run \`npx cdktf deploy ${SERVICE_STACK_NAME}\` and run this again.`,
  revoke,
};
