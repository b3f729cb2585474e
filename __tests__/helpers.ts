import { readFileSync } from 'node:fs';
import * as path from 'node:path';
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
 * Synthesizes the app as `cdktf synth` does and returns each stack's Terraform JSON as written to the outdir.
 * Cross-stack references become outputs + `terraform_remote_state` only in a full app synth. Memoized per config
 * within a spec file: a full synth zips the Lambda asset in a child process (~0.2 s).
 */
export function synthApp(config: AppConfig): SynthesizedApp {
  const key = JSON.stringify(config);
  const cached = synthesized.get(key);
  if (cached) return cached;
  const app = Testing.app();
  const stacks = createStacks(app, config);
  app.synth();
  const json: Record<string, string> = {};
  for (const stack of [stacks.service, ...stacks.customers]) {
    json[stack.node.id] = readFileSync(path.join(app.outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8');
  }
  const parsed = Object.fromEntries(Object.entries(json).map(([k, v]) => [k, JSON.parse(v)]));
  const result = { stacks, json, parsed };
  synthesized.set(key, result);
  return result;
}

/**
 * Each stack's JSON without the app-level synth: no asset zipping, no cross-stack outputs or remote state.
 * Enough (and ~10× cheaper) for assertions that do not involve values passed between stacks.
 */
export function synthStacks(config: AppConfig): Pick<SynthesizedApp, 'json' | 'parsed'> {
  const app = Testing.app();
  const stacks = createStacks(app, config);
  const json = Object.fromEntries([stacks.service, ...stacks.customers].map((stack) => [stack.node.id, Testing.synth(stack)]));
  const parsed = Object.fromEntries(Object.entries(json).map(([k, v]) => [k, JSON.parse(v)]));
  return { json, parsed };
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
