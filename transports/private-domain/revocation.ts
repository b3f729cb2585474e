/**
 * `npm run revoke` for `private-domain` consumers: nothing to call. Once the customer leaves the configuration, the
 * next `cdktf deploy service` removes its account from the RAM share (it loses the shared domain names) and its
 * endpoint from the domain names' and the APIs' policies; the policy is in each API's deployment trigger, so the same
 * deploy redeploys the stages and the previous deployment's policy stops applying.
 */
import { SERVICE_STACK_NAME } from '../../config';
import { EXIT } from '../../scripts/aws-session';
import type { TransportRevocation } from '../revocation';

export const privateDomainRevocation: TransportRevocation = {
  usage: `nothing to call: the next \`cdktf deploy ${SERVICE_STACK_NAME}\` removes the account from the RAM share of the
  domain names and its endpoint from their policies and the APIs' (the stages are redeployed).`,
  stillConfigured: (_customer, path) =>
    `the next \`cdktf deploy ${SERVICE_STACK_NAME}\` would keep sharing the domain names with it and granting its endpoint. ` +
    `Remove ${path} from the configuration, run \`npx cdktf deploy ${SERVICE_STACK_NAME}\` and run this again.`,
  revoke: async (accountId, { io }) => {
    io.out(
      `Private domain: nothing to call for ${accountId}: the next \`cdktf deploy ${SERVICE_STACK_NAME}\` after it left the configuration ` +
        'removes it from the RAM share and its endpoint from the policies, and redeploys the stages.',
    );
    return EXIT.ok;
  },
};
