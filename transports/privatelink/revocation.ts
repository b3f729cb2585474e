/**
 * `npm run revoke` for `privatelink` consumers, with the service account's credentials only. Taking an account off
 * `allowed_principals` does not close its existing endpoint connection (AWS keeps it:
 * hashicorp/terraform-provider-aws#37260), and the endpoint service accepts automatically
 * (`acceptance_required = false`, see modules/endpoint-service.ts), so revoking takes both steps here: drop the
 * account's principals (a new endpoint is refused at once) and reject its connections.
 */
import type { EC2Client, ServiceConfiguration, VpcEndpointConnection } from '@aws-sdk/client-ec2';
import { SERVICE_STACK_NAME } from '../../config';
import { accountForStack, allPages, clientSettings, errorText, EXIT, explainAccountError, serviceEndpointServices, SetupError } from '../../scripts/aws-session';
import type { RevocationContext, TransportRevocation } from '../revocation';

const DONE_STATES = new Set(['rejected', 'deleted', 'deleting', 'failed', 'expired']);

/** Every principal ARN of `accountId` (`arn:<partition>:iam::<account>:…`). */
function principalsOf(accountId: string, principals: readonly string[]): string[] {
  return principals.filter((p) => p.split(':')[4] === accountId);
}

/** Revokes `accountId`; returns the exit status. Prints one line per principal and per endpoint. */
async function revoke(accountId: string, { config, io }: RevocationContext): Promise<number> {
  // Loaded here, not at the top: the script's other transports and its --help need no SDK.
  const {
    DescribeVpcEndpointConnectionsCommand,
    DescribeVpcEndpointServicePermissionsCommand,
    EC2Client,
    ModifyVpcEndpointServicePermissionsCommand,
    RejectVpcEndpointConnectionsCommand,
  } = await import('@aws-sdk/client-ec2');
  const { STSClient } = await import('@aws-sdk/client-sts');
  const account = accountForStack(config, SERVICE_STACK_NAME)!;
  const settings = clientSettings(account, config.region, `${config.namePrefix}-revoke`);
  const sts = new STSClient(settings);
  const ec2: EC2Client = new EC2Client(settings);

  let services: ServiceConfiguration[];
  try {
    services = await serviceEndpointServices(config, ec2, sts);
  } catch (error) {
    const explained = explainAccountError(error, account);
    io.err(`revoke: ${explained instanceof SetupError ? explained.message : errorText(explained)}`);
    return explained instanceof SetupError ? EXIT.setup : EXIT.failed;
  }

  if (services.length === 0) {
    io.out(
      `No endpoint service tagged Project=${config.namePrefix}, Stack=${SERVICE_STACK_NAME} in account ${config.service.accountId} (${config.region}): ` +
        `nothing to revoke (no PrivateLink customer is deployed). Nothing left to do.`,
    );
    return EXIT.ok;
  }

  let failures = 0;
  let changes = 0;
  for (const service of services) {
    const serviceId = service.ServiceId!;
    try {
      const principals = await allPages((NextToken) =>
        ec2
          .send(new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, NextToken }))
          .then((r) => ({ items: (r.AllowedPrincipals ?? []).map((p) => p.Principal!).filter(Boolean), next: r.NextToken })),
      );
      if (principals.includes('*')) {
        io.out(`${serviceId}: allows "*" (every account): ${accountId} can connect again whatever this does; fix the service stack`);
        failures++;
      }
      const toRemove = principalsOf(accountId, principals);
      if (toRemove.length === 0) {
        io.out(`${serviceId}: ${accountId} is not an allowed principal`);
      } else {
        const modified = await ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, RemoveAllowedPrincipals: toRemove }));
        if (modified.ReturnValue === false) {
          io.out(`${serviceId}: FAILED to remove ${toRemove.join(', ')} from the allowed principals`);
          failures++;
        } else {
          io.out(`${serviceId}: removed ${toRemove.join(', ')} from the allowed principals: new endpoints of ${accountId} are refused`);
          changes++;
        }
      }

      const connections: VpcEndpointConnection[] = await allPages((NextToken) =>
        ec2
          .send(
            new DescribeVpcEndpointConnectionsCommand({
              Filters: [
                { Name: 'service-id', Values: [serviceId] },
                { Name: 'vpc-endpoint-owner', Values: [accountId] },
              ],
              NextToken,
            }),
          )
          .then((r) => ({ items: r.VpcEndpointConnections, next: r.NextToken })),
      );
      // The API spells states in camelCase (pendingAcceptance, available, rejected…); the SDK's enum in PascalCase.
      const state = (c: VpcEndpointConnection) => (c.VpcEndpointState ?? 'unknown').toLowerCase();
      for (const c of connections.filter((c) => DONE_STATES.has(state(c)))) {
        io.out(`${serviceId}: ${c.VpcEndpointId} already ${state(c)}`);
      }
      const open = connections.filter((c) => !DONE_STATES.has(state(c)) && c.VpcEndpointId);
      if (open.length > 0) {
        // An accepted (available) connection can be rejected too; the endpoint then stops carrying traffic.
        // https://docs.aws.amazon.com/vpc/latest/privatelink/accept-reject-endpoint-requests.html
        const rejected = await ec2.send(
          new RejectVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: open.map((c) => c.VpcEndpointId!) }),
        );
        const unsuccessful = new Map((rejected.Unsuccessful ?? []).map((u) => [u.ResourceId, u.Error]));
        for (const c of open) {
          const problem = unsuccessful.get(c.VpcEndpointId);
          if (unsuccessful.has(c.VpcEndpointId)) {
            io.out(`${serviceId}: FAILED to reject ${c.VpcEndpointId} (was ${c.VpcEndpointState}): ${problem?.Code ?? 'error'}: ${problem?.Message ?? 'no message'}`);
            failures++;
          } else {
            io.out(`${serviceId}: rejected ${c.VpcEndpointId} (was ${c.VpcEndpointState})`);
            changes++;
          }
        }
      } else if (connections.length === 0) {
        io.out(`${serviceId}: ${accountId} has no endpoint connection`);
      }
    } catch (error) {
      io.out(`${serviceId}: FAILED: ${errorText(error)}`);
      failures++;
    }
  }

  if (failures > 0) {
    io.out(`Not done: ${failures} step(s) failed for ${accountId}; fix the cause and run this again.`);
    return EXIT.failed;
  }
  io.out(
    changes > 0
      ? `Revoked ${accountId}: its connections are rejected and a new endpoint is refused.`
      : `Nothing left to do: ${accountId} is not allowed and has no open connection.`,
  );
  return EXIT.ok;
}

export const privatelinkRevocation: TransportRevocation = {
  usage: `cuts the account off the API's endpoint service:
  1. removes arn:aws:iam::<account-id>:root (and any other principal of that account) from the endpoint
     service's allowed principals, so a new endpoint from that account is refused at once;
  2. rejects every endpoint connection of that account that is not rejected yet (AWS keeps an existing
     connection open when its account leaves the allowed principals).`,
  stillConfigured: (customer, path) =>
    `the next \`cdktf deploy ${SERVICE_STACK_NAME}\` would admit it again. Remove ${path} from the configuration first ` +
    `(\`npx cdktf destroy ${customer.name}\` before that, if you manage its stack), then run this again.`,
  revoke,
};
