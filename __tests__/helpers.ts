import { scratchDir } from './scratch';
import { recordGolden } from './golden';
import { Testing } from 'cdktf';
import { TerraformJson } from './synth-module';
import { AppConfig, DEFAULT_CONFIG_INPUT, deepMerge, parseConfig } from '../config';
import { createStacks, PrivateApiStacks } from '../stacks/app';

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

export interface SynthesizedApp {
  readonly stacks: PrivateApiStacks;
  /** Terraform JSON text of each stack by name, after the app's cross-stack references are resolved. */
  readonly json: Record<string, string>;
  readonly parsed: Record<string, TerraformJson>;
}

const synthesized = new Map<string, SynthesizedApp>();

/**
 * Each stack's Terraform JSON with the app's cross-stack references resolved (outputs in `service`,
 * `terraform_remote_state` in the consumers): `prepareStack()` is the step of `App.synth()` that creates them.
 * The rest of `App.synth()` (writing files, zipping the Lambda in a child process) is left to the cli and engine
 * tiers, which run the real thing. Memoized per config within a spec file.
 */
export function synthApp(config: AppConfig): SynthesizedApp {
  const key = JSON.stringify(config);
  const cached = synthesized.get(key);
  if (cached) return cached;
  const stacks = createStacks(Testing.app({ outdir: scratchDir('app') }), config);
  const all = [stacks.service, ...stacks.customers];
  all.forEach((stack) => stack.prepareStack());
  const json = Object.fromEntries(all.map((stack) => [stack.node.id, Testing.synth(stack)]));
  const parsed = Object.fromEntries(Object.entries(json).map(([k, v]) => [k, JSON.parse(v)]));
  const result = { stacks, json, parsed };
  synthesized.set(key, result);
  recordGolden(json);
  return result;
}

export { allBlocks, blocksOf } from './synth-module';
export type { TerraformJson } from './synth-module';
