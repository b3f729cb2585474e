/** The cdktf outputs file verify reads, and the exact command that writes it. */
import { existsSync, readFileSync } from 'node:fs';
import { AppConfig, CONFIG_ENV_VAR, SERVICE_STACK_NAME } from '../../config';
import type { StackOutputs } from '../../stacks/output-names';
import { SetupError } from '../aws-session';

export type { StackOutputs } from '../../stacks/output-names';

export const DEFAULT_OUTPUTS_FILE = 'outputs.json';

/** Reads cdktf's outputs file (`{ "<stack>": { "<output>": value } }`); a missing or empty one says how to make it. */
export function readOutputs(file: string, config: AppConfig, env: NodeJS.ProcessEnv = process.env, shownAs = file): StackOutputs {
  const make = outputsCommand(config, shownAs, env);
  if (!existsSync(file)) {
    throw new SetupError(`No outputs file at ${shownAs}. After \`cdktf deploy\`, write it with:\n  ${make}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SetupError(`${shownAs} is not valid JSON (${(error as Error).message}). Write it again with:\n  ${make}`);
  }
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(parsed) || !Object.values(parsed).some((stack) => isObject(stack) && Object.keys(stack).length > 0)) {
    throw new SetupError(`${shownAs} holds no outputs yet: deploy the stacks, then write it with:\n  ${make}`);
  }
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => isObject(v))) as StackOutputs;
}

/** The exact command that writes the outputs file for this config. */
export function outputsCommand(config: AppConfig, file: string, env: NodeJS.ProcessEnv = process.env): string {
  const stacks = [SERVICE_STACK_NAME, ...config.customers.map((c) => c.name)].join(' ');
  const prefix = env[CONFIG_ENV_VAR] ? `${CONFIG_ENV_VAR}=${env[CONFIG_ENV_VAR]} ` : '';
  return `${prefix}npx cdktf output ${stacks} --outputs-file ${file}`;
}
