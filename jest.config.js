/**
 * Projects: `unit` (synth + assertions, seconds), `cli` (main.ts as a process), `engine` (terraform validate
 * against the aws 5.100.0 mirror, offline): `npm test` runs these three. `e2e` deploys into the moto emulator
 * with `cdktf deploy` (minutes): `npm run e2e`.
 */
const shared = {
  testEnvironment: 'node',
  // sucrase: strips types and converts imports, no type-checking (tsc --noEmit does that), no native binary.
  transform: { '^.+\\.ts$': '@sucrase/jest-plugin' },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.js'],
  // Only the test trees are crawled for the haste map; node_modules and cdktf.out are resolved, never scanned.
  roots: ['<rootDir>/__tests__'],
};

module.exports = {
  // Spec files are independent; on a 2-core machine jest would otherwise use a single worker.
  maxWorkers: 2,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['/__tests__/(engine|cli)/'],
      moduleNameMapper: { '^archiver$': '<rootDir>/__tests__/lazy-archiver.js' },
      // The named configs of __tests__/fixtures/catalogue.ts, synthesized once per run; specs read their JSON.
      globalSetup: '<rootDir>/__tests__/fixtures/global-setup.ts',
      globalTeardown: '<rootDir>/__tests__/fixtures/global-teardown.ts',
    },
    // main.ts as a process: exit codes, stderr, what lands on disk.
    { ...shared, displayName: 'cli', testMatch: ['<rootDir>/__tests__/cli/**/*.test.ts'] },
    { ...shared, displayName: 'engine', testMatch: ['<rootDir>/__tests__/engine/**/*.test.ts'] },
    { ...shared, displayName: 'e2e', roots: ['<rootDir>/e2e'], testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'] },
  ],
};
