import { CURL_CUSTOM_DOMAIN, CURL_CUSTOMER, CURL_IN_SERVICE_VPC, GENERIC_CURL_OUTPUTS, isCurlOutput, outputKey, outputName, outputSuffix, splitOutputName } from '../../stacks/output-names';

describe('stacks/output-names: the names the stacks write and verify reads', () => {
  it('suffixes an API of apis with its name, - as _; the default API keeps the plain name', () => {
    expect(outputKey('billing-v2')).toBe('billing_v2');
    expect(outputSuffix({ key: 'billing-v2' })).toBe('_billing_v2');
    expect(outputSuffix({})).toBe('');
    expect(outputName(CURL_IN_SERVICE_VPC, { key: 'orders' })).toBe('curl_in_service_vpc_orders');
    expect(outputName(CURL_CUSTOMER, {})).toBe('curl');
  });

  it('every curl output starts with curl; other outputs do not count as lines', () => {
    expect(GENERIC_CURL_OUTPUTS).toEqual(['curl_in_service_vpc', 'curl', 'curl_custom_domain']);
    expect(GENERIC_CURL_OUTPUTS.every(isCurlOutput)).toBe(true);
    expect(isCurlOutput('api_id_orders')).toBe(false);
  });

  it('reads the API back from a name: the longest suffix, preferring one that leaves a given base', () => {
    const apis = [{ name: 'x' }, { name: 'domain-x' }];
    expect(splitOutputName('curl_custom_domain_x', apis, [CURL_CUSTOM_DOMAIN])).toEqual({ api: { name: 'x' }, index: 0, base: 'curl_custom_domain' });
    expect(splitOutputName('curl_custom_domain_x', apis, [])).toEqual({ api: { name: 'domain-x' }, index: 1, base: 'curl_custom' });
    expect(splitOutputName('curl', apis, GENERIC_CURL_OUTPUTS)).toBeUndefined();
  });
});
