// Before anything loads cdktf: its modules create tokens as they load (token-traces.ts).
require('./token-traces').installTokenTraces();

// cdktf's jest matchers: toHaveResource(WithProperties), toHaveDataSource…, toBeValidTerraform, toPlanSuccessfully.
// Registered by name and loaded on first use: loading cdktf costs every spec file that does, and most never assert
// with them (config, scripts, docs, transports).
const CDKTF_MATCHERS = [
  'toHaveResource',
  'toHaveResourceWithProperties',
  'toHaveDataSource',
  'toHaveDataSourceWithProperties',
  'toHaveProvider',
  'toHaveProviderWithProperties',
  'toBeValidTerraform',
  'toPlanSuccessfully',
];
let cdktfMatchers;
function loadCdktfMatchers() {
  if (!cdktfMatchers) {
    const extend = expect.extend;
    expect.extend = (matchers) => (cdktfMatchers = matchers);
    try {
      require('cdktf').Testing.setupJest();
    } finally {
      expect.extend = extend;
    }
  }
  return cdktfMatchers;
}
expect.extend(
  Object.fromEntries(
    CDKTF_MATCHERS.map((name) => [
      name,
      function (...args) {
        return loadCdktfMatchers()[name].apply(this, args);
      },
    ]),
  ),
);
