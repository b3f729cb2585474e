import { scratchDir } from './scratch';
import { recordGolden } from './golden';
import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

/** Helpers for module specs: no config or stack code is loaded, so each module spec stays light. */

export type TerraformJson = Record<string, any>;

/** Synthesizes one module inside a bare stack with an aliased provider named `test`. */
let outdir: string | undefined;

export function synthModule(build: (scope: Construct, provider: AwsProvider) => void): { json: string; parsed: TerraformJson } {
  // One output directory per spec file: Testing.synth writes nothing there, each app only needs one to exist.
  const app = Testing.app({ outdir: (outdir ??= scratchDir('app')) });
  const stack = new TerraformStack(app, 'test');
  const provider = new AwsProvider(stack, 'aws', { region: 'ap-northeast-1', alias: 'test' });
  build(stack, provider);
  const json = Testing.synth(stack);
  recordGolden({ test: json });
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

/**
 * What changes between two syntheses of one stack, by address (`type.name`, `data.type.name`, `local.name`,
 * `output.name`): blocks
 * only in `after` (added), only in `before` (removed), and in both with another body (changed). The Terraform view
 * of a config edit: an address in none of the three lists plans no change.
 */
export function blockChanges(before: TerraformJson, after: TerraformJson): { added: string[]; removed: string[]; changed: string[] } {
  const addresses = (parsed: TerraformJson) => {
    const out = new Map<string, string>();
    for (const kind of ['resource', 'data']) {
      for (const [type, byName] of Object.entries(parsed[kind] ?? {})) {
        for (const [name, body] of Object.entries(byName as Record<string, TerraformJson>)) out.set(`${kind === 'data' ? 'data.' : ''}${type}.${name}`, JSON.stringify(body));
      }
    }
    for (const [name, body] of Object.entries(parsed.locals ?? {})) out.set(`local.${name}`, JSON.stringify(body));
    for (const [name, body] of Object.entries(parsed.output ?? {})) out.set(`output.${name}`, JSON.stringify(body));
    return out;
  };
  const [a, b] = [addresses(before), addresses(after)];
  return {
    added: [...b.keys()].filter((k) => !a.has(k)).sort(),
    removed: [...a.keys()].filter((k) => !b.has(k)).sort(),
    changed: [...a.keys()].filter((k) => b.has(k) && a.get(k) !== b.get(k)).sort(),
  };
}
