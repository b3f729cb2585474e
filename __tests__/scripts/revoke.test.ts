import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import {
  EC2Client,
  RejectVpcEndpointConnectionsCommand,
} from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ListResourceConfigurationsCommand, VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { main, USAGE } from '../../scripts/revoke';
import { mockServiceAccount, SERVICE_ID } from '../transports/privatelink/service-account';
import { REVOCATIONS } from '../../transports/revocations';
import { scratchDir } from '../scratch';

const ec2 = mockClient(EC2Client);
const sts = mockClient(STSClient);
const lattice = mockClient(VPCLatticeClient);

const GONE = '333333333333';
const ROOT = `arn:aws:iam::${GONE}:root`;
const PEERING_LINE =
  `Peering: nothing to call for ${GONE}: its CIDR leaves the service endpoint's security group on the next \`cdktf deploy service\`, ` +
  'and destroying its stack deletes its peering.';
const PRIVATE_DOMAIN_LINE =
  `Private domain: nothing to call for ${GONE}: the next \`cdktf deploy service\` after it left the configuration ` +
  'removes it from the RAM share and its endpoint from the policies, and redeploys the stages.';
/** VPC Lattice in a deployment without a lattice consumer: no resource configuration to revoke from. */
const LATTICE_LINES = [
  'VPC Lattice: no resource configuration privapi-service-execute-api in account 111111111111 (ap-northeast-1): no lattice customer is deployed. Nothing left to do.',
];
/** The lines of the transports after PrivateLink's, in registry order. */
const QUIET_LINES = [PEERING_LINE, PRIVATE_DOMAIN_LINE, ...LATTICE_LINES];

/** `customer` (222222222222, privatelink) stays; `partner` (444444444444) is a peering customer. */
const config = {
  customers: [
    { name: 'customer', accountId: '222222222222', vpcCidr: '10.1.0.0/16', connectivity: 'privatelink' },
    { name: 'partner', accountId: '444444444444', vpcCidr: '10.2.0.0/16', connectivity: 'peering' },
  ],
};

async function run(argv: string[], configOverride: object = config) {
  const file = path.join(scratchDir('revoke'), 'config.json');
  writeFileSync(file, JSON.stringify(configOverride));
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, { PRIVATE_API_CONFIG: file });
  return { code, out, err };
}

function serviceAccount(principals: string[], connections: { id: string; state: string }[]) {
  mockServiceAccount(ec2, sts, GONE, principals, connections);
}

beforeEach(() => {
  ec2.reset();
  sts.reset();
  lattice.reset();
  lattice.on(ListResourceConfigurationsCommand).resolves({ items: [] });
});

