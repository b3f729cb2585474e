/**
 * Two projects: `unit` (synth + assertions, seconds) and `engine` (terraform validate against the aws 5.100.0
 * mirror, offline). `npm test` runs both; the emulator tier is `npm run e2e`.
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
  ],
};
