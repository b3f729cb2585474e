import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..');

/** The command cdktf runs to synthesize (cdktf.json's "app"), split for spawn: what every tool must run too. */
export function appCommand(): string[] {
  return (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdktf.json'), 'utf8')).app as string).split(' ');
}
