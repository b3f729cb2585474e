/**
 * `npm run revoke` for `peering` consumers: nothing to call. The service stack opens the execute-api endpoint's
 * security group to each peering customer's CIDR from the configuration, so the next `cdktf deploy service` after the
 * customer leaves it closes 443 to that CIDR; the peering connection, its routes and the zone live in the
 * customer's stack (both sides, with the service's role), so destroying that stack deletes them.
 */
import { SERVICE_STACK_NAME } from '../../config';
import { EXIT } from '../../scripts/aws-session';
import type { TransportRevocation } from '../revocation';

export const peeringRevocation: TransportRevocation = {
  usage: `nothing to call: the account's CIDR leaves the service endpoint's security group on the next
  \`cdktf deploy ${SERVICE_STACK_NAME}\`, and destroying its stack deletes the peering.`,
  stillConfigured: (customer, path) =>
    `the next \`cdktf deploy ${SERVICE_STACK_NAME}\` would keep 443 open to its CIDR on the service endpoint's security group, and its stack keeps the peering. ` +
    `Destroy its stack first (\`npx cdktf destroy ${customer.name}\`: it deletes the peering, and needs the customer in the configuration), ` +
    `then remove ${path} from the configuration, run \`npx cdktf deploy ${SERVICE_STACK_NAME}\` and run this again.`,
  revoke: async (accountId, { io }) => {
    io.out(
      `Peering: nothing to call for ${accountId}: its CIDR leaves the service endpoint's security group on the next ` +
        `\`cdktf deploy ${SERVICE_STACK_NAME}\`, and destroying its stack deletes its peering.`,
    );
    return EXIT.ok;
  },
};
