import { deepMerge, DEFAULT_CONFIG_INPUT, parseConfig } from '../../../config';
import { privateDomainRevocation } from '../../../transports/private-domain/revocation';
import { REVOCATIONS } from '../../../transports/revocations';
import { privateDomainVerification } from '../../../transports/private-domain/verification';
import { VERIFICATIONS } from '../../../transports/verifications';

const config = parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, {}));

describe('private-domain revocation', () => {
  it('is the registry entry for private-domain', () => {
    expect(REVOCATIONS['private-domain']).toBe(privateDomainRevocation);
  });

  it('calls nothing and says what the next service deploy cuts', async () => {
    const out: string[] = [];
    const code = await privateDomainRevocation.revoke('444444444444', { config, io: { out: (l) => out.push(l), err: () => undefined } });
    expect(code).toBe(0);
    expect(out).toEqual([
      'Private domain: nothing to call for 444444444444: the next `cdktf deploy service` after it left the configuration removes it from the RAM share and its endpoint from the policies, and redeploys the stages.',
    ]);
  });

  it('refuses while the customer is in the configuration, saying why and what to do', () => {
    expect(privateDomainRevocation.stillConfigured(config.customers[0], 'customers[0]')).toBe(
      'the next `cdktf deploy service` would keep sharing the domain names with it and granting its endpoint. Remove customers[0] from the configuration, run `npx cdktf deploy service` and run this again.',
    );
  });
});

describe('private-domain verification', () => {
  it('is the registry entry, with no service line of its own', () => {
    expect(VERIFICATIONS['private-domain']).toBe(privateDomainVerification);
    expect(privateDomainVerification.serviceLines).toEqual({});
  });

  it('names what a call through the shared name relies on', () => {
    const line = privateDomainVerification.customerLine;
    expect(line.dns('api.hoge.co.jp')).toContain("the private zone api.hoge.co.jp must be associated with this customer's VPC, with an apex alias to this VPC's own execute-api endpoint");
    expect(line.timeout).toContain("this VPC's execute-api endpoint must be available");
    expect(line.customDomainPath).toContain('the RAM share must be accepted (output private_domain_share_status: ACTIVE)');
  });
});
