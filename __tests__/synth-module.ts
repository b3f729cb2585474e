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
