import { deepMerge, DEFAULT_CONFIG_INPUT, parseConfig } from '../../../config';
import { planChecks } from '../../../scripts/verify/plan';
import { LATTICE_SHARE_STATUS, latticeCustomerLine, latticeVerification, RESOURCE_ENDPOINT_ACCESSIBILITY } from '../../../transports/lattice/verification';
import { VERIFICATIONS } from '../../../transports/verifications';
import { API, fakeSsm, HELLO, resetAws, run, StackOutputs, stdout } from '../../scripts/verify-harness';

beforeEach(resetAws);

const EVENTS_I = 'i-0ddddddddddddddd4';
/** The default customer beside a lattice consumer, `events`. */
const withLattice = { customers: [DEFAULT_CONFIG_INPUT.customers[0], { name: 'events', accountId: '555555555555', connectivity: 'lattice', vpcCidr: '10.55.0.0/16' }] };
const line = `curl -k 'https://vpce.hoge.co.jp/prod' -H 'x-apigw-api-id: ${API}'`;

describe('lattice verification: the customer line and its hints', () => {
  it('is the registry entry for lattice: no line of its own on the service stack, its hints on the customer line', () => {
    expect(VERIFICATIONS.lattice).toBe(latticeVerification);
    expect(latticeVerification.serviceLines).toEqual({});
    const outputs: StackOutputs = { events: { test_instance_id: EVENTS_I, curl: line } };
    expect(planChecks(outputs, parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, withLattice))).checks.map((c) => c.hints)).toEqual([latticeCustomerLine]);
  });

  it("name does not resolve: hints at the zone's alias to the resource endpoint's association name", async () => {
    fakeSsm(() => ({ Status: 'Success', StandardOutputContent: stdout(6, '000', '', 'curl: (6) Could not resolve host') }));
    const { out } = await run([], { outputs: { events: { test_instance_id: EVENTS_I, curl: line } }, config: withLattice });
    expect(out).toContain(
      "  hint: the private zone of vpce.hoge.co.jp must be associated with this customer's VPC and hold that record as an alias to the resource endpoint's DNS name (output endpoint_dns_name: the name of its association with the resource configuration, empty until the endpoint is available).",
    );
  });

  it("timeout: hints at the share's acceptance, the endpoint's association, both security groups, the gateway", async () => {
    fakeSsm((url) => ({ Status: 'Success', StandardOutputContent: url.includes('vpce.hoge') ? stdout(28, '000', '', 'curl: (28) Connection timed out') : HELLO }));
    const { out } = await run([], { outputs: { events: { test_instance_id: EVENTS_I, curl: line } }, config: withLattice });
    const hint = out.find((l) => l.startsWith('  hint: no TCP connection on 443'))!;
    expect(hint).toContain(`${LATTICE_SHARE_STATUS}: ACTIVE`);
    expect(hint).toContain(RESOURCE_ENDPOINT_ACCESSIBILITY);
    expect(hint).toContain("the resource gateway's security group must allow 443 out to the execute-api endpoint's security group");
  });
});
