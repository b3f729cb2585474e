import { planChecks } from '../../../scripts/verify/plan';
import { peeringCustomerLine, peeringVerification } from '../../../transports/peering/verification';
import { VERIFICATIONS } from '../../../transports/verifications';
import { fakeSsm, HELLO, HOST, PARTNER_I, resetAws, run, StackOutputs, stdout, timeoutButCustomDomain, twoModes, twoModesConfig } from '../../scripts/verify-harness';

beforeEach(resetAws);

describe('peering verification: the customer line and its hints', () => {
  it('is the registry entry for peering: no line of its own on the service stack, its hints on the customer line', () => {
    expect(VERIFICATIONS.peering).toBe(peeringVerification);
    expect(peeringVerification.serviceLines).toEqual({});
    const outputs: StackOutputs = { partner: { test_instance_id: PARTNER_I, curl: `curl 'https://${HOST}/prod'`, curl_custom_domain: "curl 'https://api.hoge.co.jp/'" } };
    expect(planChecks(outputs, twoModesConfig()).checks.map((c) => c.hints)).toEqual([peeringCustomerLine, peeringCustomerLine]);
  });

  it('name does not resolve over peering: hints at the API-named private zone', async () => {
    fakeSsm((url) => ({ Status: 'Success', StandardOutputContent: url.includes(HOST) ? stdout(6, '000', '', 'curl: (6) Could not resolve host') : HELLO }));
    const outputs: StackOutputs = { partner: { test_instance_id: PARTNER_I, curl: `curl 'https://${HOST}/prod'` } };
    const { out } = await run([], { outputs, config: twoModes });
    expect(out).toContain(`  hint: the private zone ${HOST} must be associated with this customer's VPC, with an apex alias to the service's execute-api endpoint (write-up 2, troubleshooting: private hosted zone).`);
  });

  it("timeout (curl exit 28): hints at the peering, its routes and the endpoint's security group; the custom domain still answers", async () => {
    const outputs = timeoutButCustomDomain();
    const { code, out } = await run([], { outputs, config: twoModes });
    const text = out.join('\n');
    expect(text).toContain('hint: no TCP connection on 443 (timed out or refused): the peering connection must be active, with routes both ways');
    expect(text).toContain('PASS partner/curl_custom_domain https://api.hoge.co.jp/ 200 "Hello from Lambda"');
    expect(code).toBe(1);
  });
});
