import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
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

export type TerraformJson = Record<string, any>;

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
  const stacks = createStacks(Testing.app(), config);
  const all = [stacks.service, ...stacks.customers];
  all.forEach((stack) => stack.prepareStack());
  const json = Object.fromEntries(all.map((stack) => [stack.node.id, Testing.synth(stack)]));
  const parsed = Object.fromEntries(Object.entries(json).map(([k, v]) => [k, JSON.parse(v)]));
  const result = { stacks, json, parsed };
  synthesized.set(key, result);
  return result;
}

/** Synthesizes one module inside a bare stack with an aliased provider named `test`. */
export function synthModule(build: (scope: Construct, provider: AwsProvider) => void): { json: string; parsed: TerraformJson } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  const provider = new AwsProvider(stack, 'aws', { region: 'ap-northeast-1', alias: 'test' });
  build(stack, provider);
  const json = Testing.synth(stack);
  return { json, parsed: JSON.parse(json) };
}

/** Every resource and data source of a synthesized stack, as [type, name, body]. */
export function allBlocks(parsed: TerraformJson): [string, string, TerraformJson][] {
  const out: [string, string, TerraformJson][] = [];
  for (const kind of ['resource', 'data']) {
    for (const [type, byName] of Object.entries(parsed[kind] ?? {})) {
      if (type === 'terraform_remote_state') continue;
      for (const [name, body] of Object.entries(byName as Record<string, TerraformJson>)) {
        out.push([`${kind === 'data' ? 'data.' : ''}${type}`, name, body]);
      }
    }
  }
  return out;
}

/** Bodies of all blocks of one resource type. */
export function blocksOf(parsed: TerraformJson, type: string, kind: 'resource' | 'data' = 'resource'): TerraformJson[] {
  return Object.values(parsed[kind]?.[type] ?? {});
}
