import { AppConfig, ConfigError, DEFAULT_CONFIG_INPUT, deepMerge, parseConfig } from '../config';

/** The default config with `override` deep-merged over it (arrays replace), validated like main.ts does. */
export function testConfig(override: Record<string, unknown> = {}): AppConfig {
  return parseConfig(deepMerge(DEFAULT_CONFIG_INPUT, override), 'test configuration');
}

/** A two-customer config: one PrivateLink (the default customer), one peering. */
export function mixedModesConfig(override: Record<string, unknown> = {}): AppConfig {
  return testConfig({
    customers: [
      { ...DEFAULT_CONFIG_INPUT.customers[0] },
      { name: 'partner', accountId: '333333333333', vpcCidr: '10.2.0.0/16', connectivity: 'peering' },
    ],
    ...override,
  });
}

/** The message of the ConfigError that `testConfig(override)` throws; fails the test when it throws none or another. */
export function configErrorFor(override: Record<string, unknown>): string {
  try {
    testConfig(override);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(override)} to be refused`);
}
