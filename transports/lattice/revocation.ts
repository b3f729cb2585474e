/**
 * `npm run revoke` for `lattice` consumers. Once the customer leaves the configuration, the next `cdktf deploy service`
 * removes its account's principal association from the RAM share of the resource configuration, so the account can no
 * longer create a resource endpoint to it ("You must have a resource configuration that you created or another account
 * created and shared with you through AWS RAM": https://docs.aws.amazon.com/vpc/latest/privatelink/use-resource-endpoint.html).
 * AWS does not document that leaving a share closes a resource endpoint already associated, and the owner of the
 * configuration can delete that association itself (DeleteResourceEndpointAssociation:
 * https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_DeleteResourceEndpointAssociation.html), so revoking
 * names both steps. The VPC Lattice SDK client is not among this project's dependencies: the association's removal is
 * printed as the AWS CLI commands to run with the service account's credentials.
 */
import { SERVICE_STACK_NAME } from '../../config';
import { EXIT } from '../../scripts/aws-session';
import type { TransportRevocation } from '../revocation';

/** The name the service stack gives its resource configuration (transports/lattice/constructs.ts). */
export function resourceConfigurationName(namePrefix: string): string {
  return `${namePrefix}-${SERVICE_STACK_NAME}-execute-api`;
}

export const latticeRevocation: TransportRevocation = {
  usage: `the next \`cdktf deploy ${SERVICE_STACK_NAME}\` removes the account from the RAM share of the resource
  configuration (no new resource endpoint); prints the AWS CLI commands that delete the account's existing
  resource endpoint associations (AWS does not document that leaving the share closes them).`,
  stillConfigured: (customer, path) =>
    `the next \`cdktf deploy ${SERVICE_STACK_NAME}\` would keep sharing the resource configuration with it. ` +
    `Remove ${path} from the configuration (\`npx cdktf destroy ${customer.name}\` before that, if you manage its stack), ` +
    `run \`npx cdktf deploy ${SERVICE_STACK_NAME}\` and run this again.`,
  revoke: async (accountId, { config, io }) => {
    const name = resourceConfigurationName(config.namePrefix);
    const region = `--region ${config.region}`;
    io.out(
      `VPC Lattice: the next \`cdktf deploy ${SERVICE_STACK_NAME}\` after ${accountId} left the configuration removes it from the RAM share of ${name}. ` +
        `With the service account's credentials, delete its existing resource endpoint associations:`,
    );
    io.out(
      `  ARN=$(aws vpc-lattice list-resource-configurations ${region} --query "items[?name=='${name}'].arn | [0]" --output text)\n` +
        `  for id in $(aws vpc-lattice list-resource-endpoint-associations ${region} --resource-configuration-identifier "$ARN" ` +
        `--vpc-endpoint-owner ${accountId} --query 'items[].id' --output text); do ` +
        `aws vpc-lattice delete-resource-endpoint-association ${region} --resource-endpoint-association-identifier "$id"; done`,
    );
    return EXIT.ok;
  },
};