describe('revoke', () => {
  it("runs every transport's revocation in registry order, each printing its lines", async () => {
    expect(Object.keys(REVOCATIONS)).toEqual(['privatelink', 'peering', 'private-domain', 'lattice']);
    serviceAccount([ROOT], [{ id: 'vpce-0aaa', state: 'available' }]);
    const { code, out, err } = await run([GONE]);
    expect(err).toEqual([]);
    expect(out).toEqual([
      `${SERVICE_ID}: removed ${ROOT} from the allowed principals: new endpoints of ${GONE} are refused`,
      `${SERVICE_ID}: rejected vpce-0aaa (was available)`,
      `Revoked ${GONE}: its connections are rejected and a new endpoint is refused.`,
      ...QUIET_LINES,
    ]);
    expect(code).toBe(0);
  });

  it('a second run: nothing left to do on any transport', async () => {
    serviceAccount([], [{ id: 'vpce-0aaa', state: 'rejected' }]);
    const { code, out } = await run([GONE]);
    expect(out).toEqual([
      `${SERVICE_ID}: ${GONE} is not an allowed principal`,
      `${SERVICE_ID}: vpce-0aaa already rejected`,
      `Nothing left to do: ${GONE} is not allowed and has no open connection.`,
      ...QUIET_LINES,
    ]);
    expect(code).toBe(0);
  });

  it('a transport that fails makes the run exit 1; the others still run', async () => {
    serviceAccount([ROOT], [{ id: 'vpce-0aaa', state: 'available' }]);
    ec2.on(RejectVpcEndpointConnectionsCommand).resolves({
      Unsuccessful: [{ ResourceId: 'vpce-0aaa', Error: { Code: 'InvalidVpcEndpointId.NotFound', Message: 'The Vpc Endpoint Id vpce-0aaa does not exist' } }],
    });
    const { code, out } = await run([GONE]);
    expect(out.slice(-1 - QUIET_LINES.length)).toEqual([`Not done: 1 step(s) failed for ${GONE}; fix the cause and run this again.`, ...QUIET_LINES]);
    expect(code).toBe(1);
  });

  it("credentials of another account than the service's: exits 2", async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '999999999999' });
    const { code, out, err } = await run([GONE]);
    expect(code).toBe(2);
    const refusal =
      'revoke: the credentials are for account 999999999999, not the service account 111111111111 (service.accountId): set service.roleArn or service.profile in the configuration, or AWS_PROFILE.';
    // PrivateLink and VPC Lattice act in the service account: both refuse; the transports with nothing to call speak.
    expect(err).toEqual([refusal, refusal]);
    expect(out).toEqual([PEERING_LINE, PRIVATE_DOMAIN_LINE]);
    expect(ec2.calls()).toHaveLength(0);
    expect(lattice.calls()).toHaveLength(0);
  });

  it('refuses while the account is still a PrivateLink customer in the config, before calling AWS', async () => {
    const { code, out, err } = await run(['222222222222']);
    expect(out).toEqual([]);
    expect(err).toEqual([
      'revoke: refused: 222222222222 is still customers[0] ("customer", privatelink) in the configuration: the next `cdktf deploy service` would admit it again. ' +
        'Remove customers[0] from the configuration first (`npx cdktf destroy customer` before that, if you manage its stack), then run this again.',
    ]);
    expect(code).toBe(2);
    expect(ec2.calls()).toHaveLength(0);
    expect(sts.calls()).toHaveLength(0);
  });

  it('refuses while the account is still a peering customer in the config, saying why, before calling AWS', async () => {
    const { code, out, err } = await run(['444444444444']);
    expect(out).toEqual([]);
    expect(err).toEqual([
      'revoke: refused: 444444444444 is still customers[1] ("partner", peering) in the configuration: ' +
        "the next `cdktf deploy service` would keep 443 open to its CIDR on the service endpoint's security group, and its stack keeps the peering. " +
        'Destroy its stack first (`npx cdktf destroy partner`: it deletes the peering, and needs the customer in the configuration), ' +
        'then remove customers[1] from the configuration, run `npx cdktf deploy service` and run this again.',
    ]);
    expect(code).toBe(2);
    expect(ec2.calls()).toHaveLength(0);
    expect(sts.calls()).toHaveLength(0);
  });

  it('refuses the service account itself', async () => {
    const { code, err } = await run(['111111111111']);
    expect(code).toBe(2);
    expect(err[0]).toBe('revoke: refused: 111111111111 is the service account (service.accountId): it owns the endpoint service and is no consumer.');
  });

  it.each([[[]], [['12345']], [['22222222222a']], [[GONE, 'extra']]])('a bad argument %j prints the usage and exits 2', async (argv) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err[0]).toMatch(/^revoke: expected (exactly one account id|a 12-digit AWS account id), received .*\n\nUsage: npm run revoke -- <account-id>/);
  });

  it('--help prints the usage', async () => {
    expect(await run(['--help'])).toEqual({ code: 0, out: [USAGE], err: [] });
  });

  it("the usage has each transport's paragraph, by its connectivity name", () => {
    for (const [kind, revocation] of Object.entries(REVOCATIONS)) expect(USAGE).toContain(`\n${kind}: ${revocation.usage}\n`);
  });
});
