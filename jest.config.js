/**
 * Two projects: `unit` (synth + assertions, seconds) and `engine` (terraform validate against the aws 5.100.0
 * mirror, offline). `npm test` runs both. `e2e` deploys into
 * the moto emulator with `cdktf deploy` (minutes): `npm run e2e`.
 */
const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.js'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/__tests__/**/*.test.ts'], testPathIgnorePatterns: ['/__tests__/engine/'] },
    { ...shared, displayName: 'engine', testMatch: ['<rootDir>/__tests__/engine/**/*.test.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'] },
  ],
};
