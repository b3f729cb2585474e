export { configErrorFor, mixedModesConfig, testConfig } from './test-config';
// Whole apps are synthesized once per run from the named configs of fixtures/catalogue.ts; specs read them by name.
export { fixture } from './fixtures';
export type { FixtureName, SynthesizedFixture } from './fixtures';
export { allBlocks, blockChanges, blocksOf } from './synth-module';
export type { TerraformJson } from './synth-module';
