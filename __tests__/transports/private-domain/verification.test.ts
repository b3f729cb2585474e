import { deepMerge, DEFAULT_CONFIG_INPUT, parseConfig } from '../../../config';
import { planChecks } from '../../../scripts/verify/plan';
import { privateDomainCustomerLine, privateDomainVerification } from '../../../transports/private-domain/verification';
import { VERIFICATIONS } from '../../../transports/verifications';
import { CERT, fakeSsm, resetAws, run, StackOutputs, stdout } from '../../scripts/verify-harness';

beforeEach(resetAws);

const RETAIL_I = 'i-0eeeeeeeeeeeeeee5';
/** One private-domain consumer, `retail`, calling the default API through its custom domain. */
const withPrivateDomain = {
  customDomain: { name: 'api.hoge.co.jp', certificateArn: CERT },
  customers: [{ name: 'retail', accountId: '444444444444', connectivity: 'private-domain', vpcCidr: '10.44.0.0/16' }],
};
const outputs: StackOutputs = { retail: { test_instance_id: RETAIL_I, curl_custom_domain: "curl 'https://api.hoge.co.jp/'" } };
const hintOf = (out: string[]) => out.find((l) => l.startsWith('  hint: '))!;

describe('private-domain verification: the custom domain line and its hints', () => {
  it('is the registry entry for private-domain: no line of its own on the service stack, its hints on the custom domain line', () => {
    expect(VERIFICATIONS['private-domain']).toBe(privateDomainVerification);
    expect(privateDomainVerification.serviceLines).toEqual({});
    const { checks } = planChecks(outputs, parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, withPrivateDomain)));
    expect(checks.map((c) => [c.output, c.hints])).toEqual([['curl_custom_domain', privateDomainCustomerLine]]);
  });

  it("403: the policies must grant this VPC's own endpoint (not the service's), then the stage redeploys", async () => {
    fakeSsm(() => ({ Status: 'Success', StandardOutputContent: stdout(0, '403', '{"message":"Forbidden"}') }));
    const { code, out } = await run([], { outputs, config: withPrivateDomain });
    expect(out[0]).toMatch(/^FAIL retail\/curl_custom_domain https:\/\/api\.hoge\.co\.jp\/ 403 /);
    expect(hintOf(out)).toContain("aws:SourceVpce = this VPC's own execute-api endpoint, output execute_api_endpoint_id");
    expect(hintOf(out)).not.toContain("the service's execute-api endpoint");
    expect(code).toBe(1);
  });

  it('certificate does not verify: the share accepted, the association of this endpoint, both policies', async () => {
    const mismatch = "curl: (60) SSL: no alternative certificate subject name matches target host name 'api.hoge.co.jp'";
    fakeSsm(() => ({ Status: 'Success', StandardOutputContent: stdout(60, '000', '', mismatch) }));
    const { out } = await run([], { outputs, config: withPrivateDomain });
    expect(hintOf(out)).toContain('the RAM share must be accepted (output private_domain_share_status: ACTIVE)');
    expect(hintOf(out)).toContain("this VPC's endpoint associated with the name");
  });

  it("timeout: this VPC's own endpoint and its security group", async () => {
    fakeSsm(() => ({ Status: 'Success', StandardOutputContent: stdout(28, '000', '', 'curl: (28) Connection timed out') }));
    const { out } = await run([], { outputs, config: withPrivateDomain });
    expect(hintOf(out)).toBe(`  hint: ${privateDomainCustomerLine.timeout}`);
    expect(hintOf(out)).toContain("this VPC's execute-api endpoint must be available");
  });

  it("name does not resolve: a private zone named after the domain, aliased to this VPC's endpoint", async () => {
    fakeSsm(() => ({ Status: 'Success', StandardOutputContent: stdout(6, '000', '', 'curl: (6) Could not resolve host: api.hoge.co.jp') }));
    const { out } = await run([], { outputs, config: withPrivateDomain });
    expect(hintOf(out)).toContain('api.hoge.co.jp does not resolve here');
  });
});
